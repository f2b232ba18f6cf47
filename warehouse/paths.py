"""Where Hai Cấp keeps its files inside the data folder.

Only two paths are fixed by the CLI contract: ``published/warehouse.duckdb`` and
``published/public.duckdb``. The rest is ours:

    DIR/work/warehouse.duckdb   the working warehouse: raw layer, load log, quarantine
    DIR/published/              what readers open; files replaced whole, never written in place
    DIR/secrets/salt            the salt of identity-number hashes (outside any warehouse)
    DIR/audit/audit.jsonl       the audit log (sign-ins, dossier-list views, exports)
    DIR/settings/               the operator's settings (allowed_columns.toml)
    DIR/feeds/                  where `haicap demo` writes its generated feeds
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "HAICAP_DATA_DIR"


@dataclass(frozen=True)
class DataDir:
    root: Path

    @classmethod
    def resolve(cls, given: str | os.PathLike[str] | None = None) -> DataDir:
        """`--data-dir`, else $HAICAP_DATA_DIR, else ./data."""
        chosen = given or os.environ.get(DATA_DIR_ENV) or "data"
        return cls(Path(chosen).expanduser().resolve())

    @property
    def working(self) -> Path:
        return self.root / "work" / "warehouse.duckdb"

    @property
    def published_dir(self) -> Path:
        return self.root / "published"

    @property
    def published(self) -> Path:
        return self.published_dir / "warehouse.duckdb"

    @property
    def public(self) -> Path:
        return self.published_dir / "public.duckdb"

    @property
    def salt_file(self) -> Path:
        return self.root / "secrets" / "salt"

    @property
    def feeds(self) -> Path:
        return self.root / "feeds"

    @property
    def audit_dir(self) -> Path:
        return self.root / "audit"

    def ensure(self) -> DataDir:
        for folder in (self.working.parent, self.published_dir, self.salt_file.parent):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.restrict()
        return self

    def restrict(self) -> None:
        """Make the folders that hold data or secrets (warehouses, the salt and accounts, the
        audit log) and everything in them owner-only. New files are owner-only already (the
        CLI's umask); this closes those a data folder made before, or by hand, left open."""
        for folder in (self.working.parent, self.published_dir, self.salt_file.parent):
            owner_only(folder)
        owner_only(self.audit_dir)


def owner_only(folder: Path) -> None:
    """`folder` and everything under it: folders 0700, files 0600 (links are left alone)."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for path in (folder, *folder.rglob("*")):
        if path.is_symlink():
            continue
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)
