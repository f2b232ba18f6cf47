"""Which files to load, as which feed, in which order.

A file's feed is in its name (`dossiers_2025-07.csv`) or given (`--feed`). Reference feeds
load first, then dossiers, then the feeds that point at dossiers; within a feed, files load
in the order given (a folder's files by name), because a later file's version of a record
supersedes an earlier one's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ingest.feeds import FEEDS
from ingest.reader import Refused, detect_format
from ingest.report import FileResult

# The feeds whose lists the rules of other feeds look codes up in: they load one file at a
# time, each new list redefining the lookups of the files after it (`load._reference_version`).
REFERENCE_FEEDS = ("agencies", "procedures")


_FEED_PREFIX = re.compile(r"^([a-z]+)(?:[^a-z]|$)")


def feed_of(path: Path, override: str | None = None) -> str:
    if override:
        if override not in FEEDS:
            raise Refused(f"--feed {override}: not a feed (one of {', '.join(FEEDS)})")
        return override
    match = _FEED_PREFIX.match(path.name.lower())
    if match and match.group(1) in FEEDS:
        return match.group(1)
    raise Refused(
        f"{path.name}: cannot tell which feed this is; name it after the feed "
        f"({', '.join(FEEDS)}), e.g. dossiers_2025-07.csv, or pass --feed NAME"
    )


def plan(
    paths: Iterable[str | Path], override: str | None = None
) -> tuple[list[tuple[Path, str]], list[FileResult]]:
    """Files to load in load order: reference feeds first, then dossiers, then the rest;
    within a feed, in the order given (a folder's files by name). Unreadable names come
    back as refusals."""
    files: list[Path] = []
    refusals: list[FileResult] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not child.name.startswith(".") and _looks_like_feed(child, override):
                    files.append(child)
        elif path.is_file():
            files.append(path)
        else:
            refusals.append(
                FileResult(
                    str(path), None, status="refused", reason=f"{path}: no such file or folder"
                )
            )
    planned, seen = [], set()
    for position, path in enumerate(files):
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            feed = feed_of(path, override)
            detect_format(path)
        except Refused as error:
            refusals.append(FileResult(str(path), None, status="refused", reason=str(error)))
            continue
        planned.append((FEEDS[feed].order, position, path, feed))
    planned.sort()
    return [(path, feed) for _, _, path, feed in planned], refusals


def _looks_like_feed(path: Path, override: str | None) -> bool:
    try:
        feed_of(path, override)
        detect_format(path)
    except Refused:
        return False
    return True


def default_jobs() -> int:
    """Files loaded at once by default: one per core, at most four (see `ingest.load`)."""
    return max(1, min(4, os.cpu_count() or 1))
