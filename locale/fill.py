"""Fill catalogs after `make update`: the English catalog with its msgids (English is the source
language), the Vietnamese one from a dict file of new translations (python locale/fill.py vi FILE).
Entries already translated are kept; the tests refuse empty or fuzzy entries."""
import ast
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent


def fill(lang: str, table: dict) -> list[str]:
    path = ROOT / lang / "LC_MESSAGES" / "dbreport.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    missing = []
    for m in catalog:
        if not m.id:
            continue
        key = m.id[0] if isinstance(m.id, tuple) else m.id
        done = all(m.string) if isinstance(m.string, tuple) else bool(m.string)
        if done and not m.fuzzy:
            continue
        if lang == "en":
            m.string = m.id if isinstance(m.id, tuple) else m.id
        elif key in table or (key,) in table:
            text = table.get(key) or table[(key,)]
            m.string = (text,) if isinstance(m.id, tuple) else text
        else:
            missing.append(key)
            continue
        m.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True)
    return missing


if __name__ == "__main__":
    lang = sys.argv[1]
    table = ast.literal_eval(Path(sys.argv[2]).read_text("utf-8").split("=", 1)[1]) if len(sys.argv) > 2 else {}
    missing = fill(lang, table)
    if missing:
        sys.exit("untranslated: " + "; ".join(missing))
