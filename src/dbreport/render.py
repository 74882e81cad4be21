"""Placeholder: the render stage (compose view-models, Jinja2 + Babel, WeasyPrint) lands here."""
from __future__ import annotations

from pathlib import Path

from dbreport.model import BriefOutput, Document, Finding, Observation
from dbreport.project import Project


def render_briefs(project: Project, documents: list[Document], observations: list[Observation],
                  findings: list[Finding], langs: tuple[str, ...], formats: tuple[str, ...],
                  progress=lambda _m: None) -> list[BriefOutput]:
    raise NotImplementedError


def render_index(project: Project, briefs: list[BriefOutput], documents: list[Document]) -> Path:
    raise NotImplementedError
