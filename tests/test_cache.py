"""The state caches: a file's reading and a document's figures come back exactly as made, and
only for the same bytes (the OCR case is in tests/readers/test_ocr.py)."""
import shutil
from decimal import Decimal

import pytest

from dbreport.cache import ExtractionCache, ReadingCache, observation_from_json, observation_json, reading_from_json, reading_json
from dbreport.ingest import read_seeds
from dbreport.model import Observation, Origin
from dbreport.readers import Reading, read_file

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


def test_a_reading_comes_back_exactly():
    reading = Reading(["Bảng 1", "GRDP | 7.155,29 | 6,5"], "pdf",
                      [Origin(1, 1), Origin(1, 2, 1, ((0, 4), (7, 15), (18, 21)), ((0, 4, 96), (7, 15, 71)))],
                      {3: "page_number"}, {5: 2})
    assert reading_from_json(reading_json(reading)) == reading
    text = Reading(["a", "b"], "text")
    assert reading_from_json(reading_json(text)) == text


def counting(calls):
    def read(path, raw, on_page):
        calls.append(path.name)
        return read_file(path, raw, on_page)
    return read


def test_a_file_is_read_once_per_content(tmp_path, seeds_dir):
    seeds, calls = tmp_path / "seeds", []
    shutil.copytree(seeds_dir, seeds)
    cache = ReadingCache.under(tmp_path / "cache")

    def read_all():
        return read_seeds(seeds, read=lambda path, raw, on_page: cache.read(path, raw, on_page, counting(calls)))

    fresh, _ = read_seeds(seeds)
    assert read_all() == (fresh, [])
    assert sorted(calls) == sorted(p.name for p in seeds.iterdir())
    calls.clear()
    assert read_all() == (fresh, [])
    assert calls == []
    changed = sorted(seeds.iterdir())[0]
    changed.write_text(changed.read_text("utf-8") + "\nThêm một dòng.\n", "utf-8")
    docs, _ = read_all()
    assert calls == [changed.name] and "Thêm một dòng." in docs[0].lines
