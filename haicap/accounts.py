"""Local dashboard accounts: who may sign in, with which role and province.

Accounts live in `DIR/secrets/users.json` (outside every warehouse, mode 0600), passwords as
argon2 hashes. After five failed sign-ins in a row an account is locked for fifteen minutes.
Every sign-in, failed sign-in, lockout and account change is appended to the audit log,
`DIR/audit/audit.jsonl`, which the dashboard also writes to (dossier-list views, exports).

Time is always passed in (`now`), so tests inject it instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

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

    # -- file handling: read-modify-write under an exclusive lock, replaced whole ------------

    @contextmanager
    def _locked(self) -> Iterator[dict[str, Account]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "w") as lock:
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
        account = self._read().get(name)
        if account is None:
            _HASHER.hash(password)  # same work as a real check: no timing oracle
            self.audit(name, "sign_in_failed", now, reason="unknown account")
            raise SignInRefused("Sai tên đăng nhập hoặc mật khẩu. / Wrong name or password.")
        if account.locked(now):
            self._refuse_locked(account, now)
        try:
            matched = _HASHER.verify(account.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            matched = False
        with self._locked() as accounts:
            account = accounts.get(name)
            if account is None:  # removed meanwhile
                raise SignInRefused("Sai tên đăng nhập hoặc mật khẩu. / Wrong name or password.")
            if account.locked(now):
                self._refuse_locked(account, now)
            if not matched:
                account.failures += 1
                detail = {"failures": account.failures}
                if account.failures >= MAX_FAILURES:
                    account.locked_until = (now + LOCKOUT).isoformat(timespec="seconds")
                    account.failures = 0
                    detail["locked_until"] = account.locked_until
                self.audit(name, "sign_in_failed", now, **detail)
                raise SignInRefused("Sai tên đăng nhập hoặc mật khẩu. / Wrong name or password.")
            account.failures, account.locked_until = 0, None
            if _HASHER.check_needs_rehash(account.password_hash):
                account.password_hash = _HASHER.hash(password)
        self.audit(name, "sign_in", now, role=account.role, province=account.province)
        return account

    def _refuse_locked(self, account: Account, now: dt.datetime) -> None:
        self.audit(account.name, "sign_in_refused_locked", now)
        raise SignInRefused(
            "Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau "
            f"{account.locked_until[11:16]}. / Account locked after repeated failures; "
            f"try again after {account.locked_until[11:16]}."
        )

    # -- the audit log -------------------------------------------------------------------------

    def audit(self, actor: str, event: str, now: dt.datetime, **detail) -> None:
        """Append one line: time, the account acting, event, and what was seen or done."""
        self.audit_path.parent.mkdir(parents=True, exist_ok=True)
        line = {"at": now.isoformat(timespec="seconds"), "account": actor, "event": event}
        line.update({k: v for k, v in detail.items() if v is not None})
        with open(self.audit_path, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")

    def audit_lines(self) -> list[dict]:
        if not self.audit_path.exists():
            return []
        return [json.loads(x) for x in self.audit_path.read_text(encoding="utf-8").splitlines()]


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


def ensure_demo_accounts(store: AccountStore, now: dt.datetime) -> list[tuple[str, str, str]]:
    """Create the demo accounts that do not exist yet, each with a fresh random password.
    Returns (name, role and scope, password) for those created: the caller prints them once;
    they are stored only as hashes."""
    import secrets

    created = []
    existing = {a.name for a in store.list()}
    for name, role, province in DEMO_ACCOUNTS:
        if name in existing:
            continue
        password = secrets.token_urlsafe(12)
        account = store.add(name, role, province, password, now)
        created.append((name, f"{role}, {account.scope_label}", password))
    return created
