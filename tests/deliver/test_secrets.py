"""The SMTP password never lands in logs, ledger, outbox, summaries or exception text."""
from __future__ import annotations

import base64

from click.testing import CliRunner

from deliver_support import PASSWORD, LineServer, Server
from dbreport.deliver.cli import deliveries, monthly, send
from deliver_fakes import fake_build
from test_smtp import authenticator

AUTH = '\nusername_env = "DBR_TEST_USER"\npassword_env = "DBR_TEST_PASSWORD"\n'


def forms_of(secret: str) -> list[bytes]:
    raw = secret.encode()
    return [raw, secret.encode("latin-1", "replace"), base64.b64encode(raw),
            base64.b64encode(b"\0briefs\0" + raw), base64.b64encode(b"briefs\0briefs\0" + raw), raw.hex().encode()]


def all_bytes_under(folder) -> list[tuple[str, bytes]]:
    return [(str(p), p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


def test_password_appears_nowhere(make_project, monkeypatch, tmp_path):
    monkeypatch.setattr("dbreport.deliver.monthly.default_build", fake_build)
    runner = CliRunner()
    outputs = []
    with Server(authenticator=authenticator, auth_require_tls=False) as server:
        project = make_project(server.port, extra_smtp=AUTH)
        fake_build(project)
        good = {"DBR_TEST_USER": "briefs", "DBR_TEST_PASSWORD": PASSWORD}
        bad = {"DBR_TEST_USER": "briefs", "DBR_TEST_PASSWORD": PASSWORD + "-but-wrong"}
        root = str(project.root)

        server.handler.rcpt_script["jane@example.org"] = ["550 5.1.1 unknown"]
        for args, env in ([["--dry-run"], good], [[], bad], [[], good], [["--resend"], good]):
            result = runner.invoke(send, ["--project", root, *args], env=env)
            outputs.append(result.output + repr(result.exception))
        outputs.append(runner.invoke(monthly, ["--project", root, "--force-build"], env=good).output)
        outputs.append(runner.invoke(deliveries, ["--project", root, "--limit", "0"]).output)
        assert len(server.handler.to("hoa@example.org")) == 2  # the good runs did send

        # a library that put the password in an exception: the internal-error path must scrub it
        def leaky(*_a, **_k):
            raise RuntimeError(f"could not log in with {PASSWORD}")
        from dbreport.deliver.config import load_config
        from dbreport.deliver.send import send_with_lock
        report = send_with_lock(project.root, project.out, load_config(project.root), resend=True,
                                only_to=["hoa@example.org"], deliver=leaky, environ=good)
        outputs.append(report.summary())
        assert "internal error: RuntimeError: could not log in with ***" in report.summary()

    haystack = all_bytes_under(project.root / ".state") + all_bytes_under(project.out)
    haystack += [("cli output", o.encode()) for o in outputs]
    assert any(name.endswith(".log") for name, _ in haystack) and any(name.endswith(".eml") for name, _ in haystack)
    assert any(name.endswith(".sqlite") for name, _ in haystack)
    for name, data in haystack:
        for form in forms_of(PASSWORD):
            assert form not in data, f"password found in {name}"
    assert "535" in "".join(outputs)  # the wrong password was reported, as the server's answer only


def echoing(line: str) -> str | None:
    """A server that quotes each AUTH command back in its (temporary) refusal."""
    verb = line.split(" ", 1)[0].upper()
    if verb == "EHLO":
        return "250-echo.test\r\n250 AUTH PLAIN LOGIN"
    if verb == "AUTH":
        return f"454 4.7.0 cannot check {line} now"
    return {"QUIT": "221 bye"}.get(verb, "250 OK")


def test_what_is_made_of_the_password_appears_nowhere(make_project):
    """The AUTH PLAIN token (base64 of user NUL user NUL password) echoed by the server must not
    reach the console, the ledger or the run log: not only the password is secret."""
    runner = CliRunner()
    env = {"DBR_TEST_USER": "briefs", "DBR_TEST_PASSWORD": PASSWORD}
    with LineServer(echoing) as server:
        project = make_project(server.port, extra_smtp=AUTH)
        fake_build(project)
        result = runner.invoke(send, ["--project", str(project.root), "--to", "hoa@example.org"], env=env)
    token = base64.b64encode(b"\0briefs\0" + PASSWORD.encode())
    assert any(token.decode() in line for line in server.lines)  # the token did go out, and came back
    assert result.exit_code == 1 and "454 4.7.0 cannot check AUTH PLAIN *** now" in result.output
    haystack = all_bytes_under(project.root / ".state") + [("cli output", result.output.encode())]
    assert any(name.endswith(".log") for name, _ in haystack) and any(name.endswith(".sqlite") for name, _ in haystack)
    for name, data in haystack:
        for form in forms_of(PASSWORD):
            assert form not in data, f"a form of the password found in {name}"
