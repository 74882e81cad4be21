"""Narrative sentences ("GRDP is estimated at VND 7,155.29 billion, up 8.75% over the same period
last year, ranking 3rd of 14 provinces") from figures, in the brief's language.

Each clause is one gettext message with named placeholders, so a translator can reorder words
and the catalogs, not this code, decide the wording. Helpers return None for a missing piece
and the sentence is assembled from the pieces that exist, so a figure without a comparison
reads naturally instead of leaving "up  over" holes.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from dbreport.formatting import Formatter, glossary

N_ = lambda s: s  # noqa: E731
NP_ = lambda singular, plural: (singular, plural)  # noqa: E731  a plural pair for extraction (Makefile: -k NP_:1,2)


def is_plural(label: str) -> bool:
    """Whether an English label is a plural subject ("Tourist arrivals are ..."): glossary data."""
    return sentence_case(re.sub(r" \([^)]*\)$", "", label)) in glossary()["english_plural"]["labels"]


def agreeing(fmt: Formatter, msg: str | tuple[str, str], label: str | None = None) -> str:
    """The translation of `msg`; for a (singular, plural) pair, the form that agrees with `label`
    (Vietnamese has one form)."""
    if isinstance(msg, tuple):
        return fmt.t.ngettext(*msg, 2 if label and is_plural(label) else 1)
    return fmt.t.gettext(msg)


def inline_label(label: str) -> str:
    """A label inside a sentence: "Thu ngân sách" -> "thu ngân sách", but "GRDP", "IIP" stay."""
    if len(label) > 1 and label[0].isupper() and not label[1].isupper():
        return label[0].lower() + label[1:]
    return label


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def comparison_phrase(fmt: Formatter, comparison: str | None) -> str | None:
    """What a change is measured against: "over the same period last year", "compared with 2020"."""
    _ = fmt.t.gettext
    if not comparison:
        return None
    if comparison == "same_period":
        return _("over the same period last year")
    if comparison == "previous_year":
        return _("over the previous year")
    if comparison in ("plan", "target", "resolution"):
        return _("against the plan") if comparison == "plan" else _("against the resolution target")
    if re.fullmatch(r"\d{4}", comparison):
        return _("compared with %(year)s") % {"year": comparison}
    if re.fullmatch(r"\d{4}-\d\d-\d\d", comparison):
        return _("compared with %(date)s") % {"date": fmt.date(date.fromisoformat(comparison))}
    return None


CHANGE = (N_("up %(amount)s"), N_("down %(amount)s"), N_("unchanged"))
MOVEMENT = (N_("%(label)s rose %(amount)s"), N_("%(label)s fell %(amount)s"),
            NP_("%(label)s was unchanged", "%(label)s were unchanged"))


# "gấp 2,19 lần" is a factor, not an amount added: "up 2.19-fold", not "up 2.19 times".
CHANGE_FACTOR = (N_("up %(amount)s-fold"), N_("down %(amount)s-fold"), CHANGE[2])
MOVEMENT_FACTOR = (N_("%(label)s rose %(amount)s-fold"), N_("%(label)s fell %(amount)s-fold"), MOVEMENT[2])


def moved(fmt: Formatter, messages: tuple, value: Decimal, unit: str, comparison: str | None, **args: str) -> str:
    """One of (rise, fall, no change) messages with the amount, then what it is measured against."""
    rise, fall, same = messages
    msg = rise if value > 0 else (fall if value < 0 else same)
    amount = fmt.decimal(abs(value)) if unit == "times" else fmt.quantity(abs(value), unit)
    core = agreeing(fmt, msg, args.get("label")) % {**args, "amount": amount}
    against = comparison_phrase(fmt, comparison)
    return f"{core} {against}" if against else core


def change_phrase(fmt: Formatter, value: Decimal | None, unit: str, comparison: str | None = None) -> str | None:
    """"up 8.75% over the same period last year" / "giảm 2.515,47 tấn so với cùng kỳ năm trước"."""
    return None if value is None else moved(fmt, CHANGE_FACTOR if unit == "times" else CHANGE, value, unit, comparison)


def movement_phrase(fmt: Formatter, label: str, value: Decimal, unit: str, comparison: str | None = None) -> str:
    """The opening clause of a figure known only by its change, the change as the verb:
    "tourist arrivals rose 26% over the same period last year" / "… tăng 26% so với cùng kỳ năm trước"."""
    return moved(fmt, MOVEMENT_FACTOR if unit == "times" else MOVEMENT, value, unit, comparison,
                 label=inline_label(label))


def plan_phrase(fmt: Formatter, pct: Decimal | None) -> str | None:
    """Share of plan achieved: "reaching 46.12% of the plan" / "đạt 46,12% kế hoạch"."""
    if pct is None:
        return None
    return fmt.t.gettext("reaching %(pct)s of the plan") % {"pct": fmt.percent(pct)}


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_phrase(fmt: Formatter, rank: Decimal | None, total: int | None) -> str | None:
    """"ranking 3rd of 14 provinces" / "xếp thứ 3/14 tỉnh"; without a total, just the position."""
    if rank is None:
        return None
    n = int(rank)
    pos = ordinal_en(n) if fmt.lang == "en" else str(n)
    if total:
        return fmt.t.gettext("ranking %(pos)s of %(total)s provinces") % {"pos": pos, "total": total}
    return fmt.t.gettext("ranking %(pos)s among provinces") % {"pos": pos}


def rank_total(quote: str) -> int | None:
    """"3/14 tỉnh" -> 14: the field size is in the quote, not in the value."""
    m = re.search(r"\d+\s*/\s*(\d+)", quote or "")
    return int(m[1]) if m else None


def level_phrase(fmt: Formatter, label: str, value: str, kind: str, good: str = "up",
                 period: str | None = None) -> str:
    """The opening clause: how much the indicator was, worded by kind (estimate, actual, target)."""
    _ = fmt.t.gettext
    args = {"label": inline_label(label), "value": value}
    if kind == "estimate":
        text = agreeing(fmt, NP_("%(label)s is estimated at %(value)s", "%(label)s are estimated at %(value)s"),
                        label) % args
    elif kind == "target":
        year = (period or "").split("/")[-1]
        text = (_("the target for %(label)s by %(year)s is %(value)s") % {**args, "year": year} if year
                else _("the target for %(label)s is %(value)s") % args)
    elif kind == "share":
        text = agreeing(fmt, NP_("%(label)s accounts for %(value)s of GRDP", "%(label)s account for %(value)s of GRDP"),
                        label) % args
    elif good == "up":
        text = _("%(label)s reached %(value)s") % args
    else:
        text = _("%(label)s stood at %(value)s") % args
    return text


def join_clauses(opening: str, clauses: list[str | None]) -> str:
    """Opening clause plus the optional ones that exist, as one sentence."""
    parts = [opening] + [c for c in clauses if c]
    return sentence_case(", ".join(parts)) + "."


PLURALS = {
    "finding": NP_("%(num)s finding", "%(num)s findings"),
    "document": NP_("%(num)s source document", "%(num)s source documents"),
    "figure": NP_("%(num)s figure", "%(num)s figures"),
    "targets_met": NP_("%(met)s of %(num)s target met", "%(met)s of %(num)s targets met"),
}


def count_phrase(fmt: Formatter, n: int, what: str) -> str:
    """Plural-aware counts: "1 finding" / "3 findings" (Vietnamese has one form)."""
    return fmt.t.ngettext(*PLURALS[what], n) % {"num": fmt.decimal(n)}


def targets_met_phrase(fmt: Formatter, met: int, total: int) -> str:
    return fmt.t.ngettext(*PLURALS["targets_met"], total) % {"met": fmt.decimal(met), "num": fmt.decimal(total)}


FINDING_MESSAGES = {
    "conflict": NP_("%(label)s%(period)s is given with different values: %(values)s.",
                    "%(label)s%(period)s are given with different values: %(values)s."),
    "parts_do_not_add_up": N_("The parts of %(label)s%(period)s do not add up: %(values)s."),
    "share_out_of_range": N_("A share for %(label)s%(period)s is out of range: %(values)s."),
    "suspicious_repair": N_("A figure for %(label)s%(period)s was misprinted in the source and read as %(values)s."),
}


def finding_sentence(fmt: Formatter, code: str, label: str | None, period: str | None,
                     values: tuple[Decimal, ...]) -> str:
    """A data problem worded for readers; the code and figures come from check, the words from the catalog."""
    _ = fmt.t.gettext
    msg = FINDING_MESSAGES.get(code, N_("A possible data problem in %(label)s%(period)s: %(values)s."))
    args = {
        "label": inline_label(label) if label else _("an uncatalogued figure"),
        "period": f" ({fmt.period(period)})" if period else "",
        "values": "; ".join(fmt.decimal(v) for v in values) if values else "–",
    }
    return sentence_case(agreeing(fmt, msg, label) % args)
