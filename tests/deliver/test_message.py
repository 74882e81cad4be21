"""Messages: 7-bit headers whose Vietnamese text decodes back exactly, language, Message-ID."""
from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from email.header import decode_header, make_header

from dbreport.deliver.config import Recipient, SmtpConfig
from dbreport.deliver.manifest import Brief
from dbreport.deliver.message import content_digest, draft_message, message_id_for

WORDS = "Tỉnh Điện Biên: số liệu mới nhất phục vụ cuộc họp; bản tin tóm tắt giai đoạn 2021–2025 "
SMTP = SmtpConfig(host="localhost", port=25, security="none", sender="briefs@example.org",
                  sender_name="Sở Kế hoạch và Đầu tư tỉnh Điện Biên, Văn phòng Thống kê")


def brief(title: str, brief_id: str = "2024-H1", lang: str = "vi", sha: str = "0" * 64) -> Brief:
    return Brief(brief_id, "period", lang, title, Path("/nonexistent.pdf"), sha, ("GRDP tăng 8,75%.",))


def parsed(draft):
    raw = draft.message.as_bytes()
    return raw, email.message_from_bytes(raw, policy=email.policy.default)


def rfc2047_addresses(head: bytes, field: str) -> tuple[str, str]:
    unfolded = head.decode("ascii").replace("\r\n ", " ")
    value = next(line for line in unfolded.split("\r\n") if line.startswith(field + ": "))[len(field) + 2:]
    name, addr = value.rsplit(" <", 1)
    return str(make_header(decode_header(name))) if name else "", addr.rstrip(">")


@pytest.mark.parametrize("length", range(1, 260, 9))
def test_vietnamese_subject_and_names_survive_folding(length):
    text = (WORDS * 4)[:length].strip() or "x"
    name = (WORDS * 2)[: length % 70].strip()
    draft = draft_message(Recipient(name, "hoa@example.org", "vi"), [brief(text)], SMTP, {"dbreport-2024-H1-vi.pdf": b"%PDF"})
    raw, msg = parsed(draft)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and max(len(line) for line in head.split(b"\r\n")) <= 78
    assert msg["Subject"] == f"Bản tin số liệu: {text}"
    # RFC 2047 readers (email.header.decode_header, mail clients) get the names back exactly ...
    assert rfc2047_addresses(head, "To") == (name, "hoa@example.org")
    assert rfc2047_addresses(head, "From") == (SMTP.sender_name, SMTP.sender)
    # ... and Python's own lax parser at worst doubles a space at a fold, never splits a word
    assert " ".join(msg["To"].addresses[0].display_name.split()) == name


@pytest.mark.parametrize("lang, subject, greeting", [
    ("vi", "2 bản tin số liệu mới: A; B", "Kính gửi Lê Văn Tám,"),
    ("en", "2 new briefs: A; B", "Dear Lê Văn Tám,"),
])
def test_language_of_subject_and_body(lang, subject, greeting):
    briefs = [brief("A", "a", lang), brief("B", "b", lang)]
    draft = draft_message(Recipient("Lê Văn Tám", "tam@example.org", lang), briefs, SMTP,
                          {f"dbreport-{i}-{lang}.pdf": b"%PDF" for i in "ab"})
    _raw, msg = parsed(draft)
    assert msg["Subject"] == subject and msg["Content-Language"] == lang
    assert msg.get_body(("plain",)).get_content().startswith(greeting)
    assert f'<html lang="{lang}">' in msg.get_body(("html",)).get_content()
    assert msg.get_body(("plain",))["Content-Transfer-Encoding"] == "quoted-printable"


def test_message_id_depends_on_recipient_and_attachments_only():
    a, b = brief("A", sha="1" * 64), brief("A", sha="2" * 64)
    hoa, tam = Recipient("", "hoa@example.org", "vi"), Recipient("", "tam@example.org", "vi")
    assert message_id_for(hoa, content_digest([a]), SMTP.sender) == message_id_for(hoa, content_digest([a]), SMTP.sender)
    assert message_id_for(hoa, content_digest([a]), SMTP.sender) != message_id_for(tam, content_digest([a]), SMTP.sender)
    assert content_digest([a]) != content_digest([b])
    assert message_id_for(hoa, content_digest([a]), SMTP.sender).endswith("@example.org>")
    assert ".r2@" in message_id_for(hoa, content_digest([a]), SMTP.sender, generation=2)


def test_html_is_escaped():
    draft = draft_message(Recipient("<b>x</b>", "x@example.org", "en"), [brief("A & <B>", lang="en")], SMTP,
                          {"dbreport-2024-H1-en.pdf": b"%PDF"})
    html = parsed(draft)[1].get_body(("html",)).get_content()
    assert "A &amp; &lt;B&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize("lang, n, subject", [
    ("vi", 1, "Bản tin số liệu: T0"),
    ("vi", 2, "2 bản tin số liệu mới: T0; T1"),
    ("vi", 4, "4 bản tin số liệu mới: T0 và 3 bản tin khác"),
    ("en", 1, "Brief: T0"),
    ("en", 2, "2 new briefs: T0; T1"),
    ("en", 4, "4 new briefs: T0 and 3 more"),
])
def test_subject_lines(lang, n, subject):
    from dbreport.deliver.message import subject_for
    assert subject_for(lang, [brief(f"T{i}", f"b{i}", lang) for i in range(n)]) == subject
