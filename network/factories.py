"""Factories for the directory, shared by the tests and the demo seed."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify

from home.factories import LocaleFactory

from .models import (
    City,
    Country,
    NetworkIndexPage,
    Organisation,
    OrganisationType,
    PractitionerContact,
    PractitionerPage,
    SpokenLanguage,
    TargetGroup,
    Theme,
    TwinningPage,
    Visibility,
)


class CountryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Country {n}")
    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    region = "baltic"
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = Country


class CityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"City {n}")
    name_in = factory.LazyAttribute(lambda city: city.name)
    slug = factory.LazyAttribute(lambda city: slugify(city.name))
    country = factory.SubFactory(CountryFactory)
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = City


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda term: slugify(term.name))
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = Theme


class TargetGroupFactory(ThemeFactory):
    name = factory.Sequence(lambda n: f"Target group {n}")

    class Meta:
        model = TargetGroup


class SpokenLanguageFactory(factory.django.DjangoModelFactory):
    code = "en"
    name = "English"

    class Meta:
        model = SpokenLanguage
        django_get_or_create = ("code",)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda org: slugify(org.name))
    org_type = OrganisationType.NGO
    country = factory.SubFactory(CountryFactory)
    city = None
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = Organisation


class NetworkIndexPageFactory(wagtail_factories.PageFactory):
    title = "Practitioner directory"
    slug = "network"
    show_in_menus = True

    class Meta:
        model = NetworkIndexPage


class PractitionerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Practitioner {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    role = "Social worker"
    city = factory.SubFactory(CityFactory)
    bio = ""
    last_confirmed = datetime.date(2026, 10, 1)

    class Meta:
        model = PractitionerPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if extracted:
            self.target_groups.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if extracted:
            self.languages.set(extracted)
            if create:
                self.save()


class PractitionerContactFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(PractitionerPageFactory)
    email = factory.LazyAttribute(lambda contact: f"{contact.page.slug}@example.org")
    email_visibility = Visibility.HIDDEN
    phone = ""
    phone_visibility = Visibility.HIDDEN
    consent_version = "2026-11"
    consent_at = factory.LazyFunction(lambda: datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC))

    class Meta:
        model = PractitionerContact


class TwinningPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Twinning {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    class Meta:
        model = TwinningPage
