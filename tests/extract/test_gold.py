"""The extraction scored against hand-labelled figures (tests/gold/, copied from the labelling
team's development set), with the thresholds of the extraction issue: recall >= 0.95, no negative
extracted, kind and period agreement >= 0.90."""
import subprocess
import sys
from pathlib import Path

from dbreport.extract import extract_all
from dbreport.ingest import read_seeds
from dbreport.store import write_observations

GOLD = Path(__file__).resolve().parents[1] / "gold"


def test_development_labels(tmp_path, seeds_dir):
    docs, _ = read_seeds(seeds_dir)
    (obs_file, _csv) = write_observations(tmp_path, extract_all(docs))
    result = subprocess.run(
        [sys.executable, str(GOLD / "eval_extraction.py"), "--obs", str(obs_file), *map(str, sorted(GOLD.glob("*.jsonl"))),
         "--min-recall", "0.95", "--max-neg", "0", "--min-kind", "0.90", "--min-period", "0.90"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout
