"""`dbreport send`: mail each recipient the briefs they have not yet received, in their language.

Plan -> record -> transmit -> mark, one recipient at a time, so one failure never stops the others:

1. For each recipient, the wanted briefs are the manifest's PDFs in their language that match
   their `briefs` patterns. Those already `sent` to them with the same PDF digest are skipped;
   those in an unresolved `in_doubt` message are held (not re-sent, reported) - at-most-once.
2. The message is recorded `pending` in the ledger before the connection opens, marked
   `in_doubt` just before the body is handed over, and `sent`/`failed` on the server's answer.
3. The summary names every recipient not reached; the result is not `ok` when there is one.
"""
from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

from dbreport.deliver import smtp
from dbreport.deliver.config import DeliveryConfig, Recipient, ascii_address, read_credentials, secret_forms
from dbreport.deliver.ledger import Entry, Ledger, open_ledger
from dbreport.deliver.lock import run_lock
from dbreport.deliver.manifest import Brief, check_pdf, read_briefs
from dbreport.deliver.message import Draft, content_digest, draft_message
from dbreport.deliver.runlog import RedactFilter, open_run_log, run_id_now
from dbreport.fsutil import write_atomic

log = logging.getLogger("dbreport.deliver")

Deliver = Callable[..., smtp.Outcome]


class DeliveryError(Exception):
    """A problem that stops the whole send (bad option, no manifest)."""


@dataclass(frozen=True)
class Plan:
    recipient: Recipient
    to_send: tuple[Brief, ...]
    held: tuple[Brief, ...] = ()  # in an in-doubt message of an earlier run


@dataclass(frozen=True)
class Result:
    recipient: Recipient
    draft: Draft | None  # None when the message could not be written
    outcome: smtp.Outcome | None  # None for a dry run
    ledger_id: int | None = None
    eml: Path | None = None
    unwritten: tuple[Brief, ...] = ()  # the briefs of a message that could not be written

    @property
    def briefs(self) -> tuple[Brief, ...]:
        return self.draft.briefs if self.draft else self.unwritten


@dataclass
class SendReport:
    run_id: str
    dry_run: bool
    results: list[Result] = field(default_factory=list)
    held: list[tuple[Recipient, tuple[Brief, ...], list[Entry]]] = field(default_factory=list)
    up_to_date: list[Recipient] = field(default_factory=list)

    def with_status(self, status: str) -> list[Result]:
        return [r for r in self.results if r.outcome and r.outcome.status == status]

    @property
    def not_reached(self) -> list[Recipient]:
        """Recipients with something they should have and may not have got."""
        names = {r.recipient for r in self.results if r.outcome and r.outcome.status != smtp.SENT}
        return sorted(names | {h[0] for h in self.held}, key=lambda r: r.email)

    @property
    def ok(self) -> bool:
        return not self.not_reached

    def summary(self) -> str:
        lines = []
        if self.dry_run:
            written = [r for r in self.results if r.eml]
            lines.append(f"dry run: {len(written)} message(s) written to the outbox, nothing sent")
            lines += [f"  {r.recipient.email} ({r.recipient.lang}): {', '.join(b.id for b in r.briefs)} -> {r.eml}"
                      for r in written]
        sent = self.with_status(smtp.SENT)
        if sent:
            lines.append(f"sent: {len(sent)} message(s)")
            lines += [f"  {r.recipient.email} ({r.recipient.lang}): {', '.join(b.id for b in r.briefs)}"
                      f" [{r.outcome.reply}]" for r in sent]
        for status, title in ((smtp.FAILED, "FAILED, not delivered"), (smtp.IN_DOUBT, "IN DOUBT, may not have arrived")):
            bad = self.with_status(status)
            if bad:
                lines.append(f"{title}: {len(bad)} message(s)")
                lines += [f"  {r.recipient.email} ({r.recipient.lang}): {', '.join(b.id for b in r.briefs)}"
                          f" - {r.outcome.reply}" + (f" (ledger #{r.ledger_id}, {r.outcome.attempts} attempt(s))"
                                                      if r.ledger_id else "") for r in bad]
        if self.held:
            lines.append(f"HELD, in doubt since an earlier run and not re-sent: {len(self.held)} recipient(s)")
            for rcpt, briefs, entries in self.held:
                ids = ", ".join(f"#{e.id}" for e in entries)
                lines.append(f"  {rcpt.email} ({rcpt.lang}): {', '.join(b.id for b in briefs)} (ledger {ids})")
            lines.append("  check with the recipient, then `dbreport deliveries --mark-sent N` if it arrived,"
                         " or `dbreport send --resend --to ADDRESS` to send it again")
        if self.up_to_date:
            lines.append(f"up to date: {len(self.up_to_date)} recipient(s) had nothing new")
        if self.not_reached:
            lines.append("NOT REACHED: " + ", ".join(f"{r.name} <{r.email}>" if r.name else r.email for r in self.not_reached))
        return "\n".join(lines) if lines else "nothing to send"


def item_key(b: Brief) -> tuple[str, str, str]:
    return (b.id, b.lang, b.pdf_sha256)


def wanted_briefs(recipient: Recipient, briefs: list[Brief], only_briefs: tuple[str, ...] = ()) -> list[Brief]:
    return [b for b in briefs if b.lang == recipient.lang and recipient.wants(b.id, b.kind)
            and (not only_briefs or b.id in only_briefs)]


def plan_for(recipient: Recipient, briefs: list[Brief], ledger: Ledger, resend: bool,
             only_briefs: tuple[str, ...] = ()) -> Plan:
    """What this recipient still needs: everything wanted, minus what arrived, minus what is in doubt."""
    wanted = wanted_briefs(recipient, briefs, only_briefs)
    if resend:
        return Plan(recipient, tuple(wanted))
    delivered, doubtful = ledger.delivered(recipient.email), ledger.in_doubt(recipient.email)
    new = [b for b in wanted if item_key(b) not in delivered]
    return Plan(recipient, tuple(b for b in new if item_key(b) not in doubtful),
                tuple(b for b in new if item_key(b) in doubtful))


def select_recipients(config: DeliveryConfig, only_to: Iterable[str]) -> list[Recipient]:
    only = {as_configured(a).lower() for a in only_to}
    known = {r.email.lower() for r in config.recipients}
    unknown = sorted(only - known)
    if unknown:
        raise DeliveryError(f"--to {', '.join(unknown)}: not in [[tool.dbreport.recipients]]")
    return [r for r in config.recipients if not only or r.email.lower() in only]


def as_configured(address: str) -> str:
    """`--to a@exämple.org` names the recipient the config holds as `a@xn--exmple-cua.org`."""
    try:
        return ascii_address(address)
    except ValueError:
        return address  # reported as not in the recipients


def eml_name(draft: Draft) -> str:
    who = re.sub(r"[^A-Za-z0-9._-]+", "_", draft.recipient.email)
    return f"{who}-{draft.content_digest[:12]}.eml"


def send_briefs(out: Path, config: DeliveryConfig, *, dry_run: bool = False, resend: bool = False,
                only_to: Iterable[str] = (), only_briefs: Iterable[str] = (), outbox: Path | None = None,
                deliver: Deliver = smtp.deliver, sleep: Callable[[float], None] = time.sleep,
                environ: Mapping[str, str] | None = None, run_id: str | None = None) -> SendReport:
    """Send (or with `dry_run`, write as .eml) every message still owed. Call with the run lock held."""
    only_briefs = tuple(only_briefs)
    recipients = select_recipients(config, only_to)
    briefs = read_briefs(out)
    known_ids = {b.id for b in briefs}
    missing = [b for b in only_briefs if b not in known_ids]
    if missing:
        raise DeliveryError(f"--brief {', '.join(missing)}: not in the manifest (have: {', '.join(sorted(known_ids))})")
    creds = None if dry_run else read_credentials(config.smtp, environ)
    report = SendReport(run_id or run_id_now(), dry_run)
    with open_ledger(config.state_dir) as ledger:
        if not dry_run:
            stale = ledger.abandon_stale_pending()
            if stale:
                log.info("%d message(s) recorded by an interrupted run never reached the server; they will be sent now", stale)
        for recipient in recipients:
            plan = plan_for(recipient, briefs, ledger, resend, only_briefs)
            if plan.held:
                entries = [e for e in ledger.entries(status="in_doubt") if e.recipient == recipient.email.lower()]
                report.held.append((recipient, plan.held, entries))
                log.warning("holding %s for %s: an earlier message with it is in doubt (ledger %s)",
                            ", ".join(b.id for b in plan.held), recipient.email, ", ".join(f"#{e.id}" for e in entries))
            if not plan.to_send:
                if not plan.held:
                    report.up_to_date.append(recipient)
                continue
            report.results.append(send_one(plan, config, ledger, creds, report.run_id, dry_run, resend,
                                           outbox or config.outbox, deliver, sleep))
    return report


def send_one(plan: Plan, config: DeliveryConfig, ledger: Ledger, creds, run_id: str, dry_run: bool,
             forced: bool, outbox: Path, deliver: Deliver, sleep: Callable[[float], None]) -> Result:
    """Draft, record, transmit and mark one message; never raises for a delivery problem."""
    r = plan.recipient
    pdfs = {b.attachment_name: check_pdf(b) for b in plan.to_send}
    generation = ledger.count_sent(r.email, content_digest(plan.to_send)) if forced else 0
    try:
        draft = draft_message(r, list(plan.to_send), config.smtp, pdfs, generation=generation)
    except ValueError as exc:  # e.g. a line break in the recipient's name: this recipient's problem only
        reply = f"the message could not be written ({exc})"
        log.error("%s: %s", r.email, reply)
        return Result(r, None, smtp.Outcome(smtp.FAILED, reply, 0), unwritten=plan.to_send)
    if dry_run:
        eml = write_atomic(Path(outbox) / eml_name(draft), draft.message.as_bytes())
        log.info("dry run: wrote %s for %s", eml, r.email)
        return Result(r, draft, None, eml=eml)
    row = ledger.record_pending(run_id, r.email, r.name, r.lang, draft.content_digest, draft.message_id, draft.subject,
                                [(b.id, b.lang, b.pdf_sha256, b.title) for b in draft.briefs], forced)
    log.info("recorded #%d: %s (%s) %s %s", row, r.email, r.lang, ", ".join(b.id for b in draft.briefs), draft.message_id)

    def on_retry(n: int, reply: str, delay: float) -> None:
        ledger.mark(row, "pending", reply, n)  # a definite refusal: back to "not transmitted"
        log.warning("#%d %s: attempt %d failed (%s); retrying in %.1fs", row, r.email, n, reply, delay)

    try:
        outcome = deliver(config.smtp, creds, draft.message, r.email,
                          before_data=lambda: ledger.mark(row, "in_doubt"), sleep=sleep, on_retry=on_retry)
    except Exception as exc:  # a bug, not a server answer: keep what the ledger knows, go on with the others
        reply = smtp.redact(f"internal error: {type(exc).__name__}: {exc}", creds.secrets if creds else ())
        doubtful = ledger.status_of(row) == "in_doubt"  # did it fail while the body was being handed over?
        outcome = smtp.Outcome(smtp.IN_DOUBT if doubtful else smtp.FAILED, reply, 1)
    ledger.mark(row, outcome.status, outcome.reply, outcome.attempts)
    if outcome.status == smtp.SENT:
        ledger.supersede_in_doubt(r.email, row)
    level = logging.INFO if outcome.status == smtp.SENT else logging.ERROR
    log.log(level, "#%d %s: %s after %d attempt(s): %s", row, r.email, outcome.status, outcome.attempts, outcome.reply)
    return Result(r, draft, outcome, row)


def send_with_lock(root: Path, out: Path, config: DeliveryConfig, *, wait: float | None = None, **options) -> SendReport:
    """`dbreport send`: the run lock, a log file for the run, then `send_briefs`."""
    run_id = run_id_now()
    what = "send-dry-run" if options.get("dry_run") else "send"
    secrets = secret_values(config, options.get("environ"))
    handler = open_run_log(config.state_dir, what, run_id, log, secrets)
    redactor = RedactFilter(secrets)
    log.addFilter(redactor)
    try:
        with run_lock(config.state_dir, what, wait):
            report = send_briefs(out, config, run_id=run_id, **options)
        log.info("summary:\n%s", report.summary())
        return report
    except Exception as exc:
        log.error("%s run failed: %s", what, exc)
        raise
    finally:
        log.removeHandler(handler)
        log.removeFilter(redactor)


def secret_values(config: DeliveryConfig, environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The password's value and its wire forms if it is set, for redaction; never fails (sending
    will say what is missing)."""
    env = os.environ if environ is None else environ
    user, password = (env.get(name) if name else None for name in (config.smtp.username_env, config.smtp.password_env))
    return secret_forms(user, password)
