"""Locale formatting of figures, periods and dates, built on Babel.

Babel gets the digits right (7.155,29 vs 7,155.29) but not the way official texts write money
or dates ("7.155,29 tỷ đồng", "VND 7,155.29 billion", "ngày 30/6/2024"), so those phrasings are
composed here from Babel's number formatting and the glossary (catalogue/glossary.toml).
Values stay Decimal from parse to print; the number of decimals shown is the number the source
wrote, so a brief never invents or drops precision.
"""
from __future__ import annotations

import gettext as _gettext
import re
import tomllib
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from babel.dates import format_date
from babel.numbers import format_decimal

N_ = lambda s: s  # noqa: E731  marks a msgid for extraction; translated where it is used


@cache
def glossary() -> dict:
    """The glossary is data shipped inside the package, read once per process."""
    return tomllib.loads(resources.files("dbreport.catalogue").joinpath("glossary.toml").read_text("utf-8"))


def decimals_of(value: Decimal) -> int:
    """How many decimals the source wrote: 7155.29 -> 2, 19058 -> 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


class Formatter:
    """All locale formatting for one brief language; registered as Jinja filters by render."""

    def __init__(self, lang: str, translations: _gettext.NullTranslations | None = None):
        self.lang = lang
        self.t = translations or _gettext.NullTranslations()

    # numbers ---------------------------------------------------------------
    def decimal(self, value: Decimal | int, digits: int | None = None) -> str:
        value = Decimal(value)
        digits = decimals_of(value) if digits is None else digits
        return format_decimal(value, number_pattern(digits), locale=self.lang, decimal_quantization=True)

    def percent(self, value: Decimal | int, digits: int | None = None) -> str:
        """8,75% / 8.75%: Babel's percent pattern would drop the decimals, so build it."""
        return self.decimal(value, digits) + "%"

    def quantity(self, value: Decimal | int, unit: str, qualifier: str | None = None,
                 digits: int | None = None) -> str:
        """A value in its unit as official texts write it: `7.155,29 tỷ đồng`, `VND 7,155.29 billion`;
        a unit's `<lang>_one` form for exactly one (`1 percentage point`)."""
        forms = glossary()["units"].get(unit, {})
        template = forms.get(f"{self.lang}_one") if abs(value) == 1 else None
        template = template or forms.get(self.lang, "{n} " + unit)
        text = template.format(n=self.decimal(value, digits))
        if qualifier:
            word = glossary()["qualifiers"].get(qualifier, {}).get(self.lang)
            if word:
                text = f"{word} {text}"
        return text

    def money(self, value: Decimal | int, unit: str = "VND_bn") -> str:
        return self.quantity(value, unit)

    def signed(self, value: Decimal, unit: str) -> str:
        """A change with its sign, for compact places (cards): +8,75% / –2.515,47 tấn / ×2,19.

        The minus is an en dash: the vendored Noto Sans has no U+2212 glyph, and a hyphen is too
        short to stand opposite "+"."""
        if unit == "times":  # a factor ("gấp 2,19 lần") has no sign: ×2,19
            return "×" + self.decimal(value)
        sign = "+" if value > 0 else ("–" if value < 0 else "±")
        return sign + self.quantity(abs(value), unit)

    # dates and periods -----------------------------------------------------
    def date(self, d: date | None) -> str:
        """`ngày 30/6/2024` in Vietnamese official style, `30 June 2024` in English."""
        if d is None:
            return ""
        if self.lang == "vi":
            return f"ngày {d.day}/{d.month}/{d.year}"
        return format_date(d, "d MMMM y", locale=self.lang)

    def month(self, month: int) -> str:
        if self.lang == "vi":
            return f"tháng {month}"
        return format_date(date(2000, month, 1), "MMMM", locale=self.lang)

    def period(self, period: str | None) -> str:
        """A reader's name for a period code: "2024-H1" -> "6 tháng đầu năm 2024" / "first half of 2024"."""
        if not period:
            return ""
        _ = self.t.gettext
        if m := re.fullmatch(r"(\d{4})-H([12])", period):
            msg = N_("first half of %(year)s") if m[2] == "1" else N_("second half of %(year)s")
            return _(msg) % {"year": m[1]}
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
            return _(N_("quarter %(q)s of %(year)s")) % {"q": m[2], "year": m[1]}
        if m := re.fullmatch(r"(\d{4})/(\d{4})", period):
            return _(N_("the period %(start)s–%(end)s")) % {"start": m[1], "end": m[2]}
        if m := re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", period):
            y1, m1, y2, m2 = int(m[1]), int(m[2]), int(m[3]), int(m[4])
            if y1 == y2:
                if self.lang == "vi":  # "2 tháng đầu năm 2026", as administrative reports write it
                    return f"{m2} tháng đầu năm {y1}" if m1 == 1 else f"tháng {m1}–{m2}/{y1}"
                return f"{self.month(m1)}–{self.month(m2)} {y1}"
            return f"{self.month(m1)} {y1} – {self.month(m2)} {y2}" if self.lang != "vi" else f"{m1}/{y1}–{m2}/{y2}"
        if m := re.fullmatch(r"(\d{4})-(\d\d)", period):
            return f"{self.month(int(m[2]))}/{m[1]}" if self.lang == "vi" else f"{self.month(int(m[2]))} {m[1]}"
        if m := re.fullmatch(r"as-of (\d{4})-(\d\d)-(\d\d)", period):
            return _(N_("as of %(date)s")) % {"date": self.date(date(int(m[1]), int(m[2]), int(m[3])))}
        if re.fullmatch(r"\d{4}", period):
            return _(N_("year %(year)s")) % {"year": period}
        return period

    def short_period(self, period: str | None) -> str:
        """A compact label for cards, tables and chart axes: "H1 2024", "2021–2025"; a run of months
        and a Vietnamese half year are written out ("January–February 2026", "6 tháng đầu năm 2024"):
        their abbreviations ("M1–2/2026", "6T/2024") are no one's usage."""
        if not period:
            return ""
        if m := re.fullmatch(r"(\d{4})-H([12])", period):
            if self.lang == "vi":
                return f"6 tháng {'đầu' if m[2] == '1' else 'cuối'} năm {m[1]}"
            return f"H{m[2]} {m[1]}"
        if m := re.fullmatch(r"(\d{4})/(\d{4})", period):
            return f"{m[1]}–{m[2]}"
        if re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", period):
            return self.period(period)
        if m := re.fullmatch(r"as-of (\d{4})-(\d\d)-(\d\d)", period):
            return f"{int(m[3])}/{int(m[2])}/{m[1]}"
        return period


def period_end(period: str | None) -> date:
    """The last day a period covers: the sort key that puts 2024-H1 before 2025 before 2030."""
    if not period:
        return date.min
    if m := re.fullmatch(r"as-of (\d{4})-(\d\d)-(\d\d)", period):
        return date(int(m[1]), int(m[2]), int(m[3]))
    last = period.split("/")[-1]
    if m := re.fullmatch(r"(\d{4})-H([12])", last):
        return date(int(m[1]), 6 if m[2] == "1" else 12, 30 if m[2] == "1" else 31)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", last):
        month = int(m[2]) * 3
        return date(int(m[1]), month, 30 if month in (6, 9) else 31)
    if m := re.fullmatch(r"(\d{4})-(\d\d)", last):
        month = int(m[2])
        nxt = date(int(m[1]) + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    if m := re.fullmatch(r"(\d{4})", last):
        return date(int(m[1]), 12, 31)
    return date.min
