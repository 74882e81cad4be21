"""extract: Document -> Observation[].

Reads every stream of a document (the body, then each footnote body), finds the figures in it
(`mentions`), gives each its role in the clause (`clauses`) and the indicator its clause names
(`vocabulary.catalogue`), and keeps the source line and quote of each. The congress report's
appendix table is read by `table`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from dbreport.extract import table
from dbreport.extract.clauses import CONSTANT_PRICES, CURRENT_PRICES, LEVEL_KINDS, REACH, Cue, DocContext, Role, classify, fold, period_cues, source_verdict
from dbreport.extract.mentions import Mention, find_mentions
from dbreport.extract.stream import Stream, document_streams
from dbreport.extract.vocabulary import AtEnd, Indicator, catalogue, grammar, keyed, matches_at
from dbreport.model import Document, Observation
from dbreport.periods import end_year

LOOKBACK = 600
CONTINUES = re.compile(r"\W*(?:trong đó|cụ thể)\b")  # a sentence detailing the one before
GLUED_MARKER = re.compile(r"(?<=[^\W\d_])\d{1,3}\b")  # `cơ sở18`: a footnote marker, not part of a label
LEADING_MARKER = re.compile(r"^\d{1,3}\b")
SPACES = re.compile(r"\s+")
WORD = re.compile(r"[^\W\d_]+")
#: How far past a figure's quote a catalogue phrase may run when it starts at the figure's noun.
NOUN_REACH = 60
#: Kinds that qualify the level before them, even from the next clause of the sentence.
QUALIFYING_KINDS = ("yoy_change", "change", "plan_pct", "rank")
# a full stop before a capital, or a line break; written as one character class first, so that the
# regex engine skips to the next candidate character (twice as fast as two alternatives)
SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)|(?=\s+[\"“(]?[A-ZĐÀ-Ỹ0-9-]))")
CLAUSE_END = re.compile(r"[;:\n]|[.!?…](?=\s+[\"“(]?[A-ZĐÀ-Ỹ0-9-])|\s[-+•]\s|\(\d\)")
CLAUSE_END_MARK = re.compile(r"[;:\n.!?…(+•-]")  # where a CLAUSE_END starts, or (a bullet) one character after
# where a report's plan part begins: `PHẦN THỨ HAI`, or a numbered heading that starts with the tasks
# (`II. NHIỆM VỤ QUÝ IV`, `B. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025`), not one that reports on them
TARGETS_PART = re.compile(r"^\W*(?:phần thứ hai\s*$|(?:[IVX]+|[A-Đ])\.\s*(?:phương hướng|nhiệm vụ|kế hoạch|mục tiêu)\b)", re.I)
APPENDIX = re.compile(r"^\s*PHỤ LỤC\b")
NOTE_AFTER_TABLE = re.compile(r"^\s*Ghi chú\s*:\s*\S.{20,}")
WHOLE_OF_SHARE = re.compile(r"(?<!\w)(?:trong|so với)\s+(?:tổng\s+)?$")
ATTRIBUTE_LEAD = keyed("với", r"(?<!\w)(?<!so )với\s+(?:tổng\s+)?(?:số\s+)?\w+")  # `... với số vốn đăng ký 627 tỷ đồng`
# the standard a rate is measured by: `theo chuẩn nghèo giai đoạn 2016-2020`, `chuẩn nghèo đa chiều mới giai đoạn 2021-2025`
STANDARD = keyed("chuẩn ", r"chuẩn (?:nghèo|nông thôn mới)[\w\s]{0,20}?giai đoạn (\d{4})\s*[-–]\s*(\d{4})")
# a phrase followed by more things of its kind before the verb: the figure is of all of them together
LISTED_WITH = re.compile(r"(?:\s*,\s*(?!tăng|giảm|đạt|ước|bằng|chiếm|trong|với)[^\W\d][^,;:\d]{0,12}?){1,4}\s+(?:và\s+\w+\s+)?(?:đến năm|đạt|ước đạt|là)\b")
TO_MARKET = re.compile(r"(?<!\w)sang(?:\s+thị trường)?(?!\w)", re.I)  # `xuất khẩu sang Trung Quốc`
NEXT_WORD = re.compile(r"\s+(\w+)")
TRONG_DO = keyed("trong đó", r"(?<!\w)trong đó(?!\w)")
RESULTS = re.compile(r"kết quả|thực hiện|đạt được|ước đạt")
# an open `(gồm ...` or `(trong đó ...` before the figure: it is an item of a breakdown
BREAKDOWN = keyed("(", r"\((?:gồm|bao gồm|trong đó)\b[^()]*$", re.I)
AFTER_ELSEWHERE = re.compile(r"[\s,)]*(?:của\s+)?(?:cả nước|toàn quốc)\b")
LEAD_WORD_LIST = ("ước đạt", "ước", "đạt", "là", "có", "được", "tăng", "giảm", "chiếm", "với", "gồm", "trong đó", "khoảng",
                  "trên", "hơn", "gần", "bằng", "còn", "từ", "xuống", "lên", "là")
# a verb or preposition ending a label, with the space before it (the longest is 1 + the longest word)
LEAD_WORDS = AtEnd(re.compile(r"(?:\s|^)(?:" + "|".join(LEAD_WORD_LIST) + r")\W*$", re.I), 1 + max(map(len, LEAD_WORD_LIST)))

UNIT_FAMILY = {"VND": "VND", "VND_mn": "VND", "VND_bn": "VND", "USD": "USD", "USD_mn": "USD", "t": "mass", "kt": "mass",
               "kg": "mass", "persons": "count", "households": "count", "visits": "count", "count": "count"}
COUNTED = ("persons", "households", "visits")  # counts whose noun names what is counted


def extract_all(documents: list[Document]) -> list[Observation]:
    return [obs for doc in documents for obs in extract_document(doc)]


def extract_document(doc: Document) -> list[Observation]:
    appendix_line = table_start(doc)
    table_end = note_after(doc, appendix_line) if appendix_line is not None else None
    body_doc = doc if appendix_line is None else without_lines(doc, appendix_line, table_end)
    observations: list[Observation] = []
    targets_line = next((n for n, line in enumerate(doc.lines, 1) if TARGETS_PART.match(line)), None)
    for stream in document_streams(body_doc):
        ctx = document_context(doc, stream, targets_line, appendix_line)
        observations += stream_observations(doc, stream, ctx)
    if appendix_line is not None:
        observations += table.appendix_observations(doc, appendix_line, table_end)
    return observations


def table_start(doc: Document) -> int | None:
    """The `PHỤ LỤC` heading of the first appendix laid out as a table (its header `Stt Chỉ tiêu` follows)."""
    heading = None
    for n, line in enumerate(doc.lines, 1):
        if "PHỤ LỤC" in line and APPENDIX.match(line):  # (`in`: a fast first test)
            heading = n
        elif heading and table.HEADER_START.match(line):
            return heading
    return None


def note_after(doc: Document, first: int) -> int | None:
    """The line where the prose note after an appendix table begins (`Ghi chú: Kết quả ước năm
    2025, tỷ lệ hộ nghèo giảm xuống còn 12,73% ...`): it holds figures and is read as text."""
    return next((n for n in range(first, len(doc.lines) + 1) if NOTE_AFTER_TABLE.match(doc.lines[n - 1])), None)


def without_lines(doc: Document, first: int, end: int | None) -> Document:
    """The document with lines `first` up to `end` (or its end) set aside: the appendix is read as a table."""
    set_aside = dict(doc.set_aside)
    set_aside.update({n: "appendix" for n in range(first, end or len(doc.lines) + 1)})
    return replace(doc, set_aside=set_aside)


def document_context(doc: Document, stream: Stream, targets_line: int | None, appendix_line: int | None) -> DocContext:
    """The document's defaults for one stream; its plan part runs from `targets_line` to the
    appendix (whose closing note reports results again)."""
    targets_from = targets_period = targets_to = None
    if doc.default_kind == "target":
        return DocContext(doc.period, doc.reference_date, doc.kind, 0, str(end_year(doc.period)), doc.period)  # a plan: all aims
    if targets_line is not None:
        later = next((i for i, (line, _col) in enumerate(stream.origins) if line >= targets_line), None)
        targets_from = stream.starts[later] if later is not None else None
        heading = " ".join(doc.lines[targets_line - 1:targets_line + 6])
        years = [int(y) for y in re.findall(r"\b(20\d\d)\b", heading)]
        targets_period = str(max(years)) if years else str(end_year(doc.period))
        after = next((i for i, (line, _col) in enumerate(stream.origins) if appendix_line and line >= appendix_line), None)
        targets_to = stream.starts[after] if after is not None else None
    return DocContext(doc.period, doc.reference_date, doc.kind, targets_from, targets_period, targets_to=targets_to)


def stream_observations(doc: Document, stream: Stream, ctx: DocContext) -> list[Observation]:
    text = stream.text
    mentions = find_mentions(text, set(doc.footnotes), frozenset(stream.starts))
    out: list[Observation] = []
    sentence_ends = [b.end() for b in SENTENCE_END.finditer(text)]
    clause_ends = [b.end() for b in matches_at(CLAUSE_END, CLAUSE_END_MARK, text, one_before="-+•")]
    sentence_starts = [last_boundary(sentence_ends, m.start) for m in mentions]
    clause_starts = [last_boundary(clause_ends, m.start) for m in mentions]
    topic_starts = [topic_start(text, clause_ends, start) for start in clause_starts]
    folded = fold(text)
    # (start, end, indicator) of catalogue phrases, and time phrases, where a figure can use them
    phrases = catalogue().matches(folded, merged_regions(topic_starts, mentions, reach=NOUN_REACH))
    # a phrase that starts at a figure's noun (`22 xã đạt chuẩn nông thôn mới`) is that figure's only
    # unless it names something of another unit, which the figures after it measure (`91 doanh nghiệp
    # thành lập mới với số vốn đăng ký 627 tỷ đồng`)
    free_phrases = [p for p in phrases if not any(q.start <= p[0] < q.end and units_compatible(p[2].unit, q.unit or "count")
                                                  for q in mentions_near(mentions, p[0]))]
    cues = period_cues(folded, ctx, merged_regions(sentence_starts, mentions))
    previous: tuple[Mention, Role, Indicator | None] | None = None
    previous_label = ""
    level_in_clause = False
    levels_named: set[str] = set()  # the indicators of the levels stated so far in the clause
    previous_attribute = False  # the figure before is an attribute of the thing before it (`với số vốn ...`)
    detailed: Role | None = None  # the figure a `Trong đó, ...` sentence details
    previous_part = False  # the figure before is of a part: the attributes listed after it are too
    rate_in_sentence = False  # a share or proportion stood earlier in the sentence
    for i, m in enumerate(mentions):
        sentence_start, clause_start = sentence_starts[i], clause_starts[i]
        same_clause = previous is not None and previous[0].end > clause_start
        same_sentence = previous is not None and previous[0].end > sentence_start
        lead = text[previous[0].end if same_clause else clause_start:m.start]
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        clause_end = next_boundary(clause_ends, m.end, len(text))
        tail = text[m.end:min(next_start, clause_end)]
        if not same_clause:
            level_in_clause, levels_named = False, set()
        # `khu vực I chiếm 16,47%, giảm 1,12%` moves the share (points); `đạt 3.857 tỷ đồng, chiếm
        # 47%, tăng 1,19%` moves the value: only a share that leads its clause makes a change pp
        share_led = same_clause and previous[1].kind == "share" and not level_in_clause
        unit = m.unit or (previous[0].unit if same_clause else None)
        aim_from = clause_start if not aim_lead_in(text, folded, sentence_start, m.start) else sentence_start
        role = classify(lead, tail, text[aim_from:m.start], cues_between(cues, sentence_start, m.start), unit,
                        share_led, m.start, ctx)
        if previous and not same_sentence:
            detailed = previous[1] if CONTINUES.match(folded, sentence_start) else None
        if detailed:
            continue_detail(role, detailed, unit)
        if previous and same_sentence and not same_clause and not lead.strip(" ,;:-–") and same_noun(previous[0], m, text):
            continue_list(role, previous[1])
        if previous and same_sentence and previous[1].done_so_far and ATTRIBUTE_LEAD.search(folded, max(0, m.start - 60), m.start):
            role.period = previous[1].period  # `... cho 07 dự án ... với tổng vốn đầu tư đăng ký là 1.408,19 tỷ đồng`
        if role.kind == "actual" and estimated_whole(folded, sentence_start, m.start):
            role.kind = "estimate"  # `GRDP ước đạt 7.155,29 tỷ đồng ...; trong đó: khu vực I đạt 1.203,14 tỷ đồng`
        # an item of a breakdown (`GRDP ... (theo giá so sánh năm 2010) ...; trong đó: khu vực I đạt ...`) has the whole's basis
        breakdown = TRONG_DO.search(folded, sentence_start, m.start)
        add_measure_flags(role, text, folded, m, sentence_start if breakdown else max(clause_start, m.start - REACH), clause_end)
        standard = STANDARD.search(folded, sentence_start, next_boundary(sentence_ends, m.end, len(text)))
        if standard:
            role.flags.append(f"standard_{standard.group(1)}_{standard.group(2)}")  # `theo chuẩn nghèo giai đoạn 2016-2020`
        level_in_clause = level_in_clause or role.kind in LEVEL_KINDS
        unit = figure_unit(unit, role)
        place = Place(sentence_start, clause_start, topic_starts[i], same_sentence, same_clause)
        indicator, basis, part = figure_indicator(text, folded, m, role, unit, place, previous, phrases, free_phrases,
                                                  previous_part, rate_in_sentence, len(levels_named) > 1 and previous_attribute)
        if indicator and role.kind in LEVEL_KINDS:
            levels_named.add(indicator.id)
        rate_in_sentence = rate_in_sentence and same_sentence
        label = figure_label(lead, text[m.start:m.end] + tail if m.noun_only else "")
        if same_clause and len(WORD.findall(label)) < 3:
            label = previous_label  # `giảm từ 56,84% năm 2017 xuống còn 52,09%`: the same thing, later
        out += observations_of(doc, stream, m, role, unit, indicator, label, basis)
        previous, previous_label, previous_part = (m, role, indicator), label, bool(part)
        previous_attribute = bool(ATTRIBUTE_LEAD.search(folded, max(0, m.start - 60), m.start))
        rate_in_sentence = rate_in_sentence or (role.kind in ("share", "ratio") and unit == "pct")
    return out


def benchmark_of_elsewhere(folded: str, lead_start: int, m: Mention) -> bool:
    """Another territory's figure quoted beside the province's: `so với bình quân chung của cả
    nước (54,4%)` (after the figure's indicator phrase), `mục tiêu tăng trưởng 8,3 - 8,5% của cả nước`."""
    g = grammar()
    return bool(g.elsewhere.search(folded, lead_start, m.start) or AFTER_ELSEWHERE.match(folded, m.end))


def names_a_part(text: str, folded: str, named_from: int, sentence_start: int, m: Mention,
                 named: list[tuple[int, int, Indicator]], attribute_of: Indicator | None) -> str:
    """Why the figure's clause says it is of a part, not of the whole territory ("" when it does
    not): one named item (`01 dự án Nhà máy ...`, `Nhà máy thủy điện Mường Luân 2 ... công suất
    10MW`), an item of a breakdown (`72 sản phẩm OCOP (gồm 67 ...; 05 sản phẩm ... 04 sao)`), a
    place or sector right after it, an attribute of things that are not the whole (`95 dự án đang
    triển khai với tổng vốn đăng ký`), or things acted on (`điều tra làm rõ 741 vụ`)."""
    g = grammar()
    items = (n for n in g.named_item.finditer(folded, named_from, min(len(folded), m.end + 40)) if n.start() < m.end)
    if any(is_name(text, n.end()) or capitalised_mid_sentence(text, n.start()) for n in items):
        return "one named item"
    if m.noun_only and is_name(text, m.end):
        return "the count's noun is followed by a name"
    if g.place_after.match(folded, m.end):
        return "a place follows it"
    if g.scope_before.search(folded, named_from, m.start):
        return "its clause is about a part (đối với ..., riêng ...)"
    if any(is_name(text, s.end()) for s in TO_MARKET.finditer(text, named_from, m.start)):
        return "to one market (sang ...)"
    if m.noun_only and g.container.search(folded[m.start:m.end]) and g.sector_after.match(folded, m.end):
        return "a count of one sector's things"
    if BREAKDOWN.search(text, sentence_start, m.start):
        return "an item of a breakdown in brackets"
    if attribute_of and named and named[-1][2] is attribute_of and TRONG_DO.search(folded, named_from, m.start):
        return "a part (trong đó) of the figure before it"
    if named and LISTED_WITH.match(folded, named[-1][1]):
        return "one of several things named together"  # `Tổng diện tích cây cao su, cà phê, chè ... đạt 11.200,96 ha`
    if named and attribute_of is None and g.attribute.search(folded[max(0, named[-1][0] - 16):named[-1][0]]):
        return "an attribute of things counted before it"
    if m.noun_only and g.acted_on.search(folded, named_from, m.start):
        return "things acted on in the period, not the stock"
    return ""


def capitalised_mid_sentence(text: str, pos: int) -> bool:
    """`... 04 dự án thuộc Chương trình phục hồi ...`: a head noun written as a proper name."""
    before = text[max(0, pos - 40):pos].rstrip()
    return text[pos].isupper() and bool(before) and before[-1] not in ".!?:;-–•+(\"“"


def has_own_subject(clause_before: str) -> bool:
    """`; khu vực công nghiệp ước đạt 9,2%`: the clause names what it is about (two words or more)."""
    return len(text_label(clause_before).split()) >= 2


def is_name(text: str, pos: int) -> bool:
    """Whether the word after `pos` is a capitalised name (`Nhà máy`, `Mường`), not an acronym (`OCOP`)."""
    word = NEXT_WORD.match(text, pos, pos + 40)
    return bool(word) and word.group(1)[0].isupper() and not word.group(1).isupper()


def copy_role(role: Role, before: Role) -> None:
    role.kind, role.period, role.comparison, role.negative = before.kind, before.period, before.comparison, before.negative
    role.plan_excess, role.flags = before.plan_excess, list(before.flags)



@dataclass(frozen=True)
class Place:
    """Where a figure stands in its stream: the starts of its sentence, clause and topic, and
    whether the figure before it shares its sentence and clause."""

    sentence_start: int
    clause_start: int
    topic_start: int
    same_sentence: bool
    same_clause: bool


def add_measure_flags(role: Role, text: str, folded: str, m: Mention, window_start: int, clause_end: int) -> None:
    """Flags that say how the figure is measured: at constant prices, and the verdict its source
    states right after it."""
    window = window_start, min(clause_end, m.end + 60)
    if folded.find("giá", *window) >= 0:
        if CONSTANT_PRICES.search(text, *window):
            role.flags.append("constant_prices")  # `GRDP (theo giá so sánh) ước đạt 17.970 tỷ đồng`
        elif CURRENT_PRICES.search(text, *window):
            role.flags.append("current_prices")  # `Giá trị sản xuất xây dựng theo giá hiện hành ước đạt ...`
    if role.kind != "target":
        verdict = source_verdict(text[m.end:clause_end][:80])
        if verdict:
            role.flags.append(verdict)


def figure_indicator(text: str, folded: str, m: Mention, role: Role, unit: str, place: Place,
                     previous: tuple[Mention, Role, Indicator | None] | None, phrases: list, free_phrases: list,
                     previous_part: bool, rate_in_sentence: bool, attribute_before: bool) -> tuple[Indicator | None, str, str]:
    """What the figure measures (a catalogue indicator or None), why, and, when the text says it is
    of a part rather than the whole territory, which part. Precision first: a phrase names the
    figure's indicator only in its own clause, and anything that narrows it makes it none."""
    named = phrases_between(free_phrases, place.topic_start, m.start)
    lead_start = previous[0].end if place.same_clause else place.clause_start
    elsewhere = benchmark_of_elsewhere(folded, max([lead_start] + [p[1] for p in named]), m)
    if elsewhere and previous and text[:m.start].rstrip().endswith("("):
        copy_role(role, previous[1])  # `cao hơn so với bình quân chung của cả nước (54,4%)`: the same measure
    after_pct = 2 if unit == "pct" and text[m.end:m.end + 1] == " " else 0  # `96,5% xã có đường ô tô ...`
    picked = (pick_indicator(named, role, unit, folded, m.start, m.noun_only)
              or pick_indicator(with_shorter(folded, phrases_starting_in(phrases, m.start, m.end + after_pct)), role, unit,
                                own_noun=m.noun_only))
    indicator = picked[2] if picked else None
    basis = f"{NAMED_BY}'{folded[picked[0]:picked[1]]}'" if picked else (
        f"'{folded[named[-1][0]:named[-1][1]]}' in its clause is not this figure's (a part named in between, or a unit "
        "that does not fit)" if named else "no catalogue phrase names it in its clause")
    if attribute_before and role.kind in QUALIFYING_KINDS and previous and not (picked and picked[1] > previous[0].end):
        # `91 doanh nghiệp ... với số vốn đăng ký 627 tỷ đồng, đạt 82,7% so với kế hoạch`: of which?
        indicator, basis = None, "a thing and its attribute stand before it in its clause: the text does not say which it qualifies"
    elif indicator is None and previous and (place.same_clause or place.same_sentence and role.kind in QUALIFYING_KINDS
                                             and not has_own_subject(text[place.clause_start:m.start])):
        indicator = inherited_indicator(previous[2], m, role, unit)
        basis = "the figure before it in its sentence names it" if indicator else basis
    attribute_of = previous[2] if previous and place.same_sentence else None
    named_from = previous[0].end if place.same_sentence else place.sentence_start
    part = ("another territory's figure, quoted as a benchmark" if elsewhere
            else names_a_part(text, folded, named_from, place.sentence_start, m, named, attribute_of)
            or ("an attribute of the part counted before it" if previous_part and place.same_clause and role.kind != "target" else ""))
    if indicator and part:
        return None, f"not the whole territory's: {part}", part
    if indicator and UNIT_FAMILY.get(indicator.unit) == "count" and role.kind in ("yoy_change", "change"):
        if unit == "pp":
            return None, "points move a rate, not the count its phrase names", part
        if unit == "pct" and rate_in_sentence and place.same_sentence:
            # `35.922 hộ, chiếm 25,68% tổng số hộ, giảm 4,67%`: of the count, or of the rate in points?
            role.flags.append("ambiguous_base")
            return None, "a % change beside a rate: the text does not say whether of the count or of the rate", part
    return indicator, basis, part

def aim_lead_in(text: str, folded: str, sentence_start: int, figure_start: int) -> bool:
    """`thông qua 23 chỉ tiêu chủ yếu năm 2026, gồm: tăng trưởng GRDP 8-8,5%; ...`: a list after a
    colon whose lead-in names aims makes every figure of the list an aim (not a results list:
    `Kết quả thực hiện các chỉ tiêu: ...`)."""
    g = grammar()
    first_clause_end = folded.find(";", sentence_start, figure_start)
    if g.aim_verb.search(folded, sentence_start, first_clause_end if first_clause_end >= 0 else figure_start):
        return True  # `Năm 2026, tỉnh phấn đấu tăng trưởng GRDP đạt 10%; thu ngân sách đạt 12.000 tỷ đồng`
    colon = text.rfind(":", sentence_start, figure_start)
    if colon < 0:
        return False
    return bool(g.aim_lead_in.search(folded, sentence_start, colon)) and not RESULTS.search(folded, sentence_start, colon)


def estimated_whole(folded: str, sentence_start: int, figure_start: int) -> bool:
    """Whether the figure is an item of a breakdown (`trong đó`) of an estimated whole in its sentence."""
    breakdown = None
    for breakdown in TRONG_DO.finditer(folded, sentence_start, figure_start):
        pass
    return breakdown is not None and bool(grammar().estimate.search(folded, sentence_start, breakdown.start()))


def continue_detail(role: Role, before: Role, unit: str | None) -> None:
    """A sentence that details the one before shares its aim and its year (`... phấn đấu đến hết
    năm 2019 giảm còn 44.000 hộ. Trong đó, ... còn khoảng 39.000 hộ`), or its growth and period
    (`GRDP 9 tháng tăng 6,9%. Trong đó: khu vực dịch vụ ước đạt 7,22%`)."""
    if before.kind == "target" and role.kind in ("actual", "estimate"):
        role.kind, role.period = "target", before.period
    elif (before.kind == "yoy_change" and role.kind in ("actual", "estimate") and unit == "pct"
          and "pct_means_pp" not in before.flags):
        role.kind, role.comparison, role.period = before.kind, before.comparison, before.period


def same_noun(before: Mention, m: Mention, text: str) -> bool:
    """`Giảm 148 biên chế ...; 1.842 biên chế ...`: two items of one list name the same thing."""
    noun = lambda x: text[x.start:x.end].split(" ", 1)[1:]  # noqa: E731 - the words after the number
    return before.unit == m.unit and m.noun_only and noun(before) == noun(m)


def continue_list(role: Role, before: Role) -> None:
    """A list item that starts with its number shares the verb of the item before it."""
    if before.kind in ("yoy_change", "change") and role.kind in ("actual", "estimate"):
        role.kind, role.negative, role.comparison = before.kind, before.negative, before.comparison


def figure_unit(unit: str | None, role: Role) -> str:
    if role.kind == "rank":
        return "rank"
    if "pct_means_pp" in role.flags:
        return "pp"
    return unit or "count"


def inherited_indicator(previous: Indicator | None, m: Mention, role: Role, unit: str) -> Indicator | None:
    """`GRDP ước đạt X, tăng Y%`: the change is GRDP's. A level inherits only when it names
    nothing itself (`22 xã ..., 153 thôn, bản ...` are two things) and its unit fits."""
    if previous is None:
        return None
    if role.kind in ("share", "ratio") and previous.unit != "pct":
        return None  # `47.000 hộ nghèo (chiếm tỷ lệ 37,08%)`: a rate, not the count before it
    if role.kind not in LEVEL_KINDS or (units_compatible(previous.unit, unit) and not m.noun_only):
        return previous
    return None


def merged_regions(starts: list[int], mentions: list[Mention], reach: int = 0) -> list[tuple[int, int]]:
    """The text before each figure back to its sentence or clause start (and `reach` characters
    past its quote), overlaps merged."""
    regions: list[tuple[int, int]] = []
    for start, m in zip(starts, mentions):
        end = m.end + reach if reach else m.start
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    return regions


def topic_start(text: str, clause_ends: list[int], clause_start: int) -> int:
    """Where the words that can name a clause's indicator begin: the clause itself, or, after a
    colon, the topic before it (`- Cây ngô: Diện tích gieo trồng ước đạt 23.530,49 ha`)."""
    if clause_start > 0 and text[clause_start - 1] == ":":
        return last_boundary(clause_ends, clause_start - 1)
    return clause_start


def last_boundary(ends: list[int], pos: int) -> int:
    """The start of the sentence (or clause) holding `pos`; a run-on "sentence" of a PDF dump
    without punctuation is cut to the last LOOKBACK characters."""
    i = bisect.bisect_right(ends, pos) - 1
    return max(ends[i] if i >= 0 else 0, pos - LOOKBACK)


def next_boundary(ends: list[int], pos: int, text_end: int) -> int:
    """Where the sentence (or clause) holding `pos` ends."""
    i = bisect.bisect_right(ends, pos)
    return ends[i] if i < len(ends) else text_end


def cues_between(cues: list[Cue], start: int, end: int) -> list[Cue]:
    first = bisect.bisect_left(cues, start, key=lambda c: c.end)
    last = bisect.bisect_right(cues, end, key=lambda c: c.end)
    return [c for c in cues[first:last] if c.start >= start]


def mentions_near(mentions: list[Mention], offset: int) -> list[Mention]:
    """The mentions that start at or just before `offset` (a quote is short)."""
    i = bisect.bisect_right(mentions, offset, key=lambda m: m.start)
    return mentions[max(0, i - 2):i]


def phrases_starting_in(phrases: list[tuple[int, int, Indicator]], start: int, end: int) -> list[tuple[int, int, Indicator]]:
    """Phrases that begin at the figure's own noun: `22 xã đạt chuẩn nông thôn mới`, or right
    after a percentage, at the population it is a proportion of (`96,5% xã có đường ô tô đến trung tâm`)."""
    first = bisect.bisect_left(phrases, start, key=lambda p: p[0])
    last = bisect.bisect_right(phrases, end, key=lambda p: p[0])
    return phrases[first:last]


def with_shorter(folded: str, phrases: list[tuple[int, int, Indicator]]) -> list[tuple[int, int, Indicator]]:
    """The phrases and the shorter catalogue phrases each begins with: `doanh nghiệp thành lập mới
    với số vốn đăng ký` (their capital) also holds `doanh nghiệp thành lập mới` (their number)."""
    out = list(phrases)
    for start, end, _ind in phrases:
        shorter = [(start + a, start + b, ind) for a, b, ind in catalogue().matches(folded[start:end - 1])
                   if a == 0 and ATTRIBUTE_LEAD.match(folded, start + b + 1)]  # not `xã đạt chuẩn ... và cơ bản đạt chuẩn`
        out += with_shorter(folded, shorter)
    return out


def phrases_between(phrases: list[tuple[int, int, Indicator]], start: int, end: int) -> list[tuple[int, int, Indicator]]:
    first = bisect.bisect_left(phrases, start, key=lambda p: p[0])
    last = bisect.bisect_right(phrases, end, key=lambda p: p[0])
    return [p for p in phrases[first:last] if p[1] <= end]


def pick_indicator(phrases: list[tuple[int, int, Indicator]], role: Role, unit: str,
                   text: str = "", figure_start: int = 0, own_noun: bool = False) -> tuple[int, int, Indicator] | None:
    """The catalogue phrase (in the figure's clause) that ends closest before the figure, with its
    indicator; for levels, one whose unit can hold the figure's unit. A part of the province named
    in between (`tỷ lệ hộ nghèo tại các huyện 30a giảm từ 56,84%`) makes it none of them."""
    candidates = sorted(phrases, key=lambda c: (c[1], c[1] - c[0]), reverse=True)
    growth = {"target_increase", "target_reduction", "average_growth"} & set(role.flags) or role.comparison == "plan"
    for start, end, ind in candidates:
        if role.kind in LEVEL_KINDS and not growth and not units_compatible(ind.unit, unit, own_noun):
            continue  # (an aimed growth, `tốc độ tăng trưởng GRDP đạt 8%`, is GRDP's in any unit)
        if role.kind == "share" and text and WHOLE_OF_SHARE.search(text, max(0, start - 12), start):
            continue  # `tỷ trọng khu vực dịch vụ trong GRDP`: GRDP is what the share is of
        if role.kind in ("share", "ratio") and UNIT_FAMILY.get(ind.unit) == "count":
            if ind.rate:  # `số hộ nghèo 35.922 hộ, chiếm 25,68% tổng số hộ`: the poverty rate, a level
                role.kind = "ratio"
                return start, end, catalogue().indicators[ind.rate]
            continue  # a share of a count with no rate of its own is neither the count nor a rate we know
        if text and grammar().subgroup.search(text, end, figure_start):
            return None
        return start, end, ind
    return None


NAMED_BY = "named by "  # how `indicator_basis` starts when a catalogue phrase in the figure's clause names it


def naming_phrase(basis: str) -> str | None:
    """The catalogue phrase (lower case) that named the figure's indicator, from its `indicator_basis`."""
    return basis[len(NAMED_BY) + 1:-1] if basis.startswith(NAMED_BY + "'") else None


def units_compatible(indicator_unit: str, unit: str, own_noun: bool = False) -> bool:
    """Whether a figure in `unit` can be the indicator's value. A count of a thing the text names
    (`own_noun`) is not a count of people, households or visits: `12.200 nhà ở` are houses, not the
    `hộ cận nghèo` named before them; and people are not households."""
    if UNIT_FAMILY.get(indicator_unit, indicator_unit) != UNIT_FAMILY.get(unit, unit):
        return False
    if indicator_unit in COUNTED and (own_noun and unit == "count" or unit in COUNTED and unit != indicator_unit):
        return False
    return True


def text_label(clause_before: str) -> str:
    """What an uncatalogued figure measures, in the text's own words: the clause before it."""
    label = SPACES.sub(" ", GLUED_MARKER.sub("", clause_before)).strip(" ,;:-–(")
    label = LEADING_MARKER.sub("", label).strip(" ,;:-–(")  # the marker of the quote before
    while True:
        lead_word = LEAD_WORDS.search(label)
        shorter = (label[:lead_word.start()] + label[lead_word.end():] if lead_word else label).strip(" ,;:-–(")
        if shorter == label:
            break
        label = shorter
    words = label.split()
    return " ".join(words[-10:])


def figure_label(clause_before: str, quote_and_tail: str) -> str:
    """What an uncatalogued figure measures, in the text's words: for a count, the words after it
    when they say enough (`3 xã sẽ được công nhận đạt chuẩn nông thôn mới`), else the clause
    before it, with the count's noun (`... lan hồ điệp nhân được (lọ)`)."""
    after = SPACES.sub(" ", quote_and_tail).strip(" ,;:.").split(" ")[1:]
    if len(after) >= 3:
        return " ".join(after[:10]).strip(" ,;:.()")
    before = text_label(clause_before)
    return f"{before} ({' '.join(after)})" if after and before else before or " ".join(after)


def observations_of(doc: Document, stream: Stream, m: Mention, role: Role, unit: str,
                    indicator: Indicator | None, text_label_vi: str, basis: str) -> list[Observation]:
    value = m.value
    flags = list(m.flags) + role.flags
    if role.plan_excess:
        value = Decimal(100) + value
        flags.append("plan_excess")
    if role.negative:
        value = -value
    head = stream.text[m.start:m.start + 8]
    line, _ = stream.locate(m.start + len(head) - len(head.lstrip("<>≥≤ ")))  # the line of the first digit
    quote = stream.text[m.start:m.end].strip()
    quote_line, start = stream.locate(m.start)
    # the span on the quote's first line (a quote wrapped onto the next line is cut at the line end)
    end = min(start + len(quote), len(doc.lines[quote_line - 1]))
    label_vi = indicator.label_vi if indicator else text_label_vi
    label_en = indicator.label_en if indicator else None
    base = dict(source=doc.source, line=line, quote=quote, unit=unit, period=role.period, start=start, end=end,
                indicator=indicator.id if indicator else None, label_vi=label_vi, label_en=label_en,
                qualifier=m.qualifier or role.qualifier, comparison=role.comparison, indicator_basis=basis)
    out = [Observation(value=value, kind=role.kind, flags=tuple(flags), value_high=m.value_high, **base)]
    if m.value_high is not None:
        out.append(Observation(value=m.value_high, kind=role.kind, flags=tuple(flags) + ("range_high",), **base))
    if m.of_total is not None and unit not in ("count", "rank", "persons", "households"):
        # `4.065.284/4.070.513 triệu đồng`: the denominator is the plan for the year
        out.append(Observation(value=m.of_total, kind="target", flags=tuple(flags) + ("denominator",),
                               **{**base, "period": str(end_year(doc.period))}))
    return out
