from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import review
from .models import HelpPoint, LegalStatus


class LegalStatusViewSet(SnippetViewSet):
    model = LegalStatus
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class HelpPointViewSet(SnippetViewSet):
    model = HelpPoint
    icon = "pick"
    list_display = ["__str__", "city", "phone", "last_verified"]
    search_fields = ["name", "address"]


class GuidesGroup(SnippetViewSetGroup):
    menu_label = _("Guides")
    menu_icon = "help"
    menu_order = 210
    items = (HelpPointViewSet, LegalStatusViewSet)


register_snippet(GuidesGroup)


def review_view(request):
    last_check = review.last_link_check()
    return TemplateResponse(
        request,
        "guides/admin/review.html",
        {
            "guides": review.due_guides(),
            "help_points": review.due_help_points(),
            "broken_links": review.broken_links(),
            "cutoff": review.stale_before(),
            "last_check": last_check,
            "check_overdue": review.link_check_overdue(last_check),
            "check_every": settings.LINK_CHECK_DAYS,
        },
    )


@hooks.register("register_admin_urls")
def register_review_url():
    return [path("guides/review/", review_view, name="guides_review")]


@hooks.register("register_reports_menu_item")
def register_review_menu_item():
    return MenuItem(_("Guides to review"), reverse("guides_review"), icon_name="help", order=700)
