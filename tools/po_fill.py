"""Fill the Vietnamese catalogue from the translation files in locale/vi/translations/*.json.

Each JSON file maps an English source string to its Vietnamese text (plural forms: a list of one
string, Vietnamese has one form). Keeping translations in per-area files lets several people add UI
strings at once without editing the same .po file. Prints what is still untranslated; exit status 1
when something is, so `make messages` shows it.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def load_translations() -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((ROOT / "locale" / "vi" / "translations").glob("*.json")):
        for msgid, msgstr in json.loads(path.read_text(encoding="utf-8")).items():
            merged[msgid] = msgstr[0] if isinstance(msgstr, list) else msgstr
    return merged


def main() -> int:
    translations = load_translations()
    po = polib.pofile(str(PO))
    po.metadata["Language"] = "vi"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        text = translations.get(entry.msgid)
        if text is None:
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(PO))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
