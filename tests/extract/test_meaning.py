"""What a figure is said to measure, and when, in the phrasings of reports nobody tuned for.

Every case is a sentence written for this test in the style of a provincial report or a
Government Office notice (none is copied from a labelled line). Precision first: where the text
says the figure is of a part, of another territory or of one named item, it gets no indicator."""
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dbreport.docfacts import document_facts
from dbreport.extract import extract_document
from dbreport.model import Document

D = Decimal
NOTICE = ("news", "2025-01/2025-10", date(2025, 11, 5), "notice_of_conclusions")
H1 = ("half_year_report", "2024-H1", date(2024, 6, 30), "report")
PLAN = ("annual_report", "2026/2030", date(2030, 12, 31), "plan")


def figures(text, context=NOTICE):
    kind, period, reference, doc_type = context
    doc = Document(source="t.txt", path=Path("t.txt"), lines=text.split("\n"), title="t", kind=kind, period=period,
                   reference_date=reference, digest="", doc_type=doc_type,
                   default_kind="target" if doc_type == "plan" else "actual")  # as ingest sets it (docfacts.aims_for)
    return [(o.value, o.kind, o.period, o.indicator) for o in extract_document(doc)]


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        # quarters, months without a year, cumulative months, a long-form as-of date
        ("Tăng trưởng GRDP quý II ước đạt 7,1% so với cùng kỳ.", NOTICE, [(D("7.1"), "yoy_change", "2025-04/2025-06", "grdp")]),
        ("Chỉ số sản xuất công nghiệp 08 tháng đầu năm tăng 11,3% so với cùng kỳ.", NOTICE,
         [(D("11.3"), "yoy_change", "2025-01/2025-08", "iip")]),
        ("Lũy kế 7 tháng, tổng thu ngân sách nhà nước trên địa bàn ước đạt 9.120 tỷ đồng.", NOTICE,
         [(D("9120"), "estimate", "2025-01/2025-07", "budget_revenue")]),
        ("Giải ngân vốn đầu tư công tính đến hết ngày 30 tháng 9 năm 2025 đạt 61,2% kế hoạch.", NOTICE,
         [(D("61.2"), "plan_pct", "as-of 2025-09-30", "disbursement_public_investment")]),
        # the year of a plan a figure is measured against does not date the next figure
        ("Thu hút FDI bằng 92% mục tiêu năm 2025; tổng thu ngân sách nhà nước trên địa bàn ước đạt 3.400 tỷ đồng.", NOTICE,
         [(D("92"), "plan_pct", "2025-01/2025-10", None), (D("3400"), "estimate", "2025-01/2025-10", "budget_revenue")]),
        # `cao hơn ... gấp N lần so với cùng kỳ`: a change on the same period
        ("Vốn đầu tư đăng ký mới cao hơn gần gấp 2 lần so với cùng kỳ.", NOTICE,
         [(D("2"), "yoy_change", "2025-01/2025-10", "investment_registered_capital")]),
        # a request and a resolve are aims; a request for the medium term is for its span
        ("Về đề nghị hỗ trợ khoảng 350 tỷ đồng để khắc phục hậu quả lũ quét:", NOTICE, [(D("350"), "target", "2025", None)]),
        ("Về kiến nghị bổ sung khoảng 9.000 tỷ đồng trong kế hoạch đầu tư công trung hạn 2026-2030:", NOTICE,
         [(D("9000"), "target", "2026/2030", None)]),
        # a `Trong đó` sentence details the growth before it: its sectors grow over the same months
        # (industry alone is not the catalogue's "industry and construction", and takes nothing from services)
        ("GRDP 6 tháng năm 2025 tăng 7,4%. Trong đó: khu vực dịch vụ ước đạt 8,1%; khu vực công nghiệp ước đạt 9,2%.", NOTICE,
         [(D("7.4"), "yoy_change", "2025-H1", "grdp"), (D("8.1"), "yoy_change", "2025-H1", "grdp_services"),
          (D("9.2"), "yoy_change", "2025-H1", None)]),
        # another territory's figure quoted as a benchmark is not the province's
        ("Giải ngân vốn đầu tư công đạt 70,5% kế hoạch, cao hơn bình quân chung của cả nước (58,1%).", NOTICE,
         [(D("70.5"), "plan_pct", "2025-01/2025-10", "disbursement_public_investment"),
          (D("58.1"), "plan_pct", "2025-01/2025-10", None)]),
        # one named item, an item of a breakdown, a sector after the count, things acted on
        ("Chấp thuận chủ trương đầu tư cho 01 dự án Khu du lịch sinh thái Hồ Pá Khoang.", H1,
         [(D("1"), "actual", "2024-H1", None)]),
        ("Toàn tỉnh có 40 sản phẩm OCOP (gồm 35 sản phẩm 3 sao; 05 sản phẩm OCOP 4 sao).", H1,
         [(D("40"), "actual", "as-of 2024-06-30", "ocop_products"), (D("35"), "actual", "as-of 2024-06-30", None),
          (D("5"), "actual", "as-of 2024-06-30", None)]),
        ("Đã chấp thuận chủ trương đầu tư 4 dự án năng lượng với tổng công suất 120 MW.", H1,
         [(D("4"), "actual", "2024-H1", None), (D("120"), "actual", "2024-H1", None)]),
        ("Trong kỳ đã đưa vào khai thác 3 công trình thủy điện.", H1, [(D("3"), "actual", "2024-H1", None)]),
        # half years and months to date without a year are of the report's year
        ("Nửa đầu năm, kim ngạch xuất khẩu đạt 420 triệu USD.", NOTICE, [(D("420"), "actual", "2025-H1", "exports")]),
        ("Dư nợ tín dụng đến hết tháng 9 đạt 31.200 tỷ đồng.", NOTICE, [(D("31200"), "actual", "as-of 2025-09-30", "outstanding_credit")]),
        # `so với 9 tháng năm 2019` is the base of the change, not its period
        ("Tổng lượt khách du lịch 9 tháng đạt 1,2 triệu lượt, tăng 18% so với 9 tháng năm 2019.", NOTICE,
         [(D("1200000"), "actual", "2025-01/2025-09", "tourist_arrivals"), (D("18"), "change", "2025-01/2025-09", "tourist_arrivals")]),
        # a forecast is an estimate; an aim stays an aim
        ("Năm nay, dự kiến thu ngân sách nhà nước trên địa bàn đạt 4.100 tỷ đồng.", NOTICE, [(D("4100"), "estimate", "2025", "budget_revenue")]),
        ("Ước cả năm, tổng thu ngân sách nhà nước trên địa bàn đạt 4.300 tỷ đồng.", NOTICE, [(D("4300"), "estimate", "2025", "budget_revenue")]),
        # a list after a lead-in that names aims; a results list stays results
        ("Hội đồng nhân dân tỉnh đã thông qua 23 chỉ tiêu chủ yếu năm 2026, gồm: tốc độ tăng trưởng GRDP 8-8,5%; "
         "GRDP bình quân đầu người 60 triệu đồng.", NOTICE,
         [(D("23"), "actual", "2025-01/2025-10", None), (D("8"), "target", "2026", "grdp"), (D("8.5"), "target", "2026", "grdp"),
          (D("60"), "target", "2026", "grdp_per_capita")]),
        ("Kết quả thực hiện các chỉ tiêu: GRDP tăng 7,2%; GRDP bình quân đầu người đạt 58 triệu đồng.", NOTICE,
         [(D("7.2"), "yoy_change", "2025-01/2025-10", "grdp"), (D("58"), "actual", "2025-01/2025-10", "grdp_per_capita")]),
        # a share without `chiếm` is the sector's, not GRDP's; the verb before its base keeps its sign
        ("Tỷ trọng khu vực dịch vụ trong GRDP đạt 48,2%.", H1, [(D("48.2"), "share", "2024-H1", "grdp_services")]),
        ("Số hộ nghèo toàn tỉnh giảm so với cùng kỳ 1.250 hộ.", H1, [(D("-1250"), "yoy_change", "2024-H1", "poor_households")]),
        # `vượt X điểm %` is the gap above a target, `vượt X% so với kế hoạch` the share of plan
        ("Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt hợp vệ sinh đạt 92,6% (vượt 7,6 điểm % MTNQ).", H1,
         [(D("92.6"), "actual", "2024-H1", "rural_clean_water"), (D("7.6"), "change", "2024-H1", "rural_clean_water")]),
        ("Tổng thu ngân sách nhà nước trên địa bàn vượt 12% so với dự toán.", H1, [(D("112"), "plan_pct", "2024-H1", "budget_revenue")]),
        # a sector after a count of projects narrows it; after visits it names them
        ("Tỉnh đón hơn 52.000 lượt khách du lịch, tăng 12% so với cùng kỳ.", NOTICE,
         [(D("52000"), "actual", "2025-01/2025-10", "tourist_arrivals"), (D("12"), "yoy_change", "2025-01/2025-10", "tourist_arrivals")]),
        # a share of a count is a rate, not the count; a % change beside both is of either; points move a rate
        ("Đến nay tổng số hộ nghèo là 20.100 hộ, chiếm 18,2% tổng số hộ, giảm 3,1% so với cùng kỳ.", H1,
         [(D("20100"), "actual", "as-of 2024-06-30", "poor_households"), (D("18.2"), "ratio", "as-of 2024-06-30", "poverty_rate"),
          (D("-3.1"), "yoy_change", "as-of 2024-06-30", None)]),
        # a plan: every level is an aim of its term; per-year aims are for the whole term
        ("- Kinh tế số chiếm 30% GRDP tỉnh.\n- Mỗi năm phát triển 10 bộ dữ liệu mở.", PLAN,
         [(D("30"), "target", "2030", None), (D("10"), "target", "2026/2030", None)]),
    ],
)
def test_meaning_of_figures(text, context, expected):
    assert figures(text, context) == expected


def test_names_in_a_list_are_not_figures():
    assert figures("Nâng cấp các tuyến quốc lộ 12, 279 và 4H; mô hình chính quyền địa phương 02 cấp vận hành ổn định.") == []


@pytest.mark.parametrize(
    ("head", "doc_type", "issuer", "territory", "term"),
    [
        ("**ỦY BAN NHÂN DÂN\n**\nTỈNH LAI CHÂU\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\n"
         "Số: 21/KH-UBND\n|\n*Lai Châu, ngày 3\ntháng 2 năm 2026*\n\n**KẾ HOẠCH**\n\nCHUYỂN ĐỔI SỐ TỈNH LAI CHÂU GIAI ĐOẠN\n2026 - 2030",
         "plan", "Ủy Ban Nhân Dân Tỉnh Lai Châu", "Lai Châu", "2026/2030"),
        ("VĂN PHÒNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 700/TB-VPCP\nHà Nội, ngày 2 tháng 12 năm 2025\n"
         "THÔNG BÁO\nKết luận của Phó Thủ tướng tại buổi làm việc với lãnh đạo tỉnh Sơn La",
         "notice_of_conclusions", "Văn Phòng Chính Phủ", "Sơn La", None),
        ("HỘI ĐỒNG NHÂN DÂN\nTỈNH ĐIỆN BIÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 57/NQ-HĐND\n\nNGHỊ QUYẾT\nVề dự toán ngân sách năm 2017",
         "resolution", "Hội Đồng Nhân Dân Tỉnh Điện Biên", "Điện Biên", None),
        ("BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2024 của tỉnh Điện Biên", "report", None, "Điện Biên", None),
    ],
)
def test_document_facts_from_its_heading(head, doc_type, issuer, territory, term):
    facts = document_facts(head.split("\n"))
    assert (facts.doc_type, facts.issuer, facts.territory, facts.term) == (doc_type, issuer, territory, term)


def test_a_notice_dates_its_stocks_by_the_meeting():
    head = ("THÔNG BÁO\nKết luận của Phó Thủ tướng\n\nChiều ngày 07 tháng 11 năm 2025, tại trụ sở Ủy ban nhân dân tỉnh,"
            " Phó Thủ tướng đã chủ trì buổi làm việc với lãnh đạo tỉnh.")
    assert document_facts(head.split("\n")).event_date == date(2025, 11, 7)


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Tỷ lệ hộ được sử dụng điện lưới quốc gia đạt 96,2% vào năm 2025 (chưa đạt MTNQ 98%).", ["source_not_met"]),
        ("Tỷ lệ che phủ rừng đạt 45,5% (đạt MTNQ).", ["source_met"]),
        ("Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt hợp vệ sinh đạt 92,6% (vượt 7,6 điểm % MTNQ).", ["source_exceeded"]),
        ("Tỷ lệ che phủ rừng đạt 45,5%.", []),
    ],
)
def test_the_verdict_the_source_gives_is_kept(text, flags):
    doc = Document(source="t.txt", path=Path("t.txt"), lines=[text], title="t", kind="congress_report", period="2021/2025",
                   reference_date=date(2025, 12, 31), digest="")
    first = extract_document(doc)[0]
    assert [f for f in first.flags if f.startswith("source_")] == flags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `thực hiện có hiệu quả` holds `hiện có`, which is no stock
        ("Công tác đào tạo nghề được triển khai thực hiện có hiệu quả, đào tạo nghề cho 8.700 lao động/năm.", "2021/2025"),
        ("Toàn tỉnh hiện có 21 doanh nghiệp.", "2025"),
    ],
)
def test_stock_words_inside_other_words_date_nothing(text, expected):
    doc = Document(source="t.txt", path=Path("t.txt"), lines=[text], title="t", kind="congress_report", period="2021/2025",
                   reference_date=date(2025, 12, 31), digest="")
    assert extract_document(doc)[0].period == expected


def test_a_part_of_the_figure_before_it_and_a_place_after_a_figure_are_parts():
    assert figures("Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt hợp vệ sinh đạt 98%, trong đó 80% dân số nông thôn "
                   "được sử dụng nước sinh hoạt hợp vệ sinh đạt quy chuẩn.", H1)[1][3] is None
    assert figures("Tỷ lệ thu gom rác thải sinh hoạt đạt 95% đối với khu vực đô thị.", H1)[0][3] is None


def test_cells_of_a_flattened_table_do_not_share_meaning():
    """A legal-document site's table: one cell per line between lone `|` lines. A row's indicator
    and its `hằng năm` do not reach the next row."""
    table = "\n".join(["|", "1", "|", "Tỷ lệ người dân có tài khoản định danh điện tử đạt 80%", "|", "Công an tỉnh, báo cáo hằng năm",
                       "|", "|", "2", "|", "Tỷ lệ dân số trưởng thành có chữ ký số đạt 70%", "|", "Sở Khoa học và Công nghệ", "|"])
    first, second = figures(table, PLAN)
    assert first[3] == "electronic_id_rate" and second[3] is None
    assert first[2] == second[2] == "2030"


def test_the_note_after_an_appendix_table_is_read_as_text(seed_documents):
    note = [o for o in extract_document(seed_documents["004"]) if o.line == 4217]
    assert [(o.value, o.kind, o.period, o.indicator) for o in note] == [(D("12.73"), "ratio", "2025", "poverty_rate")]


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("GRDP năm 2025 (theo giá so sánh) ước đạt 18.400 tỷ đồng.", {"constant_prices"}),
        ("Chỉ số sản xuất công nghiệp giai đoạn 2021-2025 tăng bình quân 11,4%/năm.", {"annual_average", "average_growth"}),
        # a term report's figure whose sentence names no time: the term's total or its last year?
        ("GRDP bình quân đầu người ước đạt 52 triệu đồng.", {"period_unstated"}),
        ("Tổng chi ngân sách địa phương đạt 61.300 tỷ đồng.", {"period_unstated"}),
        ("Giai đoạn 2021-2025, tổng thu từ du lịch ước đạt 8.100 tỷ đồng.", set()),
        ("Tổng thu ngân sách địa phương đạt 64.000 tỷ đồng năm 2025.", set()),
        # the basis of another clause is not this figure's; a breakdown's items have their whole's
        ("GRDP năm 2025 (theo giá so sánh) ước đạt 18.400 tỷ đồng; GRDP bình quân đầu người ước đạt 52 triệu đồng.",
         {"constant_prices"}),
    ],
)
def test_flags_that_say_how_a_figure_is_measured(text, flags):
    doc = Document(source="t.txt", path=Path("t.txt"), lines=[text], title="t", kind="congress_report", period="2021/2025",
                   reference_date=date(2025, 12, 31), digest="")
    assert set(extract_document(doc)[0].flags) == flags


def test_every_item_of_a_breakdown_has_the_price_basis_of_its_whole():
    text = ("Tổng sản phẩm trên địa bàn (GRDP) 6 tháng đầu năm ước đạt 7.010,5 tỷ đồng (theo giá so sánh năm 2010), "
            "tăng 7,9% so với cùng kỳ năm trước; trong đó: khu vực nông, lâm nghiệp, thủy sản đạt 1.150,2 tỷ đồng, "
            "tăng 2,1%; khu vực công nghiệp và xây dựng đạt 1.320,7 tỷ đồng, tăng 6,3%; khu vực dịch vụ đạt "
            "4.190,4 tỷ đồng, tăng 11,8%; thuế sản phẩm trừ trợ cấp sản phẩm ước đạt 349,2 tỷ đồng, tăng 4,4%.")
    doc = Document(source="t.txt", path=Path("t.txt"), lines=[text], title="t", kind="half_year_report", period="2024-H1",
                   reference_date=date(2024, 6, 30), digest="")
    levels = [o for o in extract_document(doc) if o.unit == "VND_bn"]
    assert [o.value for o in levels] == [D("7010.5"), D("1150.2"), D("1320.7"), D("4190.4"), D("349.2")]
    assert all("constant_prices" in o.flags for o in levels)


def test_appendix_rows_per_person_are_levels_and_value_rows_in_percent_are_growth(seed_documents):
    rows = {(o.line, o.quote): o for o in extract_document(seed_documents["004"]) if "table" in o.flags}
    per_capita = next(o for (line, quote), o in rows.items() if quote == "54")
    assert "annual_average" not in per_capita.flags and per_capita.period == "2025"
    growth = next(o for (line, quote), o in rows.items() if quote == "10,69")
    assert {"average_growth", "annual_average", "constant_prices"} <= set(growth.flags) and growth.period == "2021/2025"
    # the rows under `Cơ cấu GRDP` are shares of GRDP, not growth rates
    structure = next(o for (line, quote), o in rows.items() if quote == "23,12")
    assert structure.indicator == "grdp_industry" and "average_growth" not in structure.flags and structure.period == "2025"


SAMPLES = Path(__file__).parent / "samples"  # documents written for these tests in the published (markdown) form


def sample_figures(name):
    from dbreport.ingest import read_document
    doc = read_document(SAMPLES / name)
    return doc, {(o.line, o.quote): (o.value, o.kind, o.period, o.indicator) for o in extract_document(doc)}


def test_a_budget_resolution_sets_aims_for_the_year_it_is_for():
    doc, got = sample_figures("resolution_budget_2026.txt")
    assert (doc.doc_type, doc.period, doc.territory, doc.issued) == ("resolution", "2026", "Sơn La", date(2025, 12, 10))
    assert got[(29, "5.120 tỷ đồng")] == (D("5120"), "target", "2026", "budget_revenue")
    assert got[(32, "21.350 tỷ đồng")] == (D("21350"), "target", "2026", "budget_spending")
    assert got[(33, "390 tỷ đồng")][1:] == ("target", "2026", None)  # the reserve is a sub-item


def test_a_nine_month_report_its_quarter_its_benchmark_and_its_tasks():
    doc, got = sample_figures("report_9_months.txt")
    assert (doc.doc_type, doc.period) == ("report", "2025-01/2025-09")
    assert got[(22, "7,12%")] == (D("7.12"), "yoy_change", "2025-01/2025-09", "grdp")
    assert got[(23, "7,85%")][1:3] == ("yoy_change", "2025-07/2025-09")
    assert got[(25, "45 triệu USD")] == (D("45"), "estimate", "2025-01/2025-09", "exports")
    assert got[(25, "18 triệu USD")][3] is None  # exports of one product
    assert got[(27, "50,7%")][3] is None  # the national average, quoted as a benchmark
    assert got[(30, "20,5%")] == (D("20.5"), "actual", "as-of 2025-09-30", "poverty_rate")
    # the tasks part: an aimed growth is GRDP's, every figure of the `Phấn đấu` sentence is an aim
    assert got[(35, "8%")] == (D("8"), "target", "2025", "grdp")
    assert got[(35, "2.300 tỷ đồng")][1:3] == ("target", "2025")
    assert got[(36, "100%")] == (D("100"), "target", "2025", "disbursement_public_investment")


def test_a_scope_before_the_figure_makes_it_a_part():
    text = "Đối với các dự án khởi công mới năm 2024, phấn đấu tỷ lệ giải ngân vốn đầu tư công đạt 100% kế hoạch vốn giao."
    assert figures(text, H1)[0][3] is None


@pytest.mark.parametrize("text", [
    "Kế hoạch đầu tư công năm 2024 do tỉnh quản lý là 3.950,6 tỷ đồng.",  # one budget level's plan, not the province's all
    "Giải ngân vốn đầu tư công do địa phương quản lý đạt 1.204 tỷ đồng.",
])
def test_a_budget_level_managing_it_makes_it_a_part(text):
    assert figures(text, H1)[0][3] is None


def test_a_news_article_dates_its_figures_by_its_headline():
    doc, got = sample_figures("news_quarter.txt")
    assert (doc.kind, doc.period) == ("news", "2026-01/2026-03")
    assert got[(5, "4,2%")] == (D("4.2"), "yoy_change", "2026-01/2026-03", "grdp_agri")
    assert got[(5, "8,9%")][3] == "grdp_services" and got[(5, "12,6%")][3] is None  # not the services' figure before it
    assert got[(7, "120 triệu USD")][3] is None  # `riêng xuất khẩu ... sang Trung Quốc`: one market
    assert got[(9, "410.000 lượt")][3] == "international_arrivals"  # a catalogued part keeps its id
    assert got[(11, "12.000 tỷ đồng")][1:3] == ("target", "2026")  # `tỉnh phấn đấu ...; thu ngân sách đạt ...`


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a longer phrase (their capital) holds a shorter one (their number)
        ("Trong kỳ có 40 doanh nghiệp thành lập mới với số vốn đăng ký 310 tỷ đồng.",
         [(D("40"), "actual", "2024-H1", "new_enterprises"), (D("310"), "actual", "2024-H1", "new_enterprise_capital")]),
        # a share of plan after a thing and its attribute: of which?
        ("Trong kỳ có 40 doanh nghiệp thành lập mới với số vốn đăng ký 310 tỷ đồng, đạt 75% kế hoạch.",
         [(D("40"), "actual", "2024-H1", "new_enterprises"), (D("310"), "actual", "2024-H1", "new_enterprise_capital"),
          (D("75"), "plan_pct", "2024-H1", None)]),
        # a share of all households of a count with a rate is that rate
        ("Số hộ cận nghèo là 9.100 hộ, chiếm tỷ lệ 8,4%.",
         [(D("9100"), "actual", "2024-H1", "near_poor_households"), (D("8.4"), "ratio", "2024-H1", "near_poverty_rate")]),
    ],
)
def test_what_a_thing_its_attribute_and_its_rate_measure(text, expected):
    assert figures(text, H1) == expected


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        # a count of named things is not a count of the households, people or visits named before it
        ("Chương trình hỗ trợ nhà ở cho hộ cận nghèo đã sửa chữa, làm mới 4.300 nhà ở.", None),
        ("Số hộ cận nghèo là 9.870 hộ.", "near_poor_households"),
        ("Toàn tỉnh số hộ cận nghèo là 9.870, chiếm 8,1%.", "near_poor_households"),
        ("Tổng số lượt khách du lịch đạt 1.020 người.", None),
    ],
)
def test_a_count_is_of_the_thing_its_noun_names(text, indicator):
    assert figures(text, H1)[0][3] == indicator


def test_a_figure_of_several_things_named_together_is_none_of_them():
    got = figures("Tổng diện tích cây cao su, cà phê, chè đến năm 2025 đạt 9.800 ha.", H1)
    assert got[0][3] is None
