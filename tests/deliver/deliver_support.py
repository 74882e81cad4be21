"""Helpers for the delivery tests: a real SMTP server (aiosmtpd on 127.0.0.1), project config text."""
from __future__ import annotations

import email
import email.policy
import os
import socket
import subprocess
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"

PASSWORD = "s3cr3t-Pässwörd-xyzzy-42"
RECIPIENTS = [
    ("Nguyễn Thị Hoa", "hoa@example.org", "vi", ["*"]),
    ("Jane Smith", "jane@example.org", "en", ["*"]),
    ("Trần Văn Bình", "binh@example.org", "vi", ["meeting"]),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def msg(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)


@dataclass
class Recorder:
    """aiosmtpd handler that keeps what it accepted and answers from scripts.

    rcpt_script[address] = list of replies to give, in order, before accepting ("550 ..." forever
    if the list holds one permanent reply; "drop" cuts the connection); data_script = replies for the next DATA commands, where
    "drop" means accept the message but cut the connection before answering."""

    received: list[Received] = field(default_factory=list)
    rcpt_script: dict[str, list[str]] = field(default_factory=dict)
    data_script: list[str] = field(default_factory=list)
    rcpt_calls: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_calls += 1
        script = self.rcpt_script.get(address)
        if script:
            reply = script[0] if len(script) == 1 and script[0].startswith("5") else script.pop(0)
            if reply == "drop":  # cut the connection before the message: certainly not delivered
                server.transport.close()
                return "250 never seen by the client"
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_script:
            reply = self.data_script.pop(0)
            if reply == "drop":
                self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
                server.transport.close()
                return "250 never seen by the client"
            return reply
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


class Server:
    def __init__(self, **kwargs):
        self.handler = Recorder()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def pyproject_text(port: int, security: str = "none", extra_smtp: str = "", recipients=RECIPIENTS,
                   host: str = "127.0.0.1", build_settings: str = "") -> str:
    rcpts = "\n".join(
        f'[[tool.dbreport.recipients]]\nname = "{name}"\nemail = "{addr}"\nlang = "{lang}"\nbriefs = {briefs!r}\n'
        .replace("'", '"') for name, addr, lang, briefs in recipients)
    return textwrap.dedent(f"""\
        [project]
        name = "a-report-project"

        [tool.dbreport]
        {build_settings}

        [tool.dbreport.smtp]
        host = "{host}"
        port = {port}
        security = "{security}"
        sender = "briefs@example.org"
        sender_name = "Sở Kế hoạch và Đầu tư Điện Biên"
        retries = 3
        retry_delay = 0.01
        timeout = 5
        """) + extra_smtp + "\n" + rcpts


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost/127.0.0.1, made with the openssl command line."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(HERE), env.get("PYTHONPATH", "")])
    return env


class LineServer:
    """A misbehaving SMTP server on a real socket: `answer(line)` gives the reply to each command
    line (None: no reply). `greeting` None never greets. One connection at a time."""

    def __init__(self, answer=lambda line: None, greeting: str | None = "220 test ESMTP"):
        self.answer, self.greeting = answer, greeting
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as reader:
                if self.greeting:
                    conn.sendall(self.greeting.encode() + b"\r\n")
                for raw in reader:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    self.lines.append(line)
                    reply = self.answer(line)
                    if reply:
                        conn.sendall(reply.encode() + b"\r\n")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.sock.close()
