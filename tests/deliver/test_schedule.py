"""`schedule`: systemd units and a crontab line for 06:00 Asia/Ho_Chi_Minh on the 1st, path filled in."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbreport.deliver.cli import schedule
from dbreport.deliver.schedule import ON_CALENDAR, render_units


def test_units_name_the_project_and_the_time(tmp_path):
    root = tmp_path / "dien-bien reports"
    root.mkdir()
    units = render_units(root, {"HOME": str(tmp_path / "home")})
    assert units.name == "dbreport-monthly-dien-bien-reports"
    assert f"WorkingDirectory={root}" in units.service
    assert f'monthly --project "{root}"' in units.service  # quoted for systemd: the path has a space
    assert "Type=oneshot" in units.service
    assert "OnCalendar=*-*-01 06:00:00 Asia/Ho_Chi_Minh" in units.timer and "Persistent=true" in units.timer
    assert f"Unit={units.name}.service" in units.timer
    assert units.env_file == tmp_path / "home" / ".config" / "dbreport" / f"{units.name}.env"
    assert units.crontab.startswith("0 * * * * ")
    assert "'" + str(root) + "'" in units.crontab  # quoted: the path has a space


@pytest.mark.parametrize("when, runs", [
    ("2026-12-01 06:00", True), ("2026-12-01 07:00", False), ("2026-12-02 06:00", False), ("2026-11-30 23:00", False),
])
def test_crontab_guard_fires_only_at_six_on_the_first(tmp_path, when, runs):
    """Run the crontab line's guard with `date` faked to a Ho Chi Minh City local time."""
    units = render_units(tmp_path)
    guard = units.crontab.split(" ", 5)[5].split(" && ")[0].replace("\\%", "%")
    day, hour = when[8:10], when[11:13]
    fake_date = tmp_path / "bin" / "date"
    fake_date.parent.mkdir(exist_ok=True)
    fake_date.write_text(f"#!/bin/sh\n[ \"$TZ\" = Asia/Ho_Chi_Minh ] && echo {day}{hour}\n")
    fake_date.chmod(0o755)
    result = subprocess.run(["sh", "-c", guard], env={"PATH": f"{fake_date.parent}:/usr/bin:/bin"})
    assert (result.returncode == 0) is runs


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_understands_the_calendar():
    out = subprocess.run(["systemd-analyze", "calendar", "--iterations=2", ON_CALENDAR], capture_output=True, text=True,
                         env={"TZ": "UTC", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    elapses = [line for line in out.stdout.splitlines() if "Next elapse" in line or "Iter." in line]
    assert elapses and all(line.endswith("23:00:00 UTC") for line in elapses)  # 06:00 ICT = 23:00 UTC the day before


def test_schedule_prints_and_installs(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(schedule, ["--project", str(tmp_path)])
    assert printed.exit_code == 0
    assert "[Timer]" in printed.output and "[Service]" in printed.output and "0 * * * *" in printed.output
    installed = runner.invoke(schedule, ["--project", str(tmp_path), "--install", "--unit-dir", str(tmp_path / "units")])
    assert installed.exit_code == 0, installed.output
    files = sorted(p.name for p in (tmp_path / "units").iterdir())
    assert files == [f"dbreport-monthly-{tmp_path.name}.service", f"dbreport-monthly-{tmp_path.name}.timer"]
    assert "systemctl --user enable --now" in installed.output
    assert Path(tmp_path / "units" / files[1]).read_text().count("OnCalendar") == 1
