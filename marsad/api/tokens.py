"""API tokens: created by ``marsad token create``, stored only as SHA-256 hashes.

A token is 32 random bytes (``secrets.token_urlsafe``), so a plain SHA-256 of it cannot be reversed
or guessed; the plaintext is shown once, at creation. The token file is a small SQLite database in
the data directory (``$MARSAD_HOME/tokens.sqlite``), independent of the event store, so the same
tokens serve whichever store the server opens.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from marsad.errors import ConfigError

PREFIX = "msd_"
_NAME = re.compile(r"^[A-Za-z0-9._@\-]{1,64}$")


def default_token_path() -> Path:
    from marsad.paths import data_home
    return data_home() / "tokens.sqlite"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class TokenStore:
    def __init__(self, path=None):
        self.path = Path(path) if path else default_token_path()

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path))
            conn.execute("CREATE TABLE IF NOT EXISTS tokens (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, "
                         "created_at TEXT NOT NULL, revoked_at TEXT)")
            return conn
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{self.path}: cannot open the token file ({exc})") from exc

    def create(self, name: str) -> str:
        """A new token for ``name``; returns the plaintext, which is not stored."""
        if not _NAME.match(name or ""):
            raise ConfigError(f"token name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'")
        token = PREFIX + secrets.token_urlsafe(32)
        conn = self._connect()
        try:
            with conn:
                if conn.execute("SELECT 1 FROM tokens WHERE name = ? AND revoked_at IS NULL", (name,)).fetchone():
                    raise ConfigError(f"token name {name!r} is taken; revoke it first or choose another name")
                conn.execute("DELETE FROM tokens WHERE name = ?", (name,))
                conn.execute("INSERT INTO tokens VALUES (?,?,?,NULL)", (name, _hash(token), _now()))
        finally:
            conn.close()
        return token

    def verify(self, token: Optional[str]) -> Optional[str]:
        """The name of a valid, unrevoked token, else None."""
        if not token or not token.startswith(PREFIX) or len(token) > 200:
            return None
        h = _hash(token)
        if not self.path.exists():
            return None
        conn = self._connect()
        try:
            rows = conn.execute("SELECT name, sha256 FROM tokens WHERE revoked_at IS NULL").fetchall()
        finally:
            conn.close()
        found = None
        for name, stored in rows:  # compare every row in constant time
            if hmac.compare_digest(stored, h):
                found = name
        return found

    def revoke(self, name: str) -> bool:
        conn = self._connect()
        try:
            with conn:
                cur = conn.execute("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (_now(), name))
            return cur.rowcount > 0
        finally:
            conn.close()

    def list(self) -> list[dict]:
        if not self.path.exists():
            return []
        conn = self._connect()
        try:
            return [{"name": n, "created_at": c, "revoked_at": r}
                    for n, c, r in conn.execute("SELECT name, created_at, revoked_at FROM tokens ORDER BY created_at, name")]
        finally:
            conn.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
