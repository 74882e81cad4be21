"""The clause grammar: each case is a real phrase from the seeds, read in a document of the given
kind and period, and the roles the figures in it must get."""
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dbreport.extract import extract_document
from dbreport.model import Document

H1 = ("half_year_report", "2024-H1", date(2024, 6, 30))
NINE_MONTHS = ("period_report", "2024-01/2024-09", date(2024, 9, 30))
YEAR_NEWS = ("news", "2018", date(2018, 12, 31))
TERM = ("congress_report", "2021/2025", date(2025, 12, 31))
MONTHS = ("news", "2026-01/2026-02", date(2026, 3, 8))


def read(text, context=H1):
    kind, period, reference = context
    doc = Document(source="t.txt", path=Path("t.txt"), lines=[text], title="t", kind=kind, period=period,
                   reference_date=reference, digest="")
    return [(o.value, o.unit, o.kind, o.period) for o in extract_document(doc)]


D = Decimal


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Tổng sản phẩm trên địa bàn tỉnh (GRDP) 6 tháng đầu năm 2024 ước đạt 7.155,29 tỷ đồng (theo giá so sánh "
         "năm 2010), tăng 8,75% so với cùng kỳ năm trước", H1,
         [(D("7155.29"), "VND_bn", "estimate", "2024-H1"), (D("8.75"), "pct", "yoy_change", "2024-H1")]),
        ("Sản lượng ước đạt 58.468,68 tấn, giảm 2.515,47 tấn so với cùng kỳ năm trước, đạt 99,17% kế hoạch.", H1,
         [(D("58468.68"), "t", "estimate", "2024-H1"), (D("-2515.47"), "t", "yoy_change", "2024-H1"),
          (D("99.17"), "pct", "plan_pct", "2024-H1")]),
        # a change of a share is in percentage points even when written with %
        ("Khu vực I chiếm 16,47%, giảm 1,12%; khu vực II chiếm 17,79%", H1,
         [(D("16.47"), "pct", "share", "2024-H1"), (D("-1.12"), "pp", "yoy_change", "2024-H1"),
          (D("17.79"), "pct", "share", "2024-H1")]),
        # `vượt 5,25% so với kế hoạch` is 105.25% of plan
        ("tăng gấp 2,19 lần so với cùng kỳ năm trước, vượt 5,25% so với kế hoạch năm", H1,
         [(D("2.19"), "times", "yoy_change", "2024-H1"), (D("105.25"), "pct", "plan_pct", "2024-H1")]),
        ("xếp thứ 3/14 tỉnh vùng trung du và miền núi phía Bắc", H1, [(D("3"), "rank", "rank", "2024-H1")]),
        # stocks stand at the reference date; `cùng kỳ năm 2023` figures belong to 2023-H1
        ("Đến nay, 09/10 các huyện, thị xã, thành phố đã cấp giấy chứng nhận với diện tích đạt 39.330 ha", H1,
         [(D("9"), "count", "actual", "as-of 2024-06-30"), (D("39330"), "ha", "actual", "as-of 2024-06-30")]),
        ("Cùng kỳ năm 2023, có 60 doanh nghiệp thành lập mới với số vốn đăng ký 649 tỷ đồng.", H1,
         [(D("60"), "count", "actual", "2023-H1"), (D("649"), "VND_bn", "actual", "2023-H1")]),
        ("giải ngân đến ngày 31/5/2024 đạt 18,27% kế hoạch", H1, [(D("18.27"), "pct", "plan_pct", "as-of 2024-05-31")]),
        # from-to levels, and a yearly report against the year before
        ("tỷ lệ hộ nghèo tại các huyện 30a giảm từ 56,84% năm 2017 xuống còn 52,09% năm 2018.", YEAR_NEWS,
         [(D("56.84"), "pct", "actual", "2017"), (D("52.09"), "pct", "actual", "2018")]),
        ("toàn tỉnh có hơn 47.000 hộ nghèo, giảm hơn 3.800 hộ nghèo so với năm 2017", YEAR_NEWS,
         [(D("47000"), "households", "actual", "2018"), (D("-3800"), "households", "yoy_change", "2018")]),
        ("phấn đấu đến hết năm 2019, số hộ nghèo toàn tỉnh giảm xuống còn khoảng 44.000 hộ", YEAR_NEWS,
         [(D("44000"), "households", "target", "2019")]),
        # a sentence detailing an aim shares it
        ("phấn đấu đến hết năm 2019, số hộ nghèo giảm còn khoảng 44.000 hộ. Trong đó, số hộ nghèo tại các huyện "
         "nghèo giảm xuống còn khoảng 39.000 hộ", YEAR_NEWS,
         [(D("44000"), "households", "target", "2019"), (D("39000"), "households", "target", "2019")]),
        # `X% <noun>` is a proportion of a population
        ("Mã địa chỉ bưu chính được triển khai đến 99% hộ gia đình.", H1, [(D("99"), "pct", "ratio", "2024-H1")]),
        ("tất cả 198 thôn, bản và thị trấn sẽ có điện lưới quốc gia", YEAR_NEWS, [(D("198"), "count", "target", "2018")]),
        ("Tới đầu tháng 5/2024, tất cả 198 thôn, bản sẽ có điện lưới quốc gia", ("news", "2024", date(2024, 12, 31)),
         [(D("198"), "count", "target", "2024-05")]),  # an aim for a month
        # phrasings of other provinces' reports
        ("Tốc độ tăng trưởng kinh tế (GRDP) 9 tháng năm 2024 ước đạt 7,15%, cao hơn cùng kỳ năm trước 0,5 điểm %",
         NINE_MONTHS, [(D("7.15"), "pct", "yoy_change", "2024-01/2024-09"), (D("0.5"), "pp", "yoy_change", "2024-01/2024-09")]),
        ("Đến ngày 30/9/2024, toàn tỉnh có 1.234 doanh nghiệp đang hoạt động; trong 9 tháng thành lập mới 123 doanh nghiệp",
         NINE_MONTHS, [(D("1234"), "count", "actual", "as-of 2024-09-30"), (D("123"), "count", "actual", "2024-01/2024-09")]),
        ("Thu ngân sách nhà nước trên địa bàn ước đạt 1.234 tỷ đồng, đạt 68,2% dự toán Trung ương giao", NINE_MONTHS,
         [(D("1234"), "VND_bn", "estimate", "2024-01/2024-09"), (D("68.2"), "pct", "plan_pct", "2024-01/2024-09")]),
        # a list item that starts with its number shares the verb before it
        ("Giảm 148 biên chế cơ quan Đảng, Đoàn thể; 1.842 biên chế cơ quan khối Chính quyền địa phương.", TERM,
         [(D("-148"), "count", "change", "2021/2025"), (D("-1842"), "count", "change", "2021/2025")]),
        ("Năng suất lúa cả năm ước đạt 48,6 tạ/ha", NINE_MONTHS, [(D("48.6"), "q_per_ha", "estimate", "2024")]),
        ("Xuất khẩu đạt 25,5 triệu USD, bằng 102,3% so với cùng kỳ năm trước", NINE_MONTHS,
         [(D("25.5"), "USD_mn", "actual", "2024-01/2024-09"), (D("102.3"), "pct", "ratio", "2024-01/2024-09")]),
        # a congress report: the term's results, and targets to 2030
        ("Tổng chiều dài đường bộ toàn tỉnh đạt 9.212 km", TERM, [(D("9212"), "km", "actual", "2021/2025")]),
        ("Phấn đấu đến năm 2030, GRDP bình quân đầu người đạt 114,36 triệu đồng/người", TERM,
         [(D("114.36"), "VND_mn", "target", "2030")]),
        ("thực hiện thắng lợi mục tiêu tăng trưởng từ 10% trở lên", MONTHS, [(D("10"), "pct", "target", "2026")]),
        # a comparative with its reference in between: a difference, negative when lower
        ("tăng trưởng của khu vực I đạt thấp hơn kịch bản 2,19 điểm % (kịch bản 3,91%", H1,
         [(D("-2.19"), "pp", "change", "2024-H1"), (D("3.91"), "pct", "target", "2024")]),
        ("thấp hơn tỷ lệ giải ngân cùng kỳ năm trước 1,84 điểm %", H1, [(D("-1.84"), "pp", "yoy_change", "2024-H1")]),
        # a plan running past the report names the plan, not the figure's period
        ("Hoàn thiện quy hoạch sử dụng đất cấp huyện thời kỳ 2021-2030, cấp 14 Giấy phép thăm dò", TERM,
         [(D("14"), "count", "actual", "2021/2025")]),
        # an aimed cut is a target of that size; the flag keeps its direction
        ("Phấn đấu đến năm 2030, tai nạn giao thông giảm ít nhất 5% mỗi năm", TERM,
         [(D("5"), "pct", "target", "2030")]),
        # an aim's year, not the stock date its wording (`toàn tỉnh có`) suggests
        ("phấn đấu hết năm 2024 toàn tỉnh có 06 xã đạt chuẩn NTM nâng cao", H1, [(D("6"), "count", "target", "2024")]),
        ("thu ngân sách đạt 3.276 tỷ đồng, đạt 22,02% dự toán giao", MONTHS,
         [(D("3276"), "VND_bn", "actual", "2026-01/2026-02"), (D("22.02"), "pct", "plan_pct", "2026-01/2026-02")]),
    ],
)
def test_roles_and_periods(text, context, expected):
    assert read(text, context) == expected


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("đạt trên 98% số hộ", "trên"), ("hơn 310.000 lượt khách", "hơn"), ("khoảng 44.000 hộ", "khoảng"), ("gần 30 tỷ đồng", "gần")],
)
def test_qualifiers_are_kept(text, qualifier):
    doc = Document(source="t.txt", path=Path("t.txt"), lines=[text], title="t", kind="news", period="2024",
                   reference_date=None, digest="")
    (obs,) = extract_document(doc)
    assert obs.qualifier == qualifier


def test_indicator_and_labels_come_from_the_catalogue():
    doc = Document(source="t.txt", path=Path("t.txt"), title="t", kind="half_year_report", period="2024-H1",
                   reference_date=date(2024, 6, 30), digest="",
                   lines=["Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng ước đạt 15.788,94 tỷ đồng, tăng 24,22%"])
    level, growth = extract_document(doc)
    assert level.indicator == growth.indicator == "retail_sales"
    assert level.label_en and "retail" in level.label_en.lower()


def test_indicator_named_after_the_number():
    doc = Document(source="t.txt", path=Path("t.txt"), title="t", kind="news", period="2024",
                   reference_date=None, digest="", lines=["Tỉnh Điện Biên có 22 xã đạt chuẩn nông thôn mới"])
    (obs,) = extract_document(doc)
    assert obs.indicator == "nrd_communes"


def test_a_list_of_different_things_does_not_share_an_indicator():
    doc = Document(source="t.txt", path=Path("t.txt"), title="t", kind="news", period="2024", reference_date=None,
                   digest="", lines=["Tỉnh Điện Biên có 22 xã đạt chuẩn nông thôn mới, 153 thôn, bản đạt chuẩn nông thôn mới"])
    communes, villages = extract_document(doc)
    assert communes.indicator == "nrd_communes"
    assert villages.indicator != "nrd_communes"


def test_uncatalogued_figure_keeps_the_text_s_own_label():
    doc = Document(source="t.txt", path=Path("t.txt"), title="t", kind="half_year_report", period="2024-H1",
                   reference_date=date(2024, 6, 30), digest="", lines=["Tổng số lọ giống cây lan hồ điệp nhân được 200 lọ"])
    (obs,) = extract_document(doc)
    assert obs.indicator is None and obs.label_en is None
    assert "lan hồ điệp" in obs.label_vi


@pytest.mark.parametrize(
    ("text", "context", "period"),
    [
        ("Cùng kỳ năm 2023, có 60 doanh nghiệp thành lập mới", TERM, "2019/2023"),  # a span shifts whole
        ("đến tháng 13/2024 có 12 xã đạt chuẩn", H1, "2024-H1"),  # no month 13: the report's period
    ],
)
def test_period_edge_cases(text, context, period):
    assert read(text, context)[0][3] == period


def test_an_odd_case_folding_does_not_break_the_catalogue():
    # U+017F (long s) matches `s` case-insensitively but lower-cases to itself
    assert read("tổng ſản phẩm trên địa bàn đạt 7.155,29 tỷ đồng")[0][:2] == (D("7155.29"), "VND_bn")


def test_a_part_of_the_province_is_not_the_province_indicator():
    doc = Document(source="t.txt", path=Path("t.txt"), title="t", kind="news", period="2018", reference_date=None,
                   digest="", lines=["Trong đó, tỷ lệ hộ nghèo tại các huyện 30a giảm từ 56,84% năm 2017 xuống còn 52,09% năm 2018."])
    before, after = extract_document(doc)
    assert before.indicator is None and after.indicator is None
    assert "tại các huyện 30a" in before.label_vi and after.label_vi == before.label_vi


@pytest.mark.parametrize(
    "text",
    [
        "Tổng thu tăng 5% so với cùng kỳ năm 0000.",  # made the period `0-H1`, which no year could be read from
        "Đến hết tháng 2/0000 có 12 xã đạt chuẩn.",
        "Đến ngày 31/12/0000 có 12 xã đạt chuẩn.",
        "Từ năm 0000 có thêm 12 xã đạt chuẩn.",
    ],
)
def test_year_0000_names_no_period(text):
    """`0000` is no year: the figure keeps the document's period."""
    assert [period for *_, period in read(text)] == ["2024-H1"]
