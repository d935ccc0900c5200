"""Checking the external links that guides and help points send newcomers to.

Written with the standard library: the check is a HEAD request (GET when a server
refuses HEAD) with a timeout and a bounded number of parallel requests; no
maintained Django package checks links held in snippets and inline models.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Locale

from .models import GuidePage, HelpPoint, LinkCheck

_HREF = re.compile(r"""href=["'](https?://[^"'\s<>]+)["']""", re.IGNORECASE)
USER_AGENT = "NordicBalticNetwork-LinkCheck/1.0"
MAX_URL = LinkCheck._meta.get_field("url").max_length


@dataclass
class Result:
    url: str
    ok: bool
    status: int | None
    error: str


def collect() -> dict[str, list[str]]:
    """{url: [where it is used]} over help points, organisations behind them, and guide steps."""
    found: dict[str, list[str]] = defaultdict(list)
    default = Locale.get_default()
    for point in HelpPoint.objects.filter(locale=default).select_related("organisation"):
        if point.link:
            found[point.link].append(f"help point: {point.display_name}")
    for guide in GuidePage.objects.filter(locale=default, alias_of__isnull=True).prefetch_related("steps"):
        for step in guide.steps.all():
            for url in _HREF.findall(step.what):
                found[html.unescape(url)].append(f"guide: {guide.title} / {step.title}")
    # Longer addresses than the report can store are left out (and said so by the command).
    return {url: places for url, places in found.items() if len(url) <= MAX_URL}


def check_url(url: str, timeout: float = 10.0) -> Result:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310 (http/https only, collected above)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return Result(url, 200 <= response.status < 400, response.status, "")
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD; ask again with GET
            return Result(url, False, error.code, str(error.reason)[:300])
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return Result(url, False, None, str(reason)[:300] or type(error).__name__)
    return Result(url, False, None, "no answer")


def check_all(urls: dict[str, list[str]], timeout: float = 10.0, workers: int = 8) -> list[Result]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda url: check_url(url, timeout), sorted(urls)))
    now = timezone.now()
    for result in results:
        LinkCheck.objects.update_or_create(
            url=result.url,
            defaults={
                "ok": result.ok,
                "status": result.status,
                "error": result.error,
                "checked_at": now,
                "found_on": "\n".join(urls[result.url]),
            },
        )
    LinkCheck.objects.exclude(url__in=list(urls)).delete()  # no longer used anywhere
    return results
