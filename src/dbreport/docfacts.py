"""What a document says of itself: its type, issuer, territory and, for a plan, its term.

Read only from the document's own heading (the issuer block, the `Số: 57/NQ-HĐND` number line,
the title) and first paragraph; never from URLs, file names or page furniture. The type sets
defaults for extraction: every figure of a plan or a budget resolution is an aim, a notice of
conclusions reports results and asks for targets, a news article dates its stocks by its event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dbreport.extract.vocabulary import doctypes
from dbreport.periods import YEAR_DIGITS

HEAD_LINES = 60
# markdown and web furniture around heading words: `**THÔNG BÁO**`, `*Hà Nội, ngày 24*`, lone `|`
FURNITURE = re.compile(r"[*_#|>`]+")
NUMBER_LINE = re.compile(r"\bSố\s*:\s*\d+\s*[/-]\s*(?:\d{4}\s*/\s*)?([A-ZĐ]+)(?:-[A-ZĐ]+)*", re.I)
TERM = re.compile(rf"(?:giai đoạn|nhiệm kỳ|thời kỳ)\s+({YEAR_DIGITS})\s*[-–]\s*({YEAR_DIGITS})", re.I)
MEETING = re.compile(rf"ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+({YEAR_DIGITS}),(?=(?:(?!ngày\s+\d).){{0,200}}?(?:chủ trì|làm việc|cuộc họp|phiên họp|hội nghị))", re.I)
DATELINE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)
TITLE_END = re.compile(r"^(?:Căn cứ|Kính gửi|Thực hiện|Điều \d|[IVX]+\.|\d+\.|QUYẾT NGHỊ|QUYẾT ĐỊNH:|HỘI ĐỒNG NHÂN DÂN)", re.I)
PROVINCE = re.compile(r"\b(?:tỉnh|thành phố)\s+(\w+(?:\s+\w+)?)", re.I)


@dataclass(frozen=True)
class DocumentFacts:
    doc_type: str  # a key of [types] in doctypes.toml, or "report" when the heading names none
    issuer: str | None  # `Văn phòng Chính phủ`, `Ủy ban nhân dân tỉnh Bắc Ninh`
    territory: str | None  # the province the document reports on (`Phú Thọ`), or None when not stated
    term: str | None  # a plan's term, `2026/2030`
    event_date: date | None  # the day of the meeting a notice of conclusions reports
    title: str | None = None  # the words after the type's name: `VỀ DỰ TOÁN THU NGÂN SÁCH ... NĂM 2026`
    aims_for: str | None = None  # the year or term whose aims the document sets (`2026`), when its title says so

    @property
    def default_kind(self) -> str:
        """What a level figure of the document is unless its clause says otherwise."""
        return "target" if self.aims_for else "actual"


def document_facts(lines: list[str]) -> DocumentFacts:
    head = [clean(line) for line in lines[:HEAD_LINES]]
    doc_type, title = document_type(head), document_title(head)
    term = plan_term(head)
    return DocumentFacts(doc_type, issuer(head), territory(head), term, event_date(head), title, aims_for(doc_type, title, term))


def clean(line: str) -> str:
    return re.sub(r"\s+", " ", FURNITURE.sub(" ", line)).strip()


def document_type(head: list[str]) -> str:
    """From the code of the number line (`636/TB-VPCP` is a notice), else from a title line that
    is only the type's name (`KẾ HOẠCH`, `THÔNG BÁO`), else a report."""
    types = doctypes()["types"]
    text = " ".join(head)
    m = NUMBER_LINE.search(text)
    if m:
        code = m.group(1).upper()
        for name, spec in types.items():
            if code in spec.get("codes", []):
                return name
    for line in head:
        for name, spec in types.items():
            if line.upper() in spec.get("titles", []):
                return name
    return "report"


def document_title(head: list[str]) -> str | None:
    """The lines after the line that names the type (`NGHỊ QUYẾT`, `BÁO CÁO`), up to the legal
    bases (`Căn cứ ...`) or the first section: the document's own title."""
    titles = {t for spec in doctypes()["types"].values() for t in spec.get("titles", [])}
    start = next((i for i, line in enumerate(head) if line.upper() in titles), None)
    if start is None:
        return None
    words = []
    for line in head[start + 1:start + 8]:
        if TITLE_END.match(line) or (words and not line):
            break
        if line and not DATELINE.search(line):
            words.append(line)
    return " ".join(words) or None


def aims_for(doc_type: str, title: str | None, term: str | None) -> str | None:
    """A plan, or a document whose title sets aims for a year (`VỀ DỰ TOÁN ... NĂM 2026`, `Kế hoạch
    phát triển kinh tế - xã hội năm 2026`) rather than reporting results (`tình hình thực hiện`,
    `quyết toán`): the year or term its figures are aims for."""
    words = doctypes()["titles"]
    named = title.lower() if title else ""
    if doc_type != "plan" and not (any(w in named for w in words["aims"]) and not any(w in named for w in words["results"])):
        return None
    if term:
        return term
    years = re.findall(rf"(?:năm|đến năm)\s+({YEAR_DIGITS})", named)
    return years[-1] if years else None


def issuer(head: list[str]) -> str | None:
    """The block above the national motto (`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`), joined."""
    block = []
    for line in head:
        if line.upper().startswith("CỘNG HÒA") or line.upper().startswith("CỘNG HOÀ"):
            break
        if line and not re.fullmatch(r"[-–_=\s]+", line):
            block.append(line)
    else:
        return None  # no motto: no issuer block
    if not block or len(block) > 4:
        return None
    return " ".join(block).title() if " ".join(block).isupper() else " ".join(block)


def territory(head: list[str]) -> str | None:
    """The province the heading names (issuer block or title): the most named one."""
    names: dict[str, int] = {}
    for m in PROVINCE.finditer(" ".join(head)):
        words = m.group(1).split()
        if words[0][0].isupper():  # `tỉnh Phú Thọ`, `TỈNH BẮC NINH`; not `tỉnh đã`
            name = " ".join(w for w in words if w[0].isupper()).title()
            names[name] = names.get(name, 0) + 1
    return max(names, key=lambda n: names[n]) if names else None


def plan_term(head: list[str]) -> str | None:
    """`... GIAI ĐOẠN 2026 - 2030` in the title block."""
    m = TERM.search(" ".join(head[:40]))
    return f"{m.group(1)}/{m.group(2)}" if m and 0 < int(m.group(2)) - int(m.group(1)) <= 10 else None


def event_date(head: list[str]) -> date | None:
    """`Ngày 14 tháng 11 năm 2025, Phó Thủ tướng ... chủ trì buổi làm việc`: the meeting day."""
    for m in MEETING.finditer(" ".join(head)):
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
    return None
