"""A log file per run, under `<state_dir>/logs/`, kept whole on disk after every line.

Each record rewrites the file through `write_atomic`: a reader (or a crash) never sees a torn
line, and the file is complete up to the last thing that happened. Runs log tens of lines, so
rewriting is cheap. Secrets are replaced by `***` before anything is stored.
"""
from __future__ import annotations

import logging
import os
from secrets import token_hex
from datetime import datetime, timezone
from pathlib import Path

from dbreport.fsutil import write_atomic
from dbreport.deliver.smtp import redact


class AtomicFileHandler(logging.Handler):
    def __init__(self, path: Path, secrets: tuple[str, ...] = ()):
        super().__init__(logging.INFO)
        self.path = Path(path)
        self.secrets = secrets
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S%z"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(redact(self.format(record), self.secrets))
            write_atomic(self.path, "\n".join(self.lines) + "\n", mode=0o600)  # server replies: private
        except Exception:  # logging must never take the run down
            self.handleError(record)


class RedactFilter(logging.Filter):
    """Replaces secrets in every record passing through a logger (console included)."""

    def __init__(self, secrets: tuple[str, ...]):
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            record.msg = redact(record.getMessage(), self.secrets)
            record.args = ()
        return True


def run_id_now() -> str:
    """Sortable by time, unique across processes and across runs within one second."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}-{token_hex(2)}"


def open_run_log(state_dir: Path, what: str, run_id: str, logger: logging.Logger,
                 secrets: tuple[str, ...] = ()) -> AtomicFileHandler:
    handler = AtomicFileHandler(Path(state_dir) / "logs" / f"{what}-{run_id}.log", secrets)
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return handler
