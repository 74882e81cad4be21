"""Files written for readers get the mode the user's umask gives, like any file the user creates."""
import os
import stat

import pytest

from dbreport.fsutil import default_mode, write_atomic


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def mode_of(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_written_file_has_the_mode_the_umask_gives(tmp_path, umask, mask, expected):
    umask(mask)
    path = write_atomic(tmp_path / "vi" / "brief.html", "<p>ok</p>")
    assert mode_of(path) == expected
    assert path.read_text() == "<p>ok</p>"


def test_the_same_mode_as_a_file_created_with_open(tmp_path, umask):
    umask(0o022)
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert mode_of(write_atomic(tmp_path / "atomic.txt", "x")) == mode_of(plain)


def test_an_explicit_mode_keeps_a_file_private(tmp_path, umask):
    umask(0o022)
    assert mode_of(write_atomic(tmp_path / "run.log", "x", mode=0o600)) == 0o600


def test_default_mode_reads_the_umask_without_changing_it(umask):
    umask(0o027)
    assert (default_mode(), default_mode(directory=True)) == (0o640, 0o750)
    assert os.umask(0o027) == 0o027


@pytest.mark.parametrize("exchange", [True, False])
def test_a_staged_folder_replaces_the_old_one_whole_and_keeps_what_it_does_not_own(tmp_path, monkeypatch, exchange):
    from dbreport import fsutil

    if not exchange:  # a system without renameat2: two renames
        monkeypatch.setattr(fsutil, "exchange_folders", lambda a, b: False)
    out = tmp_path / "build"
    (out / "vi").mkdir(parents=True)
    (out / "vi" / "old.pdf").write_text("old")
    (out / "outbox").mkdir()
    (out / "outbox" / "1.eml").write_text("mail")
    with fsutil.staged_folder(out, owned=("vi",)) as staging:
        write_atomic(staging / "vi" / "new.pdf", "new")
        assert (out / "vi" / "old.pdf").exists()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["outbox", "outbox/1.eml", "vi", "vi/new.pdf"]
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_a_failure_while_staging_leaves_the_old_folder(tmp_path):
    from dbreport import fsutil

    out = tmp_path / "build"
    out.mkdir()
    (out / "index.html").write_text("old")
    with pytest.raises(RuntimeError), fsutil.staged_folder(out, owned=("index.html",)) as staging:
        write_atomic(staging / "index.html", "new")
        raise RuntimeError("killed")
    assert (out / "index.html").read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["build"]
