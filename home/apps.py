from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and general pages")

    def ready(self):
        from nbnet import invalidation

        from . import facet_index, images, locales, restrictions, search_index

        invalidation.connect()  # every app's models are loaded by now
        facet_index.connect()
        search_index.connect()  # Wagtail's admin search index, without draft saves
        locales.install()
        restrictions.install()
        images.install()  # uploaded images re-encoded, named by their real format
