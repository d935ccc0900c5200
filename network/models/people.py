"""Practitioners: a public profile page per person, and their personal contact details apart.

Contact details (e-mail, phone), consent and the link to a sign-in account live in
``PractitionerContact``, not on the page: they are never copied into page revisions,
translations, the search index or the page API, and one record serves all five
translations of a profile.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import api
from home.models import BASE_PAGE_TRANSLATABLE, BasePage, as_links

from ..emails import normalize_email
from .taxonomy import in_default_locale

# Bump when the wording of the consent text changes; each record keeps the version it agreed to.
CONSENT_VERSION = "2026-11"
# A profile not confirmed by its owner for this long is marked as possibly out of date.
CONFIRMATION_MAX_AGE = datetime.timedelta(days=365)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in network members")
    HIDDEN = "hidden", _("Nobody (contact form only)")


class PractitionerPage(BasePage):
    # Fetched with the page when it is served (home/routing.py): shown at the top of it.
    route_select_related = ("city__country", "organisation", "photo")
    role = models.CharField(_("role"), max_length=150, help_text=_("e.g. Roma mediator, social worker"))
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    city = models.ForeignKey(
        "network.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city or municipality")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    themes = ParentalManyToManyField(
        "network.Theme", blank=True, limit_choices_to=in_default_locale, verbose_name=_("areas of expertise")
    )
    target_groups = ParentalManyToManyField(
        "network.TargetGroup", blank=True, limit_choices_to=in_default_locale, verbose_name=_("target groups")
    )
    languages = ParentalManyToManyField(
        "network.SpokenLanguage", blank=True, verbose_name=_("languages spoken")
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=2000)
    open_to_exchange = models.BooleanField(_("open to peer exchange"), default=False)
    looking_for_partners = models.BooleanField(_("looking for partners"), default=False)
    last_confirmed = models.DateField(
        _("last confirmed by its owner"),
        null=True,
        blank=True,
        help_text=_("When the person last checked it."),
    )

    parent_page_types = ["network.NetworkIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        FieldPanel("title", heading=_("Full name")),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("city"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("target_groups"), FieldPanel("languages")],
            heading=_("Expertise"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("open_to_exchange"), FieldPanel("looking_for_partners")]),
                FieldPanel("last_confirmed"),
            ],
            heading=_("Status"),
        ),
    ]
    translatable_fields = [
        *BASE_PAGE_TRANSLATABLE,
        TranslatableField("role"),
        TranslatableField("organisation"),
        TranslatableField("city"),
        SynchronizedField("photo"),
        SynchronizedField("themes"),
        SynchronizedField("target_groups"),
        SynchronizedField("languages"),
        TranslatableField("bio"),
        SynchronizedField("open_to_exchange"),
        SynchronizedField("looking_for_partners"),
        SynchronizedField("last_confirmed"),
    ]
    # Public fields only: e-mail, phone and consent are in PractitionerContact, never here.
    api_fields = [
        APIField("role"),
        APIField("organisation", serializer=api.OrganisationSerializer(read_only=True)),
        APIField("city", serializer=api.CitySerializer(read_only=True)),
        APIField("photo"),
        APIField("bio"),
        APIField("themes", serializer=api.slugs()),
        APIField("target_groups", serializer=api.slugs()),
        APIField("languages", serializer=api.codes()),
        APIField("open_to_exchange"),
        APIField("looking_for_partners"),
        APIField("last_confirmed"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("role", boost=2),
        index.SearchField("bio"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("city", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("practitioner profile")
        verbose_name_plural = _("practitioner profiles")

    @property
    def country(self):
        return self.city.country if self.city_id else None

    @cached_property
    def contact(self) -> PractitionerContact | None:
        """The person's contact record, shared by every translation of the profile."""
        return PractitionerContact.objects.filter(page__translation_key=self.translation_key).first()

    @property
    def confirmation_is_stale(self) -> bool:
        return self.last_confirmed is None or (
            timezone.localdate() - self.last_confirmed > CONFIRMATION_MAX_AGE
        )

    def get_context(self, request, *args, **kwargs):
        from nbnet.page_cache import for_page
        from network.contact import contact_context

        def related() -> dict:
            return {
                "directory": self.get_parent().specific,
                "themes": list(self.themes.all()),
                "groups": list(self.target_groups.all()),
                "languages": list(self.languages.all()),
                **{name: list(pages) for name, pages in self.knowledge_links().items()},
            }

        context = super().get_context(request, *args, **kwargs)
        context.update(contact_context(self, request, kwargs.get("contact_form")))
        context["peers"] = self.find_peers()
        context.update(for_page(request, f"practitioner:{self.pk}", related))
        return context

    def knowledge_links(self) -> dict:
        """Practices, projects and events that name this person, linked from their side."""
        from django.db.models import Q

        from practices.models import EventPage, PracticePage, ProjectPage

        key = self.translation_key

        def here(model, *shown):
            return as_links(model.objects.live().public().filter(locale_id=self.locale_id), "intro", *shown)

        return {
            "practices_here": here(PracticePage)
            .filter(contacts__translation_key=key)
            .distinct()
            .order_by("title"),
            "projects_here": here(ProjectPage)
            .filter(Q(contact_persons__translation_key=key) | Q(authors__translation_key=key))
            .distinct()
            .order_by("-start_date"),
            "events_here": here(EventPage, "start")
            .filter(people__translation_key=key)
            .distinct()
            .order_by("-start"),
        }

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from network.contact import handle_contact_post

            return handle_contact_post(self, request)
        return super().serve(request, *args, **kwargs)

    # What the directory's listings read of a profile (its filters, network/directory.py, and
    # its order): a publish that changes none of these renews the profile's card wherever it is
    # shown, not every directory page (nbnet/invalidation.py, ``listing_state``).
    # tests/test_listing_renewal.py fails when a filter or an order reads a field not named here.
    listing_fields = ("city", "organisation", "themes", "target_groups", "languages", "open_to_exchange")
    listing_order = ("title",)

    # What a practitioner card shows (network/includes/practitioner_card.html), with the
    # relations it names joined: see home.models.as_links.
    CARD_FIELDS = (
        "role", "open_to_exchange", "organisation__name", "city__name", "city__country__name",
    )  # fmt: skip

    @classmethod
    def as_cards(cls, queryset, *extra: str):
        return as_links(queryset.select_related("city__country", "organisation"), *cls.CARD_FIELDS, *extra)

    def find_peers(self, limit: int = 6):
        """Practitioners in *other* countries sharing themes or target groups, best matches first."""
        import hashlib

        from nbnet.page_cache import fragment, kind_tag
        from network.directory import peers_of
        from network.models import City, Country, TargetGroup, Theme

        # Scoring every practitioner costs 0.3 s at 100k people on SQLite, 1–3 s on
        # PostgreSQL, and profiles (with their contact form) are never whole-page cached: the
        # ranking is kept under what it is ranked by (this person's themes, target groups and
        # country) and renewed when those or the terms change; not when this person's page is
        # published with something else changed, nor when a practice that names them is (both
        # renew their page's tag: with it, each publish of a practice ranked 100k people again
        # for each of its contacts in five languages), nor with every practitioner published.
        # Someone newly published reaches others' suggestions within FRAGMENT_CACHE_SECONDS.
        # What is shown of the peers is read fresh, six rows by key: a peer renamed or
        # unpublished is never shown stale.
        ranked_by = (
            self.locale_id,
            str(self.translation_key),
            # Read from the page itself: in a preview they are the editor's unsaved choices.
            sorted(theme.pk for theme in self.themes.all()),
            sorted(group.pk for group in self.target_groups.all()),
            self.city.country.code if self.city_id else None,
        )
        digest = hashlib.sha256(repr(ranked_by).encode()).hexdigest()[:16]
        ranked = fragment(
            f"peer-ids:{self.pk}:{limit}:{digest}",
            lambda: [peer.pk for peer in peers_of(self, limit)],
            depends=tuple(kind_tag(model) for model in (Theme, TargetGroup, City, Country)),
        )
        if not ranked:
            return []
        found = PractitionerPage.as_cards(PractitionerPage.objects.live().public().filter(pk__in=ranked))
        by_id = {peer.pk: peer for peer in found}
        return [by_id[pk] for pk in ranked if pk in by_id]


class PractitionerContact(models.Model):
    """Personal contact details of one practitioner, with their visibility and consent."""

    page = models.OneToOneField(
        PractitionerPage,
        on_delete=models.CASCADE,
        related_name="contact_record",
        verbose_name=_("profile"),
        help_text=_("The profile in its original language."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    email_visibility = models.CharField(
        _("who sees the e-mail"), max_length=10, choices=Visibility.choices, default=Visibility.HIDDEN
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_visibility = models.CharField(
        _("who sees the phone"), max_length=10, choices=Visibility.choices, default=Visibility.HIDDEN
    )
    consent_at = models.DateTimeField(_("consent to be listed given at"), null=True, blank=True)
    consent_version = models.CharField(_("version of the consent text"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practitioner_contact",
        verbose_name=_("sign-in account"),
    )

    panels = [
        FieldPanel("page"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("email_visibility")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_visibility")]),
        FieldRowPanel([FieldPanel("consent_at"), FieldPanel("consent_version")]),
        FieldPanel("user"),
    ]

    class Meta:
        verbose_name = _("practitioner contact details")
        verbose_name_plural = _("practitioner contact details")

    def __str__(self) -> str:
        return str(self.page)

    def save(self, *args, **kwargs):
        # Stored in the one form it is compared in (network/emails.py), from any path: the
        # profile form, the admin, the importer, the factories.
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def _visible(self, value: str, visibility: str, user) -> str:
        if not value:
            return ""
        if visibility == Visibility.PUBLIC:
            return value
        if visibility == Visibility.MEMBERS and user is not None and user.is_authenticated:
            return value
        return ""

    def email_for(self, user) -> str:
        return self._visible(self.email, self.email_visibility, user)

    def phone_for(self, user) -> str:
        return self._visible(self.phone, self.phone_visibility, user)

    def record_consent(self) -> None:
        self.consent_at = timezone.now()
        self.consent_version = CONSENT_VERSION


class ContactMessage(models.Model):
    """A record, for moderators, that a message was sent through the contact form.

    Only what moderation and rate limiting need: who wrote to whom and when. The message
    text itself is not kept; the sender's IP address only as a keyed hash.
    """

    recipient = models.ForeignKey(
        PractitionerContact, on_delete=models.CASCADE, related_name="messages", verbose_name=_("recipient")
    )
    sender_name = models.CharField(_("sender's name"), max_length=100)
    sender_email = models.EmailField(_("sender's e-mail"))
    sender_fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    length = models.PositiveIntegerField(_("message length"), default=0)
    delivered = models.BooleanField(_("delivered"), default=False)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("contact form message")
        verbose_name_plural = _("contact form messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.sender_email} → {self.recipient} ({self.created_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        # Normalised (network/emails.py): the per-sender limit and erasure compare it exactly.
        self.sender_email = normalize_email(self.sender_email)
        super().save(*args, **kwargs)

    @admin.display(description=_("delivery"))
    def delivery(self) -> str:
        """How the e-mail to the recipient went (background/mail.py): for the moderators' log."""
        mail = next((m for m in self.mails.all() if m.kind == "contact"), None)
        if mail is None:
            return gettext("delivered") if self.delivered else "—"
        if mail.status == mail.Status.DELIVERED:
            return gettext("delivered")
        if mail.status == mail.Status.GIVEN_UP:
            return ngettext(
                "given up after %(count)s try", "given up after %(count)s tries", mail.attempts
            ) % {"count": mail.attempts}
        if mail.status == mail.Status.FAILING:
            return ngettext(
                "failing: %(count)s try so far, next at %(time)s",
                "failing: %(count)s tries so far, next at %(time)s",
                mail.attempts,
            ) % {"count": mail.attempts, "time": timezone.localtime(mail.next_attempt_at).strftime("%H:%M")}
        return gettext("waiting to be sent")
