"""Compile every .po catalogue of the project to .mo with polib (no gettext tools needed)."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    for po_path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/*.po")):
        if ".venv" in po_path.parts:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print("compiled", po_path.relative_to(ROOT))
