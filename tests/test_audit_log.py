"""The audit log: owner-only, one bounded line an event, never a name that is no account
(it may be a password typed into the wrong box), not to be grown without bound by
strangers; and sign-in replies that do not tell which names are accounts."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher

from haicap import accounts
from haicap.accounts import AccountStore, SignInRefused
from warehouse.paths import DataDir

NOW = dt.datetime(2025, 9, 1, 8, 0)
GOOD = "mật-khẩu-đủ-dài"


class _Counting:
    """A cheap argon2 hasher that counts the password checks and hashes it does."""

    def __init__(self) -> None:
        self.real = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
        self.work = 0

    def hash(self, password: str) -> str:
        self.work += 1
        return self.real.hash(password)

    def verify(self, hashed: str, password: str) -> bool:
        self.work += 1
        return self.real.verify(hashed, password)

    def check_needs_rehash(self, hashed: str) -> bool:
        return False


@pytest.fixture
def hasher(monkeypatch) -> _Counting:
    counting = _Counting()
    monkeypatch.setattr(accounts, "_HASHER", counting)
    return counting


@pytest.fixture
def store(data_dir, hasher) -> AccountStore:
    made = AccountStore(DataDir.resolve(data_dir))
    made.add("hue.lanhdao", "leader", "46", GOOD, NOW)
    return made


def _refused(store: AccountStore, name: str, password: str, now: dt.datetime = NOW) -> str:
    with pytest.raises(SignInRefused) as refused:
        store.sign_in(name, password, now)
    return str(refused.value)


def test_the_audit_log_is_owner_only_even_when_it_was_not(store, data_dir):
    (data_dir / "audit").chmod(0o755)
    store.audit_path.chmod(0o644)
    _refused(store, "hue.lanhdao", "sai-mật-khẩu")
    assert store.audit_path.stat().st_mode & 0o777 == 0o600
    assert (data_dir / "audit").stat().st_mode & 0o777 == 0o700


def test_a_fresh_audit_log_is_owner_only(data_dir, hasher):
    store = AccountStore(DataDir.resolve(data_dir))
    _refused(store, "nobody", "x")
    assert store.audit_path.stat().st_mode & 0o777 == 0o600
    assert (data_dir / "audit").stat().st_mode & 0o777 == 0o700


def test_a_huge_or_unprintable_name_makes_one_short_line(store):
    store.audit("a" * 100_000, "session_expired", NOW)
    store.audit("x\u202e\x1b[2J\u2028y", "session_expired", NOW, file="z" * 100_000)
    _refused(store, "b" * 100_000, "x")
    text = store.audit_path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == 2 + 2  # the account added, and the three events
    assert all(len(line) < 600 for line in lines)
    for raw in ("\u202e", "\x1b", "\u2028"):
        assert raw not in text


def test_a_password_typed_as_the_name_is_never_logged(store):
    secret = "Huế-mật-khẩu-2025!"
    _refused(store, secret, "anything")
    _refused(store, secret, "anything else")
    _refused(store, "someone.else", "anything")
    text = store.audit_path.read_text(encoding="utf-8")
    assert secret not in text and "someone.else" not in text
    failed = [e for e in store.audit_lines() if e["event"] == "sign_in_failed"]
    prints = [e["name_fingerprint"] for e in failed]
    assert prints[0] == prints[1] != prints[2]  # attempts can still be told apart
    assert all(e["account"] != secret for e in failed)


def test_names_that_are_no_account_cannot_grow_the_log_without_bound(store):
    size = len(store.audit_lines())
    for n in range(400):
        _refused(store, f"guess-{n}", "x", NOW + dt.timedelta(seconds=n % 60))
    written = store.audit_lines()[size:]
    assert 0 < len(written) <= 50
    # The next minute, a line says how many were left out.
    _refused(store, "guess-late", "x", NOW + dt.timedelta(minutes=1))
    assert store.audit_lines()[-1].get("unlogged", 0) >= 350


def test_lockout_replies_do_not_tell_which_names_exist(store):
    def replies(name: str) -> list[str]:
        return [_refused(store, name, f"wrong-{n}") for n in range(7)]

    known, unknown = replies("hue.lanhdao"), replies("hue.lanhdao2")
    assert known == unknown
    assert "locked" in known[-1]


def test_every_reply_takes_the_same_password_work(store, hasher):
    _refused(store, "warm.up", "x")  # a dummy hash may be made once, on first use

    def work(name: str, password: str) -> int:
        before = hasher.work
        with pytest.raises(SignInRefused):
            store.sign_in(name, password, NOW)
        return hasher.work - before

    unknown = [work("hue.lanhdao9", f"wrong-{n}") for n in range(7)]
    known = [work("hue.lanhdao", f"wrong-{n}") for n in range(7)]
    assert known == unknown == [1] * 7  # the last two: refused as locked
