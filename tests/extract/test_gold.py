"""The extraction scored against hand-labelled figures (tests/gold/, a copy of the labelling team's
development set: the five seeds and three documents of other provinces), with the thresholds of the
meaning issue: recall >= 0.98, no negative extracted, kind and period agreement >= 0.95, at most 2%
of the indicators the export names WRONG and at most 25% of the labelled ones missed."""
import shutil
import subprocess
import sys
from pathlib import Path

from dbreport.extract import extract_all
from dbreport.ingest import read_seeds
from dbreport.store import write_observations

GOLD = Path(__file__).resolve().parents[1] / "gold"
OTHER_PROVINCES = GOLD / "other-provinces"


def test_development_labels(tmp_path, seeds_dir):
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for text in [*seeds_dir.iterdir(), *OTHER_PROVINCES.glob("*.txt")]:
        shutil.copy(text, corpus)
    docs, errors = read_seeds(corpus)
    assert not errors
    obs_file = write_observations(tmp_path, extract_all(docs), [])[0]
    labels = sorted(GOLD.glob("*.jsonl")) + sorted(OTHER_PROVINCES.glob("*.jsonl"))
    result = subprocess.run(
        [sys.executable, str(GOLD / "eval_extraction.py"), "--by-doc", "--obs", str(obs_file), *map(str, labels),
         "--min-recall", "0.98", "--max-neg", "0", "--min-kind", "0.95", "--min-period", "0.95",
         "--max-wrong-indicator", "0.02", "--max-missed-indicator", "0.25"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout
