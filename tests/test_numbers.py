"""The number parser on the forms the reports actually use (DESIGN.md, "Things in the text that will bite")."""
from decimal import Decimal

import pytest

from dbreport.numbers import NotANumber, parse_number, plain, scaled, split_footnote_marker, split_glued_year


@pytest.mark.parametrize(
    ("token", "value", "flags"),
    [
        ("7.155,29", "7155.29", ()),  # Vietnamese: dot groups thousands, comma is the decimal
        ("19.058", "19058", ()),
        ("4.065.284", "4065284", ()),
        ("8,75", "8.75", ()),
        ("05", "5", ()),  # small counts are padded to two digits
        ("7,306.28", "7306.28", ("en_number_format",)),  # an English-format number in a Vietnamese text
        ("1,234,567", "1234567", ("en_number_format",)),
        ("2,170", "2.170", ("comma_decimal_ambiguous",)),  # `2,170 triệu hành khách` is 2.17 million
        ("338,587", "338.587", ("comma_decimal_ambiguous",)),
        ("1,368,19", "1.36819", ("typo_repaired",)),  # `1,368,19 triệu lượt`: a stray comma
        ("2.5", "2.5", ("en_number_format",)),
    ],
)
def test_parse_number(token, value, flags):
    parsed = parse_number(token)
    assert parsed.value == Decimal(value)
    assert parsed.flags == flags


@pytest.mark.parametrize("token", ["1.2.3,4,5", "1,2.3,4", "1" * 30, "123.456.789.012.345.678.901.234.567.890"])
def test_malformed_tokens_are_refused(token):
    with pytest.raises(NotANumber):
        parse_number(token)


@pytest.mark.parametrize(
    ("token", "footnotes", "expected"),
    [
        ("6.23928", {28}, ("6.239", 28)),  # `khoảng 6.23928 lao động` = 6.239 + footnote 28
        ("0217", {17}, ("02", 17)),  # `0217 dự án` = 02 + footnote 17
        ("6.23928", set(), None),  # without footnote 28 in the document, nothing is split
        ("19.058", {58}, None),  # a well-formed number keeps its digits
        ("2017", {17}, None),
    ],
)
def test_split_footnote_marker(token, footnotes, expected):
    assert split_footnote_marker(token, footnotes) == expected


def test_year_with_glued_footnote():
    assert split_glued_year("202416", {16}) == ("2024", 16)
    assert split_glued_year("202416", set()) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.3681900E+6"), "1368190"),
        (Decimal("45.50"), "45.5"),
        (Decimal("1" + "0" * 29), "1" + "0" * 29),  # 30 digits: Decimal's 28-digit context raised InvalidOperation
        (Decimal("123456789012345678901234567890.5"), "123456789012345678901234567890.5"),  # and would have rounded
    ],
)
def test_plain_is_exact_at_any_length(value, expected):
    assert str(plain(value)) == expected


def test_scaling_is_exact_at_any_length():
    assert scaled(Decimal("999999999999999999"), Decimal("1000000000000")) == Decimal("999999999999999999" + "0" * 12)
