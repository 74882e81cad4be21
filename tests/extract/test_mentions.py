"""Which numbers in a sentence are figures, and what value and unit each has. Every case is a
phrase from the seed documents."""
from decimal import Decimal

import pytest

from dbreport.extract.mentions import find_mentions


def figures(text, footnotes=()):
    return [(m.value, m.unit) for m in find_mentions(text, set(footnotes))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ước đạt 7.155,29 tỷ đồng (theo giá so sánh năm 2010), tăng 8,75%",
         [(Decimal("7155.29"), "VND_bn"), (Decimal("8.75"), "pct")]),
        ("Tổng diện tích Mắc ca đạt 7,306.28 ha, tăng 26,20%", [(Decimal("7306.28"), "ha"), (Decimal("26.20"), "pct")]),
        ("ước đạt 1,368,19 triệu lượt, tăng gấp 2,19 lần", [(Decimal("1368190"), "visits"), (Decimal("2.19"), "times")]),
        ("đạt 2,170 triệu hành khách", [(Decimal("2170000"), "persons")]),
        ("ước đạt 4.357,139 nghìn tấn", [(Decimal("4357.139"), "kt")]),
        ("Dân số trung bình trên 66 vạn người", [(Decimal("660000"), "persons")]),
        ("đạt 14 bác sĩ/1 vạn dân", [(Decimal("14"), "per_10k")]),
        ("hơn 70 nghìn thuê bao", [(Decimal("70000"), "count")]),
        ("toàn tỉnh có 6 dự án năng lượng với tổng công suất khoảng 738,8MW", [(Decimal("6"), "count"), (Decimal("738.8"), "MW")]),
        ("đạt 95 triệu USD", [(Decimal("95"), "USD_mn")]),
        ("114,36 triệu đồng/người", [(Decimal("114.36"), "VND_mn")]),
        ("tổng giá trị viện trợ cam kết là 133.286.567.933 VNĐ", [(Decimal("133286567933"), "VND")]),
        ("Hiện toàn tỉnh có 180 điểm phục vụ bưu chính", [(Decimal("180"), "count")]),  # places
        ("Chỉ số PCI đạt 65,54 điểm", [(Decimal("65.54"), "score")]),  # a score
        ("có 19 HTX thành lập mới", [(Decimal("19"), "count")]),
        ("trồng 1.964 cây phân tán", [(Decimal("1964"), "count")]),  # written as a count, not a year
        ("cấp phép cho 07 cơ sở với tổng số 13 thiết bị", [(Decimal("7"), "count"), (Decimal("13"), "count")]),
        ("Đã phê duyệt 09/10 Kế hoạch sử dụng đất", [(Decimal("9"), "count")]),
        ("năng suất lúa đạt 52,3 tạ/ha", [(Decimal("52.3"), "q_per_ha")]),
        ("diện tích lúa đạt 12,5 nghìn ha", [(Decimal("12500"), "ha")]),
        # ages and doses name a group; only the rate is a figure
        ("tỷ lệ trẻ em từ 2-5 tuổi tiêm vắc xin viêm não Nhật Bản B mũi 3 là 49,4%", [(Decimal("49.4"), "pct")]),
        ("tiêm vắc xin Sởi mũi 2 đạt 59,9%", [(Decimal("59.9"), "pct")]),
        ("tuổi thọ trung bình đạt 70,5 tuổi", [(Decimal("70.5"), "years")]),
    ],
)
def test_values_and_units(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "footnotes", "expected", "repaired"),
    [
        ("Diện tích gieo trồng ước đạt 23.530,49 ha1, tăng 574,86 ha", {1}, [Decimal("23530.49"), Decimal("574.86")], True),
        ("giải quyết việc làm cho khoảng 6.23928 lao động", {28}, [Decimal("6239")], True),
        ("khởi công mới 0217 dự án", {17}, [Decimal("2")], True),
        # a marker glued to a word is simply not a figure
        ("đạt 50,18% kế hoạch năm4. Về lâm nghiệp", {4}, [Decimal("50.18")], False),
    ],
)
def test_footnote_markers_are_not_figures(text, footnotes, expected, repaired):
    mentions = find_mentions(text, footnotes)
    assert [m.value for m in mentions] == expected
    assert any("footnote_marker_removed" in m.flags for m in mentions) is repaired


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 142/QĐ-UBND ngày 26/01/2024 của UBND tỉnh",  # decree number and date
        "theo Kế hoạch số 116 của Tỉnh ủy",
        "từ ngày 15/5/2024 đến nay",
        "Lễ Kỷ niệm 70 năm chiến thắng Điện Biên Phủ",  # a name, not a figure
        "hoàn thành Nhà máy thủy điện Mường Luân 2 và phát điện",
        "sóng 3G tại các xã",
        "các huyện 30a",
        "kế hoạch phát triển giai đoạn 2021 - 2030",
        "sản phẩm OCOP đạt 04 sao",
        "Đề án 06 của Chính phủ",
        "Trong 2 tháng đầu của năm 2026",
        "Bệnh viện 7/5",
        "đại dịch Covid-19 đầu nhiệm kỳ",
        "trực cấp cứu 24/24 giờ",
        "Điện Biên - Thanh Hoá tại tỉnh Thanh Hoá (từ 19-21/01/2024)",
        "giai đoạn 2021-2025 và năm 2025 gồm các dự án",  # a year before a noun is still a year
        "đầu tư các đường dây 110 kV, 220 kV",
    ],
)
def test_numbers_that_are_not_figures(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "line_starts"),
    [
        ("đạt kết quả tốt. 3. Y tế, dân số, chăm sóc trẻ em", frozenset()),  # after a sentence end
        ("chăm sóc trẻ em 3.1. Tình hình phòng chống dịch bệnh", frozenset()),  # a two-level number
        ("văn hóa xã hội 2. Lao động, giải quyết việc làm", frozenset({15})),  # at an original line start
        ("thương mại điện tử **7. Hạ tầng số** Phát triển", frozenset({19})),  # a markdown heading's emphasis first
        ("kỹ năng số cơ bản ### 4. Chính quyền số", frozenset({18})),
    ],
)
def test_section_numbers_are_not_figures(text, line_starts):
    assert find_mentions(text, set(), line_starts) == []


@pytest.mark.parametrize(
    ("text", "value", "extra"),
    [
        ("Đến nay, 09/10 các huyện, thị xã", Decimal("9"), ("of_total", Decimal("10"))),
        ("xếp thứ 3/14 tỉnh vùng trung du", Decimal("3"), ("of_total", Decimal("14"))),
        ("đạt 4.065.284/4.070.513 triệu đồng", Decimal("4065284"), ("of_total", Decimal("4070513"))),
        ("phấn đấu 8.800 - 9.000 lao động", Decimal("8800"), ("value_high", Decimal("9000"))),
        ("700-800 MW", Decimal("700"), ("value_high", Decimal("800"))),
        ("tăng từ 3-4%", Decimal("3"), ("value_high", Decimal("4"))),
    ],
)
def test_fractions_and_ranges(text, value, extra):
    (m,) = find_mentions(text, set())
    assert m.value == value
    assert getattr(m, extra[0]) == extra[1]


@pytest.mark.parametrize(("text", "qualifier"), [("tỷ lệ hộ nghèo <16%", "<"), ("trên > 70%", ">")])
def test_inequalities_keep_their_sign_as_qualifier(text, qualifier):
    (m,) = find_mentions(text, set())
    assert m.qualifier == qualifier


def test_a_text_of_nothing_but_numbers_is_refused_in_bounded_memory(monkeypatch):
    from dbreport.extract import mentions
    monkeypatch.setattr(mentions, "MAX_FIGURES", 50)
    with pytest.raises(mentions.TooManyFigures, match="more than 50 figures"):
        mentions.find_mentions("Năm 2024 có " + " ".join("7 xã" for _ in range(60)), set())
