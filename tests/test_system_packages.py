"""`make test` on a fresh machine: the system packages the tests need are present, or the exact command is printed."""

import subprocess
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "system_packages.sh"
PACKAGES = "chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation gettext wrk"


def test_a_machine_without_the_packages_stops_at_once_with_the_apt_command(tmp_path):
    result = subprocess.run(
        [str(SCRIPT)],
        env={"PATH": "/usr/bin:/bin", "SYSTEM_PACKAGES_PREFIX": str(tmp_path), "SYSTEM_PACKAGES_NO_INSTALL": "1"},
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    assert f"  sudo apt-get install -y {PACKAGES}\n" in result.stderr


def test_only_what_is_missing_is_named(tmp_path):
    for name in ("chromium", "soffice", "pdftotext", "pdftoppm", "xgettext", "wrk"):
        tool = tmp_path / "usr" / "bin" / name
        tool.parent.mkdir(parents=True, exist_ok=True)
        tool.write_text("#!/bin/sh\n")
        tool.chmod(0o755)
    program = tmp_path / "usr" / "lib" / "libreoffice" / "program"
    program.mkdir(parents=True)
    (program / "libswlo.so").write_text("")

    result = subprocess.run(
        [str(SCRIPT)],
        env={"PATH": "/usr/bin:/bin", "SYSTEM_PACKAGES_PREFIX": str(tmp_path), "SYSTEM_PACKAGES_NO_INSTALL": "1"},
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    assert "  sudo apt-get install -y libreoffice-calc-nogui fonts-liberation\n" in result.stderr


def test_this_machine_has_what_the_tests_need():
    result = subprocess.run([str(SCRIPT)], env={"PATH": "/usr/bin:/bin", "SYSTEM_PACKAGES_NO_INSTALL": "1"})
    assert result.returncode == 0
