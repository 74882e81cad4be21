from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_documents():
    from dbreport.ingest import read_seeds

    docs, errors = read_seeds(SEEDS)
    assert not errors
    return {d.source[:3]: d for d in docs}
