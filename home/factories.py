"""Factories for general pages and locales, shared by the tests and the demo seed."""

import factory
import wagtail_factories
from wagtail.models import Locale

from .models import ContactPage, HomePage, PrivacyPage, StandardPage


class LocaleFactory(factory.django.DjangoModelFactory):
    language_code = "en"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Nordic-Baltic Integration Network"
    slug = "home"
    intro = "People who help newcomers settle in find each other here."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    slug = factory.Sequence(lambda n: f"standard-page-{n}")
    intro = "A general page."
    show_in_menus = True

    class Meta:
        model = StandardPage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    slug = "contact"
    intro = "How to reach the editors."
    show_in_menus = False

    class Meta:
        model = ContactPage


class PrivacyPageFactory(wagtail_factories.PageFactory):
    title = "Privacy notice"
    slug = "privacy"
    intro = "What the site keeps about you."
    show_in_menus = False

    class Meta:
        model = PrivacyPage
