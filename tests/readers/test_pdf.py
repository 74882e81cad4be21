"""PDF with a text layer: the seeds rendered as PDFs (footnotes set small at the page foot, a
running header, page numbers), read back and compared with the text they were made from."""
from __future__ import annotations

import re

import pytest
from conftest import CONGRESS, HALF_YEAR
from reader_twins import assert_same_figures, figures_in_order

from dbreport.extract import extract_document
from dbreport.ingest import read_document
from dbreport.readers import Unreadable, read_file


@pytest.mark.parametrize("name", [HALF_YEAR, CONGRESS])
def test_pdf_gives_the_figures_of_its_text(name, text_twin, pdf_twin):
    text_doc, expected = text_twin(name)
    doc = read_document(pdf_twin(name))
    assert (doc.format, doc.kind, doc.period, doc.reference_date) == ("pdf", text_doc.kind, text_doc.period, text_doc.reference_date)
    assert_same_figures(expected, figures_in_order(doc, extract_document(doc)))


@pytest.mark.parametrize("name", [HALF_YEAR, CONGRESS])
def test_footnotes_are_told_by_their_small_type_at_the_page_foot(name, text_twin, pdf_twin):
    text_doc, _ = text_twin(name)
    doc = read_document(pdf_twin(name))
    assert sorted(doc.footnotes) == sorted(text_doc.footnotes)
    for note, n in doc.footnotes.items():  # each body starts with its number, on a page's last lines
        assert re.match(rf"{note}\D", doc.lines[n - 1]), (note, doc.lines[n - 1])
    assert doc.markers == {note: line_of(doc, text_doc.lines[n - 1]) for note, n in text_doc.markers.items()}


def line_of(doc, text: str) -> int:
    return next(n for n, line in enumerate(doc.lines, 1) if " ".join(line.split()) == " ".join(text.split()))


def test_running_header_and_page_numbers_are_set_aside_with_their_page(text_twin, pdf_twin):
    doc = read_document(pdf_twin(HALF_YEAR))
    pages = doc.origin(len(doc.lines)).page
    assert pages > 20
    numbers = {doc.origin(n).page: doc.lines[n - 1] for n, why in doc.set_aside.items() if why == "page number"}
    assert numbers == {p: str(p) for p in range(1, pages + 1)}
    headers = [n for n, why in doc.set_aside.items() if why == "running header"]
    assert len(headers) == pages and all(doc.origin(n).line == 1 for n in headers)


def test_a_ruled_table_is_read_row_by_row_with_its_cells(tmp_path):
    from weasyprint import HTML
    rows = [["Chỉ tiêu", "Đơn vị", "Năm 2023", "Năm 2024"], ["Tổng thu ngân sách", "Tỷ đồng", "2.000", "2.062"],
            ["Tỷ lệ hộ nghèo", "%", "", "23,58"]]
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    pdf = HTML(string=f"<style>td{{border:1px solid;padding:2pt 6pt}}table{{border-collapse:collapse}}</style>"
                      f"<p>Bảng 1. Thu ngân sách năm 2024</p><table>{table}</table><p>Sau bảng.</p>").write_pdf()
    reading = read_file(tmp_path / "t.pdf", pdf)
    assert reading.lines == ["Bảng 1. Thu ngân sách năm 2024", "Chỉ tiêu Đơn vị Năm 2023 Năm 2024",
                             "Tổng thu ngân sách Tỷ đồng 2.000 2.062", "Tỷ lệ hộ nghèo %  23,58", "Sau bảng."]
    row = reading.origins[3]
    assert row.table_row == 3 and [reading.lines[3][a:b] for a, b in row.cells] == ["Tỷ lệ hộ nghèo", "%", "", "23,58"]


def encrypted(pdf: bytes) -> bytes:
    """The PDF with a standard security handler whose user password is not empty."""
    handler = (b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
               + b"> /P -4 >> /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">]")
    root = list(re.finditer(rb"/Root \d+ \d+ R", pdf))[-1]
    return pdf[:root.end()] + handler + pdf[root.end():]


def test_encrypted_empty_and_broken_pdfs_are_refused_with_the_reason(tmp_path):
    from weasyprint import HTML
    pdf = HTML(string="<p>Năm 2024 tăng 8,75%</p>").write_pdf()
    cases = {
        "encrypted": (encrypted(pdf), "an encrypted PDF: it needs a password to open"),
        "blank": (HTML(string="<p></p>").write_pdf(), "a PDF with empty pages: neither text nor a scanned image"),
        "cut": (pdf[:300], "a damaged PDF"),
    }
    for name, (raw, reason) in cases.items():
        with pytest.raises(Unreadable, match=re.escape(reason)):
            read_file(tmp_path / f"{name}.pdf", raw)
