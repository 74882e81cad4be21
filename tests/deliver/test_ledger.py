"""The ledger's states, and the crash policy: nothing in doubt is re-sent silently."""
from __future__ import annotations

import pytest

from dbreport.deliver import smtp
from dbreport.deliver.config import load_config
from dbreport.deliver.ledger import Ledger
from dbreport.deliver.send import send_briefs

NO_SLEEP = lambda _s: None  # noqa: E731


class Crash(BaseException):
    """Stands for the process dying (kill -9, power loss): nothing after it runs."""


def crashing_deliver(when: str):
    """A transport that dies before or after the point where the body is handed over."""

    def deliver(cfg, creds, msg, rcpt, before_data, sleep, on_retry):
        if when == "after_data":
            before_data()
            smtp.transmit(cfg, creds, msg, rcpt, lambda: None)  # the server accepts it ...
        raise Crash  # ... and we die before the ledger hears of it

    return deliver


def send(project, **kw):
    kw.setdefault("sleep", NO_SLEEP)
    return send_briefs(project.out, load_config(project.root), only_to=["jane@example.org"], **kw)


def ledger_of(project) -> Ledger:
    return Ledger.in_state_dir(load_config(project.root).state_dir)


def test_states_and_delivered_items(tmp_path):
    with Ledger(tmp_path / "l.sqlite") as ledger:
        row = ledger.record_pending("run1", "A@example.org", "A", "vi", "d1", "<m1>", "s", [("x", "vi", "h1", "X")])
        assert ledger.delivered("a@example.org") == set()
        ledger.mark(row, "in_doubt")
        assert ledger.in_doubt("a@example.org") == {("x", "vi", "h1")}
        ledger.mark(row, "sent", "250 ok", 1)
        assert ledger.delivered("a@example.org") == {("x", "vi", "h1")}
        (e,) = ledger.entries()
        assert (e.status, e.reply, e.attempts, e.briefs) == ("sent", "250 ok", 1, ("x",))


def test_ledger_survives_reopening(tmp_path):
    with Ledger(tmp_path / "l.sqlite") as ledger:
        row = ledger.record_pending("r", "a@example.org", "", "en", "d", "<m>", "s", [("x", "en", "h", "X")])
        ledger.mark(row, "sent")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.delivered("a@example.org") == {("x", "en", "h")}


def test_crash_before_data_is_sent_next_run_without_duplicate(project, smtp_server):
    with pytest.raises(Crash):
        send(project, deliver=crashing_deliver("before_data"))
    with ledger_of(project) as ledger:
        assert [e.status for e in ledger.entries()] == ["pending"]
    report = send(project)
    assert report.ok and len(smtp_server.handler.to("jane@example.org")) == 1
    with ledger_of(project) as ledger:
        assert [e.status for e in ledger.entries()] == ["sent", "abandoned"]


def test_crash_after_data_holds_the_message_and_says_so(project, smtp_server):
    with pytest.raises(Crash):
        send(project, deliver=crashing_deliver("after_data"))
    assert len(smtp_server.handler.to("jane@example.org")) == 1  # it did arrive
    first_id = smtp_server.handler.to("jane@example.org")[0].msg["Message-ID"]

    report = send(project)  # next run: must not duplicate silently
    assert len(smtp_server.handler.to("jane@example.org")) == 1
    assert not report.ok and [r.email for r in report.not_reached] == ["jane@example.org"]
    assert "HELD, in doubt since an earlier run" in report.summary()
    assert "--mark-sent" in report.summary()

    again = send(project, resend=True)  # the operator decides to send it again
    assert again.ok
    copies = smtp_server.handler.to("jane@example.org")
    assert len(copies) == 2 and copies[1].msg["Message-ID"] == first_id  # same id: receivers can de-duplicate
    with ledger_of(project) as ledger:  # the doubtful one no longer needs anyone's attention
        assert [(e.status, "superseded: delivered by #2" in e.reply) for e in ledger.entries()] == [
            ("sent", False), ("superseded", True)]


def test_operator_marks_in_doubt_as_sent(project, smtp_server):
    with pytest.raises(Crash):
        send(project, deliver=crashing_deliver("after_data"))
    with ledger_of(project) as ledger:
        (e,) = ledger.entries()
        assert e.status == "in_doubt"
        assert ledger.resolve_in_doubt(e.id, "sent")
        assert not ledger.resolve_in_doubt(e.id, "sent")  # only in-doubt rows can be resolved
    report = send(project)
    assert report.ok and not report.results and len(smtp_server.handler.to("jane@example.org")) == 1


def test_dropped_connection_during_data_is_in_doubt_not_retried(project, smtp_server):
    smtp_server.handler.data_script[:] = ["drop"]
    report = send(project)
    assert not report.ok
    assert report.results[0].outcome.status == "in_doubt"
    assert "IN DOUBT" in report.summary() and "NOT REACHED: Jane Smith" in report.summary()
    assert len(smtp_server.handler.to("jane@example.org")) == 1
    assert not send(project).ok  # held on the next run too
    assert len(smtp_server.handler.to("jane@example.org")) == 1


def test_held_item_does_not_block_a_new_brief(project, smtp_server):
    """An in-doubt message holds only its own briefs; a brief that changed since goes out."""
    from deliver_fakes import fake_build
    smtp_server.handler.data_script[:] = ["drop"]
    send(project, only_briefs=["000_doc"])
    report = send(project)
    sent = report.with_status("sent")
    assert [b.id for b in sent[0].draft.briefs] == ["meeting", "001_doc", "002_doc"]
    assert [b.id for b in report.held[0][1]] == ["000_doc"]
    (project.seeds / "000_doc.txt").write_text("changed\n")
    fake_build(project)
    report = send(project)
    assert report.ok and [b.id for b in report.results[0].draft.briefs] == ["000_doc"]
