"""Files no reader takes are named with the reason; the other documents still build."""
from __future__ import annotations

import io
import zipfile

import pytest

from dbreport.ingest import read_seeds


def zipped(**files: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in files.items():
            z.writestr(name.replace("__", "/"), text)
    return out.getvalue()


REFUSED = {
    "scan.png": (b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image, not a document (a scan must come as a PDF)"),
    "scan.jpg": (b"\xff\xd8\xff\xe0" + bytes(64), "a JPEG image, not a document (a scan must come as a PDF)"),
    "reports.zip": (zipped(a__b="x", c="y"), "a zip archive (2 files): unpack it into seeds/"),
    "figures.xlsx": (zipped(xl__workbook_xml="<w/>", **{"[Content_Types].xml": "<t/>"}),
                     "a spreadsheet: dbreport reads reports, not workbooks (save the report as PDF or .docx)"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "an old binary Office file (.doc/.xls): save it as .docx or PDF"),
    "empty.txt": (b"  \r\n\r\n", "the file is empty"),
    "nothing.html": (b"<!DOCTYPE html><html><head><title>Trang ch\xe1\xbb\xa7</title></head><body></body></html>",
                     "a web page with no article text in it"),
}


def test_each_unreadable_file_is_named_with_its_reason_and_the_others_read(tmp_path, seeds_dir):
    (tmp_path / "good.txt").write_bytes((seeds_dir / "000_8da924b9fbc9c069.txt").read_bytes())
    for name, (raw, _) in REFUSED.items():
        (tmp_path / name).write_bytes(raw)
    docs, errors = read_seeds(tmp_path)
    assert [d.source for d in docs] == ["good.txt"]
    assert sorted(str(e) for e in errors) == sorted(f"{name}: {reason}" for name, (_, reason) in REFUSED.items())


@pytest.mark.parametrize("name", ["report.pdf", "report.docx"])
def test_a_name_that_lies_is_read_by_what_the_bytes_are(name, tmp_path, seeds_dir):
    path = tmp_path / name
    path.write_bytes((seeds_dir / "000_8da924b9fbc9c069.txt").read_bytes())
    docs, errors = read_seeds(tmp_path)
    assert not errors and docs[0].format == "text"
