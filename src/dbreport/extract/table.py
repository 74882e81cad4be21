"""The congress report's appendix: a flattened table of resolution targets and results.

The PDF dump writes each row as its label over one or more lines, its unit (`Tỷ` / `đồng`), then
its cells on one line (or wrapped over several): the previous resolution's target, the result
reached, the comparison of the two, and the next target. The page header (`Stt Chỉ tiêu ...`)
repeats at every page break. Each value becomes an observation labelled with its row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from dbreport.extract.clauses import CONSTANT_PRICES
from dbreport.extract.vocabulary import Indicator, catalogue, units
from dbreport.model import Document, Observation
from dbreport.periods import end_year
from dbreport.numbers import NotANumber, parse_number, plain, scaled

HEADER_START = re.compile(r"^\s*Stt\s+Chỉ tiêu", re.I)
HEADER_END = re.compile(r"(?:^|\s)chú\s*$", re.I)  # `Ghi chú`, last of the header: wrapped (`Ghi` / `chú`) or on one line
ROW_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[A-Z]|[IVX]+)\s*$")
CELL = re.compile(
    r"(?:từ|trên|dưới)\s+\d[\d.,]*(?:\s?[-–]\s?\d[\d.,]*)?%?(?:\s+trở lên)?"  # Từ 8.800 - 9.000
    r"|(?:[<>]\s?|(?<!\S)-)?\d[\d.,]*(?:[-–]\d[\d.,]*)?%?(?:\s+trở lên)?"  # 17.328  103,71%  10-12  >98  -0,9  8.500 trở lên
    r"|đạt chuẩn"
    r"|(?<!\S)[-–](?!\S)",  # a dash alone: an empty cell (`45,5 45,5 - 48`)
    re.I,
)
CONTINUATION = re.compile(r"^\s*(?:[-–]\s?\d[\d.,]*%?|trở lên)\s*$", re.I)  # the wrapped end of a cell
YEAR_SPAN = re.compile(r"^(?:19|20)\d\d(?:\s?[-–]\s?(?:19|20)\d\d)?$")
ANNUAL = re.compile(r"/\s?năm|bình quân|hằng năm|hàng năm|mỗi năm", re.I)
PER_CAPITA = re.compile(r"(?:bình quân\s*)?(?:\w+\s*/\s*)?(?:đầu người|/\s*người)", re.I)  # `Bình quân GRDP/đầu người`: per person, not per year
SHARE_ROW = re.compile(r"\s*(?:cơ cấu|tỷ trọng)|.*\bchiếm\b", re.I)
COLUMNS = ("resolution_target", "result", "comparison", "next_target")


@dataclass
class Cell:
    text: str
    line: int
    column: int


@dataclass
class Row:
    label_parts: list[str] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    group: str = ""  # the heading of the rows it is one of (`Cơ cấu GRDP`), up to the next numbered group

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.label_parts)).strip()


def appendix_observations(doc: Document, first_line: int, end: int | None = None) -> list[Observation]:
    """The figures of the table from `first_line` up to `end` (the prose note after it), or the document's end."""
    years = header_years(doc, first_line)
    return [obs for row in table_rows(doc, first_line, end) for obs in row_observations(doc, row, years)]


def header_years(doc: Document, first_line: int) -> tuple[int, int]:
    """(year of the results, year of the next target), from the header `Thực hiện đến năm 2025 ... Mục tiêu đến 2030`."""
    start = next((n for n in range(first_line, len(doc.lines) + 1) if HEADER_START.match(doc.lines[n - 1])), first_line)
    header = " ".join(doc.lines[start - 1:start + 30])
    years = sorted({int(y) for y in re.findall(r"\b(20\d\d)\b", header)})
    return (years[-2], years[-1]) if len(years) >= 2 else (end_year(doc.period), end_year(doc.period) + 5)


def table_rows(doc: Document, first_line: int, end: int | None = None) -> list[Row]:
    rows: list[Row] = []
    row = Row()
    in_header = False
    group = ""
    for n in range(first_line + 1, end or len(doc.lines) + 1):
        line = doc.lines[n - 1]
        if HEADER_START.match(line):
            in_header = True
        if in_header:
            in_header = not HEADER_END.search(line)
            continue
        if ROW_NUMBER.match(line):
            group = ""  # `2`, `B`: a new numbered group of rows
            continue
        if not line.strip():
            continue
        if CONTINUATION.match(line) and row.cells:
            row.cells[-1].text += " " + line.strip()  # `Từ 8.800` / `- 9.000`
            continue
        start = cells_start(line)
        if start is None or line[:start].strip():
            if row.cells:
                rows.append(row)
                group = group or (row.label_parts[0] if SHARE_ROW.match(row.label_parts[0]) else "")
                row = Row(group=group)
            row.label_parts.append(line[:start].strip() if start is not None else line.strip())
            if start is None:
                continue
        for m in CELL.finditer(line, start):
            row.cells.append(Cell(m.group(0).strip(), n, m.start() + len(m.group(0)) - len(m.group(0).lstrip())))
        if line.rstrip().endswith(("-", "–")) and row.cells and row.cells[-1].line == n:
            row.cells[-1].text += "-"  # `8.000-` wraps to `8.300` on the next line
    if row.cells:
        rows.append(row)
    return merge_wrapped_ranges(rows)


def merge_wrapped_ranges(rows: list[Row]) -> list[Row]:
    """`8.000-` at a line end and `8.300` on the next line are one cell."""
    for row in rows:
        merged: list[Cell] = []
        for cell in row.cells:
            if merged and re.search(r"\d[-–]$", merged[-1].text) and cell.line != merged[-1].line:
                merged[-1].text += cell.text
            elif merged and re.match(r"^[-–]\s?\d", cell.text) and cell.line != merged[-1].line:
                merged[-1].text += " " + cell.text
            else:
                merged.append(cell)
        row.cells = merged
    return rows


def cells_start(line: str) -> int | None:
    """Where the cells begin: the first cell from which the rest of the line is only cells.

    One pass from the line's end: a cell can start the run when nothing but spaces and dashes
    stands between it and the cells after it (no rescan of the line per cell)."""
    cells = list(CELL.finditer(line))
    start, gap_end = None, len(line)
    for m in reversed(cells):
        if line[m.end():gap_end].strip(" -–"):
            break
        if not YEAR_SPAN.match(m.group(0).strip()):
            start = m.start()
        gap_end = m.start()
    return start


def row_unit(row_text: str) -> tuple[str, str, Decimal]:
    """(label, unit code, factor): the unit is the longest tail of the row text the units catalogue reads."""
    u = units()
    text = re.sub(r"\s?/\s?năm\b", "", row_text)  # `%/ năm`, `Lao động/ năm`: annual, same unit
    # a tail longer than any unit phrase is no unit: a long row is not re-read from each word
    words = [w for w in re.finditer(r"\S+", text) if len(text) - w.start() <= u.longest]
    for w in words:
        tail = text[w.start():].lower()
        found = u.match(tail)
        if found and found[1] == len(tail):
            return text[:w.start()].strip(), found[0].unit, found[0].factor
        scaled = u.match_scale(tail)
        if scaled:
            rest = u.match(tail[scaled[2]:])
            if rest and scaled[2] + rest[1] == len(tail):
                return text[:w.start()].strip(), rest[0].unit, scaled[1] * rest[0].factor
    if re.search(r"vạn dân", text, re.I):
        label = re.sub(r"\s+(?:bác sĩ|giường)\s*$", "", text, flags=re.I)
        return label, "per_10k", Decimal(1)
    return text, "count", Decimal(1)


def assign_columns(cells: list[Cell], first_is_gap: bool) -> dict[str, Cell]:
    if len(cells) >= 4:
        return dict(zip(COLUMNS, cells))
    if len(cells) == 3:
        if is_comparison(cells):
            return dict(zip(COLUMNS[:3], cells))
        return dict(zip(("resolution_target", "result", "next_target"), cells))
    if len(cells) == 2 and first_is_gap:
        return dict(zip(("result", "next_target"), cells))
    return dict(zip(COLUMNS, cells))


def is_comparison(cells: list[Cell]) -> bool:
    """Whether the third cell compares the first two (`103,71%` = 17.970 / 17.328, or `-0,9` = 2,6 - 3,5)."""
    if cells[2].text.endswith("%"):
        return True
    try:
        a, b, c = (cell_value(x.text)[0] for x in cells)
    except (NotANumber, TypeError):
        return False
    return abs((b - a) - c) < Decimal("0.05")


def cell_value(text: str) -> tuple[Decimal, Decimal | None, str | None]:
    """(value, upper end of a range, qualifier) of one cell."""
    t = text.strip()
    qualifier = None
    m = re.match(r"^(từ|trên|dưới|[<>])\s*", t, re.I)
    if m:
        qualifier = m.group(1).lower()
        t = t[m.end():]
    if re.search(r"trở lên$", t, re.I):
        qualifier = qualifier or "từ"
        t = re.sub(r"\s*trở lên$", "", t, flags=re.I)
    t = t.rstrip("%").strip()
    parts = re.split(r"\s?[-–]\s?", t)
    if parts[0] == "" and len(parts) == 2:
        return -parse_number(parts[1]).value, None, qualifier
    low = parse_number(parts[0]).value
    high = parse_number(parts[1]).value if len(parts) == 2 and parts[1] else None
    return low, high, qualifier


def row_observations(doc: Document, row: Row, years: tuple[int, int]) -> list[Observation]:
    text = row.text
    label, unit, factor = row_unit(text)
    if not label:
        return []
    # `Giá trị sản xuất công nghiệp (theo giá so sánh) | % | 10-12 | 10,69`: a value row in % states its growth a year
    indicator = row_indicator(label)
    growth = (unit == "pct" and indicator is not None and indicator.unit not in ("pct", "pp")
              and not SHARE_ROW.search(text) and not row.group)  # `Cơ cấu GRDP` / `Nông, lâm nghiệp ... | %`: shares
    annual = growth or bool(ANNUAL.search(PER_CAPITA.sub("", text)))
    constant_prices = bool(CONSTANT_PRICES.search(text))
    result_year, next_year = years
    term = f"{result_year - 4}/{result_year}"
    first_line_text = doc.lines[row.cells[0].line - 1] if row.cells else ""
    first_is_gap = bool(re.search(r"(?:^|\S)\s{2,}$", first_line_text[:row.cells[0].column])) if row.cells else False
    out = []
    for column, cell in assign_columns(row.cells, first_is_gap).items():
        if cell.text.lower() == "đạt chuẩn":
            continue  # a cell in words (`Đạt chuẩn`) holds its column but is not a figure
        try:
            value, high, qualifier = cell_value(cell.text)
        except NotANumber:
            continue
        cell_unit, kind = unit, "target"
        period = term if annual else str(result_year)
        if column == "result":
            kind = "estimate"
        elif column == "comparison":
            if cell.text.strip().endswith("%"):
                kind, cell_unit = "plan_pct", "pct"
            else:
                kind, cell_unit = "change", "pp" if unit == "pct" else unit
        elif column == "next_target":
            period = f"{result_year + 1}/{next_year}" if annual else str(next_year)
        if kind != "plan_pct" and cell_unit == unit:
            value = scaled(value, factor)
            high = scaled(high, factor) if high is not None else None
        flags = (("table",) + (("range",) if high is not None else ()) + (("annual_average",) if annual else ())
                 + (("average_growth",) if growth and kind != "plan_pct" else ())
                 + (("constant_prices",) if constant_prices else ()))
        quote = cell.text.strip()
        base = dict(source=doc.source, line=cell.line, quote=quote, unit=cell_unit, period=period, kind=kind,
                    indicator=indicator.id if indicator else None,
                    label_vi=indicator.label_vi if indicator else label,
                    label_en=indicator.label_en if indicator else None, qualifier=qualifier,
                    comparison="resolution_target" if column == "comparison" else None,
                    indicator_basis=f"its row label names '{indicator.label_vi}'" if indicator else "its row label names no catalogue indicator",
                    start=cell.column, end=cell.column + len(quote))
        out.append(Observation(value=plain(value), flags=flags, value_high=plain(high) if high is not None else None, **base))
        if high is not None:
            out.append(Observation(value=plain(high), flags=flags + ("range_high",), value_high=None, **base))
    return out


def row_indicator(label: str) -> Indicator | None:
    matches = catalogue().matches(label)
    return max(matches, key=lambda m: m[1] - m[0])[2] if matches else None
