from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
    """Personal data: only users granted its model permissions (superusers by default) see it."""

    model = PractitionerContact
    icon = "mail"
    list_display = ["page", "email_visibility", "phone_visibility", "consent_at"]
    search_fields = ["email"]


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
        and user.has_perm("network.change_practitionercontact")
    ):
        yield Button(
            _("Invite to manage the profile"), reverse("network_invite", args=[snippet.pk]), priority=50
        )
