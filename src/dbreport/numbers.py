"""Reading one written number the way its author meant it.

The reports mix Vietnamese (`7.155,29`) and English (`7,306.28`) formats, carry typos
(`1,368,19`) and ambiguous forms (`2,170` is 2.17 in a Vietnamese text). This module turns the
digits-and-separators token into a Decimal and says what it had to assume, so that every repair is
flagged on the observation. Scale and unit words are the units catalogue's job
(`catalogue/units.toml`, read by `extract/vocabulary.py`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal

VN_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 7.155,29   19.058   4.065.284
EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}")  # 7,306.28   1,234,567
COMMA_DECIMAL = re.compile(r"\d+,\d+")  # 8,75   2,170 (2.17: the Vietnamese reading wins)
DOT_DECIMAL = re.compile(r"\d+\.\d+")  # 2.5: not a Vietnamese grouping, so an English decimal
COMMA_TYPO = re.compile(r"\d{1,3},\d{3}(?:,\d{1,2})")  # 1,368,19: a stray second comma
PLAIN = re.compile(r"\d+")
GROUPS_THEN_MARKER = re.compile(r"\d{1,3}(?:\.\d{3})*\.\d{4,}")  # 6.23928: a group of 3 digits, then a marker
PADDED_COUNT = re.compile(r"0\d")
PADDED_THEN_MARKER = re.compile(r"0\d{2,}")  # 0217: the count 02, then a marker
GLUED_YEAR = re.compile(r"(19|20)\d{2}\d{1,2}")  # 202416: a year, then a marker
#: The most significant digits a figure can have: more than any quantity a report states (a
#: billion billion). A longer run of digits is a code or noise, not a figure.
MAX_DIGITS = 18


class NotANumber(ValueError):
    pass


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal
    flags: tuple[str, ...] = ()


def parse_number(token: str) -> ParsedNumber:
    """Parse a token made of digits, `.` and `,` as written in a Vietnamese report."""
    if len(token) > MAX_DIGITS and sum(c.isdigit() for c in token.lstrip("0.,")) > MAX_DIGITS:
        raise NotANumber(token)
    if PLAIN.fullmatch(token):
        return ParsedNumber(Decimal(token))
    if VN_GROUPED.fullmatch(token):
        return ParsedNumber(Decimal(token.replace(".", "").replace(",", ".")))
    if EN_GROUPED.fullmatch(token):
        return ParsedNumber(Decimal(token.replace(",", "")), ("en_number_format",))
    if COMMA_DECIMAL.fullmatch(token):
        flags = ("comma_decimal_ambiguous",) if len(token.split(",")[1]) == 3 else ()
        return ParsedNumber(Decimal(token.replace(",", ".")), flags)
    if COMMA_TYPO.fullmatch(token):
        # `1,368,19 triệu lượt`: the author wrote 1,36819 million with a stray comma. Read the
        # first comma as the decimal separator and drop the rest, and say so.
        whole, *rest = token.split(",")
        return ParsedNumber(Decimal(whole + "." + "".join(rest)), ("typo_repaired",))
    if DOT_DECIMAL.fullmatch(token):
        return ParsedNumber(Decimal(token), ("en_number_format",))
    raise NotANumber(token)


def plain(value: Decimal) -> Decimal:
    """`value` without trailing zeros or an exponent: 1.3681900E+6 -> 1368190, 45.50 -> 45.5.

    Exact whatever the number of digits (Decimal's default context would round past 28)."""
    result = value.normalize(Context(prec=max(1, len(value.as_tuple().digits))))
    return Decimal(int(result)) if result.as_tuple().exponent > 0 else result


def scaled(value: Decimal, factor: Decimal) -> Decimal:
    """`value` times a scale (`1,36819 triệu` -> 1368190), exact and written without an exponent."""
    exact = Context(prec=len(value.as_tuple().digits) + len(factor.as_tuple().digits))
    return plain(exact.multiply(value, factor))


def split_footnote_marker(token: str, footnotes: set[int]) -> tuple[str, int] | None:
    """If `token` is a number with a footnote number glued to its end, return (number, marker).

    Only markers whose footnote body exists count, and only where the digits cannot be a
    well-formed number on their own: `6.23928` (a thousands group has three digits) is 6.239 +
    footnote 28; `0217` (these reports pad small counts to two digits) is 02 + footnote 17;
    `202416` after `năm` is the year 2024 + footnote 16 (the caller says when a year is expected).
    """
    for width in (3, 2, 1):
        m = token[-width:]
        if len(token) <= width or not m.isdigit() or m.startswith("0") or int(m) not in footnotes:
            continue
        marker = int(m)
        head = token[:-width]
        if head[-1] in ".,":
            continue
        if VN_GROUPED.fullmatch(head) and GROUPS_THEN_MARKER.fullmatch(token):
            return head, marker
        if PADDED_COUNT.fullmatch(head) and PADDED_THEN_MARKER.fullmatch(token):
            return head, marker
    return None


def split_glued_year(token: str, footnotes: set[int]) -> tuple[str, int] | None:
    """`202416` where a year is expected: the year 2024 and footnote 16."""
    if GLUED_YEAR.fullmatch(token):
        head, tail = token[:4], int(token[4:])
        if tail in footnotes:
            return head, tail
    return None
