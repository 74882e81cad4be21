"""Config: a good table loads; every kind of mistake names its key and the problem."""
from __future__ import annotations

import tomllib

import pytest

from deliver_support import pyproject_text
from dbreport.deliver.config import ConfigError, config_from_table, load_config, read_credentials


def table(text: str) -> dict:
    return tomllib.loads(text)["tool"]["dbreport"]


def test_example_config_loads(tmp_path):
    (tmp_path / "pyproject.toml").write_text(pyproject_text(1025), encoding="utf-8")
    cfg = load_config(tmp_path)
    assert cfg.smtp.host == "127.0.0.1" and cfg.smtp.port == 1025 and cfg.smtp.security == "none"
    assert [r.lang for r in cfg.recipients] == ["vi", "en", "vi"]
    assert cfg.recipients[0].name == "Nguyễn Thị Hoa"
    assert cfg.state_dir == tmp_path.resolve() / ".state"
    assert cfg.outbox == tmp_path.resolve() / "build" / "outbox"


def test_the_projects_own_pyproject_example_is_valid():
    """The example appended to the repository's pyproject.toml must stay loadable."""
    from deliver_support import HERE
    root = HERE.parents[1]
    if "[tool.dbreport.smtp]" not in (root / "pyproject.toml").read_text(encoding="utf-8"):
        pytest.skip("no [tool.dbreport] example in pyproject.toml yet")
    cfg = load_config(root)
    assert {r.lang for r in cfg.recipients} == {"vi", "en"}


def with_change(path: list[str], value) -> dict:
    t = table(pyproject_text(1025))
    node = t
    for k in path[:-1]:
        node = node[int(k)] if isinstance(node, list) else node[k]
    if value is DELETE:
        del node[path[-1]]
    elif isinstance(node, list):
        node[int(path[-1])] = value
    else:
        node[path[-1]] = value
    return t


DELETE = object()


@pytest.mark.parametrize("path, value, key, problem", [
    (["smtp", "host"], DELETE, "tool.dbreport.smtp.host", "is required"),
    (["smtp", "port"], 70000, "tool.dbreport.smtp.port", "from 1 to 65535"),
    (["smtp", "port"], "25", "tool.dbreport.smtp.port", "whole number"),
    (["smtp", "security"], "tls", "tool.dbreport.smtp.security", "starttls, ssl, none"),
    (["smtp", "sender"], "not-an-address", "tool.dbreport.smtp.sender", "not an email address"),
    (["smtp", "password"], "hunter2", "tool.dbreport.smtp.password", "not stored in the config"),
    (["smtp", "password_env"], "MY PASSWORD", "tool.dbreport.smtp.password_env", "NAME of an environment variable"),
    (["smtp", "password_env"], "PW", "tool.dbreport.smtp.username_env", "required when password_env"),
    (["smtp", "ca_file"], "/nonexistent/ca.pem", "tool.dbreport.smtp.ca_file", "no such file"),
    (["smtp", "retries"], -1, "tool.dbreport.smtp.retries", "from 0 to 20"),
    (["smtp", "hots"], "x", "tool.dbreport.smtp.hots", "unknown setting"),
    (["smtp"], DELETE, "tool.dbreport.smtp", "missing"),
    (["recipients"], DELETE, "tool.dbreport.recipients", "no recipients"),
    (["recipients"], [], "tool.dbreport.recipients", "non-empty"),
    (["recipients", "1", "lang"], "fr", "tool.dbreport.recipients[1].lang", "vi, en"),
    (["recipients", "0", "email"], "hoa.example.org", "tool.dbreport.recipients[0].email", "not an email address"),
    (["recipients", "2", "email"], "HOA@example.org", "tool.dbreport.recipients[2].email", "already listed"),
    (["recipients", "1", "briefs"], "meeting", "tool.dbreport.recipients[1].briefs", "list of brief ids"),
    (["recipients", "1", "language"], "en", "tool.dbreport.recipients[1].language", "unknown setting"),
    (["delivery"], {"state": "x"}, "tool.dbreport.delivery.state", "unknown setting"),
])
def test_invalid_config_names_key_and_problem(tmp_path, path, value, key, problem):
    with pytest.raises(ConfigError) as err:
        config_from_table(with_change(path, value), tmp_path)
    assert err.value.key == key
    assert problem in str(err.value) and str(err.value).startswith(key + ":")


def test_password_in_clear_only_to_a_local_relay(tmp_path):
    t = with_change(["smtp", "host"], "mail.example.org")
    t["smtp"].update(username_env="U", password_env="P")
    with pytest.raises(ConfigError, match=r"smtp.security: 'none' would send the password in clear text"):
        config_from_table(t, tmp_path)
    t["smtp"]["security"] = "starttls"
    assert config_from_table(t, tmp_path).smtp.password_env == "P"


def test_credentials_come_from_the_named_variables(tmp_path):
    t = table(pyproject_text(1025))
    t["smtp"].update(username_env="DBR_USER", password_env="DBR_PASS")
    cfg = config_from_table(t, tmp_path)
    creds = read_credentials(cfg.smtp, {"DBR_USER": "briefs", "DBR_PASS": "pw-123"})
    assert (creds.username, creds.password) == ("briefs", "pw-123")
    assert "pw-123" not in repr(creds) and "pw-123" not in repr(cfg)
    with pytest.raises(ConfigError, match=r"smtp.password_env: environment variable DBR_PASS is not set"):
        read_credentials(cfg.smtp, {"DBR_USER": "briefs"})


@pytest.mark.parametrize("patterns, brief_id, kind, wanted", [
    (["*"], "2024-H1", "period", True),
    (["meeting"], "meeting", "meeting", True),
    (["meeting"], "2024-H1", "period", False),
    (["period"], "2024-H1", "period", True),
    (["2024-*"], "2024-H1", "period", True),
    (["2024-*"], "2021-2025", "period", False),
])
def test_recipient_brief_patterns(patterns, brief_id, kind, wanted):
    from dbreport.deliver.config import Recipient
    assert Recipient("", "a@example.org", "vi", tuple(patterns)).wants(brief_id, kind) is wanted


def test_an_accented_domain_is_held_in_its_idna_form(tmp_path):
    """`a@exämple.org` passed the check, then failed when the message was written: the check now
    gives the form every later step uses (RFC 5890; the same as Python's own `idna` codec gives), for
    the sender and for a recipient."""
    text = pyproject_text(1025, recipients=[("Ä", "a@exämple.org", "vi", ["*"])])
    (tmp_path / "pyproject.toml").write_text(text.replace("briefs@example.org", "briefs@bộkếhoạch.vn"), encoding="utf-8")
    cfg = load_config(tmp_path)
    assert (cfg.smtp.sender, cfg.recipients[0].email) == ("briefs@xn--bkhoch-zc8bmjqi.vn", "a@xn--exmple-cua.org")


@pytest.mark.parametrize(("address", "problem"), [
    ("hoà@example.org", "local-part contains non-ASCII characters"),
    ("a@exa mple.org", "not an email address"),
    ("a@-exämple.org", "the domain is not a valid internationalised name"),
])
def test_an_address_no_server_can_take_is_refused_at_the_check(tmp_path, address, problem):
    with pytest.raises(ConfigError) as err:
        config_from_table(with_change(["recipients", "0", "email"], address), tmp_path)
    assert err.value.key == "tool.dbreport.recipients[0].email" and problem in str(err.value)


def test_a_pyproject_that_is_not_utf8_is_one_line(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(pyproject_text(1025).replace("Sở Kế", "Sé Kế").encode("cp1258", "replace"))
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert str(err.value).startswith(f"tool.dbreport: {tmp_path / 'pyproject.toml'} is not UTF-8 text (byte 0x")
