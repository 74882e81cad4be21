"""The `dbreport` command line. Each command is a thin shell over a library function.

Only `build` and `extract` import the pipeline (pandas; WeasyPrint and matplotlib when a brief is
rendered): `--help`, `explain` and the mailer's commands start without them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn

import click

from dbreport.deliver.lock import AlreadyRunning
from dbreport.model import Finding
from dbreport.project import Project

if TYPE_CHECKING:
    from dbreport.build import BuildReport

EXIT_LOCKED = 75  # as `send` and `monthly`: another run holds the lock, try again later


def split_list(_ctx, _param, value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


seeds_option = click.option("--seeds", type=click.Path(path_type=Path), help="Folder of input documents [default: ./seeds].")
out_option = click.option("--out", type=click.Path(path_type=Path), help="Output folder [default: ./build].")
wait_option = click.option("--wait", type=float, metavar="SECONDS", default=None,
                           help="If another build of the same folder runs, wait up to SECONDS instead of exiting (status 75).")


def show_progress(message: str) -> None:
    click.echo(f"  {message} ...", err=True)


def fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


def unexpected(exc: Exception) -> NoReturn:
    """A failure no check foresaw: one line for the user, the traceback only on request."""
    if os.environ.get("DBREPORT_DEBUG"):
        raise exc
    fail(f"{type(exc).__name__}: {exc} (set DBREPORT_DEBUG=1 for the traceback)")


class Commands(click.Group):
    """The command group; whatever a command did not foresee is one line, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - see unexpected()
            unexpected(exc)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dbreport")
def main() -> None:
    """Turn Vietnamese provincial reports into short bilingual briefs (HTML and PDF).

    Run it inside a report project: seeds/ holds the input documents, templates/ and locale/
    the layout and wording, build/ receives everything generated.
    """


@main.command()
@seeds_option
@out_option
@click.option("--lang", default="vi,en", show_default=True, callback=split_list, help="Languages, comma-separated (vi, en).")
@click.option("--format", "formats", default="html,pdf", show_default=True, callback=split_list, help="Formats, comma-separated (html, pdf).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes rendering briefs at once [default: one per core].")
@wait_option
def build(seeds: Path | None, out: Path | None, lang: tuple[str, ...], formats: tuple[str, ...], jobs: int | None,
          wait: float | None) -> None:
    """Build a brief for every reporting period, plus the meeting brief.

    Only briefs whose inputs changed since the last build are made again."""
    from dbreport import build as build_mod

    project = Project.at(".", seeds, out)
    report = run_stage(lambda: build_mod.build(project, lang, formats, progress=show_progress, jobs=jobs, wait=wait))
    finish(report, project)


def run_stage(stage: Callable[[], BuildReport]) -> BuildReport:
    from dbreport.build import BuildError

    try:
        return stage()
    except BuildError as exc:
        fail(str(exc))
    except AlreadyRunning as exc:
        fail(str(exc), EXIT_LOCKED)
    except Exception as exc:  # noqa: BLE001 - see unexpected()
        unexpected(exc)


def finish(report: BuildReport, project: Project, details: list[str] = ()) -> None:
    """The documents that could not be read, any details, the summary; exit 1 if a document was lost."""
    for err in report.errors:
        click.echo(f"error: {err}", err=True)
    for line in details:
        click.echo(line)
    click.echo(summary(report, project))
    if report.errors:
        sys.exit(1)


def summary(report: BuildReport, project: Project) -> str:
    lines = [
        f"documents read: {len(report.documents)}" + (f" ({len(report.errors)} could not be read)" if report.errors else ""),
        f"figures found:  {len(report.observations)}",
        f"findings:       {len(report.findings)}",
        f"briefs:         {len(report.briefs)} ({len(report.briefs) - len(report.rendered)} unchanged)"
        if report.briefs else None,
        f"files written:  {len(report.files)} under {project.out}",
    ]
    return "\n".join(line for line in lines if line)


@main.command()
@seeds_option
@out_option
@wait_option
def extract(seeds: Path | None, out: Path | None, wait: float | None) -> None:
    """Extract every figure into OUT/data/observations.jsonl and .csv, and report findings."""
    from dbreport import build as build_mod

    project = Project.at(".", seeds, out)
    report = run_stage(lambda: build_mod.extract_only(project, wait=wait))
    finish(report, project, [finding_line(f) for f in report.findings])


def finding_line(finding: Finding) -> str:
    refs = ", ".join(f"{r.source}:{r.line}" for r in finding.refs)
    values = " vs ".join(str(v) for v in finding.values)
    return f"finding: {finding.code} {finding.indicator or ''} {finding.period or ''}: {values} ({refs})"


@main.command()
@seeds_option
@click.argument("location")
def explain(seeds: Path | None, location: str) -> None:
    """Show how one line was read: LOCATION is FILE:LINE, e.g. 003_ef69970aeb95dbad.txt:54.

    FILE is a document's name in the seeds folder (--seeds); a folder in it is ignored.
    """
    from dbreport.explain import explain_line

    name, _, line = location.rpartition(":")
    if not name or not line.isdigit():
        fail(f"expected FILE:LINE, got {location!r}")
    project = Project.at(".", seeds)
    try:
        click.echo(explain_line(project.seeds / Path(name).name, int(line)))
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc))

from dbreport.deliver.cli import deliveries, monthly, schedule, send  # noqa: E402

for _command in (send, deliveries, monthly, schedule):
    main.add_command(_command)
