"""Load test (issue #7): N browser sessions clicking through every page of the dashboard.

Each session is a Playwright context of Debian's chromium (/usr/bin/chromium; nothing is
downloaded) that opens the dashboard, signs in through the real sign-in form, then clicks the
sidebar's pages one after another, round and round, until the time is up. A page's time runs
from the click until its title shows and Streamlit has stopped running the script (the
"running" widget gone): what a person waits. An error is an exception box on the page, a
page that does not finish within the timeout, or a failed sign-in.

    .venv/bin/python scripts/load_browsers.py --url http://127.0.0.1:8501 \\
        --data-dir DIR --sessions 30 --minutes 3
    .venv/bin/python scripts/load_browsers.py --serve --data-dir DIR   # starts haicap serve

The account (`load.test`, a national leader) is added to the data folder's accounts when it
is missing. Prints errors (target 0) and the median and 95th-percentile page time (target
95th ≤ 2 s), per page and overall; exits 1 when there was an error. With --serve it also
prints the server's own time per page run, from the render log app.py writes when
$HAICAP_RENDER_LOG is set: what a browser waited beyond that went to the browsers, the
network and the queue for the cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.world import CHROMIUM, CHROMIUM_ARGS, ensure_account  # noqa: E402

HAICAP = Path(sys.executable).with_name("haicap")
ACCOUNT = ("load.test", "tải-thử-nghiệm-2025")
# The sidebar's pages of a national leader, as their links read in Vietnamese.
PAGES = [
    "Tổng quan",
    "Tỉnh, thành",
    "Phường, xã",
    "Thủ tục",
    "Nhân sự",
    "Tài sản",
    "Cảnh báo",
    "Dữ liệu",
    "Phương pháp",
]
RUNNING = '[data-testid="stStatusWidget"]'
EXCEPTION = '[data-testid="stException"]'


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    sign_ins: list[float] = field(default_factory=list)


def start_server(data: Path, log: Path, renders: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(HAICAP), "serve", "--port", str(port)],
        env={**os.environ, "HAICAP_DATA_DIR": str(data), "HAICAP_RENDER_LOG": str(renders)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # serve runs Streamlit as a child: stop the whole group
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit(f"haicap serve did not answer; see {log}")


async def settled(page, timeout_ms: float) -> None:
    """Streamlit has finished the run: no 'running' widget for a moment."""
    await page.wait_for_function(
        f"() => !document.querySelector('{RUNNING}')", timeout=timeout_ms, polling=50
    )


async def sign_in(page, url: str, timeout_ms: float) -> None:
    await page.goto(url)
    name = page.get_by_label(re.compile("Tên đăng nhập|Account name"))
    await name.wait_for(timeout=timeout_ms)
    await name.fill(ACCOUNT[0])
    await page.get_by_label(re.compile("Mật khẩu|Password")).fill(ACCOUNT[1])
    await page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    await name.wait_for(state="detached", timeout=timeout_ms)
    await page.locator("h1").first.wait_for(timeout=timeout_ms)
    await settled(page, timeout_ms)


async def session(number: int, browser, url: str, until: float, tally: Tally, timeout_ms: float):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        await asyncio.sleep(number * 0.3)  # people do not all arrive in the same second
        started = time.monotonic()
        try:
            await sign_in(page, url, timeout_ms)
        except Exception as error:  # noqa: BLE001 - an error is a finding, counted
            tally.errors.append(f"session {number}: sign-in: {type(error).__name__}: {error}")
            return
        tally.sign_ins.append(time.monotonic() - started)
        step = number  # sessions start on different pages
        while time.monotonic() < until:
            title = PAGES[step % len(PAGES)]
            step += 1
            nav = page.locator('[data-testid="stSidebarNav"]')
            link = nav.get_by_role("link", name=title, exact=True)
            clicked = time.monotonic()
            try:
                await link.click()
                await page.locator("h1").filter(has_text=title).first.wait_for()
                await settled(page, timeout_ms)
                took = time.monotonic() - clicked
                if await page.locator(EXCEPTION).count():
                    text = (await page.locator(EXCEPTION).first.inner_text())[:200]
                    tally.errors.append(f"session {number}: {title}: exception: {text}")
                else:
                    tally.times[title].append(took)
            except Exception as error:  # noqa: BLE001
                message = str(error).splitlines()[0][:200]
                tally.errors.append(f"session {number}: {title}: {type(error).__name__}: {message}")
                try:  # start again from a fresh load, as a person would press reload
                    await sign_in(page, url, timeout_ms)
                except Exception:  # noqa: BLE001 - counted above; the next round retries
                    await asyncio.sleep(1)
    finally:
        await context.close()


async def run(url: str, sessions: int, seconds: float, timeout_ms: float) -> Tally:
    from playwright.async_api import async_playwright

    tally = Tally()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        until = time.monotonic() + seconds
        try:
            await asyncio.gather(
                *(session(i, browser, url, until, tally, timeout_ms) for i in range(sessions))
            )
        finally:
            await browser.close()
    return tally


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def server_report(renders: Path) -> str:
    """The server's own time per page run (app.py's render log), from the same runs."""
    times: dict[str, list[float]] = defaultdict(list)
    for line in renders.read_text(encoding="utf-8").splitlines():
        page, _, took = line.partition("\t")
        times[page].append(float(took))
    every = [t for values in times.values() for t in values]
    lines = [
        "server-side: the time the server spent running each page script (same runs)",
        f"{'page':<14} {'runs':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7}",
    ]
    for page, values in [*sorted(times.items()), ("all pages", every)]:
        if values:
            lines.append(
                f"{page:<14} {len(values):>6} {statistics.median(values):>7.2f} "
                f"{percentile(values, 0.95):>7.2f} {max(values):>7.2f}"
            )
    return "\n".join(lines)


def report(tally: Tally, sessions: int, seconds: float) -> str:
    every = [t for times in tally.times.values() for t in times]
    lines = [
        f"{sessions} sessions for {seconds / 60:.1f} min: {len(every)} page views, "
        f"{len(tally.errors)} errors; sign-in median "
        f"{statistics.median(tally.sign_ins) if tally.sign_ins else float('nan'):.2f} s",
        f"{'page':<14} {'views':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7}",
    ]
    for title in PAGES:
        times = tally.times.get(title, [])
        if times:
            lines.append(
                f"{title:<14} {len(times):>6} {statistics.median(times):>7.2f} "
                f"{percentile(times, 0.95):>7.2f} {max(times):>7.2f}"
            )
    if every:
        lines.append(
            f"{'all pages':<14} {len(every):>6} {statistics.median(every):>7.2f} "
            f"{percentile(every, 0.95):>7.2f} {max(every):>7.2f}"
        )
    for error in tally.errors[:15]:
        lines.append(f"  error: {error}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running `haicap serve` (else --serve)")
    parser.add_argument("--serve", action="store_true", help="start `haicap serve` on --data-dir")
    parser.add_argument("--data-dir", type=Path, help="the data folder (for the account)")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a page fails")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium is not installed (apt-get install chromium)")
    if args.data_dir is None and (args.serve or not args.url):
        parser.error("--data-dir is needed with --serve (and to add the load-test account)")
    server = None
    renders = args.data_dir / "render_times.tsv" if args.data_dir is not None else None
    if args.data_dir is not None:
        ensure_account(args.data_dir.resolve(), *ACCOUNT)
    url = args.url
    if args.serve or not url:
        renders.unlink(missing_ok=True)
        server, url = start_server(
            args.data_dir.resolve(), args.data_dir / "load_serve.log", renders.resolve()
        )
    seconds = args.minutes * 60
    print(f"{args.sessions} browser sessions on {url} for {args.minutes:g} min", flush=True)
    try:
        tally = asyncio.run(run(url, args.sessions, seconds, args.timeout * 1000))
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(report(tally, args.sessions, seconds))
    if server is not None and renders.exists():
        print(server_report(renders))
    return 1 if tally.errors or not tally.times else 0


if __name__ == "__main__":
    sys.exit(main())
