"""Phone and desktop screenshots of every public page type in every language, for reviewers.

    .venv/bin/python tools/screenshots.py [--out build/screenshots] [--base-url URL]
                                          [--languages en,lv] [--kinds home,practice]

The pages are the ones the page-quality check walks (tests/browser/page_quality.py: found from
the site's page API, links and forms, not a list of slugs). Without --base-url the script serves
a scratch copy of the demo database (db.sqlite3, from `make setup`) and its media on a free port,
as the browser tests do, so the working copy is never written to. Writes
<out>/<kind>/<language>-phone.png (360×780) and -desktop.png (1280×900), full pages, and
<out>/index.html to look through them side by side. `make screenshots` runs it.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402 (after the path is set)
from tests.browser.page_quality import DESKTOP, PHONE, discover  # noqa: E402
from tests.conftest import LANGUAGES, chromium_path, free_port  # noqa: E402

DEVICES = {
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 1},
    "desktop": {"viewport": DESKTOP, "device_scale_factor": 1},
}


@contextmanager
def demo_server():
    """runserver on a copy of db.sqlite3 and media/, as the live_site fixture serves its site."""
    database = ROOT / "db.sqlite3"
    if not database.exists():
        sys.exit("db.sqlite3 is missing: run `make setup` first (or give --base-url).")
    with tempfile.TemporaryDirectory(prefix="nbnet-screenshots-") as workdir:
        # SQLite's backup, not a file copy: in WAL mode recent writes may still be in db.sqlite3-wal.
        with (
            contextlib.closing(sqlite3.connect(database)) as source,
            contextlib.closing(sqlite3.connect(Path(workdir) / "db.sqlite3")) as copy,
        ):
            source.backup(copy)
        if (ROOT / "media").exists():
            shutil.copytree(ROOT / "media", Path(workdir) / "media")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "nbnet.settings.dev",
            "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3",
            "MEDIA_ROOT": f"{workdir}/media",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        # Our own manage.py with fixed arguments: nothing from outside reaches the commands.
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        port = free_port()
        server = subprocess.Popen(  # noqa: S603
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/en/", timeout=2):  # noqa: S310 (loopback)
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        server.kill()
                        sys.exit(f"the server did not start: {server.stderr.read().decode()[-2000:]}")
                    time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


Shot = tuple[str, str, str]  # kind, language, URL


def shoot(base_url: str, out: Path, languages: list[str], kinds: set[str] | None) -> list[Shot]:
    """Every page kind of every language, on each device; returns (kind, language, url) shot."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        sys.exit("Debian's Chromium is needed: apt-get install chromium")
    shot = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        pages = {name: browser.new_context(**options).new_page() for name, options in DEVICES.items()}
        for language in languages:
            found = discover(base_url, language)
            for note in found.notes:
                print(f"{language}: {note}", file=sys.stderr)
            for target in found.targets:
                if kinds and target.kind not in kinds:
                    continue
                folder = out / target.kind.replace("/", "--")
                folder.mkdir(parents=True, exist_ok=True)
                for device, page in pages.items():
                    page.goto(target.url, wait_until="load")
                    page.screenshot(path=folder / f"{language}-{device}.png", full_page=True)
                shot.append((target.kind, language, target.url))
                print(f"{language} {target.kind}: {target.url}")
        browser.close()
    return shot


def write_index(out: Path, shot: list[Shot], languages: list[str]) -> None:
    """One row per page kind, the languages side by side, phone and desktop."""
    kinds = list(dict.fromkeys(kind for kind, _, _ in shot))
    urls = {(kind, language): url for kind, language, url in shot}
    rows = []
    for kind in kinds:
        folder = kind.replace("/", "--")
        cells = []
        for language in languages:
            if (kind, language) not in urls:
                cells.append("<td></td>")
                continue
            images = "".join(
                f'<a href="{folder}/{language}-{device}.png"><img src="{folder}/{language}-{device}.png" '
                f'alt="{html.escape(kind)}, {language}, {device}" loading="lazy" class="{device}"></a>'
                for device in DEVICES
            )
            link = html.escape(urls[kind, language])
            cells.append(f'<td>{images}<br><a href="{link}">{language}</a></td>')
        rows.append(f"<tr><th scope='row'>{html.escape(kind)}</th>{''.join(cells)}</tr>")
    (out / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Screenshots</title><style>"
        "body{font-family:sans-serif} td,th{vertical-align:top;padding:4px;text-align:left}"
        "img{border:1px solid #ccc;margin:2px;max-height:300px;object-fit:cover;object-position:top}"
        "img.phone{width:90px} img.desktop{width:220px}</style></head><body>"
        "<h1>Every page type, phone and desktop</h1><table><tr><th></th>"
        + "".join(f"<th scope='col'>{language}</th>" for language in languages)
        + "</tr>"
        + "".join(rows)
        + "</table></body></html>",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--base-url", help="a running site (default: serve a copy of db.sqlite3)")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="comma-separated")
    parser.add_argument("--kinds", help="comma-separated page kinds (default: all), e.g. home,practice")
    args = parser.parse_args()
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    unknown = set(languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"unknown languages: {', '.join(sorted(unknown))} (choose from {', '.join(LANGUAGES)})")
    kinds = {kind.strip() for kind in args.kinds.split(",")} if args.kinds else None
    args.out.mkdir(parents=True, exist_ok=True)
    if args.base_url:
        shot = shoot(args.base_url.rstrip("/"), args.out, languages, kinds)
    else:
        with demo_server() as base_url:
            shot = shoot(base_url, args.out, languages, kinds)
    if not shot:
        sys.exit("no page was photographed: check --kinds (the kinds are the folder names)")
    write_index(args.out, shot, languages)
    print(f"{len(shot) * len(DEVICES)} screenshots in {args.out} (open {args.out / 'index.html'})")


if __name__ == "__main__":
    main()
