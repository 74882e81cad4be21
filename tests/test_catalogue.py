"""The indicator catalogue (src/dbreport/catalogue/indicators.toml) is data; these tests keep it sound.

The meaningful check is the last one: every headline indicator must be named, by at least one of
its phrases, somewhere in the seed documents, so the key-figure cards can actually be filled.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "src" / "dbreport" / "catalogue" / "indicators.toml"
SEEDS = ROOT / "seeds"

CATEGORIES = {
    "economy", "agriculture_forestry", "industry_energy", "services_trade_tourism", "public_finance",
    "investment", "enterprises", "labour", "poverty_social", "health", "education", "culture_sport",
    "digital", "infrastructure", "environment", "public_order",
}
UNITS = {
    "VND", "VND_mn", "VND_bn", "USD", "USD_mn", "pct", "pp", "times", "ha", "t", "kt", "km", "MW",
    "persons", "households", "visits", "count", "per_10k", "years", "days", "score", "rank", "kg", "l",
    "m2", "kWh", "mn_kWh",
}
GOOD = {"up", "down", "neutral"}
REQUIRED_KEYS = {"id", "category", "unit", "good", "label_vi", "label_en", "phrases"}
OPTIONAL_KEYS = {"headline", "rate", "change_of"}

# Ids other parts of the engine rely on, with the unit of their level.
FIXED = {
    "grdp": "VND_bn", "grdp_agri": "VND_bn", "grdp_industry": "VND_bn", "grdp_services": "VND_bn",
    "grdp_taxes": "VND_bn", "grdp_per_capita": "VND_mn", "iip": "pct", "industrial_production_value": "VND_bn",
    "retail_sales": "VND_bn", "tourist_arrivals": "visits", "tourism_revenue": "VND_bn",
    "budget_revenue": "VND_bn", "budget_spending": "VND_bn", "investment_total": "VND_bn",
    "exports": "USD_mn", "imports": "USD_mn", "new_enterprises": "count", "new_jobs": "persons",
    "poverty_rate": "pct", "poor_households": "households", "near_poverty_rate": "pct", "forest_cover": "pct",
    "food_output": "t", "nrd_communes": "count", "grid_electricity_households": "pct",
    "urbanisation_rate": "pct", "rice_area": "ha", "maize_area": "ha", "cassava_area": "ha",
    "rubber_area": "ha", "coffee_area": "ha", "macadamia_area": "ha", "livestock_herd": "count",
    "aquaculture_output": "t", "rural_clean_water": "pct", "health_insurance_coverage": "pct",
    "doctors_per_10k": "per_10k", "hospital_beds_per_10k": "per_10k", "schools_national_standard": "pct",
    "trained_labour_rate": "pct", "disbursement_public_investment": "VND_bn",
}
HEADLINES = {
    "grdp", "grdp_per_capita", "iip", "retail_sales", "tourist_arrivals", "tourism_revenue", "budget_revenue",
    "budget_spending", "investment_total", "exports", "new_enterprises", "new_jobs", "poverty_rate",
    "forest_cover",
}

# Letters that only Vietnamese uses (with diacritics, and đ); none may appear in an English label.
_VI_LOWER = ("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
VIETNAMESE_LETTER = re.compile("[" + _VI_LOWER + _VI_LOWER.upper() + "]")


def _load() -> list[dict]:
    with CATALOGUE.open("rb") as f:
        return tomllib.load(f)["indicator"]


INDICATORS = _load()
BY_ID = {e["id"]: e for e in INDICATORS}


def _seed_text() -> str:
    """All seed documents as the engine reads them: NFC, lower case, lines joined by single spaces."""
    parts = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        parts.append(" ".join(line.strip() for line in text.splitlines() if line.strip()))
    return re.sub(r"\s+", " ", " ".join(parts)).lower()


def _occurs(phrase: str, text: str) -> bool:
    """Whole-word occurrence, as the extraction engine matches phrases."""
    return re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text) is not None


def test_catalogue_is_large_enough():
    assert len(INDICATORS) >= 80


def test_ids_are_unique():
    ids = [e["id"] for e in INDICATORS]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_phrases_are_unique_across_the_catalogue():
    owner: dict[str, str] = {}
    clashes = []
    for e in INDICATORS:
        for phrase in e["phrases"]:
            if phrase in owner:
                clashes.append((phrase, owner[phrase], e["id"]))
            owner.setdefault(phrase, e["id"])
    assert not clashes


@pytest.mark.parametrize("entry", INDICATORS, ids=lambda e: e["id"])
def test_entry_is_valid(entry):
    keys = set(entry)
    assert REQUIRED_KEYS <= keys, f"missing {REQUIRED_KEYS - keys}"
    assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, f"unknown {keys - REQUIRED_KEYS - OPTIONAL_KEYS}"
    assert re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", entry["id"])
    assert entry["category"] in CATEGORIES
    assert entry["unit"] in UNITS
    assert entry["good"] in GOOD
    assert isinstance(entry.get("headline", False), bool)
    for label in ("label_vi", "label_en"):
        assert isinstance(entry[label], str) and entry[label].strip() == entry[label] and entry[label]
    assert entry["label_vi"] == unicodedata.normalize("NFC", entry["label_vi"])
    assert isinstance(entry["phrases"], list) and entry["phrases"]


@pytest.mark.parametrize("entry", INDICATORS, ids=lambda e: e["id"])
def test_phrases_are_nfc_lower_case_and_clean(entry):
    for phrase in entry["phrases"]:
        assert isinstance(phrase, str) and phrase
        assert phrase == unicodedata.normalize("NFC", phrase), phrase
        assert phrase == phrase.lower(), phrase
        # the engine joins wrapped lines with single spaces, so a phrase never holds runs of blanks
        assert phrase == " ".join(phrase.split()), phrase
    assert len(set(entry["phrases"])) == len(entry["phrases"])


@pytest.mark.parametrize("entry", INDICATORS, ids=lambda e: e["id"])
def test_english_label_has_no_vietnamese_letters(entry):
    assert not VIETNAMESE_LETTER.search(entry["label_en"]), entry["label_en"]


def test_every_category_has_several_indicators():
    counts = {c: 0 for c in CATEGORIES}
    for e in INDICATORS:
        counts[e["category"]] += 1
    assert all(n >= 2 for n in counts.values()), counts


@pytest.mark.parametrize("ident", sorted(FIXED))
def test_fixed_ids_exist_with_their_unit(ident):
    assert ident in BY_ID
    assert BY_ID[ident]["unit"] == FIXED[ident]


def test_headline_flags():
    assert {e["id"] for e in INDICATORS if e.get("headline")} == HEADLINES


def test_rates_where_less_is_better():
    for ident in ("poverty_rate", "poor_households", "near_poverty_rate"):
        assert BY_ID[ident]["good"] == "down"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return _seed_text()


@pytest.mark.parametrize("entry", [e for e in INDICATORS if e.get("headline")], ids=lambda e: e["id"])
def test_headline_indicator_is_named_in_the_seeds(entry, seed_text):
    assert any(_occurs(phrase, seed_text) for phrase in entry["phrases"]), entry["phrases"]


@pytest.mark.parametrize("entry", [e for e in INDICATORS if "change_of" in e], ids=lambda e: e["id"])
def test_a_change_names_a_level_that_exists(entry):
    assert entry["change_of"] in {e["id"] for e in INDICATORS} and entry["change_of"] != entry["id"]


@pytest.mark.parametrize("entry", [e for e in INDICATORS if "rate" in e], ids=lambda e: e["id"])
def test_a_count_names_a_rate_that_exists_in_percent(entry):
    rates = {e["id"]: e for e in INDICATORS}
    assert entry["rate"] in rates and rates[entry["rate"]]["unit"] == "pct"
