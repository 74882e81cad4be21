"""One email per recipient, in the recipient's language, with the PDFs of their new briefs.

Why each choice:
- Headers are built with `email.policy.SMTP` (utf8=False), so a Vietnamese display name or subject
  is RFC 2047 encoded (`=?utf-8?...?=`) and passes any relay, SMTPUTF8 or not.
- Bodies are quoted-printable, never raw 8-bit, for the same reason.
- The Message-ID comes from the recipient and the digest of what is attached: the same content to
  the same person always carries the same Message-ID, so a receiver (or a person) can tell a
  re-delivery from a new message. A forced `--resend` adds a generation number.
"""
from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from dbreport.deliver.config import Recipient, SmtpConfig
from dbreport.deliver.manifest import Brief

TEXTS = {
    "vi": {
        "subject_one": "Bản tin số liệu: {title}",
        "subject_many": "{n} bản tin số liệu mới: {titles}",
        "greeting": "Kính gửi {name},",
        "greeting_anon": "Kính gửi Quý vị,",
        "intro": "Xin gửi kèm các bản tin mới nhất, được tạo tự động từ báo cáo của tỉnh. Số liệu chính:",
        "no_headlines": "(Xem số liệu chi tiết trong tệp đính kèm.)",
        "attached": "Tệp đính kèm:",
        "footer": "Thư được gửi tự động bởi dbreport. Mã nội dung: {key}",
    },
    "en": {
        "subject_one": "Brief: {title}",
        "subject_many": "{n} new briefs: {titles}",
        "greeting": "Dear {name},",
        "greeting_anon": "Dear colleagues,",
        "intro": "Please find attached the latest briefs, generated automatically from the province's reports. Headline figures:",
        "no_headlines": "(See the attached files for the figures.)",
        "attached": "Attached:",
        "footer": "Sent automatically by dbreport. Content key: {key}",
    },
}


@dataclass(frozen=True)
class Draft:
    """A message before it is sent: what the ledger records and the SMTP layer transmits."""

    recipient: Recipient
    briefs: tuple[Brief, ...]
    content_digest: str
    message_id: str
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])


def content_digest(briefs: tuple[Brief, ...] | list[Brief]) -> str:
    """Digest of what is attached: the set of (brief id, language, PDF sha256)."""
    items = sorted((b.id, b.lang, b.pdf_sha256) for b in briefs)
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()


def message_id_for(recipient: Recipient, digest: str, sender: str, generation: int = 0) -> str:
    """Stable Message-ID: same recipient + same attachments -> same id (generation > 0 for --resend)."""
    key = hashlib.sha256(f"{recipient.email.lower()}\n{digest}".encode()).hexdigest()[:32]
    domain = sender.rpartition("@")[2] or "dbreport.invalid"
    suffix = f".r{generation}" if generation else ""
    return f"<dbreport.{key}{suffix}@{domain}>"


def subject_for(lang: str, briefs: tuple[Brief, ...] | list[Brief]) -> str:
    t = TEXTS[lang]
    if len(briefs) == 1:
        return t["subject_one"].format(title=briefs[0].title)
    return t["subject_many"].format(n=len(briefs), titles="; ".join(b.title for b in briefs))


def plain_body(recipient: Recipient, briefs: tuple[Brief, ...], key: str) -> str:
    t = TEXTS[recipient.lang]
    lines = [t["greeting"].format(name=recipient.name) if recipient.name else t["greeting_anon"], "", t["intro"], ""]
    for b in briefs:
        lines.append(b.title)
        lines += [f"  - {h}" for h in b.headlines] or [f"  {t['no_headlines']}"]
        lines.append("")
    lines.append(t["attached"])
    lines += [f"  {b.attachment_name}" for b in briefs]
    lines += ["", "-- ", t["footer"].format(key=key[:16])]
    return "\n".join(lines) + "\n"


def html_body(recipient: Recipient, briefs: tuple[Brief, ...], key: str) -> str:
    t = TEXTS[recipient.lang]
    e = html.escape
    greeting = t["greeting"].format(name=recipient.name) if recipient.name else t["greeting_anon"]
    parts = [f'<!DOCTYPE html>\n<html lang="{recipient.lang}"><head><meta charset="utf-8"></head>',
             '<body style="font-family: sans-serif; line-height: 1.4">',
             f"<p>{e(greeting)}</p>", f"<p>{e(t['intro'])}</p>"]
    for b in briefs:
        parts.append(f"<h2 style=\"font-size: 1.1em\">{e(b.title)}</h2>")
        if b.headlines:
            parts.append("<ul>" + "".join(f"<li>{e(h)}</li>" for h in b.headlines) + "</ul>")
        else:
            parts.append(f"<p>{e(t['no_headlines'])}</p>")
    parts.append(f"<p>{e(t['attached'])} " + ", ".join(f"<code>{e(b.attachment_name)}</code>" for b in briefs) + "</p>")
    parts.append(f"<hr><p style=\"color:#555; font-size: 0.85em\">{e(t['footer'].format(key=key[:16]))}</p></body></html>")
    return "\n".join(parts) + "\n"


def draft_message(recipient: Recipient, briefs: list[Brief], smtp: SmtpConfig, pdfs: dict[str, bytes],
                  now: datetime | None = None, generation: int = 0) -> Draft:
    """Build the email for `recipient` carrying `briefs` (all in the recipient's language).

    `pdfs` maps each brief's attachment name to its verified bytes."""
    ordered = tuple(sorted(briefs, key=lambda b: (b.kind != "meeting", b.id)))
    digest = content_digest(ordered)
    msg_id = message_id_for(recipient, digest, smtp.sender, generation)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address(display_name=smtp.sender_name, addr_spec=smtp.sender)
    msg["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
    msg["Subject"] = subject_for(recipient.lang, ordered)
    msg["Date"] = format_datetime(now or datetime.now(timezone.utc))
    msg["Message-ID"] = msg_id
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Dbreport-Content"] = digest
    msg.set_content(plain_body(recipient, ordered, digest), cte="quoted-printable")
    msg.add_alternative(html_body(recipient, ordered, digest), subtype="html", cte="quoted-printable")
    for b in ordered:
        msg.add_attachment(pdfs[b.attachment_name], maintype="application", subtype="pdf", filename=b.attachment_name)
    msg["Content-Language"] = recipient.lang  # after the parts: set_content/make_mixed move Content-* headers
    return Draft(recipient, ordered, digest, msg_id, msg)
