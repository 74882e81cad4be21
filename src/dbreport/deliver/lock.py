"""One run at a time per project: an fcntl lock on `<state_dir>/run.lock`.

`send` and `monthly` both take it, so two runs can never interleave their ledger updates or
send the same brief twice. The kernel drops the lock when the process dies, so a crash never
leaves a stale lock behind. Who holds it is written next to it (`run.owner`, atomically) so the
second run can say which process to wait for. The lock file itself is never replaced: replacing
it would give a new inode, and a lock on the old inode would no longer exclude anyone.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from dbreport.fsutil import write_atomic


class AlreadyRunning(Exception):
    """Another dbreport run holds the lock."""


def holder_of(state_dir: Path, name: str = "run") -> str:
    try:
        info = json.loads((Path(state_dir) / f"{name}.owner").read_text())
        return f"pid {info['pid']}, `{info['what']}` started {info['started']}"
    except (OSError, ValueError, KeyError):
        return "another process"


@contextmanager
def run_lock(state_dir: Path, what: str, wait: float | None = None, name: str = "run") -> Iterator[None]:
    """Hold the project's run lock. `wait=None` fails at once if taken; otherwise wait that many seconds.

    `name` names another lock in the same way (`<name>.lock`, `<name>.owner`): `build` locks its
    output folder with it, so a build inside `monthly`'s run does not wait for itself."""
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = state_dir / f"{name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + (wait or 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if wait is None or time.monotonic() >= deadline:
                    raise AlreadyRunning(f"another dbreport run is in progress ({holder_of(state_dir, name)}); "
                                         f"lock: {lock}. Try again later or use --wait.") from None
                time.sleep(0.2)
        write_atomic(state_dir / f"{name}.owner", json.dumps(
            {"pid": os.getpid(), "what": what, "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}))
        yield
    finally:
        os.close(fd)  # releases the lock
