"""The slow one: `monthly` with the real `dbreport build` over the real seeds, mailing through aiosmtpd.

Skips (saying why) while the pipeline cannot build yet; once it can, this proves the mailer and the
build agree: attachments equal the built PDFs, an unchanged project neither builds nor mails, and an
edited seed rebuilds and mails exactly the briefs whose PDFs changed (the others keep their bytes,
since rendering is deterministic).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from deliver_support import HERE, pyproject_text
from dbreport.deliver.config import load_config
from dbreport.deliver.monthly import default_build, run_monthly

REPO = HERE.parents[1]


def real_build(project):
    try:
        return default_build(project)
    except (NotImplementedError, ImportError, FileNotFoundError) as exc:
        pytest.skip(f"the real build cannot run yet: {type(exc).__name__}: {exc}")


def pdf_digests(project) -> dict[tuple[str, str], str]:
    entries = json.loads((project.out / "manifest.json").read_text())["briefs"]
    return {(e["id"], e["lang"]): e["files"]["pdf"]["sha256"] for e in entries if "pdf" in e["files"]}


def attachments(server) -> dict[tuple[str, str], bytes]:
    out = {}
    for r in server.handler.received:
        for part in r.msg.iter_attachments():
            out[(r.rcpt_tos[0], part.get_filename())] = part.get_content()
    return out


@pytest.fixture
def real_project(tmp_path, smtp_server):
    from dbreport.project import Project
    root = tmp_path / "proj"
    root.mkdir()
    for folder in ("seeds", "templates", "locale"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    if (root / "locale").is_dir() and not list((root / "locale").rglob("*.mo")):
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "compile", "-q", "-d", str(root / "locale"),
                        "-D", "dbreport"], check=False, capture_output=True)
    (root / "pyproject.toml").write_text(pyproject_text(smtp_server.port), encoding="utf-8")
    return Project.at(root)


def test_monthly_with_the_real_build(real_project, smtp_server):
    project, server = real_project, smtp_server
    monthly = lambda **kw: run_monthly(project, load_config(project.root), build=real_build,  # noqa: E731
                                       sleep=lambda _s: None, **kw)
    first = monthly()
    assert first.ok, first.summary()
    assert first.built
    digests = pdf_digests(project)
    assert digests, "the build wrote no PDFs"
    got = attachments(server)
    assert got, first.summary()
    for (rcpt, name), data in got.items():
        brief_id, lang = name[len("dbreport-"):-len(".pdf")].rsplit("-", 1)
        assert data == (project.out / lang / f"{brief_id}.pdf").read_bytes()
        assert lang == {"hoa@example.org": "vi", "jane@example.org": "en", "binh@example.org": "vi"}[rcpt]
    assert {n for r, n in got if r == "binh@example.org"} == {"dbreport-meeting-vi.pdf"}

    server.handler.received.clear()
    assert not monthly().built and not server.handler.received  # nothing changed: no build, no mail

    seed = project.seeds / "000_8da924b9fbc9c069.txt"
    text = seed.read_text(encoding="utf-8")
    assert "có 22 xã đạt chuẩn" in text
    seed.write_text(text.replace("có 22 xã đạt chuẩn", "có 23 xã đạt chuẩn", 1), encoding="utf-8")
    third = monthly()
    assert third.ok and third.built, third.summary()
    changed = {k for k, v in pdf_digests(project).items() if digests.get(k) != v}
    # rendering is deterministic, so the rebuild leaves the other briefs' bytes alone ...
    assert changed and len(changed) < len(digests), f"changed briefs: {sorted(changed)}"
    # ... and exactly the changed ones are mailed
    sent = {(n[len("dbreport-"):-len(".pdf")].rsplit("-", 1)[0], n[-6:-4]) for _r, n in attachments(server)}
    assert sent == {k for k in changed if k[1] in ("vi", "en")}
