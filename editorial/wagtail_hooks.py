from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Locale, TranslatableMixin

from network.models import PractitionerContact

from . import dashboard, views  # noqa: F401 (dashboard: its hooks register on import)
from .contacts import may_change
from .permissions import has_country_fields, record_countries, user_country_codes
from .roles import ADMINISTRATORS, MODERATORS, TRANSLATORS
from .translation_status import machine_translated


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("translations/status/", views.translation_status_view, name="editorial_translation_status"),
        path("translations/review/<int:page_id>/", views.mark_reviewed_view, name="editorial_mark_reviewed"),
    ]


@hooks.register("register_reports_menu_item")
def register_status_menu_item():
    return MenuItem(
        _("Translation status"), reverse("editorial_translation_status"), icon_name="globe", order=650
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("editorial.machine_translated", _("Machine translated"), _("Machine translated"))
    actions.register_action(
        "editorial.translation_reviewed",
        _("Machine translation reviewed"),
        _("Machine translation reviewed"),
    )


@hooks.register("register_page_header_buttons")
def review_machine_translation_button(page, user, view_name=None, next_url=None):
    if machine_translated(page):
        url = (
            reverse("editorial_translation_status") + f"?language={page.locale.language_code}&status=machine"
        )
        yield Button(_("Machine translation to review"), url, icon_name="warning", priority=70)


def _translator_only(user) -> bool:
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return (
        TRANSLATORS in names
        and not names & {ADMINISTRATORS, MODERATORS}
        and not user.groups.filter(country_team__isnull=False).exists()
    )


def _guard_original(request, instance):
    """Translators change snippets only in the languages they translate into, never the
    originals; country editors change only their countries' directory entries."""
    if (
        isinstance(instance, TranslatableMixin)
        and instance.locale_id == Locale.get_default().pk
        and _translator_only(request.user)
    ):
        raise PermissionDenied
    codes = user_country_codes(request.user)
    if codes is not None and has_country_fields(type(instance)) and not record_countries(instance) & codes:
        raise PermissionDenied
    if isinstance(instance, PractitionerContact) and not may_change(request.user, instance):
        raise PermissionDenied


@hooks.register("before_edit_snippet")
def before_edit_snippet(request, instance):
    _guard_original(request, instance)


@hooks.register("before_delete_snippet")
def before_delete_snippet(request, instances):
    for instance in instances:
        _guard_original(request, instance)
