"""`dbreport explain FILE:LINE`: how one line was read, for a user who doubts a figure."""
from __future__ import annotations

from pathlib import Path

from dbreport.extract import extract_document
from dbreport.ingest import DocumentUnreadable, read_document
from dbreport.provenance import locate


def explain_line(path: Path, line: int) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"no such document: {path}")
    try:
        doc = read_document(path)
    except DocumentUnreadable as exc:
        raise ValueError(f"{path.name}: {exc}") from None
    if not 1 <= line <= len(doc.lines):
        raise ValueError(f"{path.name} has {len(doc.lines)} lines, not {line}")
    origin = doc.origin(line)
    where = f" (page {origin.page}, line {origin.line})" if origin.page else ""
    out = [f"{path.name}:{line}{where}: {doc.lines[line - 1].strip()}"]
    if line in doc.set_aside:
        out.append(f"  set aside as {doc.set_aside[line]} (read as its own text, not as part of a sentence)")
    out.append(f"  document: {doc.doc_type} ({doc.kind}) of {doc.territory or 'an unnamed territory'}, period {doc.period}, "
               f"reference date {doc.reference_date}, issued {doc.issued or 'on no stated date'}")
    figures = [o for o in locate(extract_document(doc), [doc]) if o.line == line]
    if not figures:
        out.append("  no figures read on this line")
    for o in figures:
        out.append(f"  {o.quote!r} -> {o.value} {o.unit}, {o.kind}, period {o.period}")
        out.append(f"      indicator: {o.indicator or 'none'} ({o.indicator_basis}); label: {o.label_vi}")
        extras = [f"qualifier {o.qualifier}" if o.qualifier else "", f"compared with {o.comparison}" if o.comparison else "",
                  f"flags {', '.join(o.flags)}" if o.flags else "",
                  f"OCR confidence {o.ocr_confidence}" if o.ocr_confidence is not None else ""]
        if any(extras):
            out.append("      " + "; ".join(e for e in extras if e))
    return "\n".join(out)
