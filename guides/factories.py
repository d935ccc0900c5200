"""Factories for the guides, shared by the tests and the demo seed."""

import datetime

import factory
import wagtail_factories

from home.factories import LocaleFactory
from network.factories import CityFactory, CountryFactory, OrganisationFactory

from .models import GuideIndexPage, GuidePage, HelpPoint, LegalStatus


class LegalStatusFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Status {n}")
    slug = factory.Sequence(lambda n: f"status-{n}")
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = LegalStatus


class HelpPointFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    city = factory.SubFactory(CityFactory)
    address = factory.Sequence(lambda n: f"Main street {n}")
    opening_hours = "Monday to Friday 9:00–17:00"
    phone = "+371 60000000"
    helps_with = "Documents and first contacts."
    last_verified = factory.LazyFunction(datetime.date.today)
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = HelpPoint


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    title = "Just arrived: first steps"
    slug = "guides"
    show_in_menus = True

    class Meta:
        model = GuideIndexPage


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"First steps {n}")
    country = factory.SubFactory(CountryFactory)
    easy_summary = "Go step by step."
    last_verified = factory.LazyFunction(datetime.date.today)

    class Meta:
        model = GuidePage
