"""Factories for the knowledge base, shared by the tests and the demo seed."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    EventIndexPage,
    EventPage,
    LibraryPage,
    PracticeIndexPage,
    PracticePage,
    ProjectIndexPage,
    ProjectPage,
    Publication,
)


def pdf_bytes(title: str) -> bytes:
    """A small, real one-page PDF showing the title (Pillow writes PDF)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(image).text((40, 60), title.encode("latin-1", "replace").decode("latin-1"), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72)
    return buffer.getvalue()


class PublicationFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Report {n}")
    file = factory.LazyAttribute(
        lambda pub: ContentFile(pdf_bytes(pub.title), name=f"{slugify(pub.title)[:60] or 'document'}.pdf")
    )
    kind = "report"
    language = "en"
    year = 2022

    class Meta:
        model = Publication


class _IndexFactory(wagtail_factories.PageFactory):
    show_in_menus = True


class PracticeIndexPageFactory(_IndexFactory):
    title = "Good practices"
    slug = "practices"

    class Meta:
        model = PracticeIndexPage


class ProjectIndexPageFactory(_IndexFactory):
    title = "Projects"
    slug = "projects"

    class Meta:
        model = ProjectIndexPage


class EventIndexPageFactory(_IndexFactory):
    title = "Meetings and events"
    slug = "events"

    class Meta:
        model = EventIndexPage


class LibraryPageFactory(_IndexFactory):
    title = "Library"
    slug = "library"

    class Meta:
        model = LibraryPage


class PracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Practice {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    start_date = datetime.date(2022, 1, 1)
    status = "ongoing"

    class Meta:
        model = PracticePage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    start_date = datetime.date(2022, 1, 1)

    class Meta:
        model = ProjectPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    class Meta:
        model = EventPage
