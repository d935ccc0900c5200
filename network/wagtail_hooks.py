from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from editorial.contacts import CONTACT_ADMIN_PERMISSION, EditorialContactForm, contacts_for

from . import admin_views
from .models import City, ContactMessage, Country, Organisation, PractitionerContact, TargetGroup, Theme


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "code", "region"]
    list_filter = ["region"]


class CityViewSet(SnippetViewSet):
    model = City
    icon = "site"
    list_display = ["name", "country"]
    search_fields = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "home"
    list_display = ["name", "org_type", "country"]
    list_filter = ["org_type"]
    search_fields = ["name"]


class PractitionerContactViewSet(SnippetViewSet):
    """Personal data: administrators see all of it; country editors and moderators keep the
    contact details of profiles in their countries (``editorial.contacts``): they confirm the
    person's consent, and linking an account or editing the consent record stays with
    administrators (the fields are left out of their form)."""

    model = PractitionerContact
    icon = "mail"
    list_display = ["page", "email_visibility", "phone_visibility", "consent_at"]
    search_fields = ["email"]
    edit_handler = ObjectList(
        [
            FieldPanel("page"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("email_visibility")]),
            FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_visibility")]),
            FieldPanel("consent_confirmed"),
            FieldRowPanel(
                [
                    FieldPanel("consent_at", permission=CONTACT_ADMIN_PERMISSION),
                    FieldPanel("consent_version", permission=CONTACT_ADMIN_PERMISSION),
                ]
            ),
            FieldPanel("user", permission=CONTACT_ADMIN_PERMISSION),
        ],
        base_form_class=EditorialContactForm,
    )

    def get_queryset(self, request):
        return contacts_for(request.user, PractitionerContact.objects.select_related("page"))


class ContactMessageViewSet(SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    list_display = ["created_at", "sender_email", "recipient", "delivery"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ContactMessage.objects.select_related("recipient").prefetch_related("mails")


class NetworkGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "group"
    menu_order = 200
    items = (
        OrganisationViewSet,
        CountryViewSet,
        CityViewSet,
        ThemeViewSet,
        TargetGroupViewSet,
        PractitionerContactViewSet,
        ContactMessageViewSet,
    )


register_snippet(NetworkGroup)


@hooks.register("register_admin_urls")
def register_invite_url():
    return [path("network/invite/<int:pk>/", admin_views.invite, name="network_invite")]


@hooks.register("register_snippet_listing_buttons")
def invite_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, PractitionerContact)
        and snippet.email
        and snippet.user_id is None
        and user.has_perm(admin_views.INVITE_PERMISSION)
    ):
        yield Button(
            _("Invite to manage the profile"), reverse("network_invite", args=[snippet.pk]), priority=50
        )
