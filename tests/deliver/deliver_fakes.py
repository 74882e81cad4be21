"""A fast stand-in for `dbreport.build.build`: writes a manifest and tiny PDFs derived from the seeds.

Each seed `seeds/<stem>.txt` gives a period brief `<stem>`; the meeting brief depends on the last
seed only, so changing an earlier seed changes exactly one brief per language. Importable by a
subprocess (the lock test), hence a plain module.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from dbreport.fsutil import sha256_of, write_atomic

TITLES = {"vi": "Bản tin {id}: tình hình kinh tế - xã hội Điện Biên", "en": "Brief {id}: Điện Biên socio-economic situation"}
HEADLINES = {"vi": ["GRDP ước đạt 7.155,29 tỷ đồng, tăng 8,75% so với cùng kỳ."],
             "en": ["GRDP is estimated at VND 7,155.29 billion, up 8.75% over the same period last year."]}


def fake_pdf(brief_id: str, lang: str, source: bytes) -> bytes:
    digest = hashlib.sha256(source).hexdigest()
    return (f"%PDF-1.4\n% dbreport fake {brief_id} {lang} {digest}\n".encode() +
            bytes(range(256)) + b"\n%%EOF\n")  # every byte value: attachments must survive transport


def fake_build(project) -> None:
    """Write build/<lang>/<id>.pdf and build/manifest.json like the real build does."""
    seeds = sorted(Path(project.seeds).glob("*.txt"))
    sources = {s.stem: s.read_bytes() for s in seeds}
    if seeds:
        sources["meeting"] = seeds[-1].read_bytes()
    entries = []
    for brief_id, data in sorted(sources.items()):
        for lang in ("vi", "en"):
            path = Path(project.out) / lang / f"{brief_id}.pdf"
            pdf = fake_pdf(brief_id, lang, data)
            write_atomic(path, pdf)
            entries.append({"id": brief_id, "kind": "meeting" if brief_id == "meeting" else "period", "lang": lang,
                            "title": TITLES[lang].format(id=brief_id),
                            "files": {"pdf": {"path": f"{lang}/{brief_id}.pdf", "sha256": sha256_of(pdf)}},
                            "headlines": HEADLINES[lang]})
    write_atomic(Path(project.out) / "manifest.json", json.dumps({"briefs": entries}, ensure_ascii=False, indent=2))


def slow_counting_build(project) -> None:
    """For the lock test: append a line to builds.log, take long enough for runs to overlap."""
    with open(Path(project.root) / "builds.log", "a") as fh:
        fh.write(f"{os.getpid()}\n")
    time.sleep(1.5)
    fake_build(project)


def monthly_main(root: str) -> int:
    """`python -c 'import deliver_fakes; deliver_fakes.monthly_main(ROOT)'`: one monthly run with the slow fake build."""
    from dbreport.deliver.config import load_config
    from dbreport.deliver.lock import AlreadyRunning
    from dbreport.deliver.monthly import run_monthly
    from dbreport.project import Project

    project = Project.at(root)
    barrier = Path(root) / "go"
    (Path(root) / f"ready-{os.getpid()}").touch()
    while not barrier.exists():  # start the real work at the same instant as the other process
        time.sleep(0.01)
    try:
        report = run_monthly(project, load_config(project.root), build=slow_counting_build, sleep=lambda _s: None)
    except AlreadyRunning as exc:
        print(f"error: {exc}")
        return 75
    print(report.summary())
    return 0 if report.ok else 1
