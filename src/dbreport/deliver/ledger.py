"""The delivery ledger: an SQLite file in the state folder (default `.state/`, not `build/`).

It lives outside `build/` so that `rm -rf build/` (or a rebuild) never forgets what was sent.
Every message goes through these states, each committed before the next step:

  pending    recorded; nothing has been handed to the server yet
  in_doubt   the message body is being handed over (SMTP DATA); if the run dies here we cannot
             know whether the server accepted it
  sent       the server answered 250 to DATA
  failed     the server refused it (5xx), or transient errors outlasted the retries
  abandoned  a `pending` row left by an interrupted run: provably never transmitted
  superseded an `in_doubt` row whose briefs have since reached the recipient in another message

A brief counts as delivered to a recipient when a `sent` message to them carried that brief's
exact PDF (id, language, sha256). See docs/delivery.md for the in-doubt policy.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id           INTEGER PRIMARY KEY,
    run_id       TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    name         TEXT NOT NULL,
    lang         TEXT NOT NULL,
    digest       TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    subject      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending','in_doubt','sent','failed','abandoned','superseded')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    reply        TEXT NOT NULL DEFAULT '',
    forced       INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_recipient ON messages (recipient, digest);
CREATE TABLE IF NOT EXISTS message_items (
    message_id   INTEGER NOT NULL REFERENCES messages(id),
    brief_id     TEXT NOT NULL,
    lang         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    title        TEXT NOT NULL,
    PRIMARY KEY (message_id, brief_id, lang)
);
"""

Item = tuple[str, str, str]  # (brief id, lang, pdf sha256)


@dataclass(frozen=True)
class Entry:
    """One ledger row, as `dbreport deliveries` shows it."""

    id: int
    run_id: str
    recipient: str
    name: str
    lang: str
    digest: str
    message_id: str
    subject: str
    status: str
    attempts: int
    reply: str
    forced: bool
    created_at: str
    updated_at: str
    briefs: tuple[str, ...]


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Ledger:
    """Every write commits at once: the file on disk is always the truth after a crash."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # addresses are personal data
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    @classmethod
    def in_state_dir(cls, state_dir: Path) -> "Ledger":
        return cls(Path(state_dir) / "deliveries.sqlite")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writes -------------------------------------------------------------------------------

    def record_pending(self, run_id: str, recipient: str, name: str, lang: str, digest: str, message_id: str,
                       subject: str, items: Iterable[tuple[str, str, str, str]], forced: bool = False) -> int:
        """Record a message before anything is sent; items are (brief id, lang, sha256, title)."""
        now = utc_now()
        with self.db:  # one transaction: the row and its items appear together or not at all
            self.db.execute("BEGIN IMMEDIATE")
            cur = self.db.execute(
                "INSERT INTO messages (run_id, recipient, name, lang, digest, message_id, subject, status, forced,"
                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,'pending',?,?,?)",
                (run_id, recipient.lower(), name, lang, digest, message_id, subject, int(forced), now, now))
            row_id = cur.lastrowid
            self.db.executemany("INSERT INTO message_items VALUES (?,?,?,?,?)",
                                [(row_id, brief, lang, sha, title) for brief, lang, sha, title in items])
        return row_id

    def mark(self, row_id: int, status: str, reply: str = "", attempts: int | None = None) -> None:
        sets, args = ["status = ?", "updated_at = ?"], [status, utc_now()]
        if reply:
            sets.append("reply = ?")
            args.append(reply)
        if attempts is not None:
            sets.append("attempts = ?")
            args.append(attempts)
        self.db.execute(f"UPDATE messages SET {', '.join(sets)} WHERE id = ?", (*args, row_id))

    def abandon_stale_pending(self) -> int:
        """Close `pending` rows of earlier runs: they never reached DATA, so they were not sent.

        Only call this while holding the run lock (no other run can be mid-send)."""
        cur = self.db.execute("UPDATE messages SET status = 'abandoned', updated_at = ?,"
                              " reply = 'run interrupted before transmission; nothing was sent'"
                              " WHERE status = 'pending'", (utc_now(),))
        return cur.rowcount

    def supersede_in_doubt(self, recipient: str, by_row: int) -> int:
        """Retire in-doubt rows that no longer hold anything back: every brief they carried has since
        been accepted in another message. Their own fate stays unknown, and the note says so."""
        delivered = self.delivered(recipient)
        retired = 0
        for (row_id,) in self.db.execute("SELECT id FROM messages WHERE recipient = ? AND status = 'in_doubt'",
                                         (recipient.lower(),)).fetchall():
            items = {tuple(r) for r in self.db.execute(
                "SELECT brief_id, lang, sha256 FROM message_items WHERE message_id = ?", (row_id,))}
            if items <= delivered:
                self.db.execute("UPDATE messages SET status = 'superseded', updated_at = ?, reply = reply || ?"
                                " WHERE id = ?", (utc_now(), f" [superseded: delivered by #{by_row}]", row_id))
                retired += 1
        return retired

    def resolve_in_doubt(self, row_id: int, status: str) -> bool:
        """An operator's verdict on an in-doubt message: 'sent' (it arrived) or 'failed' (it did not)."""
        cur = self.db.execute("UPDATE messages SET status = ?, updated_at = ?, reply = reply || ? WHERE id = ?"
                              " AND status = 'in_doubt'", (status, utc_now(), f" [marked {status} by operator]", row_id))
        return cur.rowcount == 1

    # -- reads --------------------------------------------------------------------------------

    def status_of(self, row_id: int) -> str | None:
        row = self.db.execute("SELECT status FROM messages WHERE id = ?", (row_id,)).fetchone()
        return row[0] if row else None

    def items_with_status(self, recipient: str, status: str) -> set[Item]:
        rows = self.db.execute(
            "SELECT i.brief_id, i.lang, i.sha256 FROM message_items i JOIN messages m ON m.id = i.message_id"
            " WHERE m.recipient = ? AND m.status = ?", (recipient.lower(), status))
        return {tuple(r) for r in rows}

    def delivered(self, recipient: str) -> set[Item]:
        """Briefs (id, lang, sha256) the server accepted for this recipient."""
        return self.items_with_status(recipient, "sent")

    def in_doubt(self, recipient: str) -> set[Item]:
        return self.items_with_status(recipient, "in_doubt")

    def count_sent(self, recipient: str, digest: str) -> int:
        """How often this content reached this recipient: a forced resend gets a new Message-ID (so a
        receiver that de-duplicates still shows it), a resend of an in-doubt message keeps its own."""
        return self.db.execute("SELECT count(*) FROM messages WHERE recipient = ? AND digest = ? AND status = 'sent'",
                               (recipient.lower(), digest)).fetchone()[0]

    def entries(self, limit: int | None = None, status: str | None = None, run_id: str | None = None) -> list[Entry]:
        sql = ("SELECT m.*, group_concat(i.brief_id, ', ') FROM messages m LEFT JOIN message_items i"
               " ON i.message_id = m.id")
        where, args = [], []
        if status:
            where.append("m.status = ?")
            args.append(status)
        if run_id:
            where.append("m.run_id = ?")
            args.append(run_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY m.id ORDER BY m.id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        out = []
        for r in self.db.execute(sql, args):
            *head, briefs = r
            e = list(head)
            e[11] = bool(e[11])
            out.append(Entry(*e, briefs=tuple(sorted((briefs or "").split(", "))) if briefs else ()))
        return out


def open_ledger(state_dir: Path) -> Ledger:
    return Ledger.in_state_dir(state_dir)
