"""The virtualenv is exactly the lock: a fresh machine runs what was tested, whatever day it installs."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
# Installed by ./run beside the locked set: the project itself and the installer.
NOT_LOCKED = {"dbreport", "pip"}


def locked_versions() -> dict[str, str]:
    """name -> version of every lock entry whose environment marker holds on this interpreter."""
    pins = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$", line)
        if m and (m[3] is None or Marker(m[3]).evaluate()):
            pins[canonicalize_name(m[1])] = m[2]
    return pins


def installed_versions() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def test_lock_parses_to_the_packages_the_project_needs():
    pins = locked_versions()
    for needed in ("weasyprint", "jinja2", "pandas", "babel", "click", "matplotlib", "pytest", "setuptools"):
        assert needed in pins, f"{needed} is not in requirements.lock: run make lock"


def test_virtualenv_equals_the_lock():
    pins, installed = locked_versions(), installed_versions()
    installed = {k: v for k, v in installed.items() if k not in NOT_LOCKED}
    differ = {k: (pins.get(k), installed.get(k)) for k in pins.keys() | installed.keys() if pins.get(k) != installed.get(k)}
    assert not differ, f"(locked, installed) differ: {differ}; run ./run setup (it rebuilds .venv from requirements.lock)"
