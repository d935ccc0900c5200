"""Links to organisations' pages in the reader's language, so that a partner named on a practice
or a project leads to what the network knows about it instead of being plain text."""

from __future__ import annotations

from django import template
from django.utils import translation
from wagtail.models import Locale

from nbnet.page_cache import TREE, fragment, kind_tag

register = template.Library()


def organisation_urls(request) -> dict[str, str]:
    """``{slug: URL}`` of the organisations that have a page in the active language (the
    directory's ``organisations/<slug>/``), built once per change of organisations or tree."""
    from network.models import NetworkIndexPage, Organisation

    active = Locale.get_active()

    def build() -> dict[str, str]:
        directory = NetworkIndexPage.objects.live().public().filter(locale=active).first()
        if directory is None:
            return {}
        base = directory.get_url(request)
        if not base:
            return {}
        slugs = Organisation.objects.filter(locale=active).values_list("slug", flat=True)
        return {slug: f"{base}organisations/{slug}/" for slug in slugs}

    memo = getattr(request, "_organisation_urls", None) if request is not None else None
    if memo is None:
        memo = fragment(
            f"organisation-urls:{active.pk}:{translation.get_language()}",
            build,
            depends=(TREE, kind_tag(Organisation)),
        )
        if request is not None:
            request._organisation_urls = memo
    return memo


@register.simple_tag(takes_context=True)
def organisation_url(context: template.Context, organisation) -> str:
    """The URL of ``organisation``'s page in the reader's language, or "" when it has none."""
    if organisation is None:
        return ""
    return organisation_urls(context.get("request")).get(organisation.slug, "")
