"""ingest: seeds/* -> Document.

Reads each input file through its format's reader (dbreport.readers: text in any encoding,
Markdown, web pages, Word, PDF with a text layer or scanned), which gives NFC lines with their
origin (page, line on the page, table cell), works out what the document is (kind, reporting period, reference date, title), and
sets aside the lines that are not running text: footnote bodies inlined at page ends, page numbers,
URLs. A broken file becomes a DocumentError naming the file and the reason; the others go on.
"""
from __future__ import annotations

import bisect
import calendar
import hashlib
import itertools
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from dbreport.docfacts import document_facts
from dbreport.model import Document
from dbreport.periods import YEAR_DIGITS, end_year, months_period, quarter_period
from dbreport.readers import PageProgress, Reading, read_file
from dbreport.readers import Unreadable as DocumentUnreadable
from dbreport.readers.layout import FOOTNOTE_START
from dbreport.readers.progress import terminal_progress

#: The largest document read, in MB: a bigger file is refused with its size (`DBREPORT_MAX_DOCUMENT_MB`).
DEFAULT_MAX_DOCUMENT_MB = 50

PAGE_START = re.compile(r"^ +\S")  # the PDF dump indents the first line of each page
PAGE_SEPARATOR = re.compile(r"^[ \t\f]+$")  # a whitespace-only line ends a page's body text
URL_LINE = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


@dataclass(frozen=True)
class DocumentError:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


def read_seeds(folder: Path, on_page: PageProgress | None = None,
               read: Callable[[Path, bytes, PageProgress | None], Reading] = read_file) -> tuple[list[Document], list[DocumentError]]:
    """Every readable document in `folder`, sorted by file name, and an error for each other one.
    `on_page(done, total)` follows a slow (OCR) read page by page; by default a progress bar on a terminal.
    `read` turns a file into lines (the build passes dbreport.cache.ReadingCache's, which keeps them)."""
    docs, errors = [], []
    for path in seed_files(folder):
        try:
            check_inside(path, folder)
            docs.append(read_document(path, on_page or terminal_progress(path.name), read))
        except DocumentUnreadable as exc:
            errors.append(DocumentError(path, str(exc)))
        except Exception as exc:  # a reading we did not foresee: this document's problem, not the build's
            errors.append(DocumentError(path, f"could not be read ({type(exc).__name__}: {exc})"))
    return docs, errors


def seed_files(folder: Path) -> list[Path]:
    """Every entry in the folder but hidden ones: whatever no reader takes (an image, an archive,
    a folder, a pipe) is named with the reason, not skipped."""
    return sorted(p for p in Path(folder).iterdir() if not p.name.startswith("."))


def check_inside(path: Path, folder: Path) -> None:
    """A symbolic link in seeds/ may point at another seed, never at a file elsewhere: whatever
    lies outside the folder is not an input the user dropped there."""
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(os.path.realpath(folder)):
        raise DocumentUnreadable(f"a link to {target}, outside the seeds folder: not read")


def max_document_bytes() -> int:
    """The size limit per document: `DBREPORT_MAX_DOCUMENT_MB` megabytes, 50 when it is not set."""
    value = os.environ.get("DBREPORT_MAX_DOCUMENT_MB", "").strip() or str(DEFAULT_MAX_DOCUMENT_MB)
    try:
        mb = float(value)
    except ValueError:
        mb = 0
    if not 0 < mb < float("inf"):
        raise DocumentUnreadable(f"DBREPORT_MAX_DOCUMENT_MB={value!r} is not a size in MB: no document read")
    return int(mb * 1_000_000)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    Opened without blocking and checked on the open descriptor: a FIFO (which blocks `open` until
    a writer comes), a device (which never ends) or a folder is refused, and so is a file swapped
    for one of those after the folder was listed. At most `limit` + 1 bytes are read, so a file
    that grows while it is read cannot exhaust memory."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise DocumentUnreadable(f"cannot read the file ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise DocumentUnreadable(f"{file_type(mode)}, not a regular file: not read")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise DocumentUnreadable(f"cannot read the file ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise DocumentUnreadable(f"larger than the limit of {limit / 1_000_000:g} MB per document "
                                 "(DBREPORT_MAX_DOCUMENT_MB raises it): not read")
    return b"".join(chunks)


def file_type(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def read_document(path: Path, on_page: PageProgress | None = None,
                  read: Callable[[Path, bytes, PageProgress | None], Reading] = read_file) -> Document:
    raw = read_regular_file(path, max_document_bytes())
    reading = read(path, raw, on_page)
    lines = reading.lines
    year = document_year(lines)
    kind = document_kind(lines, year)
    facts = document_facts(lines)
    # a plan, or a budget resolution for next year, is about the year or term it sets aims for
    headline = facts.title or (next((line for line in lines if line.strip()), "") if kind == "news" else None)
    period = facts.aims_for or title_period(headline, year) or document_period(lines, kind, year)
    if reading.set_aside is None:
        set_aside, footnotes = find_set_aside_lines(lines)
    else:  # the layout told them; URLs are told by their text alone
        set_aside = {n: "url" for n, line in enumerate(lines, 1) if URL_LINE.match(line)} | reading.set_aside
        footnotes = reading.footnotes or {}
    markers = footnote_markers(lines, set_aside, footnotes)
    return Document(
        source=path.name,
        path=path,
        lines=lines,
        title=facts.title or document_title(lines, kind),
        kind=kind,
        period=period,
        reference_date=facts.event_date or reference_date(lines, period),
        issued=issue_date(lines, period),
        doc_type=facts.doc_type,
        issuer=facts.issuer,
        territory=facts.territory,
        default_kind=facts.default_kind,
        digest=hashlib.sha256(raw).hexdigest(),
        set_aside=set_aside,
        footnotes=footnotes,
        markers=markers,
        origins=reading.origins,
        format=reading.format,
    )


# --- what the document is -------------------------------------------------------------------

MONTHS_HEAD = re.compile(rf"(\d{{1,2}}) tháng (?:đầu )?(?:của )?năm ({YEAR_DIGITS})", re.I)  # 6 tháng đầu năm 2024, 9 tháng năm 2024
MONTHS_HEAD_NO_YEAR = re.compile(r"(\d{1,2}) tháng đầu năm\b(?! \d)", re.I)
TITLE_MONTHS = re.compile(r"(?<![\d/])(?<!ngày )(\d{1,2})\s+tháng\b", re.I)
QUARTER_HEAD_ANY = re.compile(r"\bquý\s+(IV|I{1,3}|[1-4])\b", re.I)
QUARTER_HEAD = re.compile(rf"\bquý (IV|I{{1,3}}|[1-4])(?: năm|/|,)? ?({YEAR_DIGITS})", re.I)
MONTH_HEAD = re.compile(rf"(?<!ngày \d )(?<!ngày \d\d )\btháng (\d{{1,2}})(?: năm |/)({YEAR_DIGITS})", re.I)  # not a dateline
REPORT_TITLE = re.compile(r"^\s*(?:báo cáo|tình hình (?:thực hiện|kinh tế))", re.I)  # a title line, not a news lead
YEAR_ANY = re.compile(rf"(?:năm|tháng \d{{1,2}}[/-]|\d{{1,2}}[/-])\s?({YEAR_DIGITS})\b", re.I)  # `Năm 2024` too
TERM = re.compile(rf"(?:nhiệm kỳ|giai đoạn)\s+({YEAR_DIGITS})\s*-\s*({YEAR_DIGITS})", re.I)
DATELINE = re.compile(rf"ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+({YEAR_DIGITS})", re.I)
# `tháng 6/2024`, `15/6/2024`: written digit first, so that the regex engine skips from digit to digit
# (three times faster than from `tháng`, which re.I reads letter by letter)
DATED = re.compile(rf"\d(?:(?<=tháng \d)\d?[/-]({YEAR_DIGITS})|\d?[/-]\d{{1,2}}[/-]({YEAR_DIGITS}))", re.I)
EVENT_DAY = re.compile(r"(?:ngày|sáng|chiều|tối|trưa)\s+(\d{1,2})[-/](\d{1,2})(?![-/\d])", re.I)


def document_kind(lines: list[str], year: int) -> str:
    """news, congress_report, or a government report named by its span: half_year_report,
    period_report (months or a quarter) or annual_report."""
    text = "\n".join(lines)
    titles = [line for line in lines[:30] if line.strip()][:5]
    if len(lines) < 200 and not any(len(t) <= 150 and REPORT_TITLE.match(t) for t in titles):
        return "news"
    if re.search(r"Báo cáo chính trị|Nghị quyết Đại hội Đảng bộ tỉnh", text, re.I) and TERM.search(text):
        return "congress_report"
    period = report_period(" ".join(line.strip() for line in lines[:120]), year)
    if period.endswith("-H1"):
        return "half_year_report"
    return "annual_report" if re.fullmatch(r"\d{4}", period) else "period_report"


def document_period(lines: list[str], kind: str, year: int) -> str:
    """The reporting period, read from the title and the opening lines."""
    head = " ".join(line.strip() for line in lines[:120])
    if kind == "congress_report":
        spans = Counter(f"{a}/{b}" for a, b in TERM.findall("\n".join(lines)) if int(b) - int(a) in (4, 5))
        if spans:
            end = int(max(spans, key=lambda s: (spans[s], s)).split("/")[1])
            return f"{end - 4}/{end}"
    if kind == "news":
        m = MONTHS_HEAD.search(head)
        return months_period(int(m.group(1)), int(m.group(2))) if m and 1 <= int(m.group(1)) <= 12 else str(year)
    return report_period(head, year)


def title_period(title: str | None, year: int) -> str | None:
    """`TÌNH HÌNH ... 9 THÁNG, NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2025`: the first period a title names
    (what follows it are the next period's tasks), in the title's year."""
    if not title:
        return None
    years = re.findall(rf"\b({YEAR_DIGITS})\b", title)
    year = int(years[-1]) if years else year
    found = [(m.start(), months_period(int(m.group(1)), year)) for m in TITLE_MONTHS.finditer(title) if 1 <= int(m.group(1)) <= 12]
    found += [(m.start(), quarter_period(m.group(1), year)) for m in QUARTER_HEAD_ANY.finditer(title)]
    return min(found)[1] if found else None


def report_period(head: str, year: int) -> str:
    """`6 tháng đầu năm 2024` -> 2024-H1, `9 tháng năm 2024` -> 2024-01/2024-09,
    `quý III năm 2024` -> 2024-07/2024-09, `tháng 10 năm 2024` -> 2024-10, else the year."""
    m = MONTHS_HEAD.search(head)
    if m and 1 <= int(m.group(1)) <= 12:
        return months_period(int(m.group(1)), int(m.group(2)))
    m = QUARTER_HEAD.search(head)
    if m:
        return quarter_period(m.group(1), int(m.group(2)))
    m = MONTHS_HEAD_NO_YEAR.search(head)
    if m and 1 <= int(m.group(1)) <= 12:
        return months_period(int(m.group(1)), year)
    m = MONTH_HEAD.search(head)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{int(m.group(2))}-{int(m.group(1)):02d}"
    return str(year)


def document_year(lines: list[str]) -> int:
    """The year a text is about: the year of its most precise date, else its most cited year."""
    text = "\n".join(lines)
    dated = DATED.findall(text)
    years = [int(a or b) for a, b in dated]
    if years:
        return Counter(years).most_common(1)[0][0]
    cited = Counter(int(y) for y in YEAR_ANY.findall(text))
    if not cited:
        raise DocumentUnreadable("no year in the text: its reporting period cannot be told")
    return max(cited, key=lambda y: (cited[y], -y))


def issue_date(lines: list[str], period: str) -> date | None:
    """The date the document states for itself: a report's `ngày 15 tháng 7 năm 2024` heading
    line, or the day of the event a news article reports (`chiều 8-3`). None when it states none."""
    m = DATELINE.search(" ".join(lines[:40]))
    if m and valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1))):
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return event_day(lines, end_year(period))


def event_day(lines: list[str], year: int) -> date | None:
    """The day a news article's lead names (`chiều 8-3`), in the article's year."""
    m = EVENT_DAY.search(" ".join(lines[:3]))
    if m and valid_date(year, int(m.group(2)), int(m.group(1))):
        return date(year, int(m.group(2)), int(m.group(1)))
    return None


def valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def reference_date(lines: list[str], period: str) -> date | None:
    """The date stock figures (`đến nay`, `lũy kế`, `hiện có`) stand at: the meeting date a news
    article reports (`chiều 8-3`), else the end of the reporting period."""
    end = period.split("/")[-1]
    year = end_year(period)
    day = event_day(lines, year)
    if day:
        return day
    if end.endswith("-H1"):
        return date(year, 6, 30)
    if re.fullmatch(r"\d{4}-\d{2}", end):
        month = int(end[5:])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 12, 31)


def document_title(lines: list[str], kind: str) -> str:
    text = "\n".join(lines)
    m = re.search(r"Kèm theo (Báo cáo[^)\n]+)\)", text)
    if m:
        return m.group(1).strip()
    if kind == "news":
        first = next(line.strip() for line in lines if line.strip())
        sentence = re.split(r"(?<=[.!?])\s", first)[0]
        return sentence if len(sentence) <= 140 else sentence[:137].rsplit(" ", 1)[0] + " …"
    heading = []
    for line in lines:
        if line.strip():
            heading.append(line.strip())
        elif heading and len(heading) >= 3:
            break
    return re.sub(r"\s+", " ", " ".join(heading[:3]))


# --- lines that are not running text ----------------------------------------------------------

def find_set_aside_lines(lines: list[str]) -> tuple[dict[int, str], dict[int, int]]:
    """Line number -> reason, and footnote number -> line of its body.

    The PDF dump ends a page's running text with a whitespace-only line (the footnote rule) and
    indents the next page's first line. What lies between them is the footnote area when it
    holds the start of the next footnote (`24 Từ 01/01/2020 ...`); lines before that start
    continue the previous footnote from the page before. Footnote numbers only ever increase,
    which tells `6 tháng đầu năm` apart from footnote 6.
    """
    set_aside: dict[int, str] = {}
    footnotes: dict[int, int] = {}
    areas = FootnoteAreas(lines)
    next_note = 1
    n = 1
    while n <= len(lines):
        line = lines[n - 1]
        if not line:
            pass  # none of these (half the lines of a PDF dump are empty)
        elif URL_LINE.match(line):
            set_aside[n] = "url"
        elif PAGE_SEPARATOR.match(line):
            area = areas.area(n + 1, next_note)
            if area:
                current = next_note - 1
                for k in area:
                    m = FOOTNOTE_START.match(lines[k - 1])
                    if m and current < int(m.group(1)) <= current + 4:
                        current = int(m.group(1))
                        footnotes[current] = k
                    if URL_LINE.match(lines[k - 1]):
                        set_aside[k] = "url"
                    elif PAGE_NUMBER.match(lines[k - 1]) and ends_page(lines, k):
                        set_aside[k] = "page number"
                    elif lines[k - 1].strip():
                        set_aside[k] = f"footnote {current}"
                next_note = current + 1
                n = area[-1]
        elif PAGE_NUMBER.match(line) and (not re.search(r"\d", lines[n - 2] if n > 1 else "") or ends_page(lines, n)):
            set_aside[n] = "page number"
        n += 1
    return set_aside, footnotes


# digits glued to the word before them; the look-behind stands after the first digit so that the
# regex engine can skip from digit to digit (three times faster on a report than one at the start)
GLUED_DIGITS = re.compile(r"(\d(?<=[^\W\d_)”\"]\d)\d{0,2})(?=[\s.,;:)]|$)")


def footnote_markers(lines: list[str], set_aside: dict[int, str], footnotes: dict[int, int]) -> dict[int, int]:
    """Footnote number -> the body line whose text carries its marker (`ha1`, `năm4`, `đồng10`).

    Markers are searched in footnote order (up to four past the last one found or passed), so
    digits that happen to follow a word (`QL279`) are not taken for a marker; a marker glued to a
    number (`6.23928`) is the number parser's to find, and such a footnote gets no entry here."""
    text = "\n".join(lines)
    line_starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    bodies = sorted((body, note) for note, body in footnotes.items())
    markers: dict[int, int] = {}
    last = passed = 0  # the last footnote whose marker was found, or whose body is behind us
    for m in GLUED_DIGITS.finditer(text):
        n = bisect.bisect_right(line_starts, m.start())
        if n in set_aside:
            continue
        while passed < len(bodies) and bodies[passed][0] < n:
            last = max(last, bodies[passed][1])
            passed += 1
        number = int(m.group(1))
        if last < number <= last + 4 and number in footnotes and n < footnotes[number]:
            markers[number] = n
            last = number
    return markers

def ends_page(lines: list[str], n: int) -> bool:
    """Whether line n is the last text of a page: the next line with anything on it is the
    page separator or the next page's indented first line."""
    for following in lines[n:n + 4]:
        if following == "":
            continue
        return bool(PAGE_SEPARATOR.match(following) or PAGE_START.match(following))
    return False


class FootnoteAreas:
    """Where each page's footnote area can be, indexed once so that finding one costs no rescan.

    A text with many whitespace-only lines (each one a possible page end) would otherwise be read
    to its next page start once per such line: quadratic in the text."""

    def __init__(self, lines: list[str]):
        self.page_start = [len(lines) + 1] * (len(lines) + 2)  # line k -> the first page start at or after k
        for k in range(len(lines), 0, -1):
            indented = lines[k - 1].startswith(" ") and PAGE_START.match(lines[k - 1])  # (startswith: a fast first test)
            self.page_start[k] = k if indented else self.page_start[k + 1]
        self.note_starts: dict[int, list[int]] = {}  # footnote number -> lines that start with it, in order
        for k, line in enumerate(lines, 1):
            m = line[:1].isdecimal() and FOOTNOTE_START.match(line)  # (isdecimal is `\d`: a fast first test)
            if m:
                self.note_starts.setdefault(int(m.group(1)), []).append(k)

    def area(self, first: int, next_note: int) -> range:
        """The lines from `first` up to the next page start, if one of the next footnotes starts among them."""
        end = self.page_start[min(first, len(self.page_start) - 1)]
        for note in range(next_note, next_note + 4):
            starts = self.note_starts.get(note, ())
            i = bisect.bisect_left(starts, first)
            if i < len(starts) and starts[i] < end:
                return range(first, end)
        return range(0)
