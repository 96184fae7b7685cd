"""Every catalogue complete in Vietnamese and English, and holding every string the code marks for translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
LANGUAGES = ["vi", "en"]
# Apps that keep their own catalogue (a locale/ folder beside their code); the rest use the top-level locale/.
APP_DIRS = sorted(
    str(p.parent.relative_to(BASE))
    for p in BASE.glob("**/locale")
    if p.parent != BASE and not {".venv", "node_modules", "staticfiles"} & set(p.parts)
)
NOT_SOURCE = [".venv", "tests", "bench", "media", "staticfiles", "test-artifacts", "node_modules"]
CATALOGUES = [BASE / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in LANGUAGES] + [
    BASE / app / "locale" / lang / "LC_MESSAGES" / "django.po" for app in APP_DIRS for lang in LANGUAGES
]


def relative(path: Path) -> str:
    return str(path.relative_to(BASE))


def msgids(path: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=relative)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(catalogue):
    po = polib.pofile(str(catalogue))

    unfinished = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries() if not e.obsolete]

    assert unfinished == []


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory):
    """The project copied aside and its catalogues extracted anew, as `make catalogues` does."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext (apt-get install gettext) is needed to extract the strings")
    copy = tmp_path_factory.mktemp("extract") / "project"
    shutil.copytree(BASE, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE, "*.po", "*.mo", "__pycache__", ".git"))
    python, manage = sys.executable, str(copy / "manage.py")
    ignores = [f"--ignore={name}" for name in NOT_SOURCE] + [f"--ignore={app}/*" for app in APP_DIRS]
    for folder in [copy / "locale"] + [copy / app / "locale" for app in APP_DIRS]:
        (folder / "vi" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    run = {"check": True, "capture_output": True}
    subprocess.run([python, manage, "makemessages", "-l", "vi", *ignores], cwd=copy, **run)
    for app in APP_DIRS:
        subprocess.run([python, manage, "makemessages", "-l", "vi"], cwd=copy / app, **run)
    return copy


@pytest.mark.parametrize("folder", ["", *APP_DIRS], ids=lambda f: f or "project")
def test_catalogue_holds_every_string_marked_in_the_code(fresh_extraction, folder):
    path = Path(folder, "locale", "vi", "LC_MESSAGES", "django.po")
    extracted = msgids(fresh_extraction / path)

    missing = sorted(msgid for _, msgid in extracted - msgids(BASE / path))

    assert missing == []
