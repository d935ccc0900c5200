"""Build and send one digest per person: new and updated published items matching what they
follow, in their language (an item not translated yet comes in English, marked as such).

Run by ``follows.tasks.send_digests`` in the worker, never in a request. A row of
``SentDigest`` per person and period, created before the mail is queued and in the same
transaction, makes a digest go out once even when two workers run at the same time.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from background.mail import queue_message

from .listings import LISTINGS, as_querydict, matching
from .models import DigestSettings, Follow, SentDigest

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "follows.unsubscribe"
# An unsubscribe link keeps working this long (a digest read months later still unsubscribes).
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365
MAX_ITEMS = 50


@dataclass
class Item:
    title: str
    url: str
    kind: object  # lazy: rendered in the reader's language
    language: str
    other_language: bool
    new: bool
    language_name: str = ""


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_from_token(token: str):
    """The user of a valid token, or None (tampered, expired, or the account is gone)."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return get_user_model().objects.filter(pk=data["u"], is_active=True).first()


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def period_of(frequency: str, now: datetime.datetime) -> str:
    if frequency == DigestSettings.Frequency.DAILY:
        return f"d{now.date().isoformat()}"
    year, week, _day = now.isocalendar()
    return f"w{year}-{week:02d}"


def _pages_for(follow: Follow, since: datetime.datetime) -> Q | list[int]:
    if follow.kind == Follow.Kind.LISTING:
        listing = LISTINGS.get(follow.listing)
        if listing is None:
            return []
        return list(
            matching(listing, follow.filters).filter(last_published_at__gt=since).values_list("pk", flat=True)
        )
    if follow.kind == Follow.Kind.SEARCH:
        from search.engine import search

        outcome = search(follow.query, follow.language, as_querydict(follow.filters))
        if outcome.paginator is None:
            return []
        # Search entries are pages and snippets (organisations): the pages only.
        ids = [
            entry.item_id
            for entry in outcome.paginator.object_list
            if issubclass(ContentType.objects.get_for_id(entry.item_type_id).model_class() or object, Page)
        ]
        return list(
            Page.objects.live()
            .public()
            .filter(pk__in=ids, last_published_at__gt=since)
            .values_list("pk", flat=True)
        )
    if follow.kind == Follow.Kind.RECORD and follow.page_id:
        condition = Q()
        for page in Page.objects.filter(translation_key=follow.page.translation_key):
            condition |= Q(path__startswith=page.path)
        return list(
            Page.objects.live()
            .public()
            .filter(condition, last_published_at__gt=since)
            .values_list("pk", flat=True)
        )
    return []


def items_for(user, language: str, since: datetime.datetime | None) -> list[Item]:
    """What is new for ``user``: one item per translated record, in ``language`` where it
    exists, else in English, else in the language it was written in."""
    ids: set[int] = set()
    for follow in Follow.objects.filter(user=user).select_related("page"):
        start = max(since, follow.created_at) if since else follow.created_at
        ids.update(_pages_for(follow, start))
    if not ids:
        return []
    found = Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True)
    # Aliases (an untranslated page shown under another language) are not translations.
    pages = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=set(found), alias_of__isnull=True)
        .select_related("locale")
    )
    by_key: dict = {}
    for page in pages.specific():
        by_key.setdefault(page.translation_key, []).append(page)
    items = []
    for versions in by_key.values():
        preferred = {page.locale.language_code: page for page in versions}
        page = preferred.get(language) or preferred.get(settings.LANGUAGE_CODE) or versions[0]
        if page.pk not in ids and not any(version.pk in ids for version in versions):
            continue
        items.append(
            Item(
                title=page.title,
                url=page.full_url or "",
                kind=page.specific_class._meta.verbose_name if page.specific_class else "",
                language=page.locale.language_code,
                other_language=page.locale.language_code != language,
                new=bool(since is None or (page.first_published_at and page.first_published_at > since)),
            )
        )
    items.sort(key=lambda item: (not item.new, str(item.kind), item.title.casefold()))
    return items[:MAX_ITEMS]


def _message(user, language: str, items: list[Item]) -> EmailMultiAlternatives:
    with translation.override(language):
        for item in items:
            item.language_name = str(translation.get_language_info(item.language)["name_translated"])
        unsubscribe = absolute(reverse("follows_unsubscribe", args=[unsubscribe_token(user)]))
        context = {
            "items": items,
            "unsubscribe_url": unsubscribe,
            "manage_url": absolute(reverse("follows_mine")),
            "language": language,
        }
        subject = render_to_string("follows/digest_subject.txt", context).strip()
        text = render_to_string("follows/digest.txt", context)
        html = render_to_string("follows/digest.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_digest(schedule: DigestSettings, now: datetime.datetime) -> str:
    """One person's digest for the current period: "sent", "nothing new", or "already sent"."""
    user = schedule.user
    period = period_of(schedule.frequency, now)
    try:
        with transaction.atomic():
            # The claim: a second worker fails here and sends nothing.
            sent = SentDigest.objects.create(user=user, period=period)
            items = items_for(user, schedule.language, schedule.last_sent_at)
            sent.items = len(items)
            sent.save(update_fields=["items"])
            DigestSettings.objects.filter(pk=schedule.pk).update(last_sent_at=now)
            if not items or not user.email:
                return "nothing new"
            queue_message(_message(user, schedule.language, items), kind="digest")
    except IntegrityError:
        return "already sent"
    return "sent"


def due(now: datetime.datetime):
    """The schedules whose digest for the current period has not been sent."""
    schedules = (
        DigestSettings.objects.exclude(frequency=DigestSettings.Frequency.NEVER)
        .filter(user__is_active=True, user__follows__isnull=False)
        .select_related("user")
        .distinct()
    )
    for schedule in schedules:
        if not SentDigest.objects.filter(
            user=schedule.user, period=period_of(schedule.frequency, now)
        ).exists():
            yield schedule


def send_due(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for schedule in list(due(now)):
        try:
            outcome = send_digest(schedule, now)
        except Exception:  # one person's failure must not stop the others
            logger.exception("digest for user %s failed", schedule.user_id)
            outcome = "failed"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
