"""The click commands: exit statuses, summaries, the deliveries listing, help texts."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from dbreport.deliver.cli import deliveries, monthly, schedule, send
from dbreport.deliver.config import load_config
from dbreport.deliver.lock import run_lock
from deliver_fakes import fake_build


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda cmd, *args: runner.invoke(cmd, [str(a) for a in args])


@pytest.mark.parametrize("cmd", [send, deliveries, monthly, schedule])
def test_help(run, cmd):
    result = run(cmd, "--help")
    assert result.exit_code == 0 and "--project" in result.output and len(result.output.splitlines()) > 8


def test_send_then_deliveries(run, project, smtp_server):
    smtp_server.handler.rcpt_script["jane@example.org"] = ["550 5.1.1 <jane@example.org>: Recipient address rejected"]
    result = run(send, "--project", project.root)
    assert result.exit_code == 1
    assert "sent: 2 message(s)" in result.output
    assert "FAILED, not delivered: 1 message(s)" in result.output
    assert "NOT REACHED: Jane Smith <jane@example.org>" in result.output

    listing = run(deliveries, "--project", project.root)
    assert listing.exit_code == 0
    assert "failed" in listing.output and "550 5.1.1 <jane@example.org>: Recipient address rejected" in listing.output
    assert listing.output.count(" sent ") == 2
    only_failed = run(deliveries, "--project", project.root, "--status", "failed")
    assert "hoa@example.org" not in only_failed.output

    smtp_server.handler.rcpt_script.clear()
    again = run(send, "--project", project.root)
    assert again.exit_code == 0 and "sent: 1 message(s)" in again.output and "up to date: 2" in again.output
    assert run(send, "--project", project.root).output.strip() == "up to date: 3 recipient(s) had nothing new"


def test_send_dry_run_and_filters(run, project, smtp_server, tmp_path):
    result = run(send, "--project", project.root, "--dry-run", "--outbox", tmp_path / "o", "--to", "binh@example.org")
    assert result.exit_code == 0 and "dry run: 1 message(s)" in result.output
    assert len(list((tmp_path / "o").glob("binh_example.org-*.eml"))) == 1 and not smtp_server.handler.received
    result = run(send, "--project", project.root, "--brief", "meeting")
    assert result.exit_code == 0 and "sent: 3" in result.output
    assert all([p.get_filename() for p in r.msg.iter_attachments()] in (["dbreport-meeting-vi.pdf"], ["dbreport-meeting-en.pdf"])
               for r in smtp_server.handler.received)


def test_mark_sent_resolves_in_doubt(run, project, smtp_server):
    smtp_server.handler.data_script[:] = ["drop"]
    assert run(send, "--project", project.root, "--to", "jane@example.org").exit_code == 1
    assert "in_doubt" in run(deliveries, "--project", project.root).output
    assert run(deliveries, "--project", project.root, "--mark-sent", 1).output.strip() == "#1 marked sent"
    assert run(deliveries, "--project", project.root, "--mark-sent", 1).exit_code == 1
    assert run(send, "--project", project.root, "--to", "jane@example.org").exit_code == 0
    assert len(smtp_server.handler.to("jane@example.org")) == 1


@pytest.mark.parametrize("edit, status, message", [
    (lambda t: t.replace('security = "none"', 'security = "tls"'), 2, "tool.dbreport.smtp.security: must be one of"),
    (lambda t: t.replace('lang = "en"', 'lang = "fr"'), 2, "tool.dbreport.recipients[1].lang"),
    (lambda t: t + '\n[tool.dbreport.smtp.extra]\n', 2, "tool.dbreport.smtp.extra: unknown setting"),
])
def test_bad_config_exit_2_with_the_key(run, project, edit, status, message):
    path = project.root / "pyproject.toml"
    path.write_text(edit(path.read_text()))
    result = run(send, "--project", project.root)
    assert result.exit_code == status and message in result.output and "Traceback" not in result.output


def test_missing_manifest_and_missing_password(run, project):
    (project.out / "manifest.json").unlink()
    result = run(send, "--project", project.root)
    assert result.exit_code == 1 and "no manifest at" in result.output and "dbreport build" in result.output
    fake_build(project)
    path = project.root / "pyproject.toml"
    path.write_text(path.read_text().replace("timeout = 5", 'timeout = 5\nusername_env = "DBR_U_UNSET"\npassword_env = "DBR_P_UNSET"'))
    result = run(send, "--project", project.root)
    assert result.exit_code == 2 and "tool.dbreport.smtp.username_env: environment variable DBR_U_UNSET is not set" in result.output


def test_locked_send_exits_75(run, project):
    with run_lock(load_config(project.root).state_dir, "monthly"):
        result = run(send, "--project", project.root)
    assert result.exit_code == 75 and "another dbreport run is in progress" in result.output


def test_monthly_command(run, project, smtp_server, monkeypatch):
    monkeypatch.setattr("dbreport.deliver.monthly.default_build", fake_build)
    result = run(monthly, "--project", project.root)
    assert result.exit_code == 0 and "build: rebuilt" in result.output and "sent: 3" in result.output
    result = run(monthly, "--project", project.root)
    assert result.exit_code == 0 and "build: skipped, inputs unchanged" in result.output and "up to date: 3" in result.output


def test_verbose_shows_each_step_and_warnings_show_anyway(run, project, smtp_server):
    smtp_server.handler.rcpt_script["jane@example.org"] = ["451 4.3.0 later"]
    result = run(send, "--project", project.root, "--to", "jane@example.org")
    assert "WARNING: #1 jane@example.org: attempt 1 failed (RCPT TO <jane@example.org>: 451 4.3.0 later)" in result.output
    assert "INFO" not in result.output
    result = run(send, "--project", project.root, "--to", "jane@example.org", "--resend", "-v")
    assert "INFO: recorded #2: jane@example.org (en)" in result.output


def test_commands_are_part_of_the_dbreport_command():
    from dbreport.cli import main
    result = CliRunner().invoke(main, ["--help"])
    for name in ("send", "deliveries", "monthly", "schedule"):
        assert f"  {name} " in result.output
    assert CliRunner().invoke(main, ["send", "-h"]).exit_code == 0


def test_mark_failed_lets_the_next_send_retry(run, project, smtp_server):
    smtp_server.handler.data_script[:] = ["drop"]
    run(send, "--project", project.root, "--to", "jane@example.org")
    assert run(deliveries, "--project", project.root, "--mark-failed", 1).output.strip() == "#1 marked failed"
    result = run(send, "--project", project.root, "--to", "jane@example.org")
    assert result.exit_code == 0 and "sent: 1 message(s)" in result.output


def test_an_unforeseen_failure_in_send_is_one_line(run, project, tmp_path):
    blocker = tmp_path / "outbox"
    blocker.write_text("a file where the outbox folder should be", encoding="utf-8")
    result = run(send, "--project", project.root, "--dry-run", "--outbox", blocker / "inner")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("error: NotADirectoryError: ")


def test_a_pyproject_that_is_not_utf8_is_one_line(run, project):
    (project.root / "pyproject.toml").write_bytes(b"[tool.dbreport]\nname = \"S\xe9 K\"\n")
    result = run(send, "--project", project.root)
    assert result.exit_code == 2 and result.output.strip() == (
        f"error: configuration: tool.dbreport: {project.root / 'pyproject.toml'} is not UTF-8 text "
        "(byte 0xe9 at offset 25); TOML files are UTF-8")


RUN_AND_LIST_HEAVY = """
import sys
from dbreport.cli import main
try:
    main(sys.argv[1:], prog_name="dbreport")
except SystemExit as exc:
    status = exc.code
print("status", status or 0, "heavy", sorted(m for m in ("weasyprint", "matplotlib", "pandas") if m in sys.modules))
"""


@pytest.mark.parametrize("args", [
    ["--help"], ["deliveries", "--help"], ["build", "--help"], ["send", "--dry-run"], ["deliveries"], ["schedule"],
    ["explain", "--seeds", "{seeds}", "003_ef69970aeb95dbad.txt:54"],
])
def test_commands_that_do_not_render_do_not_load_the_renderer(project, args):
    """`dbreport --help`, the mailer's commands and `explain` start without WeasyPrint, matplotlib or pandas."""
    import subprocess
    import sys
    from pathlib import Path

    from deliver_support import subprocess_env

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    args = [a.format(seeds=seeds) for a in args] + (["--project", str(project.root)] if args[0] in ("send", "deliveries", "schedule") else [])
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_HEAVY, *args], capture_output=True, text=True,
                          env=subprocess_env(), cwd=project.root, timeout=60)
    assert done.stdout.splitlines()[-1] == "status 0 heavy []", done.stdout + done.stderr
