"""Delivery settings, read from `[tool.dbreport]` in the report project's pyproject.toml.

We keep them in pyproject.toml (not a separate dbreport.toml) because a report project already
has one and DESIGN.md names `[tool.dbreport]` as the tool's home. Delivery uses three sub-tables:

  [tool.dbreport.smtp]          host, port, security, sender, sender_name, username_env,
                                password_env, ca_file, timeout, retries, retry_delay
  [tool.dbreport.delivery]      state_dir, outbox
  [[tool.dbreport.recipients]]  name, email, lang, briefs

Other keys of `[tool.dbreport]` belong to other stages and are left alone. Secrets are never in
the file: `username_env`/`password_env` NAME environment variables, read only when sending.
Every error names the full key and what is wrong with it, so a typo is a one-line fix.
"""
from __future__ import annotations

import base64
import fnmatch
import ipaddress
import os
import tomllib
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.errors import HeaderParseError
from pathlib import Path
from typing import Any, Mapping

import idna

SECURITY = ("starttls", "ssl", "none")
LANGS = ("vi", "en")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DELIVERY_TABLES = ("smtp", "delivery", "recipients")
LOCAL_HOSTS = ("localhost", "localhost.localdomain")


class ConfigError(ValueError):
    """An invalid or missing setting; the message starts with the key it is about."""

    def __init__(self, key: str, problem: str):
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}")


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    lang: str
    briefs: tuple[str, ...] = ("*",)

    def wants(self, brief_id: str, kind: str) -> bool:
        """True when one of the recipient's `briefs` patterns names this brief.

        A pattern is a brief id (`2024-H1`, `meeting`), a shell glob over ids (`2024-*`, `*`) or a
        brief kind (`period`, `meeting`)."""
        return any(p == kind or fnmatch.fnmatchcase(brief_id, p) for p in self.briefs)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str
    sender: str
    sender_name: str = ""
    username_env: str | None = None
    password_env: str | None = None
    ca_file: Path | None = None
    timeout: float = 30.0
    retries: int = 3
    retry_delay: float = 5.0


@dataclass(frozen=True)
class Credentials:
    """Username and password read from the environment; the password never appears in repr."""

    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def secrets(self) -> tuple[str, ...]:
        return secret_forms(self.username, self.password)


def secret_forms(username: str | None, password: str | None) -> tuple[str, ...]:
    """The password and what is made of it on the wire: the base64 that AUTH LOGIN sends and the
    AUTH PLAIN tokens (RFC 4616, with and without an authorisation identity). A server that
    echoes one back must not get the password into a log, the ledger or the console."""
    if not password:
        return ()
    user, secret = (username or "").encode(), password.encode()
    wire = (secret, b"\0" + user + b"\0" + secret, user + b"\0" + user + b"\0" + secret)
    forms = [password] + [base64.b64encode(w).decode("ascii") for w in wire]
    return tuple(sorted(set(forms), key=len, reverse=True))  # the longest first: a token holds the password's base64


@dataclass(frozen=True)
class DeliveryConfig:
    smtp: SmtpConfig
    recipients: tuple[Recipient, ...]
    state_dir: Path
    outbox: Path
    build_settings: Mapping[str, Any] = field(default_factory=dict)  # the rest of [tool.dbreport]


def load_config(root: Path, path: Path | None = None) -> DeliveryConfig:
    """Read and validate the delivery settings of the project at `root`."""
    path = Path(path) if path else Path(root) / "pyproject.toml"
    try:
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("tool.dbreport", f"no {path.name} at {path.parent}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("tool.dbreport", f"{path} is not valid TOML ({exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError("tool.dbreport", f"{path} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
                          f"at offset {exc.start}); TOML files are UTF-8") from None
    except OSError as exc:
        raise ConfigError("tool.dbreport", f"cannot read {path} ({exc.strerror or exc})") from None
    table = doc.get("tool", {}).get("dbreport")
    if not isinstance(table, dict):
        raise ConfigError("tool.dbreport", f"missing in {path}; see docs/delivery.md for an example")
    return config_from_table(table, Path(root).resolve())


def config_from_table(table: Mapping[str, Any], root: Path) -> DeliveryConfig:
    smtp = smtp_from_table(_table(table, "smtp", required=True), "tool.dbreport.smtp", root)
    delivery = _table(table, "delivery", required=False)
    _no_unknown_keys(delivery, ("state_dir", "outbox"), "tool.dbreport.delivery")
    state_dir = _path(delivery, "state_dir", "tool.dbreport.delivery", root, ".state")
    outbox = _path(delivery, "outbox", "tool.dbreport.delivery", root, "build/outbox")
    recipients = recipients_from_list(table.get("recipients"), "tool.dbreport.recipients")
    rest = {k: v for k, v in table.items() if k not in DELIVERY_TABLES}
    return DeliveryConfig(smtp, recipients, state_dir, outbox, rest)


def smtp_from_table(t: Mapping[str, Any], key: str, root: Path) -> SmtpConfig:
    allowed = ("host", "port", "security", "sender", "sender_name", "username_env", "password_env",
               "ca_file", "timeout", "retries", "retry_delay")
    for secret in ("password", "username", "user", "pass"):
        if secret in t:
            raise ConfigError(f"{key}.{secret}", f"credentials are not stored in the config; put the NAME of an "
                              f"environment variable in {key}.{'password' if 'pass' in secret else 'username'}_env")
    _no_unknown_keys(t, allowed, key)
    host = _str(t, "host", key, required=True)
    security = _str(t, "security", key, default="starttls")
    if security not in SECURITY:
        raise ConfigError(f"{key}.security", f"must be one of {', '.join(SECURITY)} (got {security!r})")
    port = _int(t, "port", key, default=DEFAULT_PORTS[security], low=1, high=65535)
    sender = _email(_str(t, "sender", key, required=True), f"{key}.sender")
    user_env = _env_name(t, "username_env", key)
    pass_env = _env_name(t, "password_env", key)
    if pass_env and not user_env:
        raise ConfigError(f"{key}.username_env", "is required when password_env is set")
    if pass_env and security == "none" and not is_local_host(host):
        raise ConfigError(f"{key}.security", f"'none' would send the password in clear text to {host}; "
                          "use starttls or ssl (or a relay on this machine)")
    ca_file = None
    if "ca_file" in t:
        ca_file = _path(t, "ca_file", key, root, None)
        if not ca_file.is_file():
            raise ConfigError(f"{key}.ca_file", f"no such file: {ca_file}")
    return SmtpConfig(
        host=host, port=port, security=security, sender=sender,
        sender_name=_str(t, "sender_name", key, default=""),
        username_env=user_env, password_env=pass_env, ca_file=ca_file,
        timeout=_number(t, "timeout", key, 30.0, low=0.1),
        retries=_int(t, "retries", key, default=3, low=0, high=20),
        retry_delay=_number(t, "retry_delay", key, 5.0, low=0.0),
    )


def recipients_from_list(items: Any, key: str) -> tuple[Recipient, ...]:
    if items is None:
        raise ConfigError(key, "no recipients; add at least one [[tool.dbreport.recipients]] table")
    if not isinstance(items, list) or not items:
        raise ConfigError(key, "must be a non-empty array of tables ([[tool.dbreport.recipients]])")
    out: list[Recipient] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        k = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(k, "must be a table with name, email, lang")
        _no_unknown_keys(item, ("name", "email", "lang", "briefs"), k)
        email = _email(_str(item, "email", k, required=True), f"{k}.email")
        if email.lower() in seen:
            raise ConfigError(f"{k}.email", f"{email} is already listed as recipients[{seen[email.lower()]}]")
        seen[email.lower()] = i
        lang = _str(item, "lang", k, required=True)
        if lang not in LANGS:
            raise ConfigError(f"{k}.lang", f"must be one of {', '.join(LANGS)} (got {lang!r})")
        briefs = item.get("briefs", ["*"])
        if not isinstance(briefs, list) or not briefs or not all(isinstance(b, str) and b for b in briefs):
            raise ConfigError(f"{k}.briefs", "must be a non-empty list of brief ids, globs or kinds, e.g. [\"meeting\", \"period\"]")
        out.append(Recipient(_str(item, "name", k, default=""), email, lang, tuple(briefs)))
    return tuple(out)


def read_credentials(smtp: SmtpConfig, environ: Mapping[str, str] | None = None) -> Credentials:
    """Read the username and password from the environment variables the config names.

    Called only when a message is really sent, so `--dry-run` works without them."""
    env = os.environ if environ is None else environ
    values = {}
    for attr in ("username_env", "password_env"):
        name = getattr(smtp, attr)
        if name is None:
            values[attr] = None
            continue
        if not env.get(name):
            raise ConfigError(f"tool.dbreport.smtp.{attr}", f"environment variable {name} is not set or empty")
        values[attr] = env[name]
    return Credentials(values["username_env"], values["password_env"])


def is_local_host(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _table(t: Mapping[str, Any], name: str, required: bool) -> Mapping[str, Any]:
    value = t.get(name)
    if value is None:
        if required:
            raise ConfigError(f"tool.dbreport.{name}", "missing; see docs/delivery.md for an example")
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"tool.dbreport.{name}", "must be a table")
    return value


def _no_unknown_keys(t: Mapping[str, Any], allowed: tuple[str, ...], key: str) -> None:
    for k in t:
        if k not in allowed:
            raise ConfigError(f"{key}.{k}", f"unknown setting; allowed here: {', '.join(allowed)}")


def _str(t: Mapping[str, Any], name: str, key: str, required: bool = False, default: str = "") -> str:
    if name not in t:
        if required:
            raise ConfigError(f"{key}.{name}", "is required")
        return default
    value = t[name]
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(f"{key}.{name}", f"must be a non-empty string (got {value!r})")
    return value.strip()


def _int(t: Mapping[str, Any], name: str, key: str, default: int, low: int, high: int) -> int:
    value = t.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{key}.{name}", f"must be a whole number from {low} to {high} (got {value!r})")
    return value


def _number(t: Mapping[str, Any], name: str, key: str, default: float, low: float) -> float:
    value = t.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low:
        raise ConfigError(f"{key}.{name}", f"must be a number of seconds >= {low} (got {value!r})")
    return float(value)


def _path(t: Mapping[str, Any], name: str, key: str, root: Path, default: str | None) -> Path:
    value = t.get(name, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key}.{name}", f"must be a path (got {value!r})")
    p = Path(os.path.expanduser(value))
    return p if p.is_absolute() else root / p


def _env_name(t: Mapping[str, Any], name: str, key: str) -> str | None:
    if name not in t:
        return None
    value = t[name]
    if not isinstance(value, str) or not value or not all(c.isalnum() or c == "_" for c in value) or value[0].isdigit():
        raise ConfigError(f"{key}.{name}", f"must be the NAME of an environment variable, like DBREPORT_SMTP_PASSWORD (got {value!r})")
    return value


def _email(value: str, key: str) -> str:
    try:
        return ascii_address(value)
    except ValueError as exc:
        raise ConfigError(key, str(exc)) from None


def ascii_address(value: str) -> str:
    """`value` as the address an SMTP server and a 7-bit header accept: an accented domain in its
    IDNA form (`a@exämple.org` -> `a@xn--exmple-cua.org`). The part before `@` must be ASCII: a
    Unicode one needs SMTPUTF8, which relays do not all offer. ValueError says what is wrong."""
    try:
        addr = Address(addr_spec=value)
    except (HeaderParseError, ValueError, IndexError) as exc:
        raise ValueError(f"not an email address: {value!r} ({exc})") from None
    if not addr.username or not addr.domain or "." not in addr.domain and addr.domain != "localhost":
        raise ValueError(f"not an email address: {value!r}")
    if addr.domain.isascii():
        return addr.addr_spec
    try:
        domain = idna.encode(addr.domain, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise ValueError(f"{value!r}: the domain is not a valid internationalised name ({exc})") from None
    return Address(username=addr.username, domain=domain).addr_spec
