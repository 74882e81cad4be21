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


@pytest.fixture
def within():
    """within(seconds, fn, *args): fn's result, failing the test (not hanging it) if fn blocks or
    takes far longer than it should. A bound for a hang, not a speed check (benchmarks/ has those)."""
    import threading

    def run(seconds: float, fn, *args):
        outcome = []

        def call():
            try:
                outcome.append((fn(*args), None))
            except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
                outcome.append((None, exc))

        worker = threading.Thread(target=call, daemon=True)
        worker.start()
        worker.join(seconds)
        assert outcome, f"{fn.__name__} did not return within {seconds} s"
        result, exc = outcome[0]
        if exc is not None:
            raise exc
        return result

    return run


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """Builds run from the repository (`Project.at(".")`) reuse figures from its .state/cache:
    point the cache at an empty folder when a test needs the extraction itself to run."""
    from dbreport.project import Project

    folder = tmp_path / "fresh-cache"
    monkeypatch.setattr(Project, "cache", property(lambda _self: folder))
    return folder
