"""Narrative clauses through the real catalogs: increase/decrease, plurals, qualifiers, gaps."""
from decimal import Decimal as D
from pathlib import Path

import pytest

from dbreport import phrases
from dbreport.formatting import Formatter
from dbreport.render import load_translations

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.fixture(scope="module", params=["vi", "en"])
def fmt(request):
    return Formatter(request.param, load_translations(LOCALE, request.param))


def fmt_for(lang):
    return Formatter(lang, load_translations(LOCALE, lang))


@pytest.mark.parametrize("lang, value, unit, comparison, expected", [
    ("en", D("8.75"), "pct", "same_period", "up 8.75% over the same period last year"),
    ("vi", D("8.75"), "pct", "same_period", "tăng 8,75% so với cùng kỳ năm trước"),
    ("en", D("-2515.47"), "t", "same_period", "down 2,515.47 tonnes over the same period last year"),
    ("vi", D("-2515.47"), "t", "same_period", "giảm 2.515,47 tấn so với cùng kỳ năm trước"),
    ("en", D("-1.12"), "pp", None, None),  # a change with no base says nothing: left out
    ("vi", D("2.19"), "times", "2020", "gấp 2,19 lần năm 2020"),
    ("en", D("2.19"), "times", "same_period", "2.19 times the level of the same period last year"),
    ("en", D("0"), "pct", "unknown_basis", None),
])
def test_change_phrase(lang, value, unit, comparison, expected):
    assert phrases.change_phrase(fmt_for(lang), value, unit, comparison) == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", "GRDP is estimated at VND 7,155.29 billion, up 8.75% over the same period last year, "
           "ranking 3rd of 14 provinces."),
    ("vi", "GRDP ước đạt 7.155,29 tỷ đồng, tăng 8,75% so với cùng kỳ năm trước, xếp thứ 3/14 tỉnh."),
])
def test_full_sentence(lang, expected):
    f = fmt_for(lang)
    opening = phrases.level_phrase(f, "GRDP", f.quantity(D("7155.29"), "VND_bn"), "estimate")
    clauses = [phrases.change_phrase(f, D("8.75"), "pct", "same_period"), None,
               phrases.rank_phrase(f, D("3"), phrases.rank_total("3/14 tỉnh"))]
    assert phrases.join_clauses(opening, clauses) == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", "State budget revenue in the province reached over VND 1,200 billion."),
    ("vi", "Thu ngân sách đạt trên 1.200 tỷ đồng."),
])
def test_missing_comparisons_are_left_out(lang, expected):
    f = fmt_for(lang)
    label = "State budget revenue in the province" if lang == "en" else "Thu ngân sách"
    opening = phrases.level_phrase(f, label, f.quantity(D("1200"), "VND_bn", "trên"), "actual")
    assert phrases.join_clauses(opening, [None, phrases.plan_phrase(f, None), phrases.rank_phrase(f, None, None)]) == expected


@pytest.mark.parametrize("lang, label, value, comparison, expected", [
    ("en", "Tourist arrivals", D("26"), "same_period", "Tourist arrivals rose 26% over the same period last year."),
    ("vi", "Lượt khách du lịch", D("26"), "same_period", "Lượt khách du lịch tăng 26% so với cùng kỳ năm trước."),
    ("en", "Rice output", D("-2515.47"), None, "Rice output fell 2,515.47 tonnes."),
    ("vi", "Sản lượng lúa", D("-2515.47"), "2020", "Sản lượng lúa giảm 2.515,47 tấn so với năm 2020."),
    ("en", "Rice output", D("0"), "same_period", "Rice output was unchanged over the same period last year."),
])
def test_figure_known_only_by_its_change_has_a_verb(lang, label, value, comparison, expected):
    f = fmt_for(lang)
    unit = "pct" if value == 26 else "t"
    assert phrases.join_clauses(phrases.movement_phrase(f, label, value, unit, comparison), []) == expected


@pytest.mark.parametrize("lang, n, expected", [
    ("en", 1, "1 finding"), ("en", 3, "3 findings"), ("vi", 1, "1 vấn đề"), ("vi", 3, "3 vấn đề"),
])
def test_plural_forms(lang, n, expected):
    assert phrases.count_phrase(fmt_for(lang), n, "finding") == expected


@pytest.mark.parametrize("lang, met, total, expected", [
    ("en", 1, 1, "1 of 1 target with a verdict met."), ("en", 2, 5, "2 of 5 targets with a verdict met."),
    ("vi", 2, 5, "2/5 chỉ tiêu được đánh giá đã đạt."),
])
def test_targets_met_plural(lang, met, total, expected):
    assert phrases.targets_met_phrase(fmt_for(lang), met, total) == expected


@pytest.mark.parametrize("n, expected", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                         (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd")])
def test_ordinal_en(n, expected):
    assert phrases.ordinal_en(n) == expected


@pytest.mark.parametrize("label, inline", [("Thu ngân sách", "thu ngân sách"), ("GRDP", "GRDP"),
                                           ("IIP index", "IIP index"), ("Poverty rate", "poverty rate")])
def test_inline_label_keeps_acronyms(label, inline):
    assert phrases.inline_label(label) == inline


@pytest.mark.parametrize("lang, expected", [
    ("en", "The parts of GRDP (first half of 2024) do not add up: 7,155.29; 7,100."),
    ("vi", "Các thành phần của GRDP (6 tháng đầu năm 2024) không khớp với tổng: 7.155,29; 7.100."),
])
def test_finding_sentence(lang, expected):
    f = fmt_for(lang)
    assert phrases.finding_sentence(f, "parts_do_not_add_up", "GRDP", "2024-H1", (D("7155.29"), D("7100"))) == expected


def test_finding_without_indicator_or_period(fmt):
    text = phrases.finding_sentence(fmt, "conflict", None, None, (D("2.19"), D("2.18")))
    assert ("an uncatalogued figure" in text.lower()) if fmt.lang == "en" else ("chưa có trong danh mục" in text)
    assert "()" not in text


@pytest.mark.parametrize("lang, label, expected", [
    ("en", "Tourist arrivals", "Tourist arrivals are estimated at 1,368,190 arrivals, 2.19 times the level of the same "
                               "period last year, equal to 105.25% of the plan."),
    ("en", "GRDP", "GRDP is estimated at 1,368,190 arrivals, 2.19 times the level of the same period last year, "
                   "equal to 105.25% of the plan."),
    ("vi", "Tổng lượt khách du lịch", "Tổng lượt khách du lịch ước đạt 1.368.190 lượt, gấp 2,19 lần cùng kỳ "
                                      "năm trước, bằng 105,25% kế hoạch."),
])
def test_english_verbs_agree_with_plural_labels_and_factors_read_as_fold(lang, label, expected):
    f = fmt_for(lang)
    opening = phrases.level_phrase(f, label, f.quantity(D("1368190"), "visits"), "estimate")
    clauses = [phrases.change_phrase(f, D("2.19"), "times", "same_period"), phrases.plan_phrase(f, D("105.25"))]
    assert phrases.join_clauses(opening, clauses) == expected


@pytest.mark.parametrize("lang, label, expected", [
    ("en", "Non-performing loans", "Non-performing loans are estimated at VND 333 billion."),
    ("vi", "Nợ xấu", "Nợ xấu ước ở mức 333 tỷ đồng."),  # not `ước đạt`: nobody aims at bad debt
    ("en", "Product taxes less subsidies on products", "Product taxes less subsidies on products are estimated at VND 333 billion."),
])
def test_an_estimate_of_an_unfavourable_indicator_is_not_reached(lang, label, expected):
    f = fmt_for(lang)
    opening = phrases.level_phrase(f, label, f.quantity(D("333"), "VND_bn"), "estimate",
                                   "up" if label.startswith("Product") else "down")
    assert phrases.join_clauses(opening, []) == expected


def test_plural_conflict_finding_in_english():
    text = phrases.finding_sentence(fmt_for("en"), "conflict", "Tourist arrivals", "2024-H1", (D("2.18"), D("2.19")))
    assert text == "Tourist arrivals (first half of 2024) are given with different values: 2.18; 2.19."


@pytest.mark.parametrize("lang, values, expected", [
    ("en", (D("95000"), D("95000"), D("27948"), D("100")),
     "The table row for total social investment capital gives a target of VND 95,000 billion, a result of VND 27,948 "
     "billion and 100% of the target: the three do not agree."),
    ("vi", (D("8000"), D("8300"), D("8500"), D("107.6")),
     "Dòng biểu về tổng vốn đầu tư ghi mục tiêu 8.000–8.300 tỷ đồng, kết quả 8.500 tỷ đồng và 107,6% mục tiêu: "
     "ba số liệu không khớp nhau."),
])
def test_a_share_of_target_that_does_not_follow_names_its_three_numbers(lang, values, expected):
    label = "Total social investment capital" if lang == "en" else "Tổng vốn đầu tư"
    assert phrases.finding_sentence(fmt_for(lang), "share_of_target_off", label, "2025", values, "VND_bn") == expected
