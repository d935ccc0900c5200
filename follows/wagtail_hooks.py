from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import reports
from .models import Follow


def follower_counts_view(request):
    found = reports.counts()
    return TemplateResponse(
        request,
        "follows/admin/counts.html",
        {
            "themes": found["theme"],
            "countries": found["country"],
            "people": Follow.objects.values("user").distinct().count(),
        },
    )


@hooks.register("register_admin_urls")
def register_follower_counts_url():
    return [path("follows/counts/", follower_counts_view, name="follows_counts")]


@hooks.register("register_reports_menu_item")
def register_follower_counts_menu_item():
    return MenuItem(_("What people follow"), reverse("follows_counts"), icon_name="view", order=710)
