"""Text as offices save it: each encoding and line-end convention gives the UTF-8 twin's lines,
numbered the same, and so the same figures on the same lines."""
from __future__ import annotations

import unicodedata

import pytest
from reader_twins import windows_1258

from dbreport.extract import extract_document
from dbreport.ingest import read_document

SEED = "002_e5c3b20fb8a60370.txt"

ENCODINGS = {
    "utf-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16 (Notepad's Unicode)": lambda t: t.encode("utf-16"),
    "utf-16-be with BOM": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "windows-1258, tones combining": windows_1258,
    "utf-8 NFD": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "utf-8 CRLF": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "windows-1258 CRLF": lambda t: windows_1258(t.replace("\n", "\r\n")),
    "utf-8 CR (old Mac)": lambda t: t.replace("\n", "\r").encode("utf-8"),
}


def figures(doc):
    return [(o.line, o.start, o.quote, o.value, o.unit, o.kind, o.period, o.indicator) for o in extract_document(doc)]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_gives_the_lines_and_figures_of_the_utf8_twin(encoding, text_twin, tmp_path):
    twin, _ = text_twin(SEED)
    path = tmp_path / SEED
    path.write_bytes(ENCODINGS[encoding]((twin.path).read_text("utf-8")))
    doc = read_document(path)
    assert doc.lines == twin.lines
    assert figures(doc) == figures(twin) and len(figures(twin)) > 10
