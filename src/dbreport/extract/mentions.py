"""Finding the numbers in a stream that are figures, with their unit words.

A *mention* is a number as written (value, unit, qualifier, range, fraction, repairs) before its
role in the clause is known. What is not a figure is dropped here: dates, years, decree numbers,
section numbers, ordinals, names (`Mường Luân 2`, `Đề án 06`), durations (`70 năm`), footnote
markers glued to words (`năm4`, `đồng10`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from dbreport.extract.vocabulary import grammar, matches_at, units
from dbreport.numbers import NotANumber, parse_number, scaled, split_footnote_marker, split_glued_year

# A number not glued to a preceding word, code or closing bracket (those are markers or names).
TOKEN = re.compile(r"(?<![\w.,/)\]”\"+-])([<>≥≤]\s?)?(\d(?:[\d.,]*\d)?)")
# where a TOKEN can start: its first character, then the look-behind (see matches_at)
TOKEN_START = re.compile(r"[<>≥≤\d](?<![\w.,/)\]”\"+-].)")
DECREE = re.compile(r"^/?\d*[/-][A-ZĐa-zđ]{1,}")  # 109/QĐ-TTg, 21-NQ/TW, 1739/QĐ
DATE_SLASH = re.compile(r"^/(\d{1,2})(/\d{2,4})?|^/(\d{4})")
FRACTION = re.compile(r"^/(\d(?:[\d.,]*\d)?)")
RANGE = re.compile(r"^\s?[-–]\s?(\d(?:[\d.,]*\d)?)")
DATE_LEAD = re.compile(r"(?:ngày|tháng|đến|từ|hết|trước|sau|đầu|cuối|sáng|chiều|tối|trưa|đêm|hôm|vào|lúc)\W*$", re.I)
NOUN = re.compile(r"^\s?([^\W\d_]+(?:\s[a-zà-ỹđ]+)?)")  # `22 xã`, `115 Bưu điện`, `19 HTX`
FUNCTION_WORDS = {"và", "của", "đến", "so", "với", "là", "tại", "trong", "theo", "cho", "các", "được", "về", "để", "từ",
                  "đạt", "tăng", "giảm", "bằng", "còn", "có", "trên", "hơn", "thì", "nhưng", "khi", "do", "vào",
                  "sẽ", "đã", "đang", "cũng", "vẫn", "đều"}
TRAILER = re.compile(r"(?:[/-]\w+)+|\s?[-–]\s?\d+")
POINT_ZERO = re.compile(r"\d\.0")
MARKER_DIGITS = re.compile(r"\d{1,3}(?!\d)")
SUBSECTION = re.compile(r"(?:\.\d+)+\.\s")
ROMAN_BEFORE = re.compile(r"\b[IVX]+\.$")
HEADING_AFTER = re.compile(r"\.\s+(\w)")
MARKUP_BEFORE = re.compile(r"(?:\*{1,2}|_{1,2}|#{1,6}[ \t]*)$")  # `**9. Doanh nghiệp số**` at a line start
MULTI_LEVEL = re.compile(r"\d{1,2}(?:\.\d{1,2})+")
SENTENCE_END_BEFORE = re.compile(r"[.:;!?…]\s*$")
CLOSING_PAREN = re.compile(r"^\.?\d*\.?\s?\)|^\)")
OPENING_PAREN = re.compile(r"\(\s?$")
PERCENT_AFTER = re.compile(r"\s?%|\s?[-–]\s?\d+(?:[.,]\d+)?\s?%")  # `8,5%`, `8-8,5%`
LETTER = re.compile(r"[^\W\d_]")
PREVIOUS_WORD = re.compile(r"(?<!\S)(\S+)\s$")  # (?<!\S): tried from a word's start only, not from each of its letters
NEXT_WORD = re.compile(r"\s?([^\W\d_]+)")
SENTENCE_FIRST_WORD = re.compile(r"[.:;!?]\s+\S+\s$|^\S+\s$")
PREVIOUS_LOWER_WORD = re.compile(r"([a-zà-ỹđ]+)\s$")
NEXT_TOKEN = re.compile(r"\s?(\S+)")
DATE_YEAR_AFTER = re.compile(r"^/\d{2,4}")
NOUN_AFTER = re.compile(r"^\s?(?:các\s)?[^\W\d_]")
WINDOW = 80  # how far after a number its unit, range or fraction can reach
PERSON_WORDS = {"người", "lao", "cán", "học", "sinh", "hội", "đảng", "bệnh", "cử", "công", "đối", "hành", "nhân", "bác"}


@dataclass
class Mention:
    start: int  # stream span of the quote
    end: int
    value: Decimal
    unit: str | None
    flags: list[str] = field(default_factory=list)
    qualifier: str | None = None
    value_high: Decimal | None = None
    of_total: Decimal | None = None  # the denominator of `3.611/3.620 cơ sở`
    noun_only: bool = False  # the unit is `count` because a noun follows, not a unit word


class TooManyFigures(ValueError):
    """A text with more figures than any report holds (a dump of numbers): refused, so that memory
    stays bounded whatever the input."""


#: More figures than the largest report holds by two orders of magnitude (the congress report: 1,400).
MAX_FIGURES = 100_000


def find_mentions(text: str, footnotes: set[int], line_starts: frozenset[int] = frozenset()) -> list[Mention]:
    """The figures in `text`; `line_starts` are the offsets where an original line begins (a
    number there followed by `. Tình hình` is a section number)."""
    mentions: list[Mention] = []
    consumed = 0
    for m in matches_at(TOKEN, TOKEN_START, text):
        if m.start(2) < consumed:
            continue
        mention = read_mention(text, m, footnotes, line_starts)
        if mention:
            if len(mentions) == MAX_FIGURES:
                raise TooManyFigures(f"more than {MAX_FIGURES:,} figures: a table of numbers, not a report to brief")
            mentions.append(mention)
            consumed = mention.end
        else:
            consumed = skip_past(text, m.end(2))
    return mentions


def skip_past(text: str, end: int) -> int:
    """After a non-figure, skip what belongs to it (`15/5/2024`, `2021 - 2030`, `109/QĐ-TTg`)."""
    m = TRAILER.match(text[end:end + WINDOW])
    return end + (m.end() if m else 0)


def read_mention(text: str, m: re.Match, footnotes: set[int], line_starts: frozenset[int] = frozenset()) -> Mention | None:
    token, start, end = m.group(2), m.start(2), m.end(2)
    before, after = text[max(0, start - 40):start], text[end:end + 60]
    flags: list[str] = []
    if POINT_ZERO.fullmatch(token):
        return None  # `công nghiệp 4.0`: a name (a Vietnamese decimal would be written 4,0)
    if is_section_number(token, start, before, after, line_starts) or is_structural(before, after):
        return None
    glued = split_footnote_marker(token, footnotes) or split_glued_year(token, footnotes)
    if glued:
        token, marker = glued
        end = start + len(token)
        flags.append("footnote_marker_removed")
        tail_offset = len(str(marker))
    else:
        tail_offset = 0
    try:
        parsed = parse_number(token)
    except NotANumber:
        return None
    flags += parsed.flags
    value = parsed.value
    mention = Mention(start=start, end=end + tail_offset, value=value, unit=None, flags=flags)
    if m.group(1):
        mention.qualifier = m.group(1).strip()
        mention.start = m.start(1)

    rest_start = end + tail_offset
    rest = text[rest_start:rest_start + WINDOW]
    fraction = FRACTION.match(rest)
    rng = RANGE.match(rest)
    if fraction:
        if is_date(token, fraction.group(1), before, rest[fraction.end():]) or grammar().not_after.match(rest[fraction.end():]):
            return None  # 15/5/2024, `24/24 giờ`
        try:
            mention.of_total = parse_number(fraction.group(1)).value
        except NotANumber:
            return None
        mention.flags.append("fraction")
        rest_start += fraction.end()
    elif rng:
        try:
            high = parse_number(rng.group(1)).value
        except NotANumber:
            high = None
        if high is not None and (is_year(token) or high <= value or rest[rng.end():rng.end() + 1] == "/"):
            return None  # a year span, a date such as `8-3`, a span of days `19-21/01/2024`
        if high is not None:
            mention.value_high = high
            mention.flags.append("range")
            rest_start += rng.end()

    unit_end = attach_unit(mention, text, rest_start)
    if is_label_part(mention, token, before, text[rest_start:rest_start + 20], text[unit_end:unit_end + 20]):
        return None
    if (mention.unit is None or mention.noun_only) and is_year(token) and "fraction" not in mention.flags:
        return None  # `năm 2025 gồm ...`: a year, whatever noun follows
    mention.end = unit_end
    if after_marker := MARKER_DIGITS.match(text[unit_end:unit_end + 4]):
        # `ha1`, `đồng10`: the unit word carries a footnote marker
        if int(after_marker.group(0)) in footnotes:
            mention.flags.append("footnote_marker_removed")
    return mention


def is_section_number(token: str, start: int, before: str, after: str, line_starts: frozenset[int]) -> bool:
    """`3.1. Tình hình` and `I.1.` anywhere; `3. Y tế, dân số` at a line or sentence start."""
    if SUBSECTION.match(after) or before.endswith((".", ".\n")) and ROMAN_BEFORE.search(before):
        return True
    heading = HEADING_AFTER.match(after)
    if not (heading and heading.group(1).isupper()):
        return False
    multi_level = MULTI_LEVEL.fullmatch(token)
    markup = MARKUP_BEFORE.search(before)
    line_start = start - (len(before) - markup.start()) if markup else start
    return bool(multi_level or line_start in line_starts or not before.strip() or SENTENCE_END_BEFORE.search(before))


def is_structural(before: str, after: str) -> bool:
    """Dates, decree numbers, ordinals and names: numbers that are not figures."""
    g = grammar()
    if DECREE.match(after):
        return True
    if before.rstrip(" ")[-1:] in ("\n", "") and after.lstrip(" ")[:1] in ("\n", ""):
        return True  # alone in a table cell: the row's number
    if CLOSING_PAREN.match(after) and OPENING_PAREN.search(before):
        return True  # (1), (11)
    listed = before.rstrip().endswith((",", " và"))  # `Quốc lộ 29, 26`: only then can a list of names lead here
    if (g.not_before.search(before) or listed and g.name_list.search(before[-60:])) and not PERCENT_AFTER.match(after):
        return True
    if g.not_after.match(after):
        return True
    if LETTER.match(after) and not units().match(after):
        return True  # a code: `3G`, `30a`
    prev_word = PREVIOUS_WORD.search(before)
    next_word = NEXT_WORD.match(after)
    if prev_word and prev_word.group(1)[0].isupper() and prev_word.group(1).isalpha() \
            and not SENTENCE_FIRST_WORD.search(before) \
            and (next_word is None or next_word.group(1) in FUNCTION_WORDS) and not PERCENT_AFTER.match(after):
        return True  # a name: `Mường Luân 2 và ...`
    return False


def is_label_part(mention: Mention, token: str, before: str, after_number: str, after: str) -> bool:
    """A bare number that names rather than counts: `mũi 2 đạt`, `nhóm 1,`, `trẻ em từ 2-5 tuổi`.

    It has no unit word of its own, follows a noun (not a verb or qualifier that introduces a
    figure) and is followed by a verb, a conjunction or punctuation."""
    g = grammar()
    if mention.unit == "years" and g.age_after.match(after_number):
        return not g.stated_by.search(before)
    if mention.unit is not None or mention.qualifier or not token.isdigit() or "fraction" in mention.flags:
        return False
    prev_word = PREVIOUS_LOWER_WORD.search(before)
    next_word = NEXT_TOKEN.match(after)
    introduced = g.stated_by.search(before) or g.increase.search(before) or g.decrease.search(before) or g.rank.search(before)
    return bool(prev_word and prev_word.group(1) not in FUNCTION_WORDS and not introduced
                and (next_word is None or next_word.group(1).strip(",.;:)") in FUNCTION_WORDS or not next_word.group(1)[0].isalnum()))


def is_year(token: str) -> bool:
    """`2025`, as years are written: four plain digits (`1.964 cây` is a count)."""
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


def is_date(first: str, second: str, before: str, after: str) -> bool:
    if DATE_LEAD.search(before):
        return True
    if not (first.isdigit() and second.isdigit()):
        return False
    day_or_month, month_or_year = int(first), int(second)
    if len(second) == 4:
        return True  # 5/2024
    if DATE_YEAR_AFTER.match(after):
        return True  # 15/5/2024
    looks_like_date = 1 <= day_or_month <= 31 and 1 <= month_or_year <= 12
    return looks_like_date and not NOUN_AFTER.match(after)  # `09/10 các huyện`, `09/10 Kế hoạch`


def attach_unit(mention: Mention, text: str, pos: int) -> int:
    """Read the unit words after the number; scale the value as the units catalogue says."""
    u = units()
    rest = text[pos:pos + 60]
    found = u.match(rest)
    if found:
        word, length = found
        mention.unit = word.unit_for(mention.value)
        scale(mention, word.factor)
        return pos + length
    scaled = u.match_scale(rest)
    if scaled:
        _name, factor, length = scaled
        after_scale = u.match(rest[length:])
        if after_scale:
            word, more = after_scale
            mention.unit = word.unit_for(mention.value)
            scale(mention, factor * word.factor)
            return pos + length + more
        noun = NOUN.match(rest[length:])
        mention.unit = "persons" if noun and noun.group(1).split()[0] in PERSON_WORDS else "count"
        scale(mention, factor)
        return pos + length + (noun.end() if noun and noun.group(1).split()[0] not in FUNCTION_WORDS else 0)
    noun = NOUN.match(rest)
    if noun and noun.group(1).split()[0] not in FUNCTION_WORDS:
        mention.unit, mention.noun_only = "count", True
        words = noun.group(1).split()
        if len(words) == 2 and words[1] in FUNCTION_WORDS:
            return pos + noun.end() - len(words[1]) - 1  # `01 trường so với`: the noun is one word
        return pos + noun.end()
    return pos


def scale(mention: Mention, factor: Decimal) -> None:
    if factor == 1:
        return
    mention.value = scaled(mention.value, factor)
    if mention.value_high is not None:
        mention.value_high = scaled(mention.value_high, factor)
    if mention.of_total is not None:
        mention.of_total = scaled(mention.of_total, factor)
