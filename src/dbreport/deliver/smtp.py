"""Handing one message to an SMTP server, with retries for what is worth retrying.

Classification (RFC 5321): a 4xx reply, a refused or dropped connection, a timeout are transient
and retried with exponential backoff, a bounded number of times; a 5xx reply (or a TLS certificate
that does not verify) is permanent and reported at once. One case is neither: the connection
drops after the message body was handed over but before the server's reply. The server may have
accepted it, so retrying could duplicate it; it is reported as `in_doubt` (see docs/delivery.md).

The password never leaves `Credentials`; every reply kept or logged goes through `redact`.
"""
from __future__ import annotations

import base64
import re
import smtplib
import socket
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Callable

from dbreport.deliver.config import Credentials, SmtpConfig

SENT, FAILED, IN_DOUBT = "sent", "failed", "in_doubt"


@dataclass(frozen=True)
class Outcome:
    status: str  # sent | failed | in_doubt
    reply: str  # the server's last answer, or what went wrong
    attempts: int


class Attempt(Exception):
    """One failed attempt: `transient` says whether trying again may help."""

    def __init__(self, reply: str, transient: bool, in_doubt: bool = False):
        super().__init__(reply)
        self.reply, self.transient, self.in_doubt = reply, transient, in_doubt


def redact(text: str, secrets: tuple[str, ...]) -> str:
    for s in secrets:
        if s:
            text = text.replace(s, "***")
    return text


def tls_context(cfg: SmtpConfig) -> ssl.SSLContext:
    """Verifying context; with `ca_file` the server must chain to that CA (e.g. a self-signed relay)."""
    return ssl.create_default_context(cafile=str(cfg.ca_file) if cfg.ca_file else None)


def answer(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(text.split())}".strip()


def check_reply(code: int, text: bytes | str, ok: tuple[int, ...], stage: str) -> None:
    if code in ok:
        return
    raise Attempt(f"{stage}: {answer(code, text)}", transient=400 <= code < 500 or code == -1)


def connect(cfg: SmtpConfig, creds: Credentials) -> smtplib.SMTP:
    """An open, greeted (and if configured, encrypted and logged-in) connection."""
    try:
        if cfg.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=tls_context(cfg))
        else:
            smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise Attempt(f"connect: TLS certificate not trusted ({exc.verify_message}); set tool.dbreport.smtp.ca_file", False) from None
    except smtplib.SMTPConnectError as exc:
        raise Attempt(f"connect: {answer(exc.smtp_code, exc.smtp_error)}", transient=exc.smtp_code < 500) from None
    except (OSError, smtplib.SMTPException) as exc:
        if timed_out(exc):
            raise Attempt(f"connect to {cfg.host}:{cfg.port}: no greeting from the server within {cfg.timeout:g} s "
                          "(timed out)", transient=True) from None
        raise Attempt(f"connect to {cfg.host}:{cfg.port}: {describe(exc)}", transient=True) from None
    try:
        check_reply(*smtp.ehlo(), ok=(250,), stage="EHLO")
        if cfg.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise Attempt("STARTTLS: the server does not offer it; set tool.dbreport.smtp.security", False)
            check_reply(*smtp.starttls(context=tls_context(cfg)), ok=(220,), stage="STARTTLS")
            check_reply(*smtp.ehlo(), ok=(250,), stage="EHLO")
        if creds.username:
            authenticate(smtp, creds)
        return smtp
    except Attempt:
        close(smtp)
        raise
    except ssl.SSLCertVerificationError as exc:
        close(smtp)
        raise Attempt(f"STARTTLS: TLS certificate not trusted ({exc.verify_message}); set tool.dbreport.smtp.ca_file", False) from None
    except (OSError, smtplib.SMTPException) as exc:
        close(smtp)
        raise Attempt(f"session: {describe(exc)}", transient=True) from None


def authenticate(smtp: smtplib.SMTP, creds: Credentials) -> None:
    """AUTH PLAIN done by hand when offered: smtplib encodes credentials as ASCII and would crash on
    a password like `Mật-khẩu` (RFC 4616 allows UTF-8); other mechanisms go through smtplib."""
    if not smtp.has_extn("auth"):
        raise Attempt("AUTH: the server does not offer authentication", False)
    user, password = creds.username or "", creds.password or ""
    if "PLAIN" in smtp.esmtp_features.get("auth", "").upper().split():
        token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
        code, text = smtp.docmd("AUTH", "PLAIN " + token)
        if code != 235:
            raise Attempt(f"AUTH: {answer(code, text)}", transient=400 <= code < 500)
        return
    try:
        smtp.login(user, password)
    except smtplib.SMTPAuthenticationError as exc:
        raise Attempt(f"AUTH: {answer(exc.smtp_code, exc.smtp_error)}", transient=400 <= exc.smtp_code < 500) from None
    except UnicodeEncodeError:
        raise Attempt("AUTH: the credentials are not ASCII and the server offers no PLAIN mechanism", False) from None
    except smtplib.SMTPException as exc:
        raise Attempt(f"AUTH: {type(exc).__name__}", False) from None


def describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return answer(exc.smtp_code, exc.smtp_error)
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if timed_out(exc):
        return "timed out waiting for the server"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "connection dropped by the server"
    return f"{type(exc).__name__}: {exc}"


def timed_out(exc: BaseException) -> bool:
    """A timeout, also when smtplib reports it as a dropped connection (it closes the socket
    and raises SMTPServerDisconnected from the timeout while waiting for a reply)."""
    return isinstance(exc, (socket.timeout, TimeoutError)) or (
        isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(exc.__context__, (socket.timeout, TimeoutError)))


def close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def transmit(cfg: SmtpConfig, creds: Credentials, msg: EmailMessage, rcpt: str,
             before_data: Callable[[], None]) -> str:
    """One attempt: MAIL, RCPT, then DATA. `before_data` runs just before the body is handed over,
    the last moment at which we know for sure the server has not accepted the message."""
    smtp = connect(cfg, creds)
    try:
        try:
            check_reply(*smtp.mail(cfg.sender), ok=(250,), stage="MAIL FROM")
            check_reply(*smtp.rcpt(rcpt), ok=(250, 251), stage=f"RCPT TO <{rcpt}>")
            check_reply(*smtp.docmd("DATA"), ok=(354,), stage="DATA")
        except (OSError, smtplib.SMTPException) as exc:
            raise Attempt(f"envelope: {describe(exc)}", transient=True) from None
        before_data()
        try:
            smtp.send(dot_stuffed(msg.as_bytes()))
            code, text = smtp.getreply()
        except (OSError, smtplib.SMTPException) as exc:
            raise Attempt(f"DATA: {describe(exc)} after the message was handed over; it may or may not have been "
                          "accepted", transient=False, in_doubt=True) from None
        check_reply(code, text, ok=(250,), stage="DATA")
        return answer(code, text)
    finally:
        close(smtp)


def dot_stuffed(body: bytes) -> bytes:
    """The DATA payload (RFC 5321 4.5.2): CRLF line ends, leading dots doubled, ended by CRLF.CRLF."""
    body = re.sub(rb"\r\n|\n|\r", b"\r\n", body)
    body = re.sub(rb"(?m)^\.", b"..", body)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def deliver(cfg: SmtpConfig, creds: Credentials, msg: EmailMessage, rcpt: str,
            before_data: Callable[[], None] = lambda: None,
            sleep: Callable[[float], None] = time.sleep,
            on_retry: Callable[[int, str, float], None] = lambda _n, _r, _d: None) -> Outcome:
    """Try up to 1 + cfg.retries times, waiting retry_delay, then twice that, ... between tries."""
    delay = cfg.retry_delay
    attempts = 1 + cfg.retries
    for n in range(1, attempts + 1):
        try:
            reply = transmit(cfg, creds, msg, rcpt, before_data)
            return Outcome(SENT, redact(reply, creds.secrets), n)
        except Attempt as exc:
            reply = redact(exc.reply, creds.secrets)
            if exc.in_doubt:
                return Outcome(IN_DOUBT, reply, n)
            if not exc.transient or n == attempts:
                return Outcome(FAILED, reply + (f" (after {n} attempts)" if exc.transient else ""), n)
            on_retry(n, reply, delay)
            sleep(delay)
            delay = min(delay * 2, 300.0)
    raise AssertionError("unreachable")
