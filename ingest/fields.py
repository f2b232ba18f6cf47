"""What a feed's fields are, how each is parsed, and which rules a row must keep.

A feed module declares its fields and its own cross-field rules; this module turns them into
one SQL statement that parses every column and finds, for every row, the first rule it breaks
(or none). Everything is set work in DuckDB: no Python loop touches a row.

Inside rule SQL, `raw(F)` is the trimmed text as it came in (NULL when empty) and `val(F)` is
the parsed value (NULL when empty or unparseable).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

# Every date format of the contract; ISO 8601 with an offset falls through to the
# timestamptz cast, which the session's Asia/Ho_Chi_Minh time zone turns into local time.
DATE_FORMATS = (
    "%Y%m%d%H%M%S",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
)

# Column names that carry personal data: an operator cannot allow-list them (every other
# unknown column is dropped too unless allow-listed: see `Feed.keep`).
PERSONAL_COLUMNS = frozenset(
    name.lower()
    for name in (
        "ChuHoSo",
        "SoDienThoai",
        "Email",
        "NoiDungDanhGia",
        "HoTen",
        "HoVaTen",
        "TenCongDan",
        "DiaChi",
        "DiaChiThuongTru",
        "NgaySinh",
        "CCCD",
        "CMND",
        "SoCCCD",
        "SoCMND",
        "DienThoai",
        "NguoiNop",
        "TenNguoiNop",
        "GhiChu",
        "GopY",
        "YKien",
        "FullName",
        "Name",
    )
)
# Parts of a column name that mark it personal whatever surrounds them (`HoTenChuHoSo`,
# `SoDienThoaiLienHe`, `EmailCongDan`, `full_name`, `phone_number`).
PERSONAL_PARTS = (
    "hoten",
    "hovaten",
    "congdan",
    "nguoinop",
    "dienthoai",
    "email",
    "diachi",
    "ngaysinh",
    "cccd",
    "cmnd",
    "hochieu",
    "full_name",
    "fullname",
    "phone",
    "mobile",
    "address",
    "birth",
    "passport",
)


def looks_personal(name: str) -> bool:
    """Whether a column name says it holds personal data (an allow-list may not keep it)."""
    lower = name.strip().lower()
    return lower in PERSONAL_COLUMNS or any(part in lower for part in PERSONAL_PARTS)


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """A SQL string literal (for constants we write, never for user input)."""
    return "'" + text.replace("'", "''") + "'"


def raw(name: str) -> str:
    return q(name)


def val(name: str) -> str:
    return q(name + "__v")


@dataclass(frozen=True)
class Field:
    """One column of a feed, as the contract names it.

    kind: text | ward | province | date | int | num | enum | status | rating | identity |
    personal | nested (a JSON list read by the feed module, not stored).
    `values` lists accepted values for enum (text) and int kinds.
    """

    name: str
    kind: str = "text"
    required: bool = False
    values: tuple = ()
    nonnegative: bool = False

    @property
    def stored(self) -> str | None:
        """The raw-layer column it is stored in (None: never stored)."""
        if self.kind in ("personal", "nested"):
            return None
        if self.kind == "identity":
            return self.name + "_hash"
        return self.name

    @property
    def sql_type(self) -> str:
        return {
            "date": "timestamp",
            "int": "bigint",
            "num": "double",
            "status": "tinyint",
            "rating": "tinyint",
            "identity": "uhugeint",
        }.get(self.kind, "varchar")


@dataclass(frozen=True)
class Rule:
    """A feed-specific rule. `broken` is SQL that is true for a row that breaks it."""

    code: str
    field: str
    broken: str
    message: str  # SQL text expression


@dataclass(frozen=True)
class Derived:
    """A column computed from the parsed row and stored in the raw layer."""

    name: str
    sql_type: str
    sql: str


@dataclass(frozen=True)
class Lookup:
    """A reference list the rules consult by code: in rule SQL, `name(code)` is the value
    the list gives that code, NULL for a code it does not have. `sql` selects (code, value),
    one row per code.

    The loader makes each a SQL macro over the list as it stands when a file loads (an ENUM
    cast and a constant list, `ingest.lookups`), not a join: DuckDB does not keep a scan's
    row order through a join, and the loader numbers a CSV's lines by the order its rows
    land in."""

    name: str
    sql: str


WARD_PROVINCE = Lookup("ref_ward_province", "select ward_code, province_code from ref.wards")
PROVINCE = Lookup("ref_province", "select province_code, province_code from ref.provinces")
GENERIC_LOOKUPS = (WARD_PROVINCE, PROVINCE)


@dataclass(frozen=True)
class Feed:
    name: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    derived: tuple[Derived, ...] = ()
    order: int = 50
    # Rows whose dossier is not (yet) loaded wait for it: they are kept and reported.
    waits_for_dossier: bool = False
    # Nested lists the loader reads again, by line, after the rows are checked.
    unpacks: tuple[str, ...] = ()
    # Reference lists the feed's own rules consult (see `Lookup`), and columns computed
    # from them once per row for the rules to name: SELECT lists over the parsed row, each
    # level able to name the columns of the one before. (Every ward field `F` already has
    # `"F__province"`, its ward's province, NULL for an unknown ward.)
    lookups: tuple[Lookup, ...] = ()
    lookup_columns: tuple[str, ...] = ()
    description: str = ""
    # Unknown columns the operator allow-listed (lower-case names, `ingest.settings`), for
    # this feed and for the rows nested in it (`unpacks`). Every other unknown column is
    # dropped at the read: a provincial system may name a personal field in any way.
    keep: frozenset[str] = frozenset()
    keep_nested: frozenset[str] = frozenset()

    def by_lower(self) -> dict[str, Field]:
        return {f.name.lower(): f for f in self.fields}

    def unknown_columns(self, source_columns: Sequence[str]) -> list[str]:
        """The source's columns that name no field of this feed (in source order)."""
        known = self.by_lower()
        return [c for c in source_columns if c != "_row" and c.lower() not in known]

    def kept_columns(self, source_columns: Sequence[str]) -> list[str]:
        """Unknown columns stored (in `_extra`): the allow-listed ones."""
        return [c for c in self.unknown_columns(source_columns) if c.lower() in self.keep]

    def dropped_columns(self, source_columns: Sequence[str]) -> list[str]:
        """Unknown columns whose values are dropped: only their names are recorded."""
        return [c for c in self.unknown_columns(source_columns) if c.lower() not in self.keep]

    def stored_columns(self) -> list[tuple[str, str]]:
        cols = [(f.stored, f.sql_type) for f in self.fields if f.stored]
        cols += [(d.name, d.sql_type) for d in self.derived]
        return cols


STATUS_NAMES = {
    "receiving": 1,
    "new": 2,
    "denied": 3,
    "processing": 4,
    "waiting": 5,
    "paying": 6,
    "cancelled": 7,
    "unresolved": 8,
    "releasing": 9,
    "done": 10,
}
RATING_CODES = {"rhl": 5, "hl": 4, "bt": 3, "khl": 2, "rkhl": 1}


def _date_sql(x: str, likely: str | None = None) -> str:
    """Any contract date format. Each format tried and failed costs a pass over the column,
    so the format this file mostly uses (`likely`, found from a sample) goes first, alone:
    coalesce() looks further only for the rows it could not parse."""
    formats = "[" + ", ".join(lit(f) for f in DATE_FORMATS) + "]"
    general = f"coalesce(try_strptime({x}, {formats}), try_cast({x} as timestamptz)::timestamp)"
    if likely is None:
        return general
    return f"coalesce(try_strptime({x}, {lit(likely)}), {general})"


def _shape(fmt: str) -> re.Pattern:
    """A regular expression of the text a format parses (digits where it reads a number)."""
    digits = {"%Y": r"\d{4}", "%m": r"\d{1,2}", "%d": r"\d{1,2}", "%H": r"\d{1,2}"}
    digits |= {"%M": r"\d{1,2}", "%S": r"\d{1,2}"}
    if fmt == "%Y%m%d%H%M%S":  # no separators: only the full width is unambiguous
        return re.compile(r"\d{14}")
    parts = re.split(r"(%[YmdHMS])", fmt)
    return re.compile("".join(digits.get(part, re.escape(part)) for part in parts))


_SHAPES = {fmt: _shape(fmt) for fmt in DATE_FORMATS}


def likely_formats(
    feed: Feed, names: Sequence[str], rows: Sequence[Sequence[str | None]]
) -> dict[str, str]:
    """Each date field's most common format over sample `rows` (columns `names`), judged by
    the shape of its values; fields with no value of a known shape are left out. A guess: it
    only orders the formats tried (see `_date_sql`)."""
    dates = {f.name for f in feed.fields if f.kind == "date"}
    found = {}
    for i, name in enumerate(names):
        if name not in dates:
            continue
        counts = dict.fromkeys(DATE_FORMATS, 0)
        for row in rows:
            value = (row[i] or "").strip()
            for fmt, shape in _SHAPES.items():
                if shape.fullmatch(value):
                    counts[fmt] += 1
                    break
        best = max(DATE_FORMATS, key=lambda fmt: counts[fmt])
        if counts[best]:
            found[name] = best
    return found


@dataclass(frozen=True)
class Typing:
    """Columns a CSV reader parses itself, as DuckDB's bare `read_csv` does: `types` maps a
    field to the DuckDB type it is read as (dates in `timestamp_format`). A value the reader
    cannot parse is not lost: its line is read again as text (see `checked_select`).

    Why: parsing every date and number as text in SQL (trim, try_strptime, try_cast) costs
    CPU a row that the reader spends anyway in its own pass (docs/benchmarks.md)."""

    types: dict[str, str] = field(default_factory=dict)
    timestamp_format: str | None = None


def typed_reading(feed: Feed, columns: Sequence[str], date_formats: dict[str, str]) -> Typing:
    """How a CSV of `columns` is best read: number fields as DOUBLE (a whole-number field
    is checked afterwards, as from text), date fields whose likely format (`date_formats`,
    the probe's) is the file's most common as TIMESTAMP in that format. Other fields, and
    codes with names (status, rating), stay text."""
    fields = {f.name: f for f in feed.fields}
    common = Counter(date_formats[c] for c in columns if c in date_formats).most_common(1)
    fmt = common[0][0] if common else None
    types = {}
    for name in columns:
        kind = fields[name].kind if name in fields else None
        if kind == "date" and fmt is not None and date_formats.get(name) == fmt:
            types[name] = "TIMESTAMP"
        elif kind in ("int", "num"):
            types[name] = "DOUBLE"
    return Typing(types, fmt if "TIMESTAMP" in types.values() else None)


def _typed_text(x: str, sql_type: str, typing: Typing) -> str:
    """SQL of a typed value as text, for messages and the quarantine: the date in the
    file's format, a whole number without decimals. It is the file's own spelling unless
    that had extra zeros or spaces ("07" is shown "7")."""
    if sql_type == "TIMESTAMP":
        return f"strftime({x}, {lit(typing.timestamp_format)})"
    return (
        f"case when {x} = floor({x}) and abs({x}) < 1e15 then {x}::bigint::varchar "
        f"else {x}::varchar end"
    )


def identity_hex(salt_literal: str, x: str) -> str:
    """SQL of the pseudonym of `x` as the 32 hex characters of its digest (what the
    quarantine shows; `identity_hash` stores the same digest as a number)."""
    return f"case when {x} is not null then md5({salt_literal} || {x}) end"


def identity_hash(salted: str) -> str:
    """SQL of the pseudonym of an identity number: the MD5 digest of the secret salt and the
    number, as a 16-byte integer (the digest read little-endian, as DuckDB's md5_number).

    Why MD5 and a number: 64 hex characters of SHA-256 do not compress and are slow to
    write, and SHA-256 itself was the largest single cost of the ingest (docs/benchmarks.md).
    MD5's known weakness is collisions an attacker
    crafts, which a pseudonym does not rely on; nobody can invert either digest, and what
    protects a 12-digit number under any hash is the secret salt (with it, every number can
    be tried in hours whatever the hash)."""
    return f"md5_number({salted})"


def _number_sql(x: str) -> str:
    # Excel hands "5" or "5.0"; Vietnamese sheets may write "5,5".
    return f"try_cast(replace({x}, ',', '.') as double)"


def ward_province(name: str) -> str:
    """The column holding the province of ward field `name` (NULL: not a ward of the list)."""
    return q(name + "__province")


def parse_sql(
    f: Field, salt_literal: str, date_format: str | None = None, typed: bool = False
) -> str | None:
    """SQL of the parsed value of field f, reading its raw text column (its value, when the
    reader parsed it: `typed`)."""
    x = raw(f.name)
    if typed:
        return f"case when {x} = floor({x}) then {x}::bigint end" if f.kind == "int" else x
    match f.kind:
        case "text" | "nested":
            return x
        case "ward":
            return f"case when regexp_full_match({x}, '[0-9]{{1,5}}') then lpad({x}, 5, '0') end"
        case "province":
            return f"case when regexp_full_match({x}, '[0-9]{{1,2}}') then lpad({x}, 2, '0') end"
        case "date":
            return _date_sql(x, date_format)
        case "num":
            return _number_sql(x)
        case "int":
            n = _number_sql(x)
            return f"case when {n} = floor({n}) then {n}::bigint end"
        case "enum":
            cases = " ".join(f"when {lit(v.lower())} then {lit(v)}" for v in f.values)
            return f"case lower({x}) {cases} end"
        case "status":
            names = " ".join(f"when {lit(k)} then {v}" for k, v in STATUS_NAMES.items())
            return (
                f"coalesce(case when try_cast({x} as integer) between 1 and 10 "
                f"then try_cast({x} as tinyint) end, case lower({x}) {names} end)"
            )
        case "rating":
            codes = " ".join(f"when {lit(k)} then {v}" for k, v in RATING_CODES.items())
            return (
                f"coalesce(case when try_cast({x} as integer) between 1 and 5 "
                f"then try_cast({x} as tinyint) end, case lower({x}) {codes} end)"
            )
        case "identity":
            return f"case when {x} is not null then {identity_hash(f'{salt_literal} || {x}')} end"
        case "personal":
            return None
    raise ValueError(f"unknown field kind {f.kind!r}")


def generic_rules(feed: Feed) -> list[Rule]:
    """Rules every feed gets from its field list, in the order they are checked."""
    rules: list[Rule] = []
    for f in feed.fields:
        if f.required:
            rules.append(
                Rule(
                    "missing_required",
                    f.name,
                    f"{raw(f.name)} is null",
                    lit(f"{f.name} is required and empty"),
                )
            )
    for f in feed.fields:
        x, v = raw(f.name), val(f.name)
        shown = f"{lit(f.name + ' ')} || chr(39) || {x} || chr(39)"
        bad = f"{x} is not null and {v} is null"
        if f.kind == "date":
            rules.append(Rule("bad_date", f.name, bad, f"{shown} || ' is not a date'"))
        elif f.kind in ("int", "num"):
            what = "a whole number" if f.kind == "int" else "a number"
            rules.append(Rule("not_a_number", f.name, bad, f"{shown} || ' is not {what}'"))
            if f.nonnegative:
                rules.append(
                    Rule("negative", f.name, f"{v} < 0", f"{shown} || ' is negative; it cannot be'")
                )
            if f.values:
                allowed = ", ".join(str(a) for a in f.values)
                rules.append(
                    Rule(
                        "bad_value",
                        f.name,
                        f"{v} is not null and {v} not in ({allowed})",
                        f"{shown} || ' is not one of {allowed}'",
                    )
                )
        elif f.kind == "enum":
            allowed = ", ".join(f.values)
            rules.append(Rule("bad_value", f.name, bad, f"{shown} || ' is not one of {allowed}'"))
        elif f.kind == "status":
            rules.append(
                Rule(
                    "bad_status",
                    f.name,
                    bad,
                    f"{shown} || ' is not a status code 1-10 nor a portal status name'",
                )
            )
        elif f.kind == "rating":
            rules.append(
                Rule(
                    "bad_value",
                    f.name,
                    bad,
                    f"{shown} || ' is not a rating 1-5 nor RHL/HL/BT/KHL/RKHL'",
                )
            )
        elif f.kind == "ward":
            rules.append(
                Rule(
                    "unknown_ward",
                    f.name,
                    f"{x} is not null and {ward_province(f.name)} is null",
                    f"{shown} || ' is not a ward code of the official 2025 list'",
                )
            )
        elif f.kind == "province":
            rules.append(
                Rule(
                    "unknown_province",
                    f.name,
                    f"{x} is not null and ({v} is null or {PROVINCE.name}({v}) is null)",
                    f"{shown} || ' is not one of the 34 province codes'",
                )
            )
    return rules


def all_rules(feed: Feed) -> list[Rule]:
    return generic_rules(feed) + list(feed.rules)


def _trimmed(x: str) -> str:
    """SQL of text `x` without the spaces around it, NULL when nothing is left. DuckDB's
    trim() removes the space and the other Unicode spaces (no-break, ideographic, …), never a
    tab: a value that is all ASCII and holds no space is returned as it is, without the copy
    trim() makes (15 % of the check of a dossier file on one core: five code columns)."""
    return (
        f"if(contains({x}, ' ') or strlen({x}) <> length({x}), "
        f"nullif(trim({x}), ''), nullif({x}, ''))"
    )


def checked_select(
    feed: Feed,
    source_columns: Sequence[str],
    salt_literal: str,
    source: str,
    row_sql: str = "_row",
    date_formats: dict[str, str] | None = None,
    carry: Sequence[str] = (),
    typing: Typing | None = None,
) -> str:
    """One SELECT over `source` giving, per row: `_row` (the line a person looks for), the
    parsed fields (`val(F)`), the allow-listed unknown columns (`_extra`: `Feed.keep`; the
    other unknown columns are never selected), and `_rejected`: NULL
    for a good row, else JSON {rule, field, message, original} for the first rule it breaks
    (rules in `all_rules(feed)` order). Raw text is carried into the result only for
    rejected rows, so the common case writes each value once. Columns `carry` of `source`
    are passed through as they are.

    With `typing`, the source's columns it names hold values the reader parsed: `raw(F)` is
    then that value (rules test it for NULL; messages and the quarantine get its text)."""
    present = {c.lower() for c in source_columns}
    types = typing.types if typing else {}
    trimmed = [
        f"{q(f.name)} as {raw(f.name)}"
        if f.name in types
        else f"{_trimmed(q(f.name))} as {raw(f.name)}"
        if f.name.lower() in present
        else f"null::varchar as {raw(f.name)}"
        for f in feed.fields
    ]
    parsed, parsed_names = [], []
    for f in feed.fields:
        expr = parse_sql(f, salt_literal, (date_formats or {}).get(f.name), f.name in types)
        if expr is not None:
            parsed.append(f"{expr} as {val(f.name)}")
            parsed_names.append(val(f.name))
    kept_extras = feed.kept_columns(source_columns)
    extra_sql = (
        "to_json(struct_pack(" + ", ".join(f"{q(c)} := {q(c)}" for c in kept_extras) + "))"
        if kept_extras
        else "null::json"
    )
    rules = all_rules(feed)
    # A date or number the reader parsed is its value: its parse rule cannot break.
    kinds = {f.name: f.kind for f in feed.fields}
    unbreakable = {
        (name, "bad_date" if kinds[name] == "date" else "not_a_number")
        for name in types
        if kinds[name] in ("date", "num")
    }
    check = " ".join(
        f"when {r.broken} then {i}"
        for i, r in enumerate(rules, start=1)
        if (r.field, r.code) not in unbreakable
    )
    # Each lookup once per row, in its own level: DuckDB computes an expression as often as
    # it is written, and a lookup is a function call.
    wards = [
        f"{WARD_PROVINCE.name}({val(f.name)}) as {ward_province(f.name)}"
        for f in feed.fields
        if f.kind == "ward"
    ]
    levels = [", ".join(wards)] if wards else []
    levels += list(feed.lookup_columns)
    lookup, previous = [], "p"
    for number, columns in enumerate(levels, start=1):
        lookup.append(f"l{number} as (select *, {columns} from {previous}),")
        previous = f"l{number}"
    texts = {name: _typed_text(raw(name), sql_type, typing) for name, sql_type in types.items()}
    rejected = _rejection_json(feed, salt_literal, texts)
    carried = "".join(f", {q(c)}" for c in carry)
    return f"""
        with t as (
            select {row_sql} as _row, {", ".join(trimmed)}, {extra_sql} as _extra{carried}
            from {source}
        ),
        p as (select *, {", ".join(parsed)} from t),
        {" ".join(lookup)}
        c as (select *, case {check} end as _check from {previous})
        select _row, {", ".join(parsed_names)}, _extra{carried},
               case when _check is not null then {rejected} end as _rejected
        from c
    """


def _rejection_json(feed: Feed, salt_literal: str, texts: dict[str, str] | None = None) -> str:
    """JSON of the broken rule, its field, a message a person can act on, and the original
    values (personal data removed, the identity number hashed). `texts`: SQL of the text
    of fields the reader parsed (see `checked_select`), put where messages name them."""
    texts = texts or {}
    rules = all_rules(feed)
    codes = " ".join(f"when {i} then {lit(r.code)}" for i, r in enumerate(rules, start=1))
    fields = " ".join(f"when {i} then {lit(r.field)}" for i, r in enumerate(rules, start=1))
    messages = " ".join(f"when {i} then {r.message}" for i, r in enumerate(rules, start=1))
    if texts:
        typed = re.compile("|".join(re.escape(raw(name)) for name in texts))
        by_sql = {raw(name): text for name, text in texts.items()}
        messages = typed.sub(lambda m: by_sql[m.group(0)], messages)
    originals = []
    for f in feed.fields:
        if f.kind == "personal":
            continue
        if f.kind == "identity":
            # The same 128 bits in hex: DuckDB turns a UHUGEINT into text slowly enough that
            # a file of many rejected rows took minutes.
            originals.append(f"{q(f.stored)} := {identity_hex(salt_literal, raw(f.name))}")
        else:
            originals.append(f"{q(f.name)} := {texts.get(f.name, raw(f.name))}")
    return (
        f"json_object('rule', case _check {codes} end, 'field', case _check {fields} end, "
        f"'message', coalesce(case _check {messages} end, 'rule broken'), "
        f"'original', struct_pack({', '.join(originals)}))"
    )


def stored_select(feed: Feed) -> str:
    """Columns of the raw table, from the checked rows (see `checked_select`)."""
    cols = [f"{val(f.name)} as {q(f.stored)}" for f in feed.fields if f.stored]
    cols += [f"{d.sql} as {q(d.name)}" for d in feed.derived]
    return ", ".join(cols)


# A JSON key in a line of text: `"name":`.
WITHHELD_LINE = (
    "json_object('withheld', 'the line may hold personal data or columns that are not "
    "kept: read it in the file itself')"
)
_KEY_PATTERN = r'"((?:[^"\\]|\\.)*)"\s*:'


def bad_line_original(feed: Feed, source_columns: Sequence[str], nested: Sequence[str] = ()) -> str:
    """SQL of the original values of a line that did not split into a row (over its `text`),
    for the quarantine. Such a line cannot be cut into fields, so its text is kept only
    where it can hold nothing but kept fields: the file has no personal or dropped column,
    and no key the line itself names (a JSON line) is one either. Otherwise the text is
    withheld and the quarantine says where to look. `nested`: fields of nested records."""
    kept = {f.name.lower() for f in feed.fields if f.kind != "personal"} | set(feed.keep)
    kept |= {name.lower() for name in nested} | set(feed.keep_nested)
    withheld = WITHHELD_LINE
    if any(c.lower() not in kept for c in source_columns if c != "_row"):
        return withheld
    names = "[" + ", ".join(lit(name) for name in sorted(kept)) + "]"
    return (
        f"case when len(list_filter(regexp_extract_all(text, {lit(_KEY_PATTERN)}, 1), "
        f"lambda k: not list_contains({names}, lower(k)))) > 0 then {withheld} "
        "else to_json(struct_pack(text := text)) end"
    )
