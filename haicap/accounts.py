"""Local dashboard accounts: who may sign in, with which role and province.

Accounts live in `DIR/secrets/users.json` (outside every warehouse, mode 0600), passwords as
argon2 hashes. After five failed sign-ins in a row an account is locked for fifteen minutes.
Every sign-in, failed sign-in, lockout and account change is appended to the audit log,
`DIR/audit/audit.jsonl` (owner-only), which the dashboard also writes to (dossier-list
views, exports). A name that is no account is never written as typed (it may be a password
typed into the wrong box): the log holds a keyed fingerprint of it. Failures that name no
account and refusals of a locked account are written at most `NOISY_PER_MINUTE` a minute,
and a name that is no account locks as an account would, with the same reply, so neither
the log's size nor the replies tell anyone which names exist.

Time is always passed in (`now`), so tests inject it instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from warehouse.paths import DataDir

ROLES = ("leader", "council", "journalist", "admin")
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
SESSION_IDLE = dt.timedelta(minutes=30)
MIN_PASSWORD = 10
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
_HASHER = PasswordHasher()
# Longest text of one field of an audit line: an account name, or any other detail.
AUDIT_NAME_MAX = 64
AUDIT_TEXT_MAX = 256
# Audit lines a minute, per process, for failures that name no account and refusals of a
# locked account: the events anyone can cause without knowing a password.
NOISY_PER_MINUTE = 30
# Names that are no account whose failures are counted (for their pretend lockout).
UNKNOWN_NAMES_TRACKED = 10_000
WRONG = "Sai tên đăng nhập hoặc mật khẩu. / Wrong name or password."


class AccountError(Exception):
    """A request about accounts that cannot be done; the message says why."""


class SignInRefused(Exception):
    """Wrong name or password, or a locked account (the message says which, politely)."""


@dataclass
class Account:
    name: str
    role: str
    province: str | None
    password_hash: str
    failures: int = 0
    locked_until: str | None = None
    created_at: str = ""

    @property
    def scope_label(self) -> str:
        return f"province {self.province}" if self.province else "the whole country"

    def locked(self, now: dt.datetime) -> bool:
        return bool(self.locked_until) and dt.datetime.fromisoformat(self.locked_until) > now


def _operator() -> str:
    """Who ran the account command (the machine's user: accounts are managed from the shell)."""
    import getpass

    return f"cli:{getpass.getuser()}"


def _province_codes() -> set[str]:
    from vietnam_provinces import Province

    return {f"{int(p.code):02d}" for p in Province.iter_all()}


def check_new(name: str, role: str, province: str | None) -> str | None:
    """Validate a new account; returns the normalised province code."""
    if not _NAME.fullmatch(name):
        raise AccountError(
            f"{name!r}: names are 2-40 characters of a-z, 0-9, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    if role not in ROLES:
        raise AccountError(f"role {role!r}: one of {', '.join(ROLES)}")
    if province is not None:
        if not province.isdigit() or f"{int(province):02d}" not in _province_codes():
            raise AccountError(f"province {province!r} is not one of the 34 province codes")
        province = f"{int(province):02d}"
    if role == "council" and province is None:
        raise AccountError("a council account oversees one province: give --province CODE")
    if role in ("journalist", "admin") and province is not None:
        raise AccountError(f"a {role} account has no province")
    return province


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password needs at least {MIN_PASSWORD} characters")


class AccountStore:
    """The accounts file and the audit log of one data folder."""

    def __init__(self, data: DataDir):
        self.path = data.root / "secrets" / "users.json"
        self.audit_path = data.root / "audit" / "audit.jsonl"
        self.audit_key_path = data.root / "secrets" / "audit_key"

    # -- file handling: read-modify-write under an exclusive lock, replaced whole ------------

    @contextmanager
    def _locked(self) -> Iterator[dict[str, Account]]:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(self.path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            accounts = self._read()
            try:
                yield accounts
            finally:  # a refused sign-in still counts its failure
                self._write(accounts)

    def _read(self) -> dict[str, Account]:
        if not self.path.exists():
            return {}
        rows = json.loads(self.path.read_text(encoding="utf-8"))
        return {row["name"]: Account(**row) for row in rows}

    def _write(self, accounts: dict[str, Account]) -> None:
        temporary = self.path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump([asdict(a) for a in accounts.values()], handle, ensure_ascii=False, indent=1)
        os.replace(temporary, self.path)

    # -- what the command line does ----------------------------------------------------------

    def add(
        self, name: str, role: str, province: str | None, password: str, now: dt.datetime
    ) -> Account:
        province = check_new(name, role, province)
        check_password(password)
        with self._locked() as accounts:
            if name in accounts:
                raise AccountError(f"{name!r} exists already (use `haicap users passwd`)")
            account = Account(
                name,
                role,
                province,
                _HASHER.hash(password),
                created_at=now.isoformat(timespec="seconds"),
            )
            accounts[name] = account
        self.audit(_operator(), "account_added", now, target=name, role=role, province=province)
        return account

    def remove(self, name: str, now: dt.datetime) -> None:
        with self._locked() as accounts:
            if name not in accounts:
                raise AccountError(f"no account {name!r}")
            del accounts[name]
        self.audit(_operator(), "account_removed", now, target=name)

    def passwd(self, name: str, password: str, now: dt.datetime) -> None:
        check_password(password)
        with self._locked() as accounts:
            if name not in accounts:
                raise AccountError(f"no account {name!r}")
            account = accounts[name]
            account.password_hash = _HASHER.hash(password)
            account.failures, account.locked_until = 0, None
        self.audit(_operator(), "password_changed", now, target=name)

    def list(self) -> list[Account]:
        return sorted(self._read().values(), key=lambda a: a.name)

    def get(self, name: str) -> Account | None:
        return self._read().get(name)

    # -- signing in ----------------------------------------------------------------------------

    def sign_in(self, name: str, password: str, now: dt.datetime) -> Account:
        """The account, or SignInRefused. Failures count towards a lockout.

        The password is checked outside the accounts file's lock (an argon2 check takes a
        tenth of a second or more, and a burst of sign-ins queued behind it); the lock is
        held to read the account and to record the outcome, and the lockout is checked
        again then, so a check that raced a lockout still counts as refused."""
        account = self._read().get(name) if _NAME.fullmatch(name) else None
        if account is None:
            self._refuse_unknown(name, password, now)
        if account.locked(now):
            _password_matches(account.password_hash, password)  # same work as any other reply
            self._refuse_locked(account.name, account.locked_until, now)
        matched = _password_matches(account.password_hash, password)
        with self._locked() as accounts:
            account = accounts.get(name)
            if account is None:  # removed meanwhile
                raise SignInRefused(WRONG)
            if account.locked(now):
                self._refuse_locked(account.name, account.locked_until, now)
            if not matched:
                account.failures += 1
                detail = {"failures": account.failures}
                if account.failures >= MAX_FAILURES:
                    account.locked_until = (now + LOCKOUT).isoformat(timespec="seconds")
                    account.failures = 0
                    detail["locked_until"] = account.locked_until
                self.audit(name, "sign_in_failed", now, **detail)
                raise SignInRefused(WRONG)
            account.failures, account.locked_until = 0, None
            if _HASHER.check_needs_rehash(account.password_hash):
                account.password_hash = _HASHER.hash(password)
        self.audit(name, "sign_in", now, role=account.role, province=account.province)
        return account

    def _refuse_unknown(self, name: str, password: str, now: dt.datetime) -> None:
        """Refuse a name that is no account as a known one would be refused: one password
        check (against a dummy hash), failures counted, a lockout after MAX_FAILURES with
        the same reply. Logged as a fingerprint of the name, never the name."""
        _password_matches(_dummy_hash(), password)
        fingerprint = self.fingerprint(name)
        locked_until = _UNKNOWN.failed(str(self.path), fingerprint, now)
        if locked_until and locked_until != "now":
            self._refuse_locked(None, locked_until, now, fingerprint)
        detail = {"reason": "unknown account", "name_fingerprint": fingerprint}
        if locked_until == "now":
            detail["locked"] = True
        self.audit_noisy("?", "sign_in_failed", now, **detail)
        raise SignInRefused(WRONG)

    def _refuse_locked(
        self,
        name: str | None,
        locked_until: str,
        now: dt.datetime,
        fingerprint: str | None = None,
    ) -> None:
        self.audit_noisy(name or "?", "sign_in_refused_locked", now, name_fingerprint=fingerprint)
        raise SignInRefused(
            "Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau "
            f"{locked_until[11:16]}. / Account locked after repeated failures; "
            f"try again after {locked_until[11:16]}."
        )

    def fingerprint(self, name: str) -> str:
        """A short keyed hash of a name that is no account: the same name gives the same
        fingerprint (attempts can be told apart and followed), but nobody without the key
        (DIR/secrets/audit_key) can test a guess of what was typed against it."""
        return hmac.new(
            self._audit_key(), name.encode("utf-8", "replace"), hashlib.sha256
        ).hexdigest()[:12]

    def _audit_key(self) -> bytes:
        return _key_file(self.audit_key_path)

    def session_key(self) -> bytes:
        """The key that signs the dashboard's sign-in cookies (haicap/sessions.py)."""
        return _key_file(self.audit_key_path.with_name("session_key"))

    # -- the audit log -------------------------------------------------------------------------

    def audit(self, actor: str, event: str, now: dt.datetime, **detail) -> None:
        """Append one line: time, the account acting, event, and what was seen or done.
        Every text is bounded and its unprintable characters escaped: a line is one line of
        a readable size whatever a client sent."""
        line = {
            "at": now.isoformat(timespec="seconds"),
            "account": _bounded(actor, AUDIT_NAME_MAX),
            "event": event,
        }
        line.update({k: _bounded_value(v) for k, v in detail.items() if v is not None})
        folder = self.audit_path.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(self.audit_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        # A log made before it was created owner-only (or by a looser hand) is closed now.
        if os.fstat(descriptor).st_mode & 0o077:
            os.fchmod(descriptor, 0o600)
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")

    def audit_noisy(self, actor: str, event: str, now: dt.datetime, **detail) -> None:
        """`audit`, for the events anyone can cause (see NOISY_PER_MINUTE): beyond the
        minute's budget the line is not written, only counted, and the next line written
        says how many were left out (`unlogged`)."""
        unlogged = _NOISE.take(str(self.audit_path), now)
        if unlogged is None:
            return
        self.audit(actor, event, now, **detail, unlogged=unlogged or None)

    def audit_lines(self) -> list[dict]:
        if not self.audit_path.exists():
            return []
        return [json.loads(x) for x in self.audit_path.read_text(encoding="utf-8").splitlines()]


def _key_file(path: Path) -> bytes:
    """A secret key kept in `path` (owner-only), made on first use; written whole under a
    temporary name and linked into place, so a process reading it meanwhile never sees it
    half made."""
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(temporary, path)
        except FileExistsError:  # another process made it meanwhile: theirs is the key
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip().encode()


def _bounded(text: str, limit: int) -> str:
    """`text` with unprintable characters escaped (control characters, line and paragraph
    separators, direction overrides), cut to `limit` characters."""
    text = str(text)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded_value(value):
    if isinstance(value, str):
        return _bounded(value, AUDIT_TEXT_MAX)
    return value


_DUMMY: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash made by the current hasher, to check passwords against for names that are no
    account: the same argon2 work as a real check, so replies take as long."""
    key = id(_HASHER)
    if key not in _DUMMY:
        _DUMMY[key] = _HASHER.hash(secrets.token_urlsafe(16))
    return _DUMMY[key]


def _password_matches(password_hash: str, password: str) -> bool:
    """Whether `password` matches; every sign-in reply runs exactly one of these."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


class _UnknownNames:
    """Failures of names that are no account, by fingerprint, per accounts file, counted as
    an account's are (MAX_FAILURES, then locked for LOCKOUT). In memory and bounded: the
    oldest names are forgotten first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.names: OrderedDict[tuple[str, str], tuple[int, str | None]] = OrderedDict()

    def failed(self, store: str, fingerprint: str, now: dt.datetime) -> str | None:
        """Count a failure. Returns the end of a lockout already running (the reply is then
        "locked"), "now" when this failure starts one, else None."""
        key = (store, fingerprint)
        with self.lock:
            failures, until = self.names.pop(key, (0, None))
            if until and dt.datetime.fromisoformat(until) > now:
                self.names[key] = (failures, until)
                return until
            failures += 1
            started = None
            if failures >= MAX_FAILURES:
                failures, until = 0, (now + LOCKOUT).isoformat(timespec="seconds")
                started = "now"
            else:
                until = None
            self.names[key] = (failures, until)
            while len(self.names) > UNKNOWN_NAMES_TRACKED:
                self.names.popitem(last=False)
            return started


class _Noise:
    """The per-minute budget of `AccountStore.audit_noisy`, per audit log."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.minute: dict[str, tuple[str, int, int]] = {}  # log -> (minute, written, unlogged)

    def take(self, log: str, now: dt.datetime) -> int | None:
        """None: over budget, do not write. Else write, saying how many were left out."""
        minute = now.isoformat(timespec="minutes")
        with self.lock:
            current, written, unlogged = self.minute.get(log, (minute, 0, 0))
            if current != minute:
                current, written = minute, 0
            if written >= NOISY_PER_MINUTE:
                self.minute[log] = (current, written, unlogged + 1)
                return None
            self.minute[log] = (current, written + 1, 0)
            return unlogged


_UNKNOWN = _UnknownNames()
_NOISE = _Noise()


def session_expired(
    last_seen: dt.datetime, now: dt.datetime, idle: dt.timedelta = SESSION_IDLE
) -> bool:
    """A signed-in session ends after `idle` without activity."""
    return now - last_seen > idle


DEMO_ACCOUNTS = (
    # name, role, province: a leader of Huế, a council member of Điện Biên, a national leader,
    # and a journalist (who uses the public edition and needs no account, but can try one).
    ("demo.hue", "leader", "46"),
    ("demo.dienbien", "council", "11"),
    ("demo.quocgia", "leader", None),
)


def demo_accounts(provinces: Sequence[str] | None = None) -> list[tuple[str, str, str | None]]:
    """The demo accounts for a world of `provinces` (None: all 34): a province's leader and a
    council member of provinces the world holds (Huế's and Điện Biên's when it holds them, else
    its first provinces, named by code: `demo.leader79`), and a national leader. An account for
    a province the world lacks would open a dashboard with no number on it."""
    if provinces is None:
        return list(DEMO_ACCOUNTS)
    held = sorted({f"{int(code):02d}" for code in provinces})
    chosen: list[tuple[str, str, str | None]] = []
    for name, role, province in DEMO_ACCOUNTS:
        if province is None or province in held:
            chosen.append((name, role, province))
            continue
        taken = {p for _, _, p in chosen}
        free = [code for code in held if code not in taken] or held
        if free:
            chosen.append((f"demo.{role}{free[0]}", role, free[0]))
    return chosen


def ensure_demo_accounts(
    store: AccountStore, now: dt.datetime, provinces: Sequence[str] | None = None
) -> list[tuple[str, str, str]]:
    """Create the demo accounts of a world of `provinces` (demo_accounts) that do not exist
    yet, each with a fresh random password. Returns (name, role and scope, password) for those
    created: the caller prints them once; they are stored only as hashes."""
    import secrets

    created = []
    existing = {a.name for a in store.list()}
    for name, role, province in demo_accounts(provinces):
        if name in existing:
            continue
        password = secrets.token_urlsafe(12)
        account = store.add(name, role, province, password, now)
        created.append((name, f"{role}, {account.scope_label}", password))
    return created
