"""Hostile report texts for the property tests and benchmarks/fuzz.py, and the pipeline they run.

A text is made of what real reports are made of (phrases, figures, dates, appendix headers, page
furniture) mixed with what breaks parsers: numbers at extremes (`0000`, 30 digits, `1,368,19`),
broken UTF-8, control characters, decomposed accents, and long lines. `run_pipeline` takes one
document through ingest -> extract -> check -> compose and returns what a user would see.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

from dbreport import check
from dbreport.compose import compose_brief, plan_briefs
from dbreport.extract import extract_document
from dbreport.formatting import Formatter
from dbreport.ingest import read_seeds
from dbreport.periods import end_year

PHRASES = [
    "Tổng sản phẩm trên địa bàn tỉnh (GRDP)", "6 tháng đầu năm 2024", "9 tháng năm 2024", "quý III năm 2024",
    "ước đạt", "đạt", "tăng", "giảm", "so với cùng kỳ năm trước", "kế hoạch", "vượt", "chiếm", "tỷ trọng",
    "tỷ đồng", "triệu đồng", "nghìn tấn", "ha", "lượt", "%", "điểm %", "gấp", "lần", "hộ nghèo", "tỷ lệ",
    "thu ngân sách nhà nước trên địa bàn", "tổng mức bán lẻ hàng hóa", "đến nay", "lũy kế", "hiện có",
    "phấn đấu", "mục tiêu", "năm", "Năm", "tháng", "Tháng", "ngày", "chiều", "nhiệm kỳ 2020 - 2025",
    "giai đoạn 2021-2025", "cùng kỳ năm", "từ năm", "đến năm", "bình quân", "/năm", "trong đó", "cụ thể",
    "Phần thứ hai", "BÁO CÁO", "Báo cáo chính trị", "Tình hình kinh tế - xã hội", "Nghị quyết số 109/QĐ-TTg",
    "PHỤ LỤC 02", "Stt Chỉ tiêu", "Ghi", "chú", "Tỷ", "đồng", "trở lên", "Từ", "khoảng", "trên", "hơn",
    "xã đạt chuẩn nông thôn mới", "(1)", "I.", "3.1.", "-", "–", "+", "•", "www.dienbien.gov.vn", "https://x.vn/a",
]
SEPARATORS = [" ", " ", " ", "\n", "\n", " \n", "\n ", "  ", "\t", ", ", ". ", "; ", ": ", "\n\n", " \f\n"]
ODD_CHARACTERS = ["\x00", "\x0c", "\r", "\r\n", "\x85", "\u2028", "\u00a0", "\u200b", "\ufeff", "\u0306", "\u0301",
                  "\ufffd", "ſ", "İ", "ß", "\U0001f600", "₫", "\x1b[31m", "%", "/", "-", "\\"]
BROKEN_BYTES = [b"\xff", b"\xc3", b"\xe1\xba", b"\xed\xa0\x80", b"\x80\x80", b"\xf8\x88\x80\x80\x80"]


def digits(n: int) -> str:
    return str(n)


def vietnamese(n: int, decimals: str = "") -> str:
    """1234567 -> `1.234.567`, with `,decimals`."""
    grouped = f"{n:,}".replace(",", ".")
    return grouped + ("," + decimals if decimals else "")


def english(n: int, decimals: str = "") -> str:
    return f"{n:,}" + ("." + decimals if decimals else "")


def numbers() -> st.SearchStrategy[str]:
    """Numbers as reports write them, and at the extremes: zero-padded years, 30 digits, typos."""
    whole = st.one_of(st.integers(0, 100), st.integers(0, 10**6), st.integers(0, 10**40),
                      st.sampled_from([0, 1, 9, 99, 1900, 2024, 2100, 9999, 10**18, 10**28 - 1, 10**30]))
    decimals = st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=5))
    written = st.builds(lambda fmt, n, d: fmt(n, d), st.sampled_from([vietnamese, english]), whole, decimals)
    oddities = st.sampled_from(["0000", "5/0000", "tháng 2/0000", "năm 0000", "31/12/0000", "1,368,19", "6.23928",
                                "0217", "202416", "2,170", "4.0", "10-12", "8.000-", ">98", "-0,9", "3.611/3.620",
                                "1" * 30, "9" * 80, "1." * 20, "1/2/3/4", "24/24"])
    return st.one_of(st.builds(digits, whole), written, oddities)


def pieces() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(PHRASES), numbers(), st.sampled_from(SEPARATORS), st.sampled_from(ODD_CHARACTERS),
                     st.text(max_size=12))


@st.composite
def report_texts(draw, max_pieces: int = 120) -> bytes:
    """A document's bytes: a title, then report phrases, figures, oddities; at times a long line
    (one piece repeated without a break), broken UTF-8 or a page number."""
    parts = [draw(st.sampled_from(["", "BÁO CÁO Tình hình kinh tế - xã hội 6 tháng đầu năm 2024\n",
                                   "Báo cáo chính trị năm 2025, nhiệm kỳ 2020 - 2025\n", "Năm 2024 ",
                                   "Chiều 8-3, năm 2026 ", "BÁO CÁO quý III năm 2024\n"]))]
    parts += draw(st.lists(pieces(), max_size=max_pieces))
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(pieces()) * draw(st.integers(2, 400)))
    data = "".join(parts).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(BROKEN_BYTES)) + data[at:]
    return data


@dataclass
class Outcome:
    """What one document gave: its refusal reason, or its figures, findings and briefs."""

    error: str | None
    observations: int = 0
    findings: int = 0
    briefs: int = 0


FORMATTERS = {lang: Formatter(lang) for lang in ("vi", "en")}
UNFORESEEN = "could not be read ("  # read_seeds' wording for an exception it did not expect


def run_pipeline(data: bytes, name: str = "doc.txt") -> Outcome:
    """ingest -> extract -> check -> compose for one document; raises on anything a user would
    see as a crash (an unforeseen exception, a figure with no source line, an unreadable period)."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        docs, errors = read_seeds(Path(folder))
    if errors:
        reason = str(errors[0])
        assert reason.startswith(f"{name}: ") and "\n" not in reason and UNFORESEEN not in reason, reason
        return Outcome(reason)
    [doc] = docs
    observations = extract_document(doc)
    for o in observations:
        assert isinstance(o.value, Decimal) and o.value.is_finite(), o
        assert 1 <= o.line <= len(doc.lines) and re.search(r"\d", doc.lines[o.line - 1]), o
        end_year(o.period)  # every period is one the export can name
    findings = check.find_problems(observations, docs)
    briefs = 0
    for plan in plan_briefs(docs):
        for lang, fmt in FORMATTERS.items():
            compose_brief(plan, lang, fmt, docs, observations, findings)
            briefs += 1
    return Outcome(None, len(observations), len(findings), briefs)
