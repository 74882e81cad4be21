"""Markdown: markup taken out, words and line numbers kept."""
from __future__ import annotations

import pytest

from dbreport.ingest import read_document
from dbreport.readers.markdown import plain_line


@pytest.mark.parametrize(("line", "plain"), [
    ("GRDP **tăng 8,75%** so với cùng kỳ", "GRDP tăng 8,75% so với cùng kỳ"),
    ("đạt *46,12%* kế hoạch, ___vượt___ dự kiến", "đạt 46,12% kế hoạch, vượt dự kiến"),
    ("![Ảnh: 35 học sinh năm 2023](anh.jpg)", ""),
    ("Theo [Cục Thống kê](https://thongke.dienbien.gov.vn/2024) năm 2024", "Theo Cục Thống kê năm 2024"),
    ("## 1. Sản xuất nông nghiệp", "1. Sản xuất nông nghiệp"),
    ("> Thu ngân sách đạt 1.203,14 tỷ đồng", "Thu ngân sách đạt 1.203,14 tỷ đồng"),
    ("- Lúa Đông xuân: 9.831,17 ha", "- Lúa Đông xuân: 9.831,17 ha"),  # a list item's dash is the text's
    ("giảm 2*3 lần", "giảm 2*3 lần"),
    ("tuyến QL_279_A dài 12 km", "tuyến QL_279_A dài 12 km"),  # an underscore inside a word is no emphasis
])
def test_markup_is_taken_out_and_the_words_kept(line, plain):
    assert plain_line(line) == plain


def test_a_markdown_report_keeps_its_line_numbers(tmp_path):
    path = tmp_path / "bao-cao.md"
    path.write_text("# Báo cáo 6 tháng đầu năm 2024\n\n![ảnh](a.png)\nGRDP **tăng 8,75%**\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.format, doc.lines[3]) == ("markdown", "GRDP tăng 8,75%")
