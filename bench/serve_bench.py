"""Load benchmark of the production server on the demo data, side by side with a bare view.

    make bench-serve            # or: .venv/bin/python bench/serve_bench.py --seconds 10
    make bench-serve-large      # the same on 100k practitioners and 20k practices (--large)

Starts gunicorn (production settings from the environment, 2 workers of 4 threads:
gunicorn.conf.py) on the current database three times: with the page cache; without it ("uncached": what a
signed-in reader or a new choice of filters gets, the shared fragments of
``nbnet.page_cache`` still in use); and with no cache at all ("cold": every page built
from the database, as the first request after a content change is), and a bare Django view
returning the same bytes as the home page under the same gunicorn. Drives each URL for
``--seconds`` with ``--concurrency`` client threads over loopback and prints requests/s,
p50 and p99 latency, the workers' CPU milliseconds per request (from /proc, so the
client's own cost is not counted) and the largest worker's memory. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

PAGES = [
    ("home page", "/en/"),
    ("directory, two filters", "/en/network/?country=LV&theme=roma-inclusion"),
    ("practice page", "/en/practices/roma-mediation-latvia/"),
    ("guide checklist", "/lv/guides/latvia/?status=refugee&city=riga"),
]
# With --large: the listings that grow with the data (database from `manage.py seed_scale`).
LARGE_PAGES = [
    ("directory, no filter", "/en/network/"),
    ("directory, two filters, page 20", "/en/network/?country=LV&theme=roma-inclusion&page=20"),
    ("organisation list", "/en/network/organisations/"),
    ("practice index", "/en/practices/"),
    ("practice index, filters, page 10", "/en/practices/?theme=employment&status=ongoing&page=10"),
    # Never page-cached: its contact form carries a CSRF token. Its "cached" row shows that.
    ("profile with peers and contact form", "/en/network/ilze-kalnina/"),
]


GZIP = {"Accept-Encoding": "gzip"}


def urls(pages: list[tuple[str, str]]) -> list[tuple[str, str, str, dict]]:
    """(label, server, path, request headers): "cached" runs with the page cache, "uncached"
    with PAGE_CACHE_SECONDS=0, "cold" also with FRAGMENT_CACHE_SECONDS=0. Rows marked gzip
    ask as browsers do and get the compressed page; the others get it plain, like the bare view."""
    return [
        ("bare Django view (home page bytes)", "bare", "/", {}),
        *[(f"{label}, cached", "cached", path, {}) for label, path in pages],
        (f"{pages[0][0]}, cached, gzip", "cached", pages[0][1], GZIP),
        *[(f"{label}, uncached", "uncached", path, {}) for label, path in pages],
        (f"{pages[-1][0]}, uncached, gzip", "uncached", pages[-1][1], GZIP),
        *[(f"{label}, cold", "cold", path, {}) for label, path in pages],
        ("search (never cached)", "cached", "/lv/search/?q=b%C4%93g%C4%BCi", {}),
        ("search, English (never cached)", "cached", "/en/search/?q=mentoring+riga", {}),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(app: str, port: int, env: dict, workers: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{app} did not start on port {port}")


def family(process: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    return [process.pid, *map(int, children)]


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def worker_memory_mb(pids: list[int]) -> float:
    sizes = []
    for pid in pids[1:]:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return max(sizes) if sizes else 0.0


def load(
    port: int, path: str, seconds: float, concurrency: int, headers: dict | None = None
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        nonlocal errors
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except OSError:
                failed += 1
            finally:
                connection.close()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to drive each URL")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--large", action="store_true", help="benchmark the listings of a seed_scale database"
    )
    args = parser.parse_args()

    env = dict(os.environ)
    site_port, bare_port, uncached_port, cold_port = free_port(), free_port(), free_port(), free_port()
    site = start("nbnet.wsgi", site_port, env, args.workers)
    uncached = start("nbnet.wsgi", uncached_port, {**env, "PAGE_CACHE_SECONDS": "0"}, args.workers)
    no_caches = {**env, "PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}
    cold = start("nbnet.wsgi", cold_port, no_caches, args.workers)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{site_port}/en/", timeout=30) as response:
            body = response.read()
        with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as handle:
            handle.write(body)
        bare = start("bench.bare_app", bare_port, {**env, "BARE_BODY_FILE": handle.name}, args.workers)
        try:
            ports = {
                "cached": (site_port, site),
                "uncached": (uncached_port, uncached),
                "cold": (cold_port, cold),
                "bare": (bare_port, bare),
            }
            print(
                f"{len(body)} bytes per home page; {args.workers} workers; {args.concurrency} clients; "
                f"{args.seconds:g} s per URL"
            )
            print(f"{'URL':<46} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11} {'errors':>7}")
            for label, which, path, headers in urls(LARGE_PAGES if args.large else PAGES):
                port, process = ports[which]
                load(port, path, 1.0, 2, headers)  # warm up: caches, imports, connections
                pids = family(process)
                before = cpu_seconds(pids)
                latencies, errors = load(port, path, args.seconds, args.concurrency, headers)
                cpu = cpu_seconds(pids) - before
                latencies.sort()
                count = len(latencies)
                p50 = statistics.median(latencies) * 1000
                p99 = latencies[max(0, int(count * 0.99) - 1)] * 1000
                print(
                    f"{label:<46} {count / args.seconds:>8.1f} {p50:>8.1f} {p99:>8.1f} "
                    f"{cpu / count * 1000:>11.2f} {errors:>7}",
                    flush=True,
                )
            print(
                f"largest worker memory: site {worker_memory_mb(family(site)):.0f} MB, "
                f"bare {worker_memory_mb(family(bare)):.0f} MB"
            )
        finally:
            bare.terminate()
            bare.wait(timeout=10)
            os.unlink(handle.name)
    finally:
        for process in (site, uncached, cold):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
