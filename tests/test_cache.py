"""The extraction cache: a document's figures come back exactly as read, and only for the same bytes."""
from decimal import Decimal

import pytest

from dbreport.cache import ExtractionCache, observation_from_json, observation_json
from dbreport.model import Observation

OBS = Observation("003.txt", 54, "7.155,29 tỷ đồng", Decimal("7155.29"), "VND_bn", "2024-H1", "estimate", "grdp",
                  "Tổng sản phẩm", "GRDP")


@pytest.mark.parametrize("obs", [
    OBS,
    Observation("a.txt", 1, "1E+3", Decimal("1E+3"), "count", "2024", "actual", None, "x", None),
    Observation("a.txt", 2, "8.800 - 9.000", Decimal("8800"), "ha", "2030", "target", None, "diện tích", None,
                ("footnote_marker_removed", "typo_repaired"), "khoảng", Decimal("9000.00"), "plan", 3, 17),
    Observation("a.txt", 3, "-0,5", Decimal("-0.50"), "pp", "2024", "change", None, "tỷ lệ", None),
])
def test_an_observation_comes_back_exactly(obs):
    back = observation_from_json(observation_json(obs))
    assert back == obs and repr(back) == repr(obs)  # same digits, same exponent, flags a tuple


def read_once(calls):
    def extract(doc):
        calls.append(doc.source)
        return [OBS]
    return extract


def test_a_document_is_read_once_per_content(tmp_path, seed_documents):
    cache, calls = ExtractionCache(tmp_path / "engine"), []
    doc = seed_documents["000"]
    assert cache.observations(doc, read_once(calls)) == [OBS]
    assert cache.observations(doc, read_once(calls)) == [OBS]
    changed = type(doc)(**{**doc.__dict__, "digest": "0" * 64})
    cache.observations(changed, read_once(calls))
    assert calls == [doc.source, doc.source]


def test_an_unreadable_entry_is_read_again(tmp_path, seed_documents):
    cache, calls = ExtractionCache(tmp_path / "engine"), []
    doc = seed_documents["000"]
    cache.observations(doc, read_once(calls))
    cache.path_for(doc).write_text('[{"value": "not a number"', encoding="utf-8")
    assert cache.observations(doc, read_once(calls)) == [OBS] and len(calls) == 2


def test_other_engines_entries_are_dropped(tmp_path, seed_documents):
    old, new = ExtractionCache(tmp_path / "old"), ExtractionCache(tmp_path / "new")
    old.observations(seed_documents["000"], read_once([]))
    new.observations(seed_documents["000"], read_once([]))
    new.drop_other_engines()
    assert [p.name for p in tmp_path.iterdir()] == ["new"]
