"""A signed-in practitioner drafts a good practice; editors approve it through moderation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from home.moderation import submit_for_moderation
from network.forms import LocalizedChoiceMixin, _no_control_characters, terms_field
from network.models import City, Country, PractitionerContact, TargetGroup, Theme
from network.models.taxonomy import in_default_locale

from .models import PracticeIndexPage, PracticePage


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


class PracticeDraftForm(LocalizedChoiceMixin, forms.Form):
    title = forms.CharField(
        label=_("Name of the practice"), max_length=200, validators=[_no_control_characters]
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_control_characters],
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.filter(in_default_locale()))
    city = forms.ModelChoiceField(
        label=_("City or municipality"), queryset=City.objects.filter(in_default_locale()), required=False
    )
    start_date = forms.DateField(label=_("Started on (YYYY-MM-DD)"))
    themes = terms_field(Theme, _("Themes"))
    target_groups = terms_field(TargetGroup, _("Target groups"))
    activities = forms.CharField(
        label=_("What was done"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[_no_control_characters],
    )
    results = forms.CharField(
        label=_("Results, with figures"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        validators=[_no_control_characters],
    )

    def clean(self):
        cleaned = super().clean()
        city, country = cleaned.get("city"), cleaned.get("country")
        if city and country and city.country_id != country.pk:
            self.add_error("city", _("This city is not in the chosen country."))
        return cleaned


def propose_practice(index_page: PracticeIndexPage, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = PracticeDraftForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Drafts go into the default-language tree, which the other languages translate.
        target = index_page.get_translation_or_none(Locale.get_default()) or index_page
        with transaction.atomic():
            page = PracticePage(
                title=data["title"],
                slug=slugify(data["title"])[:80] or "practice",
                intro=data["summary"],
                country=data["country"],
                city=data["city"],
                start_date=data["start_date"],
                activities=_paragraphs(data["activities"]),
                results=_paragraphs(data["results"]),
                live=False,
            )
            base_slug, number = page.slug, 1
            while target.get_children().filter(slug=page.slug).exists():
                number += 1
                page.slug = f"{base_slug}-{number}"
            target.add_child(instance=page)
            page.themes = data["themes"]
            page.target_groups = data["target_groups"]
            contact = PractitionerContact.objects.filter(user=request.user).select_related("page").first()
            if contact is not None:
                page.contacts = [contact.page]
            submit_for_moderation(page, request.user)
        messages.success(
            request, gettext("Thank you. The editors will review your practice before it is published.")
        )
        return redirect("account_home")
    status = 400 if form.errors else 200
    return render(request, "practices/propose.html", {"form": form, "page": index_page}, status=status)
