"""`monthly`: build only when inputs changed, send only what changed, one run at a time, a log per run."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest

from deliver_support import subprocess_env
from dbreport.deliver.config import load_config
from dbreport.deliver.lock import AlreadyRunning, run_lock
from dbreport.deliver.monthly import inputs_digest, run_monthly
from deliver_fakes import fake_build

NO_SLEEP = lambda _s: None  # noqa: E731


class CountingBuild:
    def __init__(self):
        self.calls = 0

    def __call__(self, project):
        self.calls += 1
        fake_build(project)


@pytest.fixture
def proj(make_project, smtp_server):
    return make_project(smtp_server.port)


def monthly(project, build, **kw):
    return run_monthly(project, load_config(project.root), build=build, sleep=NO_SLEEP, **kw)


def test_first_run_builds_and_sends_second_run_does_neither(proj, smtp_server):
    build = CountingBuild()
    first = monthly(proj, build)
    assert first.ok and first.built and build.calls == 1
    assert len(smtp_server.handler.received) == 3
    second = monthly(proj, build)
    assert second.ok and not second.built and build.calls == 1
    assert len(smtp_server.handler.received) == 3
    assert "build: skipped, inputs unchanged" in second.summary()
    logs = sorted((proj.root / ".state" / "logs").glob("monthly-*.log"))
    assert len(logs) == 2 and first.log_file != second.log_file
    assert "inputs unchanged" in second.log_file.read_text() and "summary:" in second.log_file.read_text()


def test_changed_seed_rebuilds_and_delivers_only_the_changed_brief(proj, smtp_server):
    build = CountingBuild()
    monthly(proj, build)
    smtp_server.handler.received.clear()
    (proj.seeds / "001_doc.txt").write_text("Báo cáo Đại hội 2025 (bản cuối)\n", encoding="utf-8")
    report = monthly(proj, build)
    assert report.ok and report.built and build.calls == 2
    got = {(r.rcpt_tos[0], part.get_filename()) for r in smtp_server.handler.received for part in r.msg.iter_attachments()}
    assert got == {("hoa@example.org", "dbreport-001_doc-vi.pdf"), ("jane@example.org", "dbreport-001_doc-en.pdf")}


def test_new_seed_is_picked_up(proj, smtp_server):
    monthly(proj, CountingBuild())
    smtp_server.handler.received.clear()
    (proj.seeds / "003_doc.txt").write_text("Tin tháng 3/2026\n", encoding="utf-8")
    assert monthly(proj, CountingBuild()).built
    names = sorted(p.get_filename() for r in smtp_server.handler.received for p in r.msg.iter_attachments())
    # the new period brief for everyone who takes all, and the meeting brief (it follows the newest seed)
    assert names == ["dbreport-003_doc-en.pdf", "dbreport-003_doc-vi.pdf", "dbreport-meeting-en.pdf",
                     "dbreport-meeting-vi.pdf", "dbreport-meeting-vi.pdf"]


def test_wiped_build_folder_is_rebuilt_but_nothing_is_resent(proj, smtp_server):
    build = CountingBuild()
    monthly(proj, build)
    shutil.rmtree(proj.out)
    report = monthly(proj, build)
    assert report.built and build.calls == 2 and report.ok
    assert len(smtp_server.handler.received) == 3


@pytest.mark.parametrize("edit, rebuilds", [
    (lambda p: (p.root / "templates").mkdir() or (p.root / "templates" / "brief.html").write_text("<p>"), True),
    (lambda p: (p.root / "locale" / "vi" / "LC_MESSAGES").mkdir(parents=True)
     or (p.root / "locale" / "vi" / "LC_MESSAGES" / "dbreport.po").write_text('msgid ""'), True),
    (lambda p: (p.root / "locale").mkdir() or (p.root / "locale" / "x.mo").write_bytes(b"compiled"), False),
    (lambda p: p.root.joinpath("pyproject.toml").write_text(
        p.root.joinpath("pyproject.toml").read_text().replace("[tool.dbreport]\n", '[tool.dbreport]\npage_size = "A4"\n')), True),
    (lambda p: p.root.joinpath("pyproject.toml").write_text(
        p.root.joinpath("pyproject.toml").read_text().replace("Jane Smith", "Jane Smith-Jones")), False),
])
def test_what_counts_as_an_input(proj, edit, rebuilds):
    before = inputs_digest(proj, load_config(proj.root))
    edit(proj)
    assert (inputs_digest(proj, load_config(proj.root)) != before) is rebuilds


def test_failed_build_is_reported_and_retried_next_time(proj, smtp_server):
    def broken(project):
        raise RuntimeError("renderer exploded")

    report = monthly(proj, broken)
    assert not report.ok and "RuntimeError: renderer exploded" in report.summary()
    assert "renderer exploded" in report.log_file.read_text()
    assert not smtp_server.handler.received
    build = CountingBuild()
    assert monthly(proj, build).ok and build.calls == 1


def test_a_held_lock_stops_a_second_run_with_a_clear_message(proj):
    state = load_config(proj.root).state_dir
    with run_lock(state, "send"):
        with pytest.raises(AlreadyRunning, match=r"another dbreport run is in progress \(pid \d+, `send` started"):
            monthly(proj, CountingBuild())
        t = time.monotonic()
        with pytest.raises(AlreadyRunning):
            monthly(proj, CountingBuild(), wait=0.5)
        assert time.monotonic() - t >= 0.5


def test_two_runs_started_at_once_exactly_one_builds_and_sends(proj, smtp_server):
    cmd = [sys.executable, "-c", "import sys, deliver_fakes; sys.exit(deliver_fakes.monthly_main(sys.argv[1]))", str(proj.root)]
    env = subprocess_env()
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    deadline = time.monotonic() + 30
    while len(list(proj.root.glob("ready-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    (proj.root / "go").touch()  # both are up: release them together
    outputs = [p.communicate(timeout=60)[0] for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 75], outputs
    loser = outputs[[p.returncode for p in procs].index(75)]
    assert "another dbreport run is in progress" in loser
    assert (proj.root / "builds.log").read_text().count("\n") == 1
    assert sorted(r.rcpt_tos[0] for r in smtp_server.handler.received) == [
        "binh@example.org", "hoa@example.org", "jane@example.org"]


def test_unreadable_document_still_sends_the_others_but_fails_the_run(proj, smtp_server):
    class Report:
        errors = ["002_doc.txt: not valid UTF-8"]

    def partly_broken(project):
        fake_build(project)
        return Report()

    report = monthly(proj, partly_broken)
    assert len(smtp_server.handler.received) == 3
    assert not report.ok and "document not built: 002_doc.txt: not valid UTF-8" in report.summary()
