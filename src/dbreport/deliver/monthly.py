"""`dbreport monthly`: rebuild when the inputs changed, then send what changed. One run at a time.

The build is skipped when the digest of everything that shapes a brief - seeds, templates, locale
catalogs, the indicator catalogue, the engine's code and the non-delivery part of
`[tool.dbreport]` - equals the one recorded after the last successful build, and that build's
manifest still matches its files (so `rm -rf build/` forces a rebuild). Sending is always tried:
the ledger decides what is owed, so a brief that failed last month goes out now.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from dbreport.deliver import smtp
from dbreport.deliver.config import ConfigError, DeliveryConfig
from dbreport.deliver.lock import AlreadyRunning, run_lock
from dbreport.deliver.manifest import ManifestError, read_briefs
from dbreport.deliver.runlog import RedactFilter, open_run_log, run_id_now
from dbreport.deliver.send import DeliveryError, SendReport, log, secret_values, send_briefs
from dbreport.fsutil import write_atomic
from dbreport.project import Project

BuildFn = Callable[[Project], Any]
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/dbreport


@dataclass
class MonthlyReport:
    run_id: str
    built: bool
    inputs_digest: str
    send: SendReport | None
    log_file: Path
    error: str | None = None
    build_errors: list[str] = field(default_factory=list)  # documents the build could not read

    @property
    def ok(self) -> bool:
        """False when anything needs a person: a failed build, an unreadable document, a recipient not reached."""
        return self.error is None and not self.build_errors and (self.send is None or self.send.ok)

    def summary(self) -> str:
        lines = [f"build: {'rebuilt' if self.built else 'skipped, inputs unchanged'} (inputs {self.inputs_digest[:12]})"]
        lines += [f"document not built: {e}" for e in self.build_errors]
        if self.error:
            lines.append(f"error: {self.error}")
        if self.send:
            lines.append(self.send.summary())
        lines.append(f"log: {self.log_file}")
        return "\n".join(lines)


def files_under(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and not p.name.startswith(".") and (suffixes is None or p.suffix in suffixes))


def input_files(project: Project) -> list[tuple[str, Path]]:
    """Every file whose content can change a brief, labelled by group (compiled .mo follow the .po)."""
    groups = [("seeds", project.seeds, None), ("templates", project.templates, None),
              ("locale", project.locale, (".po", ".pot")), ("catalogue", PACKAGE_DIR / "catalogue", None)]
    out = [(g, p) for g, folder, suffixes in groups for p in files_under(folder, suffixes)]
    out += [("code", p) for p in files_under(PACKAGE_DIR, (".py",)) if "deliver" not in p.relative_to(PACKAGE_DIR).parts]
    return out


def inputs_digest(project: Project, config: DeliveryConfig) -> str:
    """One sha256 over the inputs' relative paths and bytes, plus the build settings."""
    h = hashlib.sha256()
    for group, path in input_files(project):
        base = {"seeds": project.seeds, "templates": project.templates, "locale": project.locale,
                "catalogue": PACKAGE_DIR / "catalogue", "code": PACKAGE_DIR}[group]
        h.update(f"{group}:{path.relative_to(base).as_posix()}\0".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    h.update(json.dumps(config.build_settings, sort_keys=True, default=str).encode())
    return h.hexdigest()


def last_build_path(config: DeliveryConfig) -> Path:
    return config.state_dir / "last-build.json"


def build_is_current(project: Project, config: DeliveryConfig, digest: str) -> bool:
    """The recorded digest matches and the manifest's files are still there, byte for byte."""
    try:
        state = json.loads(last_build_path(config).read_text())
    except (OSError, ValueError):
        return False
    if state.get("inputs") != digest or Path(state.get("out", "")) != project.out:
        return False
    try:
        read_briefs(project.out, verify=True)
    except ManifestError:
        return False
    return True


def default_build(project: Project) -> Any:
    from dbreport.build import build  # imported late: the mailer must not need the renderer to load

    return build(project, progress=lambda m: log.info("build: %s", m))


def run_monthly(project: Project, config: DeliveryConfig, *, build: BuildFn | None = None,
                force_build: bool = False, wait: float | None = None, sleep: Callable[[float], None] = time.sleep,
                deliver=None, environ=None) -> MonthlyReport:
    """Take the lock, rebuild if needed, send what is owed; every step goes to this run's log file.

    `build` defaults to the real `dbreport.build.build`; tests pass a fast stand-in."""
    build = build or default_build
    run_id = run_id_now()
    secrets = secret_values(config, environ)
    handler = open_run_log(config.state_dir, "monthly", run_id, log, secrets)
    redactor = RedactFilter(secrets)
    log.addFilter(redactor)
    report = MonthlyReport(run_id, False, "", None, handler.path)
    try:
        with run_lock(config.state_dir, "monthly", wait):
            log.info("monthly run %s in %s", run_id, project.root)
            report.inputs_digest = digest = inputs_digest(project, config)
            if force_build or not build_is_current(project, config, digest):
                log.info("inputs changed (%s): building into %s", digest[:12], project.out)
                result = build(project)
                report.build_errors = [str(e) for e in getattr(result, "errors", None) or []]
                for err in report.build_errors:
                    log.warning("build: %s", err)
                write_atomic(last_build_path(config), json.dumps(
                    {"inputs": digest, "out": str(project.out), "run": run_id}, indent=2) + "\n")
                report.built = True
            else:
                log.info("inputs unchanged (%s): build skipped", digest[:12])
            extra = {"deliver": deliver} if deliver else {}
            report.send = send_briefs(project.out, config, sleep=sleep, environ=environ, run_id=run_id, **extra)
    except AlreadyRunning as exc:
        log.error("%s", exc)
        log.removeHandler(handler)
        log.removeFilter(redactor)
        raise
    except Exception as exc:  # the run fails, but says why in its log and summary
        known = isinstance(exc, (ManifestError, DeliveryError, ConfigError)) or type(exc).__name__ == "BuildError"
        report.error = smtp.redact(str(exc) if known else f"{type(exc).__name__}: {exc}", secrets)
        log.error("monthly run failed: %s", report.error)
    log.info("summary:\n%s", report.summary())
    log.removeHandler(handler)
    log.removeFilter(redactor)
    return report
