"""`dbreport schedule`: run `dbreport monthly` on the 1st of each month at 06:00 Asia/Ho_Chi_Minh.

systemd (preferred): a oneshot service + a timer with the time zone in `OnCalendar`, so the host's
own zone does not matter, and `Persistent=true`, so a machine that was off at 06:00 runs the job
when it comes back. The password comes from an `EnvironmentFile` readable only by the user.

cron: most crons (Debian's included) ignore `CRON_TZ`, so the line fires every hour and runs
the job only when it is 06 o'clock on the 1st in Asia/Ho_Chi_Minh. The run lock makes a double
start harmless.
"""
from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from dbreport.fsutil import write_atomic

TIMEZONE = "Asia/Ho_Chi_Minh"
ON_CALENDAR = f"*-*-01 06:00:00 {TIMEZONE}"


@dataclass(frozen=True)
class Units:
    name: str  # without suffix
    service: str
    timer: str
    crontab: str
    env_file: Path


def unit_name(root: Path) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(root).name).strip("-") or "project"
    return f"dbreport-monthly-{slug}"


def dbreport_command(root: Path) -> str:
    """The project's own virtualenv's entry point when there is one, else `dbreport` on PATH."""
    venv = Path(root) / ".venv" / "bin" / "dbreport"
    return str(venv) if venv.exists() else "dbreport"


def systemd_quoted(arg: str) -> str:
    """One ExecStart argument: `%` doubled (specifiers), double-quoted when it holds spaces."""
    arg = arg.replace("%", "%%")
    if re.search(r'[\s"\\;]', arg):
        return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return arg


def user_unit_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "systemd" / "user"


def render_units(root: Path, environ: dict[str, str] | None = None) -> Units:
    root = Path(root).resolve()
    name = unit_name(root)
    env_file = user_unit_dir(environ).parent.parent / "dbreport" / f"{name}.env"
    exe = dbreport_command(root)
    service = f"""[Unit]
Description=dbreport: rebuild and email the monthly briefs of {root}
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
WorkingDirectory={str(root).replace('%', '%%')}
# SMTP username/password variables named in [tool.dbreport.smtp]; create this file with mode 600.
EnvironmentFile=-{env_file}
ExecStart={systemd_quoted(exe)} monthly --project {systemd_quoted(str(root))}
"""
    timer = f"""[Unit]
Description=dbreport monthly briefs of {root}: 1st of the month, 06:00 {TIMEZONE}

[Timer]
OnCalendar={ON_CALENDAR}
Persistent=true
Unit={name}.service

[Install]
WantedBy=timers.target
"""
    q = shlex.quote(str(root))
    crontab = (f"0 * * * * [ \"$(TZ={TIMEZONE} date +\\%d\\%H)\" = 0106 ] && cd {q} && "
               f"{shlex.quote(exe)} monthly --project {q} >/dev/null 2>&1")
    return Units(name, service, timer, crontab, env_file)


def describe(units: Units) -> str:
    """What `dbreport schedule` prints: both units, the crontab line, and how to enable each."""
    return f"""# systemd (recommended): save as ~/.config/systemd/user/{units.name}.service
{units.service}
# ... and ~/.config/systemd/user/{units.name}.timer
{units.timer}
# then: systemctl --user daemon-reload && systemctl --user enable --now {units.name}.timer
# (`dbreport schedule --install` writes both files; `loginctl enable-linger $USER` runs it while logged out)

# cron alternative (crontab -e): fires hourly, runs only at 06:00 on the 1st in {TIMEZONE}
{units.crontab}
"""


def install_units(units: Units, unit_dir: Path) -> list[Path]:
    """Write the service and timer for the current user; returns the files written."""
    unit_dir = Path(unit_dir)
    return [write_atomic(unit_dir / f"{units.name}.service", units.service),
            write_atomic(unit_dir / f"{units.name}.timer", units.timer)]
