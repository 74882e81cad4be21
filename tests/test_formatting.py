"""The same values formatted per locale: Babel digits, official phrasings of money and dates."""
from datetime import date
from decimal import Decimal as D

import pytest

from dbreport.formatting import Formatter, decimals_of, period_end


@pytest.mark.parametrize("value, vi, en", [
    (D("7155.29"), "7.155,29", "7,155.29"),
    (D("19058"), "19.058", "19,058"),
    (D("1368190"), "1.368.190", "1,368,190"),
    (D("0.5"), "0,5", "0.5"),
    (D("-2515.47"), "-2.515,47", "-2,515.47"),
    (D("8.750"), "8,750", "8.750"),  # the decimals the source wrote are kept
])
def test_decimal(value, vi, en):
    assert (Formatter("vi").decimal(value), Formatter("en").decimal(value)) == (vi, en)


@pytest.mark.parametrize("value, vi, en", [
    (D("8.75"), "8,75%", "8.75%"),
    (D("46.12"), "46,12%", "46.12%"),
    (D("100"), "100%", "100%"),
])
def test_percent(value, vi, en):
    assert (Formatter("vi").percent(value), Formatter("en").percent(value)) == (vi, en)


@pytest.mark.parametrize("value, unit, qualifier, vi, en", [
    (D("7155.29"), "VND_bn", None, "7.155,29 tỷ đồng", "VND 7,155.29 billion"),
    (D("50"), "VND_bn", "trên", "trên 50 tỷ đồng", "over VND 50 billion"),
    (D("45.2"), "USD_mn", "khoảng", "khoảng 45,2 triệu USD", "about USD 45.2 million"),
    (D("1.12"), "pp", None, "1,12 điểm %", "1.12 percentage points"),
    (D("2515.47"), "t", None, "2.515,47 tấn", "2,515.47 tonnes"),
    (D("1368190"), "visits", None, "1.368.190 lượt", "1,368,190 arrivals"),
    (D("2.19"), "times", None, "2,19 lần", "2.19 times"),
    (D("98"), "pct", "trên", "trên 98%", "over 98%"),
    (D("72.5"), "years", None, "72,5 tuổi", "72.5 years"),  # an age (`tuổi`), never `năm`
    (D("-1"), "pp", None, "-1 điểm %", "-1 percentage point"),  # exactly one: singular
    (D("1.0"), "persons", None, "1,0 người", "1.0 person"),
])
def test_quantity(value, unit, qualifier, vi, en):
    assert Formatter("vi").quantity(value, unit, qualifier) == vi
    assert Formatter("en").quantity(value, unit, qualifier) == en


def test_unknown_unit_prints_its_code_rather_than_failing():
    assert Formatter("en").quantity(D("3"), "widgets") == "3 widgets"


@pytest.mark.parametrize("d, vi, en", [
    (date(2024, 6, 30), "ngày 30/6/2024", "30 June 2024"),
    (date(2026, 1, 5), "ngày 5/1/2026", "5 January 2026"),
])
def test_date(d, vi, en):
    assert (Formatter("vi").date(d), Formatter("en").date(d)) == (vi, en)


@pytest.mark.parametrize("period, vi_short, en_short", [
    ("2024-H1", "6 tháng đầu năm 2024", "H1 2024"),
    ("2021/2025", "2021–2025", "2021–2025"),
    ("2026-01/2026-02", "2 tháng đầu năm 2026", "January–February 2026"),
    ("2030", "2030", "2030"),
    ("as-of 2024-06-30", "30/6/2024", "30/6/2024"),
])
def test_short_period(period, vi_short, en_short):
    assert (Formatter("vi").short_period(period), Formatter("en").short_period(period)) == (vi_short, en_short)


def test_month_span_period_is_named_in_each_language():
    assert Formatter("vi").period("2026-01/2026-02") == "2 tháng đầu năm 2026"
    assert Formatter("vi").period("2026-03/2026-05") == "tháng 3–5/2026"
    assert Formatter("en").period("2026-01/2026-02") == "January–February 2026"


@pytest.mark.parametrize("period, end", [
    ("2024-H1", date(2024, 6, 30)), ("2021/2025", date(2025, 12, 31)), ("2026-01/2026-02", date(2026, 2, 28)),
    ("as-of 2024-06-30", date(2024, 6, 30)), ("2030", date(2030, 12, 31)), ("garbage", date.min),
])
def test_period_end_orders_periods(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("value, digits", [(D("7155.29"), 2), (D("19058"), 0), (D("1E+3"), 0)])
def test_decimals_of(value, digits):
    assert decimals_of(value) == digits


@pytest.mark.parametrize("value, unit, vi, en", [
    (D("8.75"), "pct", "+8,75%", "+8.75%"),
    (D("-2515.47"), "t", "–2.515,47 tấn", "–2,515.47 tonnes"),  # en dash: Noto Sans has no U+2212
    (D("2.19"), "times", "×2,19", "×2.19"),
    (D("0"), "pct", "±0%", "±0%"),
])
def test_signed_changes_for_cards(value, unit, vi, en):
    assert (Formatter("vi").signed(value, unit), Formatter("en").signed(value, unit)) == (vi, en)
