"""How periods are written in the observations export (DESIGN.md): `2024-H1`, `2024`,
`2024-01/2024-09`, `2021/2025`, `as-of 2024-06-30`. Ingest and extraction both name periods."""
from __future__ import annotations

#: A year as these texts write one: four digits from 1900 to 2099. Other four-digit numbers
#: (`5/0000`, `năm 0000`) are not read as a year, so no period or date is made of them.
YEAR_DIGITS = r"(?:19|20)\d\d"


def months_period(months: int, year: int) -> str:
    """The first `months` months of `year`: 6 is the half year, 12 the year."""
    if months == 6:
        return f"{year}-H1"
    if months == 12:
        return str(year)
    return f"{year}-01/{year}-{months:02d}" if months > 1 else f"{year}-01"


def end_year(period: str) -> int:
    """The year a period ends in: `2021/2025` -> 2025, `2024-H1` -> 2024, `as-of 2024-06-30` -> 2024."""
    return int(period.removeprefix("as-of ").split("/")[-1][:4])


QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def quarter_period(quarter: str, year: int) -> str:
    """`quý III` of 2025 -> `2025-07/2025-09` (roman or arabic numeral, any case)."""
    q = QUARTERS[quarter.lower()]
    return f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}"
