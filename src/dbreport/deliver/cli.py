"""Click commands `send`, `deliveries`, `monthly`, `schedule`: thin shells over the library.

Exit statuses: 0 everything owed was delivered (or nothing was owed); 1 a recipient was not
reached, a message is in doubt, or the run failed; 2 bad usage or configuration; 75 another run
holds the lock (EX_TEMPFAIL: try again later).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from dbreport.deliver import schedule as schedule_mod
from dbreport.deliver.config import ConfigError, DeliveryConfig, load_config
from dbreport.deliver.ledger import open_ledger
from dbreport.deliver.lock import AlreadyRunning
from dbreport.deliver.manifest import ManifestError
from dbreport.deliver.monthly import run_monthly
from dbreport.deliver.send import DeliveryError, log, send_with_lock
from dbreport.project import Project

EXIT_NOT_REACHED, EXIT_CONFIG, EXIT_LOCKED = 1, 2, 75
HELP = {"help_option_names": ["-h", "--help"]}

project_option = click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
                              show_default=True, help="The report project (holds pyproject.toml with [tool.dbreport]).")
out_option = click.option("--out", type=click.Path(file_okay=False, path_type=Path),
                          help="Build folder holding manifest.json [default: PROJECT/build].")
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Show each step on stderr (it is always in the run's log file).")
wait_option = click.option("--wait", type=float, metavar="SECONDS", default=None,
                           help="If another run holds the lock, wait up to SECONDS instead of exiting (status 75).")


def fail(message: str, status: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


def unexpected(exc: Exception) -> None:
    """The main command line's one-line report of a failure no check foresaw."""
    from dbreport.cli import unexpected as report  # imported late: dbreport.cli imports this module

    report(exc)


class ConsoleHandler(logging.Handler):
    """Log lines on the current stderr (click's, so it also works under CliRunner)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


CONSOLE = ConsoleHandler()
CONSOLE.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))


def echo_log(verbose: bool) -> None:
    """Warnings (retries, held messages) on stderr; with --verbose every step. Secrets are already
    scrubbed by the logger's filter before any handler sees a record."""
    CONSOLE.setLevel(logging.INFO if verbose else logging.WARNING)
    if CONSOLE not in log.handlers:
        log.addHandler(CONSOLE)


def load(project_dir: Path) -> DeliveryConfig:
    try:
        return load_config(project_dir)
    except ConfigError as exc:
        fail(f"configuration: {exc}", EXIT_CONFIG)


@click.command(context_settings=HELP)
@project_option
@out_option
@click.option("--dry-run", is_flag=True, help="Write each message as an .eml file to the outbox; send nothing, record nothing.")
@click.option("--outbox", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for --dry-run messages [default: [tool.dbreport.delivery] outbox, build/outbox].")
@click.option("--resend", is_flag=True, help="Send again even what the ledger says was delivered or is in doubt.")
@click.option("--to", "only_to", multiple=True, metavar="ADDRESS", help="Only this recipient (repeatable).")
@click.option("--brief", "only_briefs", multiple=True, metavar="ID", help="Only this brief id, e.g. 2024-H1 or meeting (repeatable).")
@wait_option
@verbose_option
def send(project_dir, out, dry_run, outbox, resend, only_to, only_briefs, wait, verbose):
    """Email each recipient the briefs they have not received yet, in their language.

    Reads build/manifest.json (run `dbreport build` first) and the recipients in
    [tool.dbreport.recipients]. Every message is recorded in the delivery ledger
    (.state/deliveries.sqlite) before sending, so a second run sends nothing new and a changed
    brief is sent again. The SMTP password is read from the environment variable named by
    [tool.dbreport.smtp] password_env. Exits 1 and names them when a recipient was not reached.
    """
    project = Project.at(project_dir, out=out)
    config = load(project.root)
    echo_log(verbose)
    try:
        report = send_with_lock(project.root, project.out, config, wait=wait, dry_run=dry_run, resend=resend,
                                only_to=only_to, only_briefs=only_briefs, outbox=outbox)
    except AlreadyRunning as exc:
        fail(str(exc), EXIT_LOCKED)
    except ConfigError as exc:
        fail(f"configuration: {exc}", EXIT_CONFIG)
    except (DeliveryError, ManifestError) as exc:
        fail(str(exc), EXIT_NOT_REACHED)
    except Exception as exc:  # noqa: BLE001 - one line, not a traceback
        unexpected(exc)
    click.echo(report.summary())
    sys.exit(0 if report.ok else EXIT_NOT_REACHED)


@click.command(context_settings=HELP)
@project_option
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many messages, newest first (0: all).")
@click.option("--status", type=click.Choice(["sent", "failed", "in_doubt", "pending", "abandoned", "superseded"]), help="Only messages in this state.")
@click.option("--mark-sent", type=int, metavar="N", help="Mark in-doubt message #N as delivered (you checked it arrived).")
@click.option("--mark-failed", type=int, metavar="N", help="Mark in-doubt message #N as not delivered; the next send retries it.")
def deliveries(project_dir, limit, status, mark_sent, mark_failed):
    """List what was sent, when, to whom, and what failed with the server's answer.

    States: sent (the server accepted it), failed (refused, or retries exhausted; the next send
    tries again), in_doubt (the connection dropped while the message was being handed over: it
    may have arrived, so it is not re-sent automatically; resolve it with --mark-sent or
    --mark-failed), abandoned (an interrupted run recorded it but never transmitted it),
    superseded (was in doubt; its briefs have since arrived in another message).
    """
    config = load(Path(project_dir))
    with open_ledger(config.state_dir) as ledger:
        for row_id, verdict in ((mark_sent, "sent"), (mark_failed, "failed")):
            if row_id is not None:
                if not ledger.resolve_in_doubt(row_id, verdict):
                    fail(f"ledger #{row_id} is not an in-doubt message", EXIT_NOT_REACHED)
                click.echo(f"#{row_id} marked {verdict}")
                return
        entries = ledger.entries(limit=limit or None, status=status)
    if not entries:
        click.echo("no deliveries recorded" + (f" with status {status}" if status else ""))
        return
    click.echo(f"{'#':>4}  {'when (UTC)':<25} {'status':<9} {'to':<32} lang  briefs / server answer")
    for e in entries:
        who = e.recipient if len(e.recipient) <= 32 else e.recipient[:31] + "…"
        click.echo(f"{e.id:>4}  {e.updated_at:<25} {e.status:<9} {who:<32} {e.lang:<4}  "
                   f"{', '.join(e.briefs)}{' (resend)' if e.forced else ''}")
        if e.reply:
            click.echo(f"{'':>6}{e.reply}")


@click.command(context_settings=HELP)
@project_option
@click.option("--force-build", is_flag=True, help="Rebuild even if inputs are unchanged.")
@wait_option
@verbose_option
def monthly(project_dir, force_build, wait, verbose):
    """Rebuild the briefs if their inputs changed, then email what changed.

    Inputs are seeds/, templates/, locale/*.po, the indicator catalogue, the engine's code and
    the build settings in [tool.dbreport]. Only one run at a time (a second one exits with
    status 75, or waits with --wait). Each run writes a log to .state/logs/. Exits 1 when the
    build failed or a recipient was not reached.
    """
    project = Project.at(project_dir)
    config = load(project.root)
    echo_log(verbose)
    try:
        report = run_monthly(project, config, force_build=force_build, wait=wait)
    except AlreadyRunning as exc:
        fail(str(exc), EXIT_LOCKED)
    except Exception as exc:  # noqa: BLE001 - one line, not a traceback
        unexpected(exc)
    click.echo(report.summary())
    sys.exit(0 if report.ok else EXIT_NOT_REACHED)


@click.command(context_settings=HELP)
@project_option
@click.option("--install", is_flag=True, help="Write the service and timer to ~/.config/systemd/user/ (no root needed).")
@click.option("--unit-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where --install writes the units [default: $XDG_CONFIG_HOME/systemd/user].")
def schedule(project_dir, install, unit_dir):
    """Print a systemd service + timer and a crontab line for `dbreport monthly`.

    The job runs on the 1st of every month at 06:00 Asia/Ho_Chi_Minh, whatever the machine's
    time zone, with this project's path filled in.
    """
    units = schedule_mod.render_units(Path(project_dir))
    if not install:
        click.echo(schedule_mod.describe(units))
        return
    for path in schedule_mod.install_units(units, unit_dir or schedule_mod.user_unit_dir()):
        click.echo(f"wrote {path}")
    click.echo(f"put the SMTP credentials (VAR=value lines) in {units.env_file} (chmod 600), then run:\n"
               f"  systemctl --user daemon-reload && systemctl --user enable --now {units.name}.timer")
