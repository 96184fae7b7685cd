"""Fill a .po catalogue from a JSON file of {msgid: msgstr}; English catalogues copy msgid.

    python scripts/fill_catalogue.py locale/vi/LC_MESSAGES/django.po vi.json
    python scripts/fill_catalogue.py locale/en/LC_MESSAGES/django.po --english

Plural entries take a list [singular, plural] in the JSON. Prints what is still untranslated.
"""

import json
import sys

import polib


def main(path: str, source: str) -> int:
    po = polib.pofile(path)
    table = {}
    if source != "--english":
        with open(source, encoding="utf-8") as fh:
            table = json.load(fh)
    for entry in po:
        if source == "--english":
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
        elif entry.msgid in table:
            value = table[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(value if isinstance(value, list) else [value]))
            else:
                entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(path)
    missing = [e.msgid for e in po.untranslated_entries()]
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
