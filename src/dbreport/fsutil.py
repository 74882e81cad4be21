"""Writing outputs so that a reader (a browser, the mailer) never sees a half-written file."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def umask() -> int:
    """The process's umask, read without changing it (another thread may be creating files).

    Linux reports it in /proc/self/status; elsewhere it is set and put back at once."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def default_mode(directory: bool = False) -> int:
    """The mode `open()` or `mkdir` would give a new file or folder: 0o666 or 0o777 less the umask
    (mkstemp and mkdtemp make theirs private, which no web server or colleague can read)."""
    return (0o777 if directory else 0o666) & ~umask()


def write_atomic(path: Path, data: bytes | str, mode: int | None = None) -> Path:
    """Write to a temporary file in the same folder, then rename it into place.

    A rename within one filesystem is atomic, so a crash leaves either the old file or the new
    one, never a torn one. The file gets `mode`, by default what the umask gives a new file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, default_mode() if mode is None else mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a quota, a read-only folder: say which file it was
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
