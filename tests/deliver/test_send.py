"""`send` against a real SMTP server (aiosmtpd on 127.0.0.1): languages, attachments, the ledger."""
from __future__ import annotations

import email
import email.policy
import json

import pytest

from dbreport.deliver.config import load_config
from dbreport.deliver.ledger import open_ledger
from dbreport.deliver.send import DeliveryError, send_briefs
from deliver_fakes import fake_build

NO_SLEEP = lambda _s: None  # noqa: E731


def send(project, **kw):
    kw.setdefault("sleep", NO_SLEEP)
    return send_briefs(project.out, load_config(project.root), **kw)


def manifest(project) -> list[dict]:
    return json.loads((project.out / "manifest.json").read_text())["briefs"]


def pdf_attachments(msg) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in msg.iter_attachments()}


def test_each_recipient_gets_their_language_and_exact_pdfs(project, smtp_server):
    report = send(project)
    assert report.ok, report.summary()
    by_id_lang = {(e["id"], e["lang"]): (project.out / e["files"]["pdf"]["path"]).read_bytes() for e in manifest(project)}
    hoa, jane, binh = (smtp_server.handler.to(a) for a in ("hoa@example.org", "jane@example.org", "binh@example.org"))
    assert (len(hoa), len(jane), len(binh)) == (1, 1, 1)

    vi = hoa[0].msg
    assert vi["Content-Language"] == "vi"
    assert vi["To"].addresses[0].display_name == "Nguyễn Thị Hoa"
    assert vi["Subject"].startswith("4 bản tin số liệu mới")
    assert "Kính gửi Nguyễn Thị Hoa" in vi.get_body(("plain",)).get_content()
    assert "7.155,29 tỷ đồng" in vi.get_body(("html",)).get_content()
    atts = pdf_attachments(vi)
    assert set(atts) == {f"dbreport-{i}-vi.pdf" for i in ("000_doc", "001_doc", "002_doc", "meeting")}
    for name, data in atts.items():
        assert data == by_id_lang[(name[len("dbreport-"):-len("-vi.pdf")], "vi")]

    en = jane[0].msg
    assert en["Content-Language"] == "en" and "Dear Jane Smith" in en.get_body(("plain",)).get_content()
    assert "VND 7,155.29 billion" in en.get_body(("plain",)).get_content()
    assert all(n.endswith("-en.pdf") for n in pdf_attachments(en))

    assert set(pdf_attachments(binh[0].msg)) == {"dbreport-meeting-vi.pdf"}
    assert binh[0].msg["Subject"] == "Bản tin số liệu: Bản tin meeting: tình hình kinh tế - xã hội Điện Biên"


def test_headers_are_rfc2047_and_message_id_is_stable(project, smtp_server):
    send(project)
    raw = smtp_server.handler.to("hoa@example.org")[0].raw
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii(), "headers must be 7-bit: Vietnamese goes through RFC 2047"
    assert b"=?utf-8?" in head
    mid = email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"]
    # the same content drafted again gives the same Message-ID
    from dbreport.deliver.message import message_id_for, content_digest
    from dbreport.deliver.manifest import read_briefs
    cfg = load_config(project.root)
    hoa = cfg.recipients[0]
    briefs = [b for b in read_briefs(project.out) if b.lang == "vi"]
    assert mid == message_id_for(hoa, content_digest(briefs), cfg.smtp.sender)


def test_second_send_delivers_nothing(project, smtp_server):
    assert send(project).ok
    count = len(smtp_server.handler.received)
    again = send(project)
    assert again.ok and not again.results
    assert len(again.up_to_date) == 3
    assert len(smtp_server.handler.received) == count
    # even after the build folder is wiped and rebuilt identically
    import shutil
    shutil.rmtree(project.out)
    fake_build(project)
    assert not send(project).results
    assert len(smtp_server.handler.received) == count


def test_changed_brief_is_sent_again_and_only_it(project, smtp_server):
    send(project)
    smtp_server.handler.received.clear()
    (project.seeds / "000_doc.txt").write_text("Báo cáo 6 tháng đầu năm 2024 (sửa đổi)\n", encoding="utf-8")
    fake_build(project)
    report = send(project)
    assert report.ok
    assert {r.recipient.email for r in report.results} == {"hoa@example.org", "jane@example.org"}  # not binh (meeting only)
    for r in smtp_server.handler.received:
        assert list(pdf_attachments(r.msg)) in (["dbreport-000_doc-vi.pdf"], ["dbreport-000_doc-en.pdf"])


def test_resend_forces_with_a_new_message_id(project, smtp_server):
    first = send(project, only_to=["jane@example.org"])
    again = send(project, only_to=["jane@example.org"], resend=True)
    assert again.ok and len(smtp_server.handler.to("jane@example.org")) == 2
    assert first.results[0].draft.message_id != again.results[0].draft.message_id
    assert ".r1@" in again.results[0].draft.message_id


@pytest.mark.parametrize("stage, temp", [
    ("rcpt", "451 4.3.0 Try again later"),
    ("data", "451 4.3.0 Try again later"),  # refused after the body: certain, so retried
    ("rcpt", "drop"),  # connection dropped before the body: certain, so retried
])
def test_transient_twice_then_accepted_arrives_once(project, smtp_server, stage, temp):
    if stage == "rcpt":
        smtp_server.handler.rcpt_script["jane@example.org"] = [temp, temp]
    else:
        smtp_server.handler.data_script[:] = [temp, temp]
    delays = []
    report = send(project, only_to=["jane@example.org"], sleep=delays.append)
    assert report.ok, report.summary()
    assert len(smtp_server.handler.to("jane@example.org")) == 1
    assert report.results[0].outcome.attempts == 3
    assert delays == [0.01, 0.02]  # exponential backoff
    with open_ledger(load_config(project.root).state_dir) as ledger:
        (entry,) = ledger.entries()
    assert (entry.status, entry.attempts) == ("sent", 3)


def test_550_for_one_recipient_others_arrive_and_ledger_keeps_the_answer(project, smtp_server):
    smtp_server.handler.rcpt_script["jane@example.org"] = ["550 5.1.1 <jane@example.org>: Recipient address rejected"]
    report = send(project)
    assert not report.ok
    assert [r.email for r in report.not_reached] == ["jane@example.org"]
    assert "NOT REACHED: Jane Smith <jane@example.org>" in report.summary()
    assert smtp_server.handler.to("hoa@example.org") and smtp_server.handler.to("binh@example.org")
    assert not smtp_server.handler.to("jane@example.org")
    failed = report.with_status("failed")[0]
    assert failed.outcome.attempts == 1  # permanent: no retry
    with open_ledger(load_config(project.root).state_dir) as ledger:
        (entry,) = ledger.entries(status="failed")
    assert entry.recipient == "jane@example.org"
    assert "550 5.1.1 <jane@example.org>: Recipient address rejected" in entry.reply
    # the next run tries the failed one again (and only it) once the server takes it
    smtp_server.handler.rcpt_script.clear()
    again = send(project)
    assert again.ok and [r.recipient.email for r in again.results] == ["jane@example.org"]


def test_connection_refused_is_retried_then_reported(make_project):
    from deliver_support import free_port
    project = make_project(free_port())  # nobody listens there
    fake_build(project)
    delays = []
    report = send(project, only_to=["hoa@example.org"], sleep=delays.append)
    assert not report.ok
    outcome = report.results[0].outcome
    assert outcome.status == "failed" and outcome.attempts == 4 and len(delays) == 3
    assert "connection refused" in outcome.reply and "after 4 attempts" in outcome.reply


def test_dry_run_writes_eml_and_records_nothing(project, smtp_server, tmp_path):
    outbox = tmp_path / "outbox"
    send(project, dry_run=True, outbox=outbox)
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 3 and not smtp_server.handler.received
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert msg["Message-ID"] and list(msg.iter_attachments())
    with open_ledger(load_config(project.root).state_dir) as ledger:
        assert ledger.entries() == []
    assert send(project).ok and len(smtp_server.handler.received) == 3  # dry run did not count as sent


def test_unknown_recipient_or_brief_is_an_error(project):
    with pytest.raises(DeliveryError, match="--to nobody@example.org: not in"):
        send(project, only_to=["nobody@example.org"])
    with pytest.raises(DeliveryError, match="--brief 1999: not in the manifest"):
        send(project, only_briefs=["1999"])


def test_tampered_pdf_is_not_sent(project, smtp_server):
    from dbreport.deliver.manifest import ManifestError
    (project.out / "vi" / "meeting.pdf").write_bytes(b"%PDF half written")
    with pytest.raises(ManifestError, match="does not match the manifest"):
        send(project)
    assert not smtp_server.handler.received


def test_a_name_with_a_line_break_fails_that_recipient_only(make_project, smtp_server):
    """A CR/LF in a display name cannot go in a header: that recipient gets a one-line failure and
    the ones after it are still sent and recorded."""
    recipients = [("Bad\\r\\nBcc: evil@example.org", "bad@example.org", "vi", ["*"]),
                  ("Jane Smith", "jane@example.org", "en", ["*"])]
    project = make_project(smtp_server.port, recipients=recipients)
    fake_build(project)
    report = send(project)
    assert not report.ok
    assert [line for line in report.summary().splitlines() if "bad@example.org (vi)" in line] == [
        "  bad@example.org (vi): 000_doc, 001_doc, 002_doc, meeting - the message could not be written "
        "(invalid arguments; address parts cannot contain CR or LF)"]
    assert len(smtp_server.handler.to("jane@example.org")) == 1 and not smtp_server.handler.to("evil@example.org")
    with open_ledger(load_config(project.root).state_dir) as ledger:
        assert [(e.recipient, e.status) for e in ledger.entries()] == [("jane@example.org", "sent")]


def test_an_accented_domain_is_sent_to_in_its_idna_form(make_project, smtp_server, tmp_path):
    project = make_project(smtp_server.port, recipients=[("Ä", "a@exämple.org", "vi", ["meeting"])])
    fake_build(project)
    dry = send(project, dry_run=True, outbox=tmp_path / "outbox")
    assert dry.ok
    [eml] = (tmp_path / "outbox").iterdir()
    assert b"To: =?utf-8?b?w4Q=?= <a@xn--exmple-cua.org>" in eml.read_bytes()
    assert send(project, only_to=["a@exämple.org"]).ok  # named as the config names it
    assert [r.rcpt_tos for r in smtp_server.handler.received] == [["a@xn--exmple-cua.org"]]
