"""Local accounts: the `haicap users` command, sign-in, lockout, sessions, audit log."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

import pytest

from haicap.accounts import AccountError, AccountStore, SignInRefused, session_expired
from tests.conftest import HAICAP
from warehouse.paths import DataDir

NOW = dt.datetime(2025, 9, 1, 8, 0)
GOOD = "mật-khẩu-đủ-dài"


@pytest.fixture
def store(data_dir):
    return AccountStore(DataDir.resolve(data_dir))


def _users(data_dir, *args, password: str | None = None):
    env = {**os.environ, "HAICAP_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [str(HAICAP), "users", *args], input=password, capture_output=True, text=True, env=env
    )


def test_users_command_adds_lists_changes_and_removes(data_dir):
    done = _users(
        data_dir,
        "add",
        "hue.lanhdao",
        "--role",
        "leader",
        "--province",
        "46",
        "--password-stdin",
        password=GOOD + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert "leader of province 46" in done.stdout
    listed = json.loads(_users(data_dir, "list", "--json").stdout)
    assert listed == [
        {"name": "hue.lanhdao", "role": "leader", "province": "46", "locked_until": None}
    ]
    stored = (data_dir / "secrets" / "users.json").read_text(encoding="utf-8")
    assert GOOD not in stored and "$argon2" in stored
    assert oct((data_dir / "secrets" / "users.json").stat().st_mode & 0o777) == "0o600"
    assert (
        _users(
            data_dir, "passwd", "hue.lanhdao", "--password-stdin", password="một-mật-khẩu-mới\n"
        ).returncode
        == 0
    )
    assert _users(data_dir, "remove", "hue.lanhdao").returncode == 0
    assert json.loads(_users(data_dir, "list", "--json").stdout) == []
    events = [e["event"] for e in AccountStore(DataDir.resolve(data_dir)).audit_lines()]
    assert events == ["account_added", "password_changed", "account_removed"]


def test_the_password_is_never_taken_from_the_command_line(data_dir):
    done = _users(data_dir, "add", "a.b", "--role", "journalist", "--password", GOOD)
    assert done.returncode == 2  # argparse: no such option
    done = _users(data_dir, "add", "a.b", "--role", "journalist")  # no terminal to prompt on
    assert done.returncode == 2 and "--password-stdin" in done.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (("x", "leader", None), "names are"),
        (("dien.bien", "council", None), "oversees one province"),
        (("bao.chi", "journalist", "46"), "has no province"),
        (("ai.do", "leader", "99"), "not one of the 34"),
        (("ai.do", "superuser", None), "one of leader"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(store, args, message):
    name, role, province = args
    with pytest.raises(AccountError, match=message):
        store.add(name, role, province, GOOD, NOW)


def test_short_passwords_and_duplicates_are_refused(store):
    with pytest.raises(AccountError, match="at least 10"):
        store.add("ngan", "leader", None, "ngắn", NOW)
    store.add("quoc.gia", "leader", None, GOOD, NOW)
    with pytest.raises(AccountError, match="exists already"):
        store.add("quoc.gia", "leader", None, GOOD, NOW)


def test_sign_in_good_and_bad_passwords(store):
    store.add("dienbien.hdnd", "council", "11", GOOD, NOW)
    account = store.sign_in("dienbien.hdnd", GOOD, NOW)
    assert (account.role, account.province) == ("council", "11")
    with pytest.raises(SignInRefused, match="Wrong name or password"):
        store.sign_in("dienbien.hdnd", "not-the-password", NOW)
    with pytest.raises(SignInRefused, match="Wrong name or password"):
        store.sign_in("nobody", GOOD, NOW)  # same answer: no way to probe names
    events = [(e["account"], e["event"]) for e in store.audit_lines()]
    assert events[1:] == [
        ("dienbien.hdnd", "sign_in"),
        ("dienbien.hdnd", "sign_in_failed"),
        ("?", "sign_in_failed"),  # a name that is no account is not logged as typed
    ]


def test_five_failures_lock_the_account_for_a_while(store):
    store.add("hue.lanhdao", "leader", "46", GOOD, NOW)
    for attempt in range(5):
        with pytest.raises(SignInRefused):
            store.sign_in("hue.lanhdao", f"wrong-{attempt}", NOW)
    with pytest.raises(SignInRefused, match="locked"):
        store.sign_in("hue.lanhdao", GOOD, NOW + dt.timedelta(minutes=5))  # even the right one
    assert store.sign_in("hue.lanhdao", GOOD, NOW + dt.timedelta(minutes=16)).name
    assert store.get("hue.lanhdao").failures == 0
    locked = [e for e in store.audit_lines() if "locked_until" in e]
    assert locked and locked[0]["locked_until"] == "2025-09-01T08:15:00"


class _Hasher:
    """The real argon2 hasher with its `verify` replaced (PasswordHasher has slots)."""

    def __init__(self, verify):
        from haicap import accounts

        self.real, self.verify = accounts._HASHER, verify

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_passwords_are_checked_outside_the_accounts_lock(store, monkeypatch):
    """A burst of sign-ins must not queue behind one another's argon2 checks; a lockout that
    lands while a check runs still refuses it."""
    import fcntl

    from haicap import accounts

    store.add("hue.lanhdao", "leader", "46", GOOD, NOW)
    real_verify = accounts._HASHER.verify
    seen = []

    def verify(hashed, password):
        with open(store.path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if the lock were held
            seen.append("free")
            fcntl.flock(lock, fcntl.LOCK_UN)
        return real_verify(hashed, password)

    monkeypatch.setattr(accounts, "_HASHER", _Hasher(verify))
    assert store.sign_in("hue.lanhdao", GOOD, NOW).name == "hue.lanhdao"
    assert seen == ["free"]

    def verify_while_locked_out(hashed, password):
        with store._locked() as held:  # another session's fifth failure, meanwhile
            held["hue.lanhdao"].locked_until = "2025-09-01T08:15:00"
        return real_verify(hashed, password)

    monkeypatch.setattr(accounts, "_HASHER", _Hasher(verify_while_locked_out))
    with pytest.raises(SignInRefused, match="locked"):
        store.sign_in("hue.lanhdao", GOOD, NOW)


def test_sessions_end_after_inactivity():
    assert not session_expired(NOW, NOW + dt.timedelta(minutes=29))
    assert session_expired(NOW, NOW + dt.timedelta(minutes=31))


@pytest.mark.parametrize(
    "provinces, made",
    [
        (None, [("demo.hue", "leader, province 46"), ("demo.dienbien", "council, province 11")]),
        # `haicap demo --provinces 79` made a council account for province 11, which the world
        # does not hold: every demo account is of a province the world has, or of the country
        (
            ["79"],
            [("demo.leader79", "leader, province 79"), ("demo.council79", "council, province 79")],
        ),
    ],
)
def test_demo_accounts_are_made_once_for_the_worlds_provinces_with_passwords_that_work(
    store, provinces, made
):
    from haicap.accounts import ensure_demo_accounts

    created = ensure_demo_accounts(store, NOW, provinces)
    national = ("demo.quocgia", "leader, the whole country")
    assert [(name, scope) for name, scope, _ in created] == [*made, national]
    for name, _, password in created:
        assert store.sign_in(name, password, NOW).name == name
    # a second demo keeps the first passwords
    assert ensure_demo_accounts(store, NOW, provinces) == []


def test_demo_accounts_are_for_provinces_of_the_generated_world():
    from haicap.accounts import demo_accounts

    # a world of several provinces: Huế's leader when it holds Huế, a council member of another
    assert demo_accounts(["79", "46"]) == [
        ("demo.hue", "leader", "46"),
        ("demo.council79", "council", "79"),
        ("demo.quocgia", "leader", None),
    ]
    assert (
        demo_accounts(["46", "11"])
        == demo_accounts(None)
        == [
            ("demo.hue", "leader", "46"),
            ("demo.dienbien", "council", "11"),
            ("demo.quocgia", "leader", None),
        ]
    )
    assert demo_accounts([]) == [("demo.quocgia", "leader", None)]
    for provinces in (["1"], ["79", "46"], ["12", "33", "91"]):
        held = {f"{int(p):02d}" for p in provinces}
        assert all(p is None or p in held for _, _, p in demo_accounts(provinces)), provinces
