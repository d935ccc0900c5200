from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from editorial.translation_status import machine_translated
from nbnet import page_cache

register = template.Library()


@register.inclusion_tag("editorial/machine_translation_notice.html", takes_context=True)
def machine_translation_notice(context, page=None):
    """Readers of a machine translation nobody has reviewed yet are told so, in their language,
    with a link to the original."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return {"show": False}  # originals are never machine-made: no query on English pages
    if not isinstance(page, Page) or not page_cache.fragment(
        f"machine-translated:{page.pk}",
        lambda: machine_translated(page),
        depends=(page_cache.page_tag(page),),  # its strings renew it (nbnet/invalidation.py)
    ):
        return {"show": False}
    original = (
        Page.objects.live().filter(translation_key=page.translation_key, locale=Locale.get_default()).first()
    )
    request = context.get("request")
    return {
        "show": True,
        "original_url": original.get_url(request) if original is not None else None,
    }
