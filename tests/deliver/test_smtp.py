"""The SMTP layer against real servers: STARTTLS and implicit TLS with a self-signed certificate,
authentication, and how each kind of failure is classified."""
from __future__ import annotations

import shutil
import ssl
from dataclasses import replace
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import AuthResult

from deliver_support import PASSWORD, LineServer, Server, free_port, self_signed_cert
from dbreport.deliver import smtp
from dbreport.deliver.config import Credentials, SmtpConfig

NO_SLEEP = lambda _s: None  # noqa: E731


def message() -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "briefs@example.org", "hoa@example.org", "Bản tin"
    m.set_content("Xin chào\n.leading dot line\n")
    return m


def cfg(port: int, **kw) -> SmtpConfig:
    base = SmtpConfig(host="127.0.0.1", port=port, security="none", sender="briefs@example.org", retries=2,
                      retry_delay=0.01, timeout=5)
    return replace(base, **kw)


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("the openssl command is needed to make a test certificate (apt-get install openssl)")
    return self_signed_cert(tmp_path_factory.mktemp("tls"))


def server_context(cert) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*map(str, cert))
    return ctx


def test_starttls_with_a_trusted_self_signed_certificate(cert):
    with Server(tls_context=server_context(cert), require_starttls=True) as server:
        out = smtp.deliver(cfg(server.port, security="starttls", ca_file=cert[0]), Credentials(), message(),
                           "hoa@example.org", sleep=NO_SLEEP)
        assert out.status == "sent", out.reply
        (got,) = server.handler.received
        assert got.msg.get_content().splitlines() == ["Xin chào", ".leading dot line"]  # dot-stuffing round-trips


def test_starttls_refuses_an_untrusted_certificate_at_once(cert):
    with Server(tls_context=server_context(cert), require_starttls=True) as server:
        delays = []
        out = smtp.deliver(cfg(server.port, security="starttls"), Credentials(), message(), "hoa@example.org",
                           sleep=delays.append)
        assert out.status == "failed" and out.attempts == 1 and not delays
        assert "certificate not trusted" in out.reply and "ca_file" in out.reply
        assert not server.handler.received


def test_starttls_required_but_not_offered_is_permanent():
    with Server() as server:
        out = smtp.deliver(cfg(server.port, security="starttls"), Credentials(), message(), "hoa@example.org", sleep=NO_SLEEP)
        assert out.status == "failed" and "does not offer it" in out.reply


def test_implicit_tls(cert):
    with Server(ssl_context=server_context(cert)) as server:
        out = smtp.deliver(cfg(server.port, security="ssl", ca_file=cert[0]), Credentials(), message(),
                           "hoa@example.org", sleep=NO_SLEEP)
        assert out.status == "sent", out.reply
        assert len(server.handler.received) == 1


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"briefs" and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself


@pytest.mark.parametrize("password, status", [(PASSWORD, "sent"), (PASSWORD + "-wrong", "failed")])
def test_login_with_credentials(password, status):
    with Server(authenticator=authenticator, auth_require_tls=False) as server:
        out = smtp.deliver(cfg(server.port), Credentials("briefs", password), message(), "hoa@example.org", sleep=NO_SLEEP)
        assert out.status == status
        assert password not in out.reply
        if status == "failed":
            assert out.reply.startswith("AUTH: 535") and out.attempts == 1


@pytest.mark.parametrize("reply, status, attempts", [
    ("451 4.3.0 Try again later", "failed", 3),  # transient every time: retried, then given up
    ("452 4.2.2 Mailbox full", "failed", 3),
    ("550 5.1.1 No such user", "failed", 1),  # permanent: at once
    ("554 5.7.1 Rejected as spam", "failed", 1),
])
def test_replies_to_rcpt_are_classified(reply, status, attempts):
    with Server() as server:
        server.handler.rcpt_script["hoa@example.org"] = [reply] * 5
        out = smtp.deliver(cfg(server.port), Credentials(), message(), "hoa@example.org", sleep=NO_SLEEP)
        assert (out.status, out.attempts) == (status, attempts)
        assert reply in out.reply


def test_connection_dropped_after_the_body_is_in_doubt_and_not_retried():
    with Server() as server:
        server.handler.data_script[:] = ["drop"]
        marks = []
        out = smtp.deliver(cfg(server.port), Credentials(), message(), "hoa@example.org",
                           before_data=lambda: marks.append("in_doubt"), sleep=NO_SLEEP)
        assert out.status == "in_doubt" and out.attempts == 1 and marks == ["in_doubt"]
        assert "may or may not have been accepted" in out.reply
        assert len(server.handler.received) == 1  # the server did take it: a retry would have duplicated it


def test_refused_connection_backs_off_exponentially():
    delays = []
    out = smtp.deliver(cfg(free_port(), retries=3, retry_delay=0.5), Credentials(), message(), "hoa@example.org",
                       sleep=delays.append)
    assert out.status == "failed" and out.attempts == 4 and delays == [0.5, 1.0, 2.0]


@pytest.mark.parametrize("body, wire", [
    (b"a\r\nb", b"a\r\nb\r\n.\r\n"),
    (b".x\r\n", b"..x\r\n.\r\n"),
    (b"a\n.\nb\n", b"a\r\n..\r\nb\r\n.\r\n"),
])
def test_dot_stuffing(body, wire):
    assert smtp.dot_stuffed(body) == wire


def test_ascii_password_via_smtplib_login_mechanism():
    with Server(authenticator=authenticator, auth_require_tls=False, auth_exclude_mechanism=["PLAIN"]) as server:
        out = smtp.deliver(cfg(server.port), Credentials("briefs", "ascii-only"), message(), "hoa@example.org", sleep=NO_SLEEP)
        assert out.status == "failed" and out.reply.startswith("AUTH: 535")


def test_a_server_that_never_greets_is_reported_as_a_timeout():
    """smtplib raises `connection closed` on a timeout while waiting for a reply: the user must
    hear that the server said nothing, not that it hung up."""
    with LineServer(greeting=None) as server:
        outcome = smtp.deliver(cfg(server.port, timeout=0.3, retries=0), Credentials(), message(), "hoa@example.org",
                               sleep=NO_SLEEP)
    assert outcome.status == smtp.FAILED
    assert outcome.reply == f"connect to 127.0.0.1:{server.port}: no greeting from the server within 0.3 s (timed out) (after 1 attempts)"
