"""Word: the half-year report as a .docx, one paragraph per line, with a real table."""
from __future__ import annotations

from conftest import HALF_YEAR
from reader_twins import assert_same_figures, docx_twin, figures_in_order

from dbreport.extract import extract_document
from dbreport.ingest import read_document

TABLE = [["Chỉ tiêu", "Đơn vị", "Kế hoạch", "Ước thực hiện"],
         ["Thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", "1.550", ""],
         ["Chi ngân sách địa phương", "Tỷ đồng", "", "5.123,4"]]


def test_docx_gives_the_figures_of_its_text_and_its_table_as_rows(text_twin, tmp_path):
    text_doc, expected = text_twin(HALF_YEAR)
    path = tmp_path / "report.docx"
    path.write_bytes(docx_twin(text_doc, TABLE, after_line=60))
    doc = read_document(path)
    assert (doc.format, doc.kind, doc.period) == ("docx", text_doc.kind, text_doc.period)
    rows = [(n, doc.origin(n)) for n in range(1, len(doc.lines) + 1) if doc.origin(n).table_row]
    assert [doc.lines[n - 1] for n, _ in rows] == ["Chỉ tiêu Đơn vị Kế hoạch Ước thực hiện",
                                                 "Thu ngân sách nhà nước trên địa bàn Tỷ đồng 1.550 ",
                                                 "Chi ngân sách địa phương Tỷ đồng  5.123,4"]
    n, origin = rows[2]
    assert [doc.lines[n - 1][a:b] for a, b in origin.cells] == TABLE[2]
    body = [o for o in extract_document(doc) if o.line not in {n for n, _ in rows}]
    text_body = [f for f in expected if not f[5].startswith("footnote")]  # Word keeps footnotes apart: the twin has none
    assert_same_figures(text_body, figures_in_order(doc, body))
