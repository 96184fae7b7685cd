"""Every template of the project obeys the Content-Security-Policy: no inline code, nonces on scripts."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = sorted(
    path
    for path in ROOT.rglob("*.html")
    if not {".venv", "node_modules", "staticfiles", "media", "tests"} & set(path.relative_to(ROOT).parts)
)


def test_templates_are_found():
    assert len(TEMPLATES) >= 5


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_code(path):
    text = path.read_text(encoding="utf-8")

    problems = re.findall(r"\sstyle=[\"']|<style[\s>]|\son[a-z]+=[\"']|javascript:", text)
    problems += [body for body in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S) if body.strip()]

    assert problems == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_scripts_carry_nonce(path):
    tags = re.findall(r"<script\b[^>]*>", path.read_text(encoding="utf-8"))

    assert [tag for tag in tags if 'nonce="{{ request.csp_nonce }}"' not in tag] == []
