"""Pickers for people, organisations and twin cities that stay small at 100k practitioners.

A plain multi-select renders every record it may offer: at 100k practitioners the practice
editor was 12 MB of ``<option>`` and took 38-47 s. These pickers render only what is chosen
(ticked boxes, named in the editor's language) and a search box; the admin endpoint below
finds records by name, each once (the default language's record, which a synchronised
relation stores: see ``editorial.permissions.limit_choices_to_language``), named in the
editor's language and, for a country editor, in their countries unless they ask for all.

The form field is unchanged (a ``ModelMultipleChoiceField`` on a ``ParentalManyToManyField``):
what is saved, synchronised to translations by wagtail-localize and read by the templates,
the API, the search index and the exchange is the same as with the plain list.

Why not a package: Wagtail has no multiple-choice chooser for a many-to-many field (its
``MultipleChooserPanel`` needs an orderable through-model, which every reader of these
relations would have to follow), and wagtail-autocomplete 1.0 is declared for Wagtail 6 and 7
only, and its admin endpoints answer for any model an admin user names.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Locale

MAX_RESULTS = 20
MAX_QUERY = 100


@dataclass(frozen=True)
class Kind:
    """What a picker searches: a model, the field that names it, and where its country is."""

    model_label: str
    name_field: str
    country_code: str  # lookup from a record to its country's ISO code
    place: str = ""  # lookup to the taxonomy term shown beside the name ("Riga")

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_label)


KINDS: dict[str, Kind] = {
    "people": Kind("network.PractitionerPage", "title", "city__country__code", "city"),
    "organisations": Kind("network.Organisation", "name", "country__code", "country"),
    "twinnings": Kind("network.TwinningPage", "title", "cities__country__code"),
}


def _names(kind: Kind, records: list) -> dict[int, str]:
    """``{pk: name}`` of default-language ``records`` in the editor's language (the admin's
    active language), or their own name when they are not translated into it."""
    active = Locale.get_active()
    names = {record.pk: getattr(record, kind.name_field) for record in records}
    if records and any(record.locale_id != active.pk for record in records):
        translated = dict(
            kind.model.objects.filter(
                locale=active, translation_key__in=[record.translation_key for record in records]
            ).values_list("translation_key", kind.name_field)
        )
        for record in records:
            names[record.pk] = translated.get(record.translation_key, names[record.pk])
    return names


def _places(kind: Kind, records: list) -> dict[int, str]:
    if not kind.place:
        return {}
    from network.localize import term_label

    return {
        record.pk: term_label(term)
        for record in records
        if (term := getattr(record, kind.place, None)) is not None
    }


def _country_filter(kind: Kind, codes: set[str]) -> Q:
    return Q(**{f"{kind.country_code}__in": {code.upper() for code in codes} | {c.lower() for c in codes}})


def search(kind: Kind, query: str, *, codes: set[str] | None = None) -> list[dict]:
    """Records whose name, in the editor's language or the default one, holds every word of
    ``query``: the default-language record of each, once, named in the editor's language."""
    words = query.split()[:5]
    if not words or len(query) < 2:
        return []
    model = kind.model
    default = Locale.get_default()
    active = Locale.get_active()
    matching = model.objects.filter(locale_id__in={default.pk, active.pk})
    for word in words:
        # SQLite folds case in ASCII letters only: "žukauskas" would not find "Žukauskas".
        # The word as typed, in lower case, capitalised and in capitals covers how names are written.
        variants = {word, word.lower(), word.capitalize(), word.upper()}
        matching = matching.filter(
            functools.reduce(
                operator.or_, (Q(**{f"{kind.name_field}__icontains": v}) for v in sorted(variants))
            )
        )
    records = model.objects.filter(locale=default, translation_key__in=matching.values("translation_key"))
    if codes:
        records = records.filter(_country_filter(kind, codes)).distinct()
    if kind.place:
        records = records.select_related(kind.place)
    found = list(records.order_by(kind.name_field, "pk")[:MAX_RESULTS])
    names, places = _names(kind, found), _places(kind, found)
    results = [{"id": r.pk, "label": names[r.pk], "detail": places.get(r.pk, "")} for r in found]
    return sorted(results, key=lambda item: (item["label"].casefold(), item["id"]))


@require_GET
def search_view(request: HttpRequest, kind: str) -> JsonResponse:
    """``?q=`` words of a name; a country editor's search covers their countries unless
    ``everywhere=1`` (a cross-border practice names partners abroad)."""
    from editorial.permissions import user_country_codes

    picker = KINDS.get(kind)
    if picker is None:
        return JsonResponse({"results": [], "limited_to": []}, status=400)
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY]
    codes = user_country_codes(request.user)
    limited = sorted(codes) if codes and request.GET.get("everywhere") != "1" else []
    results = search(picker, query, codes=set(limited))
    return JsonResponse({"results": results, "limited_to": limited})


@hooks.register("register_admin_urls")
def _urls():
    return [path("pickers/<slug:kind>/", search_view, name="editorial_picker_search")]


class RecordPicker(forms.CheckboxSelectMultiple):
    """The chosen records as ticked boxes, and a search box that adds more (with JavaScript).

    Only the chosen records are rendered: the size of the form does not grow with the number
    of records the field may point at. Without JavaScript an editor can still untick one.
    """

    template_name = "editorial/widgets/record_picker.html"

    def __init__(self, kind: str, attrs=None):
        super().__init__(attrs)
        if kind not in KINDS:
            raise ValueError(f"Unknown picker {kind!r}")
        self.kind = kind

    def optgroups(self, name, value, attrs=None):
        pks = []
        for item in value or ():
            try:
                pks.append(int(item))
            except (TypeError, ValueError):
                continue
        queryset = getattr(self.choices, "queryset", None)
        if not pks or queryset is None:
            return []
        kind = KINDS[self.kind]
        by_pk = {record.pk: record for record in queryset.filter(pk__in=pks)}
        records = [by_pk[pk] for pk in dict.fromkeys(pks) if pk in by_pk]
        names = _names(kind, records)
        groups = []
        for index, record in enumerate(records):
            option = self.create_option(name, str(record.pk), names[record.pk], True, index, attrs=attrs)
            groups.append((None, [option], index))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = reverse("editorial_picker_search", args=[self.kind])
        context["widget"]["search_id"] = f"{context['widget']['attrs'].get('id', name)}-search"
        return context

    def id_for_label(self, id_, index=None):
        # The field's label names the search box (the ticked boxes have their own labels).
        return f"{id_}-search" if id_ and index is None else super().id_for_label(id_, index)

    @property
    def media(self):
        return forms.Media(js=["editorial/record_picker.js"], css={"all": ["editorial/record_picker.css"]})
