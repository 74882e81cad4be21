"""One email per recipient, in the recipient's language, with the PDFs of their new briefs.

Why each choice:
- Headers are 7-bit: a Vietnamese display name or subject is RFC 2047 encoded (`=?utf-8?...?=`)
  and passes any relay, SMTPUTF8 or not. We encode Subject, From and To ourselves
  (`RFC2047Policy`): CPython's folder (3.11) can put the space between two words at the fold
  between two encoded words, where RFC 2047 says readers must drop it ("phục vụcuộc họp").
- Bodies are quoted-printable, never raw 8-bit, for the same reason.
- The Message-ID comes from the recipient and the digest of what is attached: the same content to
  the same person always carries the same Message-ID, so a receiver (or a person) can tell a
  re-delivery from a new message. A forced `--resend` adds a generation number.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime

from dbreport.deliver.config import Recipient, SmtpConfig
from dbreport.deliver.manifest import Brief

TEXTS = {
    "vi": {
        "subject_one": "Bản tin số liệu: {title}",
        "subject_many": "{n} bản tin số liệu mới: {titles}",
        "and_more": "{first} và {rest} bản tin khác",
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
        "and_more": "{first} and {rest} more",
        "greeting": "Dear {name},",
        "greeting_anon": "Dear colleagues,",
        "intro": "Please find attached the latest briefs, generated automatically from the province's reports. Headline figures:",
        "no_headlines": "(See the attached files for the figures.)",
        "attached": "Attached:",
        "footer": "Sent automatically by dbreport. Content key: {key}",
    },
}


class RFC2047Policy(EmailPolicy):
    """`email.policy.SMTP` whose non-ASCII Subject/From/To are encoded by `email.header.Header`,
    which keeps every space inside an encoded word, so folding can never lose one."""

    ENCODED = ("subject", "from", "to", "cc", "reply-to")

    def _fold(self, name, value, refold_binary=False):
        text = str(value)
        if text.isascii() or name.lower() not in self.ENCODED:
            return super()._fold(name, value, refold_binary)
        if hasattr(value, "addresses"):
            body = ("," + self.linesep + " ").join(self._address(name, a) for a in value.addresses)
        else:
            body = self._words(name, text)
        return f"{name}: {body}{self.linesep}"

    def _words(self, name: str, text: str) -> str:
        return Header(text, "utf-8", header_name=name).encode(linesep=self.linesep)

    def _address(self, name: str, address: Address) -> str:
        if address.display_name.isascii():
            return str(address)
        words = self._phrase(address.display_name)
        last = words.rsplit(self.linesep, 1)[-1]
        used = len(last) + (0 if self.linesep in words else len(name) + 2)
        sep = " " if used + len(address.addr_spec) + 3 <= 78 else self.linesep + " "
        return f"{words}{sep}<{address.addr_spec}>"

    def _phrase(self, text: str) -> str:
        """A display name as encoded words split only AFTER a space, the space inside the word.

        Readers drop the fold between encoded words (RFC 2047 6.2), so no word is cut in two;
        a lax reader that keeps the fold shows at worst a double space, never `Đi ện`."""
        chunks, current = [], ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and len(encoded_word(candidate)) > 70:
                chunks.append(current + " ")
                current = word
            else:
                current = candidate
        chunks.append(current)
        return (self.linesep + " ").join(
            encoded_word(c) if len(encoded_word(c)) <= 75 else self._words("To", c) for c in chunks)


def encoded_word(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


POLICY = RFC2047Policy(linesep="\r\n")


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
    if len(briefs) == 2:
        titles = "; ".join(b.title for b in briefs)
    else:  # a subject line is read at a glance: the body lists every brief
        titles = t["and_more"].format(first=briefs[0].title, rest=len(briefs) - 1)
    return t["subject_many"].format(n=len(briefs), titles=titles)


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
    msg = EmailMessage(policy=POLICY)
    msg["From"] = Address(display_name=smtp.sender_name, addr_spec=smtp.sender)
    msg["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
    msg["Subject"] = subject_for(recipient.lang, ordered)
    msg["Date"] = format_datetime(now or datetime.now(timezone.utc))
    msg["Message-ID"] = msg_id
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Dbreport-Content"] = digest[:40]  # enough to find it in the ledger; keeps the line short
    msg.set_content(plain_body(recipient, ordered, digest), cte="quoted-printable")
    msg.add_alternative(html_body(recipient, ordered, digest), subtype="html", cte="quoted-printable")
    for b in ordered:
        msg.add_attachment(pdfs[b.attachment_name], maintype="application", subtype="pdf", filename=b.attachment_name)
    msg["Content-Language"] = recipient.lang  # after the parts: set_content/make_mixed move Content-* headers
    return Draft(recipient, ordered, digest, msg_id, msg)
