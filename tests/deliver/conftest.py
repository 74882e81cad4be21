"""Fixtures: a real SMTP server (aiosmtpd on 127.0.0.1) and a report project with a fake build.

Helpers live in deliver_support.py and deliver_fakes.py (plain modules, so a subprocess can import
them too); this folder and src/ are put on sys.path so they import under any pytest import mode.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for _p in (str(HERE.parents[1] / "src"), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from deliver_fakes import fake_build  # noqa: E402
from deliver_support import Server, pyproject_text  # noqa: E402
from dbreport.project import Project  # noqa: E402


@pytest.fixture
def smtp_server():
    with Server() as server:
        yield server


@pytest.fixture
def make_project(tmp_path):
    """make_project(port, **pyproject options) -> Project with seeds/ and pyproject.toml."""

    def make(port: int, **options) -> Project:
        root = tmp_path / "proj"
        (root / "seeds").mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(["Báo cáo 6 tháng đầu năm 2024", "Báo cáo Đại hội 2025", "Tin tháng 2/2026"]):
            (root / "seeds" / f"00{i}_doc.txt").write_text(text + "\n", encoding="utf-8")
        (root / "pyproject.toml").write_text(pyproject_text(port, **options), encoding="utf-8")
        return Project.at(root)

    return make


@pytest.fixture
def project(make_project, smtp_server):
    """A built project whose config points at the running smtp_server."""
    p = make_project(smtp_server.port)
    fake_build(p)
    return p
