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
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", comparison):
        return _("compared with %(date)s") % {"date": fmt.date(date(int(m[3]), int(m[2]), int(m[1])))}
    if re.fullmatch(r"\d{4}-\d{4}", comparison):
        return _("compared with the period %(period)s") % {"period": comparison.replace("-", "–")}
    return None


CHANGE = (N_("up %(amount)s"), N_("down %(amount)s"), N_("unchanged"))  # an amount added or removed
MOVEMENT = (N_("%(label)s rose %(amount)s"), N_("%(label)s fell %(amount)s"),
            NP_("%(label)s was unchanged", "%(label)s were unchanged"))


# "gấp 2,19 lần cùng kỳ" is a multiple of the base, not an amount added: "2.19 times the level of
# the same period last year", said only when the base is known.
FACTOR = {"same_period": N_("%(amount)s times the level of the same period last year"),
          "previous_year": N_("%(amount)s times the level of the previous year"),
          "year": N_("%(amount)s times the level of %(year)s")}
MOVEMENT_FACTOR = {"same_period": N_("%(label)s reached %(amount)s times the level of the same period last year"),
                   "previous_year": N_("%(label)s reached %(amount)s times the level of the previous year"),
                   "year": N_("%(label)s reached %(amount)s times the level of %(year)s")}


def factor_phrase(fmt: Formatter, table: dict, value: Decimal, comparison: str | None, **args: str) -> str | None:
    key = "year" if comparison and re.fullmatch(r"\d{4}", comparison) else comparison
    msg = table.get(key or "")
    return fmt.t.gettext(msg) % {**args, "amount": fmt.decimal(value), "year": comparison} if msg else None


def moved(fmt: Formatter, messages: tuple, value: Decimal, unit: str, comparison: str | None, **args: str) -> str:
    """One of (rise, fall, no change) messages with the amount, then what it is measured against."""
    rise, fall, same = messages
    msg = rise if value > 0 else (fall if value < 0 else same)
    core = agreeing(fmt, msg, args.get("label")) % {**args, "amount": fmt.quantity(abs(value), unit)}
    against = comparison_phrase(fmt, comparison)
    return f"{core} {against}" if against else core


def change_phrase(fmt: Formatter, value: Decimal | None, unit: str, comparison: str | None = None) -> str | None:
    """"up 8.75% over the same period last year" / "giảm 2.515,47 tấn so với cùng kỳ năm trước"."""
    if value is None:
        return None
    if unit == "times":
        return factor_phrase(fmt, FACTOR, value, comparison)
    if comparison_phrase(fmt, comparison) is None:
        return None  # a change with no base a reader can name says nothing ("+88.99%" of what?)
    return moved(fmt, CHANGE, value, unit, comparison)


def movement_phrase(fmt: Formatter, label: str, value: Decimal, unit: str, comparison: str | None = None) -> str:
    """The opening clause of a figure known only by its change, the change as the verb:
    "tourist arrivals rose 26% over the same period last year" / "… tăng 26% so với cùng kỳ năm trước"."""
    if unit == "times":
        factor = factor_phrase(fmt, MOVEMENT_FACTOR, value, comparison, label=inline_label(label))
        if factor:
            return factor
    return moved(fmt, MOVEMENT, value, unit, comparison, label=inline_label(label))


PLAN_SHARES = {"plan": (N_("reaching %(pct)s of the plan"), N_("%(pct)s of plan")),
               "estimate": (N_("equal to %(pct)s of the budget estimate"), N_("%(pct)s of the budget estimate")),
               "resolution": (N_("equal to %(pct)s of the resolution target"), N_("%(pct)s of the resolution target"))}


def plan_phrase(fmt: Formatter, pct: Decimal | None, base: str | None = "plan") -> str | None:
    """Share of plan achieved, named by what it is a share of: "reaching 46.12% of the plan" /
    "đạt 46,12% kế hoạch", "đạt 45,18% dự toán"; nothing when the source names no base."""
    if pct is None or base not in PLAN_SHARES:
        return None
    return fmt.t.gettext(PLAN_SHARES[base][0]) % {"pct": fmt.percent(pct)}


def plan_share(fmt: Formatter, pct: Decimal | None, base: str | None = "plan") -> str | None:
    """The compact form for cards: "46.12% of plan", "32.82% of the budget estimate"."""
    if pct is None or base not in PLAN_SHARES:
        return None
    return fmt.t.gettext(PLAN_SHARES[base][1]) % {"pct": fmt.percent(pct)}


def average_phrase(fmt: Formatter, label: str, value: str, period: str) -> str:
    """A yearly average over a term, said as one: "new jobs created averaged 9,200 persons a year
    over the period 2021–2025" / "... bình quân 9.200 người/năm giai đoạn 2021–2025"."""
    return fmt.t.gettext("%(label)s averaged %(value)s a year over %(period)s") % {
        "label": inline_label(label), "value": value, "period": period}


def average_growth_phrase(fmt: Formatter, label: str, value: str, period: str) -> str:
    """An average annual growth rate, said as one: "the IIP rose by an average of 12.82% a year over
    the period 2021–2025" / "... tăng bình quân 12,82%/năm giai đoạn 2021–2025"."""
    return fmt.t.gettext("%(label)s rose by an average of %(value)s a year over %(period)s") % {
        "label": inline_label(label), "value": value, "period": period}


def total_phrase(fmt: Formatter, label: str, value: str, period: str) -> str:
    """A flow summed over a term: "local budget revenue totalled VND 77,089.83 billion over the
    period 2021–2025" / "... cả giai đoạn 2021–2025 đạt ..."."""
    return fmt.t.gettext("%(label)s totalled %(value)s over %(period)s") % {
        "label": inline_label(label), "value": value, "period": period}


NUMBER_WORDS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_event(fmt: Formatter, indicator: str | None, value: Decimal, unit: str, kind: str,
                qualifier: str | None = None) -> str | None:
    """A count of things done, said as the event (glossary `[count_sentences]`): "Three enterprises
    were dissolved" (numbers under ten in words, as English style writes them), "Có 03 doanh
    nghiệp giải thể"; None for other figures, estimates and approximate counts."""
    template = glossary().get("count_sentences", {}).get(indicator or "", {}).get(fmt.lang)
    if not template or unit != "count" or kind != "actual" or qualifier or value != value.to_integral_value():
        return None
    n = int(value)
    if fmt.lang == "en":
        number = NUMBER_WORDS_EN[n] if n < 10 else fmt.decimal(n)
    else:
        number = f"{n:02d}" if n < 10 else fmt.decimal(n)
    return sentence_case(template.format(n=number))


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_phrase(fmt: Formatter, rank: Decimal | None, total: int | None, field: str | None = None) -> str | None:
    """"ranking 3rd of 14 provinces in the Northern Midlands and Mountains" / "xếp thứ 3/14 tỉnh vùng
    ..."; the field (glossary `claims.rank_fields`) only when the source names it, else "provinces"."""
    if rank is None:
        return None
    n = int(rank)
    pos = ordinal_en(n) if fmt.lang == "en" else str(n)
    if total:
        return fmt.t.gettext("ranking %(pos)s of %(total)s %(field)s") % {
            "pos": pos, "total": total, "field": field or fmt.t.gettext("provinces")}
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
    if kind == "estimate" and good == "down":  # Vietnamese does not say a rise in bad debt `đạt` anything
        text = fmt.t.npgettext("unfavourable", "%(label)s is estimated at %(value)s", "%(label)s are estimated at %(value)s",
                               2 if is_plural(label) else 1) % args
    elif kind == "estimate":
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
    "targets_met": NP_("%(met)s of %(num)s target with a verdict met", "%(met)s of %(num)s targets with a verdict met"),
    "no_verdict": NP_("%(num)s without a verdict", "%(num)s without a verdict"),
    "more_findings": NP_("… and %(num)s more finding, listed in the data files", "… and %(num)s more findings, listed in the data files"),
}


def count_phrase(fmt: Formatter, n: int, what: str) -> str:
    """Plural-aware counts: "1 finding" / "3 findings" (Vietnamese has one form)."""
    return fmt.t.ngettext(*PLURALS[what], n) % {"num": fmt.decimal(n)}


def targets_met_phrase(fmt: Formatter, met: int, judged: int, unjudged: int = 0, shown: int = 0, total: int = 0,
                       left_out: bool = False) -> str:
    """The scoreboard's tally of every target row it can read, not only those it shows (a table
    cut at its first rows would say nothing of the rest): how many targets it compares and which
    rows of the sources' tables it leaves out, how many of those with a verdict are met, how many
    have none, and how many rows the table shows."""
    parts = [fmt.t.gettext("%(read)s targets compared; rows of the source tables with no catalogued indicator, two "
                           "values, mixed bases or a sector's share of GRDP are left out") % {"read": fmt.decimal(total)}
             ] if left_out else []
    parts += [fmt.t.ngettext(*PLURALS["targets_met"], judged) % {"met": fmt.decimal(met), "num": fmt.decimal(judged)}
              ] if judged else []
    parts += [count_phrase(fmt, unjudged, "no_verdict")] if unjudged else []
    parts += [fmt.t.gettext("%(shown)s of %(total)s rows shown") % {"shown": fmt.decimal(shown), "total": fmt.decimal(total)}
              ] if shown < total else []
    return sentence_case("; ".join(parts)) + "."


FINDING_MESSAGES = {
    "conflict": NP_("%(label)s%(period)s is given with different values: %(values)s.",
                    "%(label)s%(period)s are given with different values: %(values)s."),
    "parts_do_not_add_up": N_("The parts of %(label)s%(period)s do not add up: %(values)s."),
    # no period: a table's target column may hold a term's target beside one year's result
    "share_of_target_off": N_("The table row for %(label)s gives a target of %(target)s, a result of %(result)s and "
                              "%(share)s of the target: the three do not agree."),
    "two_standards": NP_("%(label)s%(period)s is given under different standards: %(values)s.",
                         "%(label)s%(period)s are given under different standards: %(values)s."),
    "share_out_of_range": N_("A share for %(label)s%(period)s is out of range: %(values)s."),
    "suspicious_repair": N_("A figure for %(label)s%(period)s was misprinted in the source and read as %(values)s."),
    "ocr_unsure": N_("A figure for %(label)s%(period)s was read from a scan with low confidence as %(values)s: check it against the scan."),
}


def finding_sentence(fmt: Formatter, code: str, label: str | None, period: str | None,
                     values: tuple[Decimal, ...], unit: str | None = None, changes: bool = False,
                     of_target: bool = False, yearly: bool = False, standards: tuple[str, ...] = ()) -> str:
    """A data problem worded for readers; the code and figures come from check, the words from the catalog.
    The values are written in their unit when the figures share one, each with its standard when
    they are under different ones; figures that are changes are named as the change of the
    indicator, shares of a target as that share, yearly averages as such: never as the indicator's value."""
    _ = fmt.t.gettext
    msg = FINDING_MESSAGES.get(code, N_("A possible data problem in %(label)s%(period)s: %(values)s."))
    if label and changes:
        label = _("the change in %(label)s") % {"label": inline_label(label)}
    elif label and of_target:
        label = _("the share of the target reached for %(label)s") % {"label": inline_label(label)}
    if period and yearly:
        period = _("%(period)s, yearly average") % {"period": fmt.period(period)}
    show = (lambda v: fmt.quantity(v, unit)) if unit else fmt.decimal
    args = {
        "label": inline_label(label) if label else _("an uncatalogued figure"),
        "period": f" ({period if yearly else fmt.period(period)})" if period else "",
        "values": "; ".join(show(v) + (" (" + _("%(years)s standard") % {"years": fmt.period(std)} + ")" if std else "")
                            for v, std in zip(values, standards or ("",) * len(values))) if values else "–",
    }
    if code == "share_of_target_off":  # values: the target's low and high ends, the result, the stated share
        low, high, result, share = values
        target = show(low) if low == high else f"{fmt.decimal(low)}–{show(high)}"
        args |= {"target": target, "result": show(result), "share": fmt.percent(share)}
    return sentence_case(agreeing(fmt, msg, None if changes or of_target else label) % args)
