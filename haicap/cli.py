"""`haicap`: the one command a person or a scheduler runs (see shared/contracts/cli.md).

Exit codes: 0 done (quarantined rows are reported, not a failure), 1 the job failed,
2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from warehouse.paths import DataDir

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def _n(value: int) -> str:
    return f"{value:,}"


# -- progress --------------------------------------------------------------------------------


class ProgressLine:
    """Shows long work as it goes: on a terminal a bar redrawn in place (a spinner when the
    share done is unknown), on a pipe or log a line every ten seconds."""

    SPINNER = "|/-\\"

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()
        self.ticks = 0
        self.last_logged: dict[str, float] = {}
        self.shown = False

    def __call__(self, label: str, seconds: float, fraction: float | None = None) -> None:
        done = "" if fraction is None else f" {fraction:4.0%}"
        if self.tty:
            self.ticks += 1
            if fraction is None:
                bar = self.SPINNER[self.ticks % 4]
            else:
                bar = "[" + "#" * int(fraction * 20) + "." * (20 - int(fraction * 20)) + "]"
            self.stream.write(f"\r  {bar}{done} {label[:60]:<60} {seconds:5.0f} s")
            self.stream.flush()
            self.shown = True
        elif seconds - self.last_logged.get(label, 0.0) >= 10:
            self.last_logged[label] = seconds
            self.stream.write(f"  … {label}{done} ({seconds:.0f} s)\n")
            self.stream.flush()

    def clear(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
            self.shown = False


# -- ingest ----------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.load import ingest
    from ingest.settings import SettingsError
    from warehouse.connection import WarehouseBusy

    data = DataDir.resolve(args.data_dir)
    progress = None if args.json else ProgressLine()
    totals = {"read": 0, "accepted": 0, "quarantined": 0}

    def show(result) -> None:
        if progress:
            progress.clear()
        if args.json:
            print(json.dumps(result.contract_json(), ensure_ascii=False), flush=True)
            return
        name = Path(result.file).name
        if result.status != "loaded":
            print(f"{result.status:>8}  {name}: {result.reason}", flush=True)
            return
        for key in totals:
            totals[key] += getattr(result, key)
        print(
            f"  loaded  {name} ({result.feed}): read {_n(result.read)}, accepted "
            f"{_n(result.accepted)}, quarantined {_n(result.quarantined)} "
            f"in {result.seconds:.1f} s",
            flush=True,
        )
        for feed, counts in result.nested.items():
            print(
                f"          nested {feed}: read {_n(counts['read'])}, accepted "
                f"{_n(counts['accepted'])}, quarantined {_n(counts['quarantined'])}"
            )
        if result.waiting:
            print(f"          {_n(result.waiting)} rows wait for their dossier (not loaded yet)")
        if result.dropped_columns:
            print(f"          dropped unknown columns: {', '.join(result.dropped_columns)}")
        for reason in result.top_reasons[:3]:
            field = f" ({reason['field']})" if reason["field"] else ""
            print(f"          {_n(reason['rows'])} × {reason['rule']}{field}")

    try:
        results = ingest(
            args.paths, data, feed=args.feed, report=progress, on_result=show, jobs=args.jobs
        )
    except WarehouseBusy as error:
        raise CliError(str(error)) from None
    except SettingsError as error:
        raise CliError(str(error), EXIT_USAGE) from None
    if not results:
        raise CliError("no feed files found in " + ", ".join(args.paths), EXIT_USAGE)
    if not args.json:
        loaded = sum(r.status == "loaded" for r in results)
        print(
            f"{loaded} of {len(results)} files loaded: read {_n(totals['read'])}, accepted "
            f"{_n(totals['accepted'])}, quarantined {_n(totals['quarantined'])}. "
            f"Warehouse: {data.working}"
        )
    if any(r.status == "failed" for r in results):
        return EXIT_FAILED
    if any(r.status == "refused" for r in results):
        return EXIT_USAGE
    return EXIT_OK


# -- status ----------------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    from warehouse.status import status

    data = DataDir.resolve(args.data_dir)
    report = status(data)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=str, indent=1))
        return EXIT_OK
    print(f"Data folder: {data.root}")
    if not report["loads"]["files"]:
        print("Nothing loaded yet. Load feeds with: haicap ingest PATH...")
    else:
        loads = report["loads"]
        print(
            f"Loaded: {loads['files']} files, last at {loads['last_at']}; "
            f"rows read {_n(loads['read'])}, accepted {_n(loads['accepted'])}, "
            f"quarantined {_n(loads['quarantined'])}"
        )
        print("Current rows per feed:")
        for feed, info in report["feeds"].items():
            waiting = (
                f", {_n(info['waiting'])} waiting for their dossier" if info.get("waiting") else ""
            )
            print(
                f"  {feed:<12} {_n(info['rows']):>14}  (last loaded {info['last_loaded']}){waiting}"
            )
        if report.get("dropped_columns"):
            print("Unknown columns dropped (names only; allow-list one in settings/):")
            for feed, names in report["dropped_columns"].items():
                print(f"  {feed:<12} {', '.join(names)}")
        if report["quarantine"]:
            print("Quarantined rows by reason:")
            for row in report["quarantine"]:
                field = f" ({row['field']})" if row["field"] else ""
                print(f"  {_n(row['rows']):>10} × {row['feed']}: {row['rule']}{field}")
        for attempt in report["problems"]:
            print(f"  {attempt['status']}: {attempt['file']}: {attempt['reason']}")
        if report.get("latest_dossier_day"):
            print(f"Latest dossier activity: {report['latest_dossier_day']}")
    published = report["published"]
    if published["exists"]:
        as_of = f", data up to {published['as_of_day']}" if published.get("as_of_day") else ""
        print(
            f"Published: {published['path']}, build {published.get('build_id', '?')} of "
            f"{published['built_at']} {published['time_zone']} ({published['age']} ago){as_of}"
        )
        _print_public(published)
    else:
        print("Published: nothing yet (run haicap build)")
    last = report.get("last_build") or {}
    if last.get("outcome") == "failed":
        print(f"Last build FAILED at {last.get('at', '?')}, nothing published: {last['message']}")
        for failure in last.get("failures", [])[:10]:
            print(f"  {failure}")
    return EXIT_OK


def _print_public(published: dict) -> None:
    """The journalists' file, and why it is older than the leaders' one when it is."""
    from warehouse.build import describe_check

    public = published["public"]
    if public.get("build_id"):
        print(
            f"Public (journalists'): {public['path']}, build {public['build_id']} of "
            f"{public['built_at']}, data up to {public['as_of_day']}"
        )
    elif not public["exists"]:
        print("Public (journalists'): no public file yet")
    failures = published.get("public_failures") or []
    if failures:
        print(
            f"  NOT updated by build {published.get('build_id', '?')}: its public layer failed "
            "these checks (the leaders' file was published):"
        )
        for check in failures:
            print(f"    {describe_check(check)}")


# -- generate / demo / build / serve --------------------------------------------------------


def _percent_progress():
    """The generator reports (label, percent done); show it on a ProgressLine."""
    line, started = ProgressLine(), time.monotonic()

    def report(label: str, percent: float) -> None:
        line(label, time.monotonic() - started, percent / 100)

    return report


def cmd_generate(args: argparse.Namespace) -> int:
    from demo import generate

    started = time.time()
    out = Path(args.out)
    summary = generate(
        out,
        dossiers=args.dossiers,
        provinces=_provinces(args.provinces),
        seed=args.seed,
        start=args.start,
        end=args.end,
        report=_percent_progress(),
    )
    print(f"Generated {summary} in {out} in {time.time() - started:.1f} s")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from demo import generate

    data = DataDir.resolve(args.data_dir)
    data.ensure()
    print(f"1/4 Generating demo feeds into {data.feeds}")
    summary = generate(
        data.feeds,
        dossiers=args.dossiers,
        provinces=_provinces(args.provinces),
        seed=args.seed,
        report=_percent_progress(),
    )
    print(f"    {summary}")
    print("2/4 Loading them")
    code = cmd_ingest(
        argparse.Namespace(
            paths=[str(data.feeds)], feed=None, json=False, jobs=None, data_dir=str(data.root)
        )
    )
    if code == EXIT_FAILED:
        return code
    print("3/4 Building the warehouse")
    code = _build_and_report(data)
    if code != EXIT_OK:
        return code
    _demo_accounts(data, _provinces(args.provinces))
    if args.no_serve:
        return EXIT_OK
    print("4/4 Serving the dashboard", flush=True)
    return cmd_serve(argparse.Namespace(data_dir=str(data.root), port=8501, public=False))


def _demo_accounts(data: DataDir, provinces: list[str] | None) -> None:
    """One account per role to try the dashboard with, for provinces of the generated world;
    passwords are shown this once."""
    import datetime as dt

    from haicap.accounts import AccountStore, ensure_demo_accounts

    created = ensure_demo_accounts(AccountStore(data), dt.datetime.now(), provinces)
    if created:
        print("    Demo accounts (passwords shown only now; stored as hashes):")
        for name, scope, password in created:
            print(f"      {name:<15} {password:<18} {scope}")
    else:
        print("    Demo accounts exist already (haicap users passwd NAME to set a new password)")
    print("    The journalists' edition needs no account: haicap serve --public")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _provinces(text: str | None) -> list[str] | None:
    if not text:
        return None
    codes = []
    for part in text.split(","):
        part = part.strip()
        if not part.isdigit():
            raise CliError(f"--provinces: {part!r} is not a province code", EXIT_USAGE)
        codes.append(f"{int(part):02d}")
    return codes


def _build_and_report(data: DataDir, full: bool = False) -> int:
    from warehouse.build import BuildFailed, build

    try:
        result = build(data, report=lambda line: print(line, flush=True), full=full)
    except BuildFailed as error:
        print(f"    build failed: {error}", file=sys.stderr)
        for failure in error.failures[:30]:
            print(f"      {failure}", file=sys.stderr)
        if len(error.failures) > 30:
            print(f"      … and {len(error.failures) - 30} more", file=sys.stderr)
        return EXIT_FAILED
    for name, path in result.published.items():
        print(f"    published {name}: {path}")
    print(f"    build {result.build_id} ({result.mode}) done in {result.seconds:.1f} s")
    if result.public_failures:
        # The leaders' numbers are fresh, but the journalists' file is stale: exit 1, so that
        # a scheduler alerts someone (the job is not done), and say what did happen.
        from warehouse.build import describe_check

        kept = result.public_build_id or "none: there is no public file yet"
        print(
            f"    PUBLIC LAYER FAILED: the leaders' file WAS published (build {result.build_id}); "
            f"the public file was NOT published and stays at its last good build ({kept})",
            file=sys.stderr,
        )
        for check in result.public_failures:
            print(f"      {describe_check(check)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    data = DataDir.resolve(args.data_dir)
    print(f"Building the warehouse from {data.working}")
    return _build_and_report(data, full=args.full)


def _public_view(data: DataDir) -> Path:
    """A data folder that holds only a link to public.duckdb: the public server runs on it, so
    even a page of the leaders' edition reached by mistake finds no leaders' warehouse."""
    view = data.root / "public_edition"
    link = view / "published" / "public.duckdb"
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink():
        link.unlink(missing_ok=True)
        link.symlink_to(data.public)
    return view


def cmd_serve(args: argparse.Namespace) -> int:
    data = DataDir.resolve(args.data_dir)
    if args.public:
        # The journalists' edition reads public.duckdb and nothing else: refuse without it.
        if not data.public.exists():
            raise CliError(
                f"no public data file at {data.public}; run `haicap build` first "
                "(it publishes the public edition's file)"
            )
    elif not data.published.exists():
        print(
            f"Note: nothing published yet in {data.published_dir}; run `haicap build`. "
            "The dashboard will say so until then.",
            flush=True,
        )
    from haicap.resources import resource

    app = resource("public_app.py" if args.public else "app.py")
    env = {**os.environ, "HAICAP_DATA_DIR": str(_public_view(data) if args.public else data.root)}
    command = [
        sys.executable,
        "-m",
        "haicap.streamlit_main",
        "run",
        str(app),
        "--server.headless",
        "true",
        "--server.port",
        str(args.port),
        "--server.address",
        os.environ.get("HAICAP_SERVE_ADDRESS", "127.0.0.1"),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    print(
        f"Hai Cấp {'public edition' if args.public else 'dashboard'}: "
        f"http://127.0.0.1:{args.port}/  (data: {data.root}; Ctrl+C stops)",
        flush=True,
    )
    address = os.environ.get("HAICAP_SERVE_ADDRESS", "127.0.0.1")
    if address not in ("127.0.0.1", "localhost", "::1") and not os.environ.get(
        "HAICAP_ALLOWED_HOSTS"
    ):
        # Requests naming any other host are refused (haicap/web_guard.py): say which.
        print(
            f"Note: listening on {address}, but only requests to loopback"
            + ("" if address in ("0.0.0.0", "::") else f" or {address}")
            + " are answered; list the names viewers use in HAICAP_ALLOWED_HOSTS "
            "(comma-separated)",
            flush=True,
        )
    # Become the server (exec): a service manager's SIGTERM then stops Streamlit itself,
    # where a child process would have been left serving.
    os.chdir(app.parent)
    os.execve(sys.executable, command, env)
    return EXIT_FAILED  # not reached


def _read_password(args: argparse.Namespace) -> str:
    """From a prompt (twice), or the first line of stdin with --password-stdin; never from
    the command line, where it would stay in the shell history and the process list."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for the password on: pass --password-stdin", 2)
    import getpass

    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise CliError("the two passwords differ", EXIT_USAGE)
    return first


def cmd_users(args: argparse.Namespace) -> int:
    import datetime as dt

    from haicap.accounts import AccountError, AccountStore, check_new

    store = AccountStore(DataDir.resolve(args.data_dir))
    now = dt.datetime.now()
    try:
        if args.action == "add":
            check_new(args.name, args.role, args.province)  # before asking for a password
            account = store.add(args.name, args.role, args.province, _read_password(args), now)
            print(f"added {account.name}: {account.role} of {account.scope_label}")
        elif args.action == "remove":
            store.remove(args.name, now)
            print(f"removed {args.name}")
        elif args.action == "passwd":
            store.passwd(args.name, _read_password(args), now)
            print(f"password of {args.name} changed; its lockout, if any, is lifted")
        else:
            accounts = store.list()
            if args.json:
                print(
                    json.dumps(
                        [
                            {
                                "name": a.name,
                                "role": a.role,
                                "province": a.province,
                                "locked_until": a.locked_until,
                            }
                            for a in accounts
                        ]
                    )
                )
            elif not accounts:
                print("no accounts yet: haicap users add NAME --role ROLE [--province CODE]")
            for a in [] if args.json else accounts:
                lock = f"  locked until {a.locked_until}" if a.locked(now) else ""
                print(f"{a.name:<24} {a.role:<11} {a.province or 'all':<4}{lock}")
    except AccountError as error:
        raise CliError(str(error), EXIT_USAGE) from None
    return EXIT_OK


# -- the parser ------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data folder (default $HAICAP_DATA_DIR or ./data)")
    top = argparse.ArgumentParser(
        prog="haicap",
        description="Hai Cấp: dossiers, staffing and premises of Vietnam's "
        "wards, from feed files to a dashboard.",
    )
    verbs = top.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = verbs.add_parser("ingest", parents=[common], help="load feed files into the warehouse")
    p.add_argument("paths", nargs="+", metavar="PATH", help="feed files or folders")
    p.add_argument("--feed", help="which feed the files are (default: from the file name)")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="files of one feed loaded at once: CSV files of one layout in groups read by one "
        "scan, others side by side (default: one per core, at most 4; 1 loads one file at a "
        "time, one transaction each)",
    )
    p.set_defaults(run=cmd_ingest)

    p = verbs.add_parser("status", parents=[common], help="what is loaded, quarantined, published")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_status)

    p = verbs.add_parser("generate", parents=[common], help="write demo feed files")
    p.add_argument("--out", required=True)
    _world_options(p)
    p.add_argument("--start", default="2025-07-01")
    p.add_argument("--end", default="2025-10-31")
    p.set_defaults(run=cmd_generate)

    p = verbs.add_parser("demo", parents=[common], help="generate, ingest, build and serve")
    _world_options(p)
    p.add_argument("--no-serve", action="store_true")
    p.set_defaults(run=cmd_demo)

    p = verbs.add_parser("build", parents=[common], help="build and publish the warehouse")
    p.add_argument(
        "--full",
        action="store_true",
        help="rebuild everything from the raw layer (by default a build after new dossier, "
        "supplement or rating loads recomputes only the dossiers they touched)",
    )
    p.set_defaults(run=cmd_build)

    p = verbs.add_parser("serve", parents=[common], help="start the dashboard")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--public", action="store_true")
    p.set_defaults(run=cmd_serve)

    p = verbs.add_parser("users", parents=[common], help="manage dashboard accounts")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", parents=[common], help="a new account (asks the password)")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=("leader", "council", "journalist", "admin"))
    a.add_argument("--province", help="2-digit province code; none: the whole country")
    a.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    a = actions.add_parser("remove", parents=[common], help="delete an account")
    a.add_argument("name")
    a = actions.add_parser("passwd", parents=[common], help="set a new password (asks it)")
    a.add_argument("name")
    a.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    a = actions.add_parser("list", parents=[common], help="the accounts and their scope")
    a.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_users)
    return top


def _world_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dossiers",
        type=int,
        default=None,
        help="national dossier volume (default: the calibrated real volume)",
    )
    p.add_argument("--provinces", help="only these province codes, e.g. 46,11")
    p.add_argument("--seed", type=int, default=2025)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # Whatever a command writes (warehouses, the salt, accounts, the audit log, published
    # files, the served app's files) holds data or secrets: owner-only, group and others get
    # nothing. The served app inherits it (serve becomes the server).
    previous = os.umask(0o077)
    try:
        return args.run(args)
    except CliError as error:
        print(f"haicap {args.verb}: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print(f"haicap {args.verb}: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # one line for people; the traceback on request
        if os.environ.get("HAICAP_DEBUG"):
            raise
        print(
            f"haicap {args.verb}: failed: {type(error).__name__}: {error} "
            "(set HAICAP_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        os.umask(previous)


if __name__ == "__main__":
    sys.exit(main())
