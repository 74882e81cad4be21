"""Writing outputs so that a reader (a browser, the mailer) never sees a half-written file, nor
the files of two runs mixed."""
from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator


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


def link_or_copy(source: Path, target: Path) -> Path:
    """`target` becomes `source`'s bytes without writing them again: a hard link (same inode, same
    mtime), or a copy keeping the mtime where the two are on different filesystems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


RENAME_EXCHANGE = 2  # linux/fs.h


def exchange_folders(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0


@contextmanager
def staged_folder(target: Path, owned: Iterable[str]) -> Iterator[Path]:
    """A fresh folder beside `target` to fill; on success it takes `target`'s place at once.

    A reader of `target` sees the previous run's files or this run's, never a mix, and a failed
    or killed run leaves `target` as it was. Entries of `target` whose names are not in `owned`
    (say an outbox the mailer keeps there) are moved into the new folder before the swap.
    Callers hold a lock on `target`: leftovers of a killed run beside it are removed here."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    try:
        os.chmod(staging, default_mode(directory=True))
        yield staging
        replace_folder(staging, target, set(owned))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_folder(new: Path, target: Path, owned: set[str]) -> None:
    """`new` takes `target`'s place; the old folder ends up at `new`'s path (for the caller to remove)."""
    if not target.is_dir():
        if target.exists() or target.is_symlink():
            raise NotADirectoryError(f"{target} exists and is not a folder")
        os.rename(new, target)
        return
    for entry in target.iterdir():
        if entry.name not in owned and not (new / entry.name).exists():
            os.rename(entry, new / entry.name)
    if not exchange_folders(new, target):  # two renames: for a moment there is no folder, never a mixed one
        old = new.with_name(new.name + ".old")
        os.rename(target, old)
        os.rename(new, target)
        os.rename(old, new)
