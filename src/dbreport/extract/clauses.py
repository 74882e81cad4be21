"""The role of a figure in its clause: kind, sign, comparison and period.

These reports state figures in one grammar: `<indicator> ước đạt X, tăng Y% so với cùng kỳ năm
trước, đạt Z% kế hoạch`. The words between the previous figure and this one (the *lead*) and the
words after it (the *tail*) decide the kind; the nearest time phrase before it in the sentence
decides the period, unless it is the reference of a comparison (`so với năm 2020`).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from dbreport.extract.vocabulary import Keyed, grammar, keyed
from dbreport.periods import YEAR_DIGITS, end_year, months_period, quarter_period

PERIODIC_KINDS = ("half_year_report", "period_report", "annual_report", "news")


@dataclass(frozen=True)
class DocContext:
    """What a clause falls back on: the document's own period, and where its plan part starts."""

    period: str
    reference_date: date | None
    kind: str
    targets_from: int | None = None  # stream offset where "Phần thứ hai: phương hướng, nhiệm vụ" starts
    targets_period: str | None = None
    term: str | None = None  # a plan's term: what its per-year aims (`mỗi năm`) are for
    targets_to: int | None = None  # stream offset where the plan part ends (the appendix)

    def in_plan_part(self, offset: int) -> bool:
        return (self.targets_from is not None and offset >= self.targets_from
                and (self.targets_to is None or offset < self.targets_to))

    @property
    def end_year(self) -> int:
        return end_year(self.period)


@dataclass
class Role:
    kind: str
    negative: bool = False
    plan_excess: bool = False
    period: str = ""
    comparison: str | None = None
    qualifier: str | None = None
    flags: list[str] = field(default_factory=list)
    done_so_far: bool = False  # a count of things done in the period so far (not a stock), whose attributes share its period


LEVEL_KINDS = ("actual", "estimate", "target")
TERM = re.compile(r"\d{4}/\d{4}")  # a period of several years

SPAN = re.compile(rf"(?:giai đoạn|nhiệm kỳ|thời kỳ|trung hạn|từ năm|trong)\s+({YEAR_DIGITS})\s*[-–]\s*({YEAR_DIGITS})|từ năm ({YEAR_DIGITS}) đến (?:năm )?({YEAR_DIGITS})")
MONTHS = keyed("tháng", rf"(\d{{1,2}}) tháng (?:đầu )?(?:của )?năm ({YEAR_DIGITS})")
MONTH_YEAR = keyed("tháng", rf"(?:tháng|đầu tháng|cuối tháng)\s+(\d{{1,2}})[/-]({YEAR_DIGITS})")
AS_OF_DATE = re.compile(rf"(?:đến|tính đến|đến hết|tại thời điểm|tới)\s+(?:hết\s+)?(?:ngày\s+)?(\d{{1,2}})(?:/|\s+tháng\s+)(\d{{1,2}})(?:/|\s+năm\s+)({YEAR_DIGITS})")
AS_OF_MONTH = keyed("tháng", rf"(?:đến|tính đến|đến hết|tới)\s+(?:hết\s+)?(?:đầu\s+|cuối\s+)?tháng\s+(\d{{1,2}})[/-]({YEAR_DIGITS})")
SAME_PERIOD_YEAR = keyed("cùng kỳ", rf"cùng kỳ (?:năm )?({YEAR_DIGITS})")
FROM_YEAR = keyed("từ ", rf"từ (?:năm|đầu năm) ({YEAR_DIGITS})(?! đến)")
YEAR = keyed("năm", rf"(?<![\d/])(?:năm|hết năm|đến năm|đến hết năm|cuối năm)\s+({YEAR_DIGITS})(?![\d/-])")
PER_YEAR = re.compile(r"bình quân\s+(?:hằng\s+|mỗi\s+)?năm|hằng năm|hàng năm|mỗi năm", re.I)  # not `bình quân 9 tháng`
REACH = 250  # characters before a figure that can still qualify it
WILL_AFTER = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:sẽ|phấn đấu)\b")  # `198 thôn, bản và thị trấn sẽ có điện`
PROPORTION_OF = re.compile(r"^\s*(?:số\s+|các\s+)?(?!so\b|kế\b|và\b|với\b|trở\b|năm\b|dự\b|mục\b|chỉ\b|nghị\b)[a-zà-ỹđ]")
CONSTANT_PRICES = re.compile(r"giá so sánh|giá cố định|theo giá (?:năm )?20\d\d", re.I)  # a value in real terms
CURRENT_PRICES = re.compile(r"giá hiện hành", re.I)  # a value in nominal terms
PRICE_BASE = re.compile(r"giá(?: so sánh| hiện hành| cố định)?\s+(?:năm\s+)?$", re.I)
# `09 tháng đầu năm`, `lũy kế 10 tháng`, `trong 9 tháng`: months of the report's year (not a duration:
# `sau hơn 04 tháng hoạt động`); `6 tháng cuối năm` counts back from December
MONTHS_OF_THIS_YEAR = keyed("tháng", r"(\d{1,2}) tháng (đầu |cuối )?năm(?!\s+\d)(?! (?:trước|sau|tới))|(?:trong|qua|lũy kế|luỹ kế|tính chung) (\d{1,2}) tháng(?! (?:đầu |cuối )?năm \d)")
FROM_START_OF_YEAR = keyed("từ đầu năm", r"từ đầu năm(?! \d)")
HALF_YEAR = keyed("nửa", r"nửa (đầu|cuối) năm(?! \d)")
MONTHS_BEFORE_VERB = keyed("tháng", r"(?<![\d/.,])(\d{1,2}) tháng(?= (?:ước|đạt|tăng|giảm|thực hiện))")  # `khách du lịch 9 tháng đạt ...`
AS_OF_MONTH_THIS_YEAR = keyed("tháng", r"(?:đến|tính đến|đến hết|tới)\s+(?:hết\s+)?(?:cuối\s+)?tháng\s+(\d{1,2})(?![/\d-])(?! năm \d)")
QUARTER = keyed("quý", rf"quý (iv|i{{1,3}}|[1-4])(?:(?: năm |/)({YEAR_DIGITS}))?(?![\w/])")
# `giảm so với cùng kỳ 1.250 hộ`: the verb, then the base, then the size of the change
VERB_THEN_BASE = re.compile(r"(?<!\w)(tăng|giảm)\s+((?:so với|so)\s+[^,;]{0,30}?)\s*$", re.I)
SHARE_WORDS = re.compile(r"tỷ trọng|tỷ lệ|cơ cấu", re.I)  # a % change of these moves a share: points
SHARE_SUBJECT = re.compile(r"(?<!\w)tỷ trọng(?!\w)", re.I)
EVERY_YEAR = keyed("năm", r"mỗi năm|hằng năm|hàng năm")
THIS_YEAR = keyed("năm nay", r"(?:trong |của )?năm nay")
# `bằng 115,1% mục tiêu tăng trưởng năm 2025`: the year a plan is for, not the period of what follows
PLAN_REFERENCE = re.compile(r"(?:kế hoạch|mục tiêu|dự toán|chỉ tiêu)(?: tăng trưởng)?\s*$")
WHOLE_YEAR = keyed("cả năm", r"cả năm(?!\s+\d)")  # `năng suất lúa cả năm`: the report's year
YEAR_AFTER = re.compile(rf"^\W{{0,2}}(?:vào\s+)?năm\s+({YEAR_DIGITS})(?![\d/-])", re.I)
EXCEEDED_BY = re.compile(r"vượt\s+[\d.,]+\s*(?:%|điểm\s*%)\s*(?:so với\s+)?(?:mtnq|mục tiêu|kế hoạch)")
COMPARED = re.compile(r"(?:so với|so|với)\s+(?:cùng kỳ\s*)?$", re.I)


@dataclass(frozen=True)
class Cue:
    """A time phrase in the text: where it stands and the period it names."""

    start: int
    end: int
    period: str
    future: bool  # after the document's own period: whatever it dates is an aim
    stock: bool = False  # `đến nay`, `toàn tỉnh có`: a stock at the reference date
    month: str | None = None  # `tới đầu tháng 5/2024`: an aim for that month ("2024-05")
    plan_reference: bool = False  # `mục tiêu năm 2025`: dates an aim, not a result


def period_cues(text: str, ctx: DocContext, regions: list[tuple[int, int]] | None = None) -> list[Cue]:
    """Every time phrase in `text` (lower-cased, see `fold`) that is not a comparison's reference,
    ordered by where it ends. Only `regions` (start, end) are searched when given: the sentences
    that hold figures, which in a long report are a fraction of its text."""
    cues: list[Cue] = []
    for start, end in (regions if regions is not None else [(0, len(text))]):
        region_cues(text, start, end, ctx, cues)
    return sorted(cues, key=lambda c: (c.end, -c.start))  # at equal ends the longer phrase wins


def region_cues(text: str, start: int, end: int, ctx: DocContext, cues: list[Cue]) -> None:
    """Append the time phrases of text[start:end] to `cues`."""

    def add(m: re.Match, period: str, stock: bool = False, month: str | None = None) -> None:
        before = text[max(0, m.start() - 25):m.start()]
        if COMPARED.search(before):
            return  # `so với năm 2020` is what a change is measured against, not its period
        year = end_year(period)
        cues.append(Cue(m.start(), m.end(), period, year > ctx.end_year, stock, month, bool(PLAN_REFERENCE.search(before))))

    keys_in: dict[str, bool] = {}  # a key word is looked up once for the patterns that share it

    def found(pattern: re.Pattern | Keyed) -> list[re.Match]:
        if isinstance(pattern, Keyed):
            if pattern.key not in keys_in:
                keys_in[pattern.key] = pattern.key_in(text, start, end)
            if not keys_in[pattern.key]:
                return []
            pattern = pattern.pattern
        return list(pattern.finditer(text, start, end))

    spans, months_of_year, month_years = found(SPAN), found(MONTHS), found(MONTH_YEAR)
    as_of_dates, as_of_months_this_year = found(AS_OF_DATE), found(AS_OF_MONTH_THIS_YEAR)
    quarters, same_period_years = found(QUARTER), found(SAME_PERIOD_YEAR)
    for m in spans:
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        a, b = int(a), int(b)
        if "nhiệm kỳ" in m.group(0).lower() and b - a == 5:
            a += 1
        if a <= ctx.end_year < b or b - a > 10:
            continue  # `quy hoạch thời kỳ 2021-2030` names a plan running past the report; `lịch sử 1949-2020` a book
        add(m, f"{a}/{b}")
    for m in months_of_year:
        months, year = int(m.group(1)), int(m.group(2))
        if 1 <= months <= 12:
            add(m, months_period(months, year))
    for m in month_years:
        if 1 <= int(m.group(1)) <= 12 and not re.search(r"(?:đến|tới)\s+(?:hết\s+)?$", text[max(0, m.start() - 8):m.start()]):
            add(m, f"{int(m.group(2))}-{int(m.group(1)):02d}")
    for m in found(MONTHS_OF_THIS_YEAR):
        months = int(m.group(1) or m.group(3))
        if 1 <= months <= 12:
            last = m.group(2) == "cuối "
            add(m, f"{ctx.end_year}-{13 - months:02d}/{ctx.end_year}-12" if last and months < 12 else months_period(months, ctx.end_year))
    for m in found(FROM_START_OF_YEAR):
        add(m, ctx.period)
    for m in found(HALF_YEAR):
        add(m, f"{ctx.end_year}-H1" if m.group(1) == "đầu" else f"{ctx.end_year}-07/{ctx.end_year}-12")
    for m in found(MONTHS_BEFORE_VERB):
        if 1 <= int(m.group(1)) <= 12:
            add(m, months_period(int(m.group(1)), ctx.end_year))
    for m in as_of_months_this_year:
        month = int(m.group(1))
        if 1 <= month <= 12:
            last_day = calendar.monthrange(ctx.end_year, month)[1]
            add(m, f"as-of {date(ctx.end_year, month, last_day).isoformat()}", month=f"{ctx.end_year}-{month:02d}")
    for m in quarters:
        add(m, quarter_period(m.group(1), int(m.group(2) or ctx.end_year)))
    if ctx.term:
        for m in found(EVERY_YEAR):
            add(m, ctx.term)
    for m in found(THIS_YEAR):
        add(m, str(ctx.end_year))
    for m in found(WHOLE_YEAR):
        add(m, str(ctx.end_year))
    for m in as_of_dates:
        try:
            add(m, f"as-of {date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()}")
        except ValueError:
            pass
    for m in found(AS_OF_MONTH):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and year >= 1:
            add(m, f"as-of {date(year, month, calendar.monthrange(year, month)[1]).isoformat()}", month=f"{year}-{month:02d}")
    for m in same_period_years:
        add(m, same_period_of(ctx.period, int(m.group(1))))
    for m in found(FROM_YEAR):
        add(m, f"{m.group(1)}/{ctx.end_year}")
    # a bare `năm 2024` inside one of the longer time phrases is only part of it
    longer = [m.span() for ms in (spans, months_of_year, same_period_years, month_years, as_of_dates, quarters,
                                  as_of_months_this_year) for m in ms]
    for m in found(YEAR):
        if not any(a <= m.start() < b for a, b in longer) and not PRICE_BASE.search(text[max(0, m.start() - 30):m.start() + 4]):
            add(m, m.group(1))
    for m in grammar().as_of.finditer(text, start, end):
        before = text[max(0, m.start() - 20):m.start()]
        # `từ đầu năm đến nay` is a flow; `thực hiện có hiệu quả` holds `hiện có` but no stock
        if re.search(r"từ đầu (?:năm|nhiệm kỳ|kỳ)\s*$|(?:thực|phát)\s$", before, re.I):
            continue
        add(m, as_of_period(ctx), stock=True)


def fold(text: str) -> str:
    """`text` in lower case with every offset kept, so that matches map back to the original.

    The time phrases are matched case-sensitively on folded text: Python's case-insensitive
    matching of Vietnamese is about three times slower on a whole report."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def as_of_period(ctx: DocContext) -> str:
    """A stock figure stands at the reference date of a report for part of a year; a yearly or
    multi-year report states its stocks for its final year."""
    if ctx.reference_date and not re.fullmatch(r"\d{4}(?:/\d{4})?", ctx.period):
        return f"as-of {ctx.reference_date.isoformat()}"
    return str(ctx.end_year)


def same_period_of(period: str, year: int) -> str:
    """`cùng kỳ năm 2023` in a 2024-H1 report is 2023-H1; in a 2021/2025 report, 2019/2023."""
    shift = year - end_year(period)
    return re.sub(r"\d{4}", lambda y: str(int(y.group(0)) + shift), period)


def classify(lead: str, tail: str, clause_before: str, cues: list[Cue], unit: str | None,
             after_share: bool, offset: int, ctx: DocContext) -> Role:
    """The role of one figure. `lead` is the text since the previous figure (or clause start)."""
    g = grammar()
    role = Role(kind="actual")
    lead, clause_before = lead[-REACH:], clause_before[-REACH:]  # words further back say nothing of this figure
    q = g.qualifier.search(lead[-30:])
    moved_to = g.to_level.search(lead[-40:])
    compared = g.higher.search(lead) or g.lower.search(lead)  # `thấp hơn kịch bản 1,39 điểm %`
    if q and not moved_to and not compared:
        role.qualifier = q.group(0).strip(" ,").lower()
        lead = lead[:max(0, len(lead) - 30) + q.start()]
    lead_tail = lead[-40:]
    clause_before = g.not_target.sub("", clause_before)
    if tail.startswith("/năm") or PER_YEAR.search(lead[-60:]):
        role.flags.append("annual_average")  # `tăng bình quân 10,69%/năm`: a rate per year
        if unit == "pct" and (g.growth.search(lead[-60:]) or re.search(r"(?<!\w)tăng(?!\w)", lead[-40:], re.I)):
            role.flags.append("average_growth")  # `IIP tăng bình quân 12,82%/năm`: a growth rate, not a level

    aim = g.target.search(clause_before) or g.target_named.search(lead_tail)
    ranked = g.rank.search(lead_tail)
    of_plan = unit in ("pct", "pp") and g.plan_tail.match(tail)
    increase, decrease = g.increase.search(lead_tail), g.decrease.search(lead_tail)
    verb_first = None if (compared or increase or decrease) else VERB_THEN_BASE.search(lead_tail)  # `giảm so với cùng kỳ 1.250 hộ`
    if moved_to and not ranked:
        role.kind = "target" if aim else "estimate" if g.estimate.search(clause_before) else "actual"
    elif ranked:
        role.kind = "rank"
    elif unit == "pct" and of_plan and g.exceed.search(lead_tail):
        role.kind, role.plan_excess = "plan_pct", True
    elif unit == "pct" and of_plan and not aim:
        role.kind = "plan_pct"
    elif unit == "pct" and of_plan:
        role.kind, role.comparison = "target", "plan"  # `phấn đấu giải ngân 100% kế hoạch`: an aimed share of plan
    elif unit == "pp" and g.exceed.search(lead_tail):
        # `vượt 7,65 điểm % MTNQ`: the gap above the target, not a level and not a change over time
        role.kind, role.comparison = "change", "plan" if of_plan else None
    elif compared or increase or decrease or verb_first:
        if verb_first:
            tail = lead_tail[verb_first.start(2):] + " " + tail
        role.negative = bool(g.lower.search(lead) if compared else decrease or (verb_first and verb_first.group(1) == "giảm"))
        if compared and not (g.same_period_tail.search(lead) or g.same_period_tail.search(tail[:60])):
            role.kind, role.comparison = "change", None  # against the reference the lead names (`kịch bản`)
        else:
            role.kind, role.comparison = change_kind(tail, ctx)
        if unit == "pct" and (after_share or SHARE_WORDS.search(clause_before)):
            role.flags.append("pct_means_pp")
        if (aim or ctx.in_plan_part(offset)) and role.comparison in (None, "same_period") and not compared:
            # `phấn đấu giảm ít nhất 5%/năm số vụ tai nạn`: the aim is the size of the cut
            role.flags.append("target_reduction" if role.negative else "target_increase")
            role.kind, role.negative, role.comparison = "target", False, None
    elif g.share.search(lead_tail) or (unit == "pct" and SHARE_SUBJECT.search(clause_before)):
        role.kind = "share"  # `chiếm 48,2%`, `tỷ trọng khu vực dịch vụ trong GRDP đạt 48,2%`
    elif unit == "pct" and g.ratio.search(lead_tail):
        role.kind = "ratio"
    elif unit == "pct" and not aim and g.growth.search(lead[-100:]) and not g.average.search(lead):
        role.kind, role.comparison = change_kind(tail, ctx)  # `tốc độ tăng trưởng ... ước đạt 7,15%`
    elif not aim and g.forecast.search(clause_before):
        role.kind, role.flags = "estimate", role.flags + ["forecast"]
    elif aim or WILL_AFTER.match(tail):
        role.kind = "target"
        if unit == "pct" and g.growth.search(lead[-100:]) and not g.average.search(lead):
            role.flags.append("target_increase")  # `phấn đấu tốc độ tăng trưởng GRDP đạt 8%`: an aimed growth
    elif g.estimate.search(clause_before):
        role.kind = "estimate"

    role.period = figure_period(cues, role, offset, ctx)
    if (unit == "count" and cues and cues[-1].stock and role.kind in ("actual", "estimate")
            and g.done_so_far.search(lead[-80:])):
        role.period, role.done_so_far = ctx.period, True  # `Đến nay UBND tỉnh đã chấp thuận ... cho 07 dự án`: a flow
    if unit == "pct" and role.kind in ("actual", "estimate") and PROPORTION_OF.match(tail):
        role.kind = "ratio"  # `100% xã có điểm phục vụ`, `99% hộ gia đình`: a proportion of a population
    after = YEAR_AFTER.match(tail)
    if after and role.kind not in ("yoy_change", "change", "plan_pct"):
        role.period = after.group(1)
        role.flags = [f for f in role.flags if f != "period_unstated"]
    span = SPAN.search(tail[:80]) if role.kind == "target" else None
    if span and span.group(1):
        role.period = f"{span.group(1)}/{span.group(2)}"  # `khoảng 9.000 tỷ đồng trong kế hoạch trung hạn 2026-2030`
    if role.kind == "target" and role.period == ctx.period and not re.fullmatch(r"\d{4}(?:/\d{4})?", ctx.period):
        role.period = str(ctx.end_year)  # an aim stated in a report for part of a year is for the year
    return role


def source_verdict(tail: str) -> str | None:
    """The verdict the source gives right after a result: `(chưa đạt MTNQ 98%)`, `(đạt MTNQ)`,
    `(vượt 7,65 điểm % MTNQ)` -> `source_not_met`, `source_met`, `source_exceeded`."""
    g = grammar()
    said = tail.lstrip(" ,(").lower()
    verdicts = (("source_basically_met", g.verdict_basically_met), ("source_not_met", g.verdict_not_met),
                ("source_exceeded", g.verdict_exceeded), ("source_met", g.verdict_met))
    if "(" in said[:40] and not any(w.match(said) for _flag, w in verdicts):
        said = said[said.index("(") + 1:].lstrip()  # `đạt 96,2% vào năm 2025 (chưa đạt MTNQ 98%)`
    for flag, words in verdicts:
        if words.match(said):
            return flag
    if EXCEEDED_BY.match(said):
        return "source_exceeded"
    return None


def change_kind(tail: str, ctx: DocContext) -> tuple[str, str | None]:
    g = grammar()
    if g.same_period_tail.search(tail[:60]):
        return "yoy_change", "same_period"
    m = re.search(r"(?:so với|so)\s+(.{0,30})", tail[:60], re.I)
    if m:
        ref = re.search(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}\s*[-–]\s*\d{4}|\d{4}|đầu năm|kế hoạch", m.group(1))
        if ref and re.fullmatch(r"\d{4}", ref.group(0)) and re.fullmatch(r"\d{4}", ctx.period) and int(ref.group(0)) == ctx.end_year - 1:
            return "yoy_change", "same_period"  # a yearly report against the year before
        return "change", ref.group(0) if ref else None
    return ("yoy_change", "same_period") if ctx.kind in PERIODIC_KINDS else ("change", None)


def figure_period(cues: list[Cue], role: Role, offset: int, ctx: DocContext) -> str:
    """The period of the nearest time phrase before the figure in its sentence (`cues`), else the
    document's (or, in its plan part, the plan's). In the plan part every level is an aim."""
    in_plan_part = ctx.in_plan_part(offset)
    if in_plan_part and role.kind in ("actual", "estimate", "share", "ratio", "plan_pct"):
        if role.kind == "plan_pct":
            role.comparison = "plan"  # `giải ngân 100% kế hoạch`: an aimed share of plan
        role.kind = "target"
    if role.kind == "target":
        cues = [c for c in cues if not c.stock]  # `phấn đấu hết năm 2024 toàn tỉnh có 06 xã`: the aim's year
    else:
        cues = [c for c in cues if not c.plan_reference]
    if cues:
        if role.kind == "target" and cues[-1].month:
            return cues[-1].month
        period, future = cues[-1].period, cues[-1].future
        if future and role.kind in ("actual", "estimate"):
            role.kind = "target"
        return period
    if in_plan_part:
        return ctx.targets_period or ctx.period
    if role.kind in ("actual", "estimate") and TERM.fullmatch(ctx.period):
        role.flags.append("period_unstated")  # a term report's `Tổng thu ngân sách đạt 77.089,83 tỷ đồng`: its total or its last year?
    return ctx.period
