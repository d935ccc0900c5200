"""The guides' public views: the index with the "I am a … in …" chooser, the tailored
checklist on each guide, and the bilingual printout."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.models import as_links
from nbnet.page_cache import for_page

from .checklist import Choice, build, cities_in, country_guide, municipal_guide, parse_choice, statuses_in
from .models import GuidePage, HelpPoint


def _with_query(url: str, choice: Choice, request_with: str | None = None) -> str:
    query = choice.query
    if request_with:
        query = f"{query}&with={request_with}" if query else f"with={request_with}"
    return f"{url}?{query}" if query else url


def _country_guides(index_page) -> list[GuidePage]:
    return list(GuidePage.objects.live().public().child_of(index_page).select_related("country"))


def guide_index(index_page, request):
    locale = index_page.locale
    guides = _country_guides(index_page)
    by_country = {guide.country.code: guide for guide in guides}
    cities = cities_in(list(by_country), locale)
    statuses = statuses_in(locale)
    city_country = {slug: code for code, rows in cities.items() for slug, _name in rows}
    choice = parse_choice(request.GET, dict(statuses), dict.fromkeys(city_country, ""))
    if choice.city and not choice.errors:
        guide = by_country[city_country[choice.city]]
        target = municipal_guide(guide, choice.city) or guide
        return redirect(_with_query(target.url, choice))
    if choice.status and not choice.city and not choice.errors:
        choice.errors.append(_("Please choose your town or municipality too."))
    local_guides = list(
        GuidePage.objects.live().public().descendant_of(index_page).filter(depth=index_page.depth + 2)
    )
    return TemplateResponse(
        request,
        "guides/guide_index_page.html",
        {
            **index_page.get_context(request),
            "guides": [
                (guide, [local for local in local_guides if local.path.startswith(guide.path)])
                for guide in guides
            ],
            "statuses": statuses,
            "city_groups": [(guide, cities.get(code, [])) for code, guide in by_country.items()],
            "choice": choice,
        },
    )


def _choice_for(guide: GuidePage, request) -> tuple[Choice, list, list]:
    base = country_guide(guide)
    statuses = statuses_in(guide.locale)
    cities = cities_in([base.country.code], guide.locale).get(base.country.code, [])
    choice = parse_choice(request.GET, dict(statuses), dict(cities))
    if guide.city_id and not choice.city and not request.GET.get("city"):
        choice.city = guide.city.slug
    return choice, statuses, cities


def _canonical(guide: GuidePage, choice: Choice, suffix: str = "") -> str | None:
    """Where this choice lives, if not here: the town's own guide when it has one, else
    the country's (one URL per checklist and printout)."""
    base = country_guide(guide)
    if guide.city_id and choice.city and choice.city != guide.city.slug:
        target = municipal_guide(base, choice.city) or base
    elif not guide.city_id and choice.city:
        target = municipal_guide(guide, choice.city) or guide
    else:
        return None
    return None if target.pk == guide.pk else target.url + suffix


def _hotlines(guide: GuidePage) -> list:
    """The town's own numbers first, then the country's."""
    base = country_guide(guide)
    own = list(guide.hotlines.all()) if base.pk != guide.pk else []
    return own + list(base.hotlines.all())


def _kept_with(guide: GuidePage, choice: Choice, request) -> list[str]:
    """What "Keep on this phone" stores (nbnet/offline.py): this page as it was opened, its
    printout as the page links it, and the chosen town's help points. The help-point list is
    a route of the guide index, the parent of the country's guide (no query to find it)."""
    query = f"?{choice.query}" if choice.query else ""
    urls = [request.get_full_path(), guide.get_url(request) + guide.reverse_subpage("printout") + query]
    if choice.city:
        index_url = country_guide(guide).get_url(request).rstrip("/").rpartition("/")[0]
        urls.append(f"{index_url}/help-points/?city={choice.city}")
    return urls


def guide_checklist(guide: GuidePage, request):
    choice, statuses, cities = _choice_for(guide, request)
    base = country_guide(guide)
    target = _canonical(guide, choice)
    if target:
        return redirect(target)

    def checklist() -> dict:
        return {
            "steps": build(guide, choice, guide.locale),
            "hotlines": _hotlines(guide),
            "local_guides": list(as_links(GuidePage.objects.live().public().child_of(base)))
            if not guide.city_id
            else [],
        }

    # Statuses and towns are known slugs (parse_choice): a bounded number of checklists.
    name = f"checklist:{guide.pk}:{choice.status}:{choice.city}"
    return TemplateResponse(
        request,
        "guides/guide_page.html",
        {
            **guide.get_context(request),
            **for_page(request, name, checklist),
            "base_guide": base,
            "statuses": statuses,
            "cities": cities,
            "choice": choice,
            "status_name": dict(statuses).get(choice.status, ""),
            "city_name": dict(cities).get(choice.city, ""),
            "keep_urls": _kept_with(guide, choice, request),
        },
    )


def _second_language(guide: GuidePage, request) -> str | None:
    """The language printed next to the reader's: chosen with ``?with=``, else the official one."""
    reader = guide.locale.language_code
    site_languages = dict(settings.LANGUAGES)
    wanted = request.GET.get("with", "")
    other = wanted if wanted in site_languages else guide.official_language
    if other == reader:
        other = settings.LANGUAGE_CODE if reader != settings.LANGUAGE_CODE else None
    return other


def guide_printout(guide: GuidePage, request):
    choice, statuses, cities = _choice_for(guide, request)
    target = _canonical(guide, choice, "print/")
    if target:
        second = request.GET.get("with", "")
        return redirect(_with_query(target, choice, second if second in dict(settings.LANGUAGES) else None))
    steps = build(guide, choice, guide.locale)
    hotlines = _hotlines(guide)
    other_code = _second_language(guide, request)
    columns = None
    locale = Locale.objects.filter(language_code=other_code).first() if other_code else None
    if locale is not None:
        other = guide.get_translation_or_none(locale)
        if other is not None and other.alias_of_id:
            other = other.alias_of  # untranslated: the original, in its own language
        if (
            other is not None
            and other.live
            and other.locale_id != guide.locale_id
            and not other.get_view_restrictions().exists()
        ):
            other = other.specific
            with translation.override(other.locale.language_code):
                other_steps = {item.step.translation_key: item for item in build(other, choice, other.locale)}
                other_hotlines = {line.translation_key: line for line in _hotlines(other)}
                columns = {
                    "guide": other,
                    "language": other.locale.language_code,
                    "status_name": dict(statuses_in(other.locale)).get(choice.status, ""),
                    "city_name": dict(
                        cities_in([other.country.code], other.locale).get(other.country.code, [])
                    ).get(choice.city, ""),
                    "steps": [other_steps.get(item.step.translation_key) for item in steps],
                    "hotlines": [other_hotlines.get(line.translation_key) for line in hotlines],
                }
    return TemplateResponse(
        request,
        "guides/guide_print.html",
        {
            "page": guide,
            "steps": steps,
            "hotlines": hotlines,
            "choice": choice,
            "status_name": dict(statuses).get(choice.status, ""),
            "city_name": dict(cities).get(choice.city, ""),
            "other": columns,
            "rows": list(zip(steps, columns["steps"], strict=True))
            if columns
            else [(step, None) for step in steps],
            "hotline_rows": list(zip(hotlines, columns["hotlines"], strict=True))
            if columns
            else [(line, None) for line in hotlines],
            "languages": [(code, str(name)) for code, name in settings.LANGUAGES],
            "keep_urls": [request.get_full_path()],
        },
    )


def help_point_list(index_page, request):
    """Every help point, by country and town, in the reader's language; ``?city=`` narrows it."""
    locale = index_page.locale
    default = Locale.get_default()
    rows = (
        HelpPoint.objects.filter(locale__in=[default, locale])
        .select_related("organisation", "city__country")
        .prefetch_related("languages")
    )
    points: dict = {}
    for point in sorted(rows, key=lambda point: point.locale_id == locale.pk):
        points[point.translation_key] = point
    codes = sorted({point.city.country.code for point in points.values()})
    cities = cities_in(codes, locale)
    city_names = {slug: name for rows in cities.values() for slug, name in rows}
    choice = parse_choice(request.GET, {}, city_names)
    shown = [point for point in points.values() if not choice.city or point.city.slug == choice.city]
    shown.sort(key=lambda point: (point.city.country.name, point.city.name, point.display_name))
    return TemplateResponse(
        request,
        "guides/help_point_list.html",
        {
            **index_page.get_context(request),
            "points": shown,
            "cities": sorted(city_names.items(), key=lambda item: item[1].casefold()),
            "choice": choice,
            "keep_urls": [request.get_full_path()],
        },
    )
