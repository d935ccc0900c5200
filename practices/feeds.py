"""RSS feeds per language for practices, projects and events, and an iCalendar feed of events."""

from __future__ import annotations

import datetime

import icalendar
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext

from .models import EventPage, PracticePage, ProjectPage

FEED_ITEMS = 30


class _PageFeed(Feed):
    """One feed per language: the URL prefix activates it and Django labels the feed with it."""

    feed_type = Rss201rev2Feed
    model: type = PracticePage

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} · {gettext('Nordic-Baltic Integration Network')}"

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.intro

    def items(self):
        return (
            self.model.objects.live()
            .public()
            .child_of(self.index_page)
            .order_by("-first_published_at")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class PracticeFeed(_PageFeed):
    model = PracticePage


class ProjectFeed(_PageFeed):
    model = ProjectPage


class EventFeed(_PageFeed):
    model = EventPage

    def item_description(self, item):
        when = timezone.localtime(item.start).strftime("%Y-%m-%d %H:%M")
        return f"{when} — {item.intro}"


def icalendar_response(index_page, request: HttpRequest) -> HttpResponse:
    """The events of one language as an iCalendar (RFC 5545) feed to subscribe to."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Nordic-Baltic Integration Network//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{index_page.title} · {gettext('Nordic-Baltic Integration Network')}")
    since = timezone.now() - datetime.timedelta(days=365)
    events = (
        EventPage.objects.live()
        .public()
        .child_of(index_page)
        .filter(start__gte=since)
        .select_related("city", "country")
        .order_by("start")
    )
    host = request.get_host().split(":")[0]
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.translation_key}-{index_page.locale.language_code}@{host}")
        entry.add("summary", event.title)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end or event.start + datetime.timedelta(hours=2))
        entry.add("dtstamp", event.last_published_at or timezone.now())
        entry.add("url", request.build_absolute_uri(event.get_url(request)))
        place = (
            gettext("Online")
            if event.online
            else ", ".join(part for part in (event.location, event.city.name if event.city else "") if part)
        )
        if place:
            entry.add("location", place)
        if event.intro:
            entry.add("description", strip_tags(event.intro))
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response
