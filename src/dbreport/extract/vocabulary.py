"""The catalogue files (units, clause grammar, indicators) loaded once, with their matchers."""
from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from importlib import resources


def load_toml(name: str) -> dict:
    return tomllib.loads(resources.files("dbreport.catalogue").joinpath(name).read_text(encoding="utf-8"))


@cache
def doctypes() -> dict:
    """The types of document (doctypes.toml): how a heading names each, and its figures' default kind."""
    return load_toml("doctypes.toml")


def words_pattern(words: list[str]) -> re.Pattern:
    """A regex for any of `words` as whole words, the longest where several fit. The alternatives
    are laid out as a trie, so that a catalogue of hundreds of phrases costs one branch per
    character instead of one try per phrase."""
    return re.compile(rf"(?<![\w])(?:{trie_regex(w.lower() for w in words)})(?![\w])", re.I)


def words_at_end(words: list[str]) -> AtEnd:
    """Any of `words` ending a text (punctuation may follow): `... ước đạt`."""
    return AtEnd(re.compile(words_pattern(words).pattern + r"\W*$", re.I), max(len(w.lower()) for w in words))


@dataclass(frozen=True)
class AtEnd:
    """A regex for words that end a text. A match starts at most `longest` characters before the
    text's closing punctuation (re.I matches letter for letter), so only that tail is searched; the
    look-behind still reads the character before it. (Searched whole, a clause read back from a
    figure is tried at each of its positions, for each of a dozen such word lists.)"""

    pattern: re.Pattern
    longest: int

    def search(self, text: str) -> re.Match | None:
        end = len(text)
        while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):  # (`\w`): the closing punctuation
            end -= 1
        return self.pattern.search(text, max(0, end - self.longest))


@dataclass(frozen=True)
class Keyed:
    """A regex that cannot match without one fixed piece of text, its `key`, as every match holds it
    (a regex without re.I, or a key without letters). `str.find`, a scan in C, rules out a window
    without the key before the regex engine tries each of its positions: most sentences hold none."""

    key: str
    pattern: re.Pattern

    def search(self, text: str, start: int = 0, end: int = sys.maxsize) -> re.Match | None:
        return self.pattern.search(text, start, end) if self.key_in(text, start, end) else None

    def finditer(self, text: str, start: int = 0, end: int = sys.maxsize) -> Iterator[re.Match]:
        return self.pattern.finditer(text, start, end) if self.key_in(text, start, end) else iter(())

    def match(self, text: str, pos: int = 0) -> re.Match | None:
        return self.pattern.match(text, pos)  # one position: nothing to rule out

    def key_in(self, text: str, start: int, end: int) -> bool:
        return text.find(self.key, max(start, 0), max(end, 0)) >= 0  # str.find reads negative offsets from the end


def keyed(key: str, regex: str, flags: int = 0) -> Keyed:
    return Keyed(key, re.compile(regex, flags))


def matches_at(pattern: re.Pattern, starts: re.Pattern, text: str, one_before: str = "") -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern whose (non-empty) matches all start at a match of
    `starts`, or one character before one that is among `one_before`. A `starts` that begins
    with a character class lets the regex engine skip to the next candidate; a pattern that
    begins with a look-behind or with alternatives is tried at every position of the text."""
    pos = 0
    while found := starts.search(text, pos):
        at = found.start()
        start = at - 1 if text[at] in one_before else at
        m = pattern.match(text, start) if start >= pos else None
        if m:
            yield m
        pos = m.end() if m else at + 1


def trie_regex(words) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


@dataclass(frozen=True)
class UnitWord:
    phrase: str
    unit: str
    factor: Decimal
    fractional_unit: str | None = None  # the unit when the number has decimals

    def unit_for(self, value: Decimal) -> str:
        if self.fractional_unit and value != value.to_integral_value():
            return self.fractional_unit
        return self.unit


@dataclass(frozen=True)
class Units:
    words: dict[str, UnitWord]
    pattern: re.Pattern  # any phrase at the start, longest first, not running into a longer word
    scales: dict[str, Decimal]
    scale_pattern: re.Pattern

    @cached_property
    def longest(self) -> int:
        """The length of the longest unit phrase with a scale word before it: no longer text is one
        (computed once: a table row asks it for each of its words)."""
        return max(map(len, self.words)) + max(map(len, self.scales)) + 2

    def match(self, text: str) -> tuple[UnitWord, int] | None:
        """The unit phrase that `text` starts with (after optional spaces) and the length consumed."""
        m = self.pattern.match(text)
        word = self.words.get(m.group(1).lower()) if m else None  # a case-folding oddity (`ſ`) matches no entry
        return (word, m.end()) if word else None

    def match_scale(self, text: str) -> tuple[str, Decimal, int] | None:
        m = self.scale_pattern.match(text)
        if not m:
            return None
        name = m.group(1).lower()
        return (name, self.scales[name], m.end()) if name in self.scales else None


@cache
def units() -> Units:
    data = load_toml("units.toml")
    words = {u["phrase"]: UnitWord(u["phrase"], u["unit"], Decimal(str(u.get("factor", 1))), u.get("fractional_unit"))
             for u in data["unit"]}
    alternatives = "|".join(re.escape(p) + (r"(?![^\W\d_])" if p[-1].isalnum() else "")
                            for p in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf" *({alternatives})", re.I)
    scales = {k: Decimal(v) for k, v in data["scales"].items()}
    scale_pattern = re.compile(r" ?(" + "|".join(map(re.escape, scales)) + r")(?!\w)", re.I)
    return Units(words, pattern, scales, scale_pattern)


@dataclass(frozen=True)
class Grammar:
    increase: AtEnd
    decrease: AtEnd
    higher: re.Pattern
    lower: re.Pattern
    to_level: AtEnd
    exceed: AtEnd
    growth: re.Pattern
    average: re.Pattern
    share: AtEnd
    ratio: AtEnd
    rank: AtEnd
    estimate: re.Pattern
    forecast: re.Pattern
    target_named: AtEnd
    verdict_basically_met: re.Pattern
    verdict_not_met: re.Pattern
    verdict_exceeded: re.Pattern
    verdict_met: re.Pattern
    aim_lead_in: re.Pattern
    aim_verb: re.Pattern
    target: re.Pattern
    not_target: re.Pattern
    subgroup: re.Pattern
    place_after: re.Pattern
    scope_before: re.Pattern
    sector_after: re.Pattern
    container: AtEnd
    attribute: AtEnd
    acted_on: re.Pattern
    elsewhere: re.Pattern
    named_item: re.Pattern
    qualifier: AtEnd
    plan_tail: re.Pattern
    same_period_tail: re.Pattern
    as_of: re.Pattern
    done_so_far: re.Pattern
    not_before: AtEnd
    name_list: re.Pattern
    not_after: re.Pattern
    age_after: re.Pattern
    stated_by: AtEnd


@cache
def grammar() -> Grammar:
    g = load_toml("grammar.toml")
    lead, tail = g["lead"], g["tail"]
    return Grammar(
        increase=words_at_end(lead["increase"]),
        decrease=words_at_end(lead["decrease"]),
        to_level=words_at_end(lead["to_level"]),
        higher=words_pattern(lead["higher"]),
        lower=words_pattern(lead["lower"]),
        exceed=words_at_end(lead["exceed"]),
        growth=words_pattern(lead["growth"]),
        average=words_pattern(lead["average"]),
        share=words_at_end(lead["share"]),
        ratio=words_at_end(lead["ratio"]),
        rank=words_at_end(lead["rank"]),
        estimate=words_pattern(lead["estimate"]),
        forecast=words_pattern(lead["forecast"]),
        target_named=words_at_end(lead["target_named"]),
        verdict_basically_met=words_pattern(g["verdict"]["basically_met"]),
        verdict_not_met=words_pattern(g["verdict"]["not_met"]),
        verdict_exceeded=words_pattern(g["verdict"]["exceeded"]),
        verdict_met=words_pattern(g["verdict"]["met"]),
        aim_lead_in=words_pattern(lead["aim_lead_in"]),
        aim_verb=words_pattern(lead["aim_verb"]),
        target=words_pattern(lead["target"]),
        not_target=words_pattern(lead["not_target"]),
        subgroup=words_pattern(g["indicator"]["subgroup"]),
        scope_before=words_pattern(g["indicator"]["scope_before"]),
        place_after=re.compile(r"\s*(?:" + "|".join(map(re.escape, g["indicator"]["place_after"])) + r")(?!\w)"),
        sector_after=re.compile(r"\s*(?:" + "|".join(map(re.escape, g["indicator"]["sector_after"])) + r")(?!\w)"),
        container=words_at_end(g["indicator"]["container"]),
        attribute=words_at_end(g["indicator"]["attribute"]),
        acted_on=words_pattern(g["indicator"]["acted_on"]),
        elsewhere=words_pattern(g["indicator"]["elsewhere"]),
        # the noun in any case, then the first letter of the word after it (`dự án Nhà máy ...`)
        named_item=words_pattern(g["indicator"]["named_item"]),  # on folded text; the name's case is read in the original
        qualifier=words_at_end(lead["qualifier"]),
        plan_tail=re.compile(r"^\W{0,3}(?:so với\s+|so\s+|của\s+)?(?:" + "|".join(map(re.escape, tail["plan"])) + r")(?!\w)", re.I),
        same_period_tail=words_pattern(tail["same_period"]),
        as_of=words_pattern(g["period"]["as_of"]),
        done_so_far=words_pattern(g["period"]["done_so_far"]),
        not_before=words_at_end(g["not_a_figure"]["before"] + [f"{d} số" for d in g["not_a_figure"]["documents"]]),
        # `Quốc lộ 29, 26, 27`: the later numbers of a list of names are names too
        name_list=re.compile(r"(?<!\w)(?:" + trie_regex(w.lower() for w in g["not_a_figure"]["before"]) + r")\s+\w+(?:\s*,\s*\w+)*\s*(?:,|và)\s*$", re.I),
        not_after=re.compile(r"^\s?(?:" + "|".join(map(re.escape, g["not_a_figure"]["after"])) + r")(?!\w)", re.I),
        age_after=re.compile(r"^\s?(?:" + "|".join(map(re.escape, g["not_a_figure"]["age_after"])) + r")(?!\w)", re.I),
        stated_by=words_at_end(g["not_a_figure"]["stated_by"]),
    )


@dataclass(frozen=True)
class Indicator:
    id: str
    category: str
    unit: str
    good: str
    label_vi: str
    label_en: str
    phrases: tuple[str, ...]
    headline: bool = False
    rate: str | None = None  # for a count: the id of the rate that a share of all of them is
    change_of: str | None = None  # for a change: the id of the level it is the change of (its standard is theirs)


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    pattern: re.Pattern  # every phrase, longest first
    by_phrase: dict[str, str]

    def matches(self, text: str, regions: list[tuple[int, int]] | None = None) -> list[tuple[int, int, Indicator]]:
        """(start, end, indicator) of every phrase in `text`, or in its `regions` (start, end)."""
        spans = regions if regions is not None else [(0, len(text))]
        found = ((m, self.by_phrase.get(m.group(0).lower())) for start, end in spans
                 for m in self.pattern.finditer(text, start, end))
        return [(m.start(), m.end(), self.indicators[phrase]) for m, phrase in found if phrase]


@cache
def catalogue() -> Catalogue:
    entries = load_toml("indicators.toml")["indicator"]
    indicators = {
        e["id"]: Indicator(e["id"], e["category"], e["unit"], e["good"], e["label_vi"], e["label_en"],
                           tuple(e["phrases"]), e.get("headline", False), e.get("rate"), e.get("change_of"))
        for e in entries
    }
    by_phrase = {p.lower(): i.id for i in indicators.values() for p in i.phrases}
    return Catalogue(indicators, words_pattern(list(by_phrase)), by_phrase)
