from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_exchange_urls():
    return [
        path("exchange/import/", admin_views.import_view, name="exchange_import"),
        path("exchange/import/<int:pk>/", admin_views.import_job, name="exchange_import_job"),
        path("exchange/import/<int:pk>/run/", admin_views.import_confirm, name="exchange_import_confirm"),
        path("exchange/import/<int:pk>/cancel/", admin_views.import_cancel, name="exchange_import_cancel"),
        path("exchange/export/", admin_views.export_view, name="exchange_export"),
        path("exchange/export/<int:pk>/", admin_views.export_job, name="exchange_export_job"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_import(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import records"), reverse("exchange_import"), icon_name="upload", order=900)


@hooks.register("register_settings_menu_item")
def register_export_menu_item():
    return MenuItem(_("Export records"), reverse("exchange_export"), icon_name="download", order=901)


@hooks.register("register_permissions")
def register_import_permission():
    # Lets an administrator give editors' groups the right to import (Settings → Groups).
    return Permission.objects.filter(content_type__app_label="exchange", codename="add_importedrecord")
