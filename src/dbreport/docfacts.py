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
PROVINCE = re.compile(r"\b(?:tỉnh|thành phố)\s+(\w+(?:\s+\w+)?)", re.I)


@dataclass(frozen=True)
class DocumentFacts:
    doc_type: str  # a key of [types] in doctypes.toml, or "report" when the heading names none
    issuer: str | None  # `Văn phòng Chính phủ`, `Ủy ban nhân dân tỉnh Bắc Ninh`
    territory: str | None  # the province the document reports on (`Phú Thọ`), or None when not stated
    term: str | None  # a plan's term, `2026/2030`
    event_date: date | None  # the day of the meeting a notice of conclusions reports


def document_facts(lines: list[str]) -> DocumentFacts:
    head = [clean(line) for line in lines[:HEAD_LINES]]
    return DocumentFacts(document_type(head), issuer(head), territory(head), plan_term(head), event_date(head))


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
