"""The congress report's appendix table (PHỤ LỤC 02), read from the real seed."""
from decimal import Decimal

import pytest

from dbreport.extract import extract_document
from dbreport.ingest import read_document

D = Decimal


@pytest.fixture(scope="module")
def table_rows(seed_documents):
    rows = {}
    for o in extract_document(seed_documents["004"]):
        if "table" in o.flags:
            rows.setdefault(o.line, []).append((o.value, o.unit, o.kind, o.period))
    return rows


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # GRDP: resolution target, result 2025, share of the target reached, 2030 target
        (3649, [(D("17328"), "VND_bn", "target", "2025"), (D("17970"), "VND_bn", "estimate", "2025"),
                (D("103.71"), "pct", "plan_pct", "2025"), (D("30280"), "VND_bn", "target", "2030")]),
        # an annual rate: its periods are the terms; the comparison is a difference, in points
        (3933, [(D("2.93"), "pct", "target", "2021/2025"), (D("3.97"), "pct", "estimate", "2021/2025"),
                (D("1.04"), "pp", "change", "2021/2025"), (D("3"), "pct", "target", "2026/2030")]),
        # two cells after a gap: the result and the next target
        (3772, [(D("2620"), "VND_bn", "estimate", "2025"), (D("3057"), "VND_bn", "target", "2030")]),
        # `Nghìn lượt người`: thousands of visits, kept as full counts
        (3825, [(D("1300000"), "visits", "target", "2025"), (D("1450000"), "visits", "estimate", "2025"),
                (D("111.54"), "pct", "plan_pct", "2025"), (D("2650000"), "visits", "target", "2030")]),
        # a dash is an empty cell, not a range: `45,5 45,5 - 48`
        (4125, [(D("45.5"), "pct", "target", "2025"), (D("45.5"), "pct", "estimate", "2025"), (D("48"), "pct", "target", "2030")]),
        # inequalities keep their value; the comparison -1 is a difference
        (3958, [(D("99"), "pct", "target", "2025"), (D("98"), "pct", "estimate", "2025"), (D("-1"), "pp", "change", "2025"),
                (D("98"), "pct", "target", "2030")]),
    ],
)
def test_rows(table_rows, line, expected):
    assert table_rows[line] == expected


def test_range_wrapped_over_two_lines(table_rows):
    # `8.000-` / `8.300` lao động/năm: both ends exported, persons per year over the term
    assert table_rows[3871][:2] == [(D("8000"), "persons", "target", "2021/2025"), (D("8300"), "persons", "target", "2021/2025")]


def test_repeated_page_header_is_not_read_as_figures(table_rows):
    assert not any(v == D("2025") or v == D("2030") for rows in table_rows.values() for v, *_ in rows)


def test_a_long_line_under_the_appendix_header_is_read_in_bounded_time(tmp_path, within):
    """A row's label and cells run together on one long line (a PDF dump without line breaks):
    finding where its cells start and its unit once re-read the line from each cell and each word
    (120 KB took minutes)."""
    label = "Tổng sản phẩm trên địa bàn " * 4000
    path = tmp_path / "appendix.txt"
    path.write_text("Báo cáo chính trị năm 2025, nhiệm kỳ 2020 - 2025\nPHỤ LỤC 02\nStt Chỉ tiêu\nGhi\nchú\n"
                    f"{label}Tỷ đồng 17.328 17.970 103,71% 30.280 " + "1 " * 20_000 + "\n", encoding="utf-8")
    observations = within(30, lambda: extract_document(read_document(path)))
    table = [(o.value, o.unit, o.kind) for o in observations if "table" in o.flags]
    assert table[:2] == [(D("17328"), "VND_bn", "target"), (D("17970"), "VND_bn", "estimate")]


def test_a_header_on_one_line_as_a_pdf_or_word_reader_gives_it(tmp_path):
    """The appendix as the PDF or Word reader gives it: the header on one line, the rows after."""
    text = "\n".join([
        "BÁO CÁO CHÍNH TRỊ ĐẠI HỘI ĐẢNG BỘ TỈNH NHIỆM KỲ 2025 - 2030", "", "PHỤ LỤC 02",
        "Stt Chỉ tiêu Đơn vị tính NQ ĐH XIV Thực hiện đến năm 2025 So sánh với NQĐH XIV Mục tiêu đến 2030 Ghi chú",
        "1 Tổng sản phẩm trên địa bàn (GRDP theo giá so sánh) Tỷ đồng 17.328 17.970 103,71% 30.280",
    ])
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    rows = [(o.value, o.kind, o.period) for o in extract_document(read_document(tmp_path / "r.txt")) if "table" in o.flags]
    assert rows == [(D("17328"), "target", "2025"), (D("17970"), "estimate", "2025"), (D("103.71"), "plan_pct", "2025"),
                    (D("30280"), "target", "2030")]
