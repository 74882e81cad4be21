"""The gettext catalogs: complete, current, compiled, and wired the same way at run time as at
extraction (Jinja's `trimmed` policy)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dbreport import render
from dbreport.formatting import Formatter

ROOT = Path(__file__).resolve().parents[1]
PYBABEL = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "pybabel"


def catalog(lang):
    with (ROOT / "locale" / lang / "LC_MESSAGES" / "dbreport.po").open("rb") as fh:
        return read_po(fh)


def pybabel() -> str:
    return str(PYBABEL) if PYBABEL.exists() else shutil.which("pybabel")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_empty_or_fuzzy_entries(lang):
    problems = []
    for m in catalog(lang):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(strings):
            problems.append(m.id)
    assert not problems


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_placeholders_survive_translation(lang):
    for m in catalog(lang):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(re.findall(r"%\((\w+)\)s", ids[-1]))
        for s in strings:
            assert set(re.findall(r"%\((\w+)\)s", s)) == wanted, (m.id, s)


def test_plural_forms_header():
    assert catalog("vi").plural_forms == "nplurals=1; plural=0;"
    assert catalog("en").plural_forms == "nplurals=2; plural=(n != 1);"


def messages(path: Path) -> list[tuple]:
    """What a catalog says (ids, contexts, flags), not who generated it or when."""
    with path.open("rb") as fh:
        return sorted(((m.id, m.context or "", sorted(m.flags)) for m in read_po(fh) if m.id), key=repr)


def test_pot_is_current(tmp_path):
    """Re-extract with the Makefile's flags and compare the messages, not the header (its dates
    and Babel version change with the day and the release, its messages only with our code)."""
    make = (ROOT / "Makefile").read_text("utf-8")
    flags = re.search(r"EXTRACT_FLAGS := (.+?)\n\n", make, re.S)[1].replace("\\\n", " ").split()
    fresh = tmp_path / "fresh.pot"
    subprocess.run([pybabel(), "extract", *flags, "-o", str(fresh), "."], cwd=ROOT, check=True, capture_output=True)
    assert messages(fresh) == messages(ROOT / "locale" / "dbreport.pot"), "run: make update, then translate"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_po_files_cover_the_pot(lang):
    with (ROOT / "locale" / "dbreport.pot").open("rb") as fh:
        pot = {m.id for m in read_po(fh) if m.id}
    assert pot == {m.id for m in catalog(lang) if m.id}


def test_missing_mo_is_an_error_not_silent_english(tmp_path):
    (tmp_path / "vi" / "LC_MESSAGES").mkdir(parents=True)
    with pytest.raises(render.RenderError, match="dbreport.mo"):
        render.load_translations(tmp_path, "vi")


def test_compiled_catalogs_translate():
    assert render.load_translations(ROOT / "locale", "vi").gettext("Key figures") == "Số liệu chính"
    assert render.load_translations(ROOT / "locale", "en").gettext("Key figures") == "Key figures"


def test_trimmed_policy_matches_babel_cfg():
    cfg = (ROOT / "babel.cfg").read_text("utf-8")
    t = render.load_translations(ROOT / "locale", "vi")
    env = render.make_environment(ROOT / "templates", t, Formatter("vi", t))
    assert ("trimmed = true" in cfg) == env.policies["ext.i18n.trimmed"]
    # a multi-line trans block finds its (trimmed) msgid in the catalog
    tpl = env.from_string("{% trans %}\n   Key\n   figures\n{% endtrans %}")
    assert tpl.render() == "Số liệu chính"


def test_templates_autoescape():
    t = render.load_translations(ROOT / "locale", "en")
    env = render.make_environment(ROOT / "templates", t, Formatter("en", t))
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
