"""The operator's allow-list of unknown feed columns: `DIR/settings/allowed_columns.toml`.

A feed file may carry columns the contract does not name. Their values are dropped at the
read and only their names are recorded with the load, because a provincial system may name
a personal field in any way (`HoTenChuHoSo`, `SoDienThoaiLienHe`, `GopY`). An operator who
needs one of them kept lists it here, per feed; kept columns land in `raw.<feed>._extra`:

    # DIR/settings/allowed_columns.toml
    dossiers = ["MaHoSoLienThong"]
    supplements = ["NguoiYeuCauBoSung_ChucVu"]

Names match case-insensitively. A name that says it is personal data (`HoTen`, `SoCCCD`,
anything with `DienThoai`, `Email`, `DiaChi`, `phone`, ...: `ingest.fields.looks_personal`)
cannot be listed: the file is refused.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from ingest.fields import Feed, looks_personal
from warehouse.paths import DataDir

ALLOWED_FILE = Path("settings") / "allowed_columns.toml"
# Feeds whose records come nested in another feed's rows (see ingest.load).
NESTED_IN = {"dossiers": "supplements"}


class SettingsError(Exception):
    """The allow-list cannot be used; the message says what to change."""


def allowed_file(data: DataDir) -> Path:
    return data.root / ALLOWED_FILE


def allowed_columns(data: DataDir, feeds: dict[str, Feed]) -> dict[str, frozenset[str]]:
    """Per feed, the lower-case names of the unknown columns the operator keeps (none when
    the file does not exist)."""
    path = allowed_file(data)
    if not path.exists():
        return {}
    try:
        listed = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read ({error})") from None
    allowed: dict[str, frozenset[str]] = {}
    for feed_name, names in listed.items():
        if feed_name not in feeds:
            raise SettingsError(f"{path}: {feed_name!r} is not a feed (one of {', '.join(feeds)})")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise SettingsError(f'{path}: {feed_name} must be a list of names, e.g. ["GhiChu"]')
        known = feeds[feed_name].by_lower()
        for name in names:
            if looks_personal(name):
                raise SettingsError(
                    f"{path}: {feed_name} lists {name!r}, which holds personal data and is "
                    "never kept; remove it from the list"
                )
            if name.strip().lower() in known:
                raise SettingsError(
                    f"{path}: {feed_name} lists {name!r}, a field of the contract (fields "
                    "are read as the contract says); remove it from the list"
                )
        allowed[feed_name] = frozenset(n.strip().lower() for n in names if n.strip())
    return allowed


def with_allowed(feeds: dict[str, Feed], allowed: dict[str, frozenset[str]]) -> dict[str, Feed]:
    """The feeds, each keeping its allow-listed columns (a feed's nested rows keep those
    listed for their own feed)."""
    return {
        name: dataclasses.replace(
            feed,
            keep=allowed.get(name, frozenset()),
            keep_nested=allowed.get(NESTED_IN.get(name, ""), frozenset()),
        )
        for name, feed in feeds.items()
    }
