"""Country editors and moderators keep practitioners' contact details, without admin rights.

A practitioner's e-mail and phone are personal data (``network.PractitionerContact``). Editors
and moderators may add and change them for profiles in their countries (a moderator: every
country) so that a new profile no longer needs an administrator, on three conditions:

- the person's own choices stay theirs: once the person manages the profile (a sign-in
  account is linked), who sees the e-mail and the phone is not changed by staff;
- the details are listed only with the person's consent: whoever enters or changes them
  confirms that the person agreed, and the consent is recorded (time and consent text
  version), as on the public form;
- what only administrators may do stays theirs: linking a sign-in account (which would hand
  the profile to whoever holds it), editing the consent record by hand, inviting, erasing.
  "Administrator" here is the permission to delete contact details, which only the
  Administrators group (and superusers) hold (``editorial.roles``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from .permissions import record_countries, user_country_codes

# Held by administrators only: link accounts, edit consent records, invite, erase.
CONTACT_ADMIN_PERMISSION = "network.delete_practitionercontact"
CONTACT_FIELDS = ("email", "email_visibility", "phone", "phone_visibility")


def is_contact_admin(user) -> bool:
    return user is not None and user.has_perm(CONTACT_ADMIN_PERMISSION)


def contacts_for(user, queryset):
    """The contact records ``user`` may see: those of profiles in their countries."""
    codes = user_country_codes(user)
    if codes is None:
        return queryset
    return queryset.filter(page__city__country__code__in=codes)


def may_change(user, contact) -> bool:
    codes = user_country_codes(user)
    return codes is None or bool(record_countries(contact.page) & codes)


class EditorialContactForm(WagtailAdminModelForm):
    """The contact details form for everyone; staff who are not administrators confirm consent."""

    consent_confirmed = forms.BooleanField(
        label=_("The person agreed to be listed with these contact details"),
        help_text=_(
            "Tick only if the practitioner agreed, e.g. by e-mail or on the registration form, "
            "to these details and to who may see them. The time of the consent is recorded."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        self.staff_only = not is_contact_admin(user)
        if not self.staff_only:
            return
        owner_managed = bool(self.instance.pk and self.instance.user_id)
        if owner_managed:
            for name in ("email_visibility", "phone_visibility"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = gettext(
                        "Chosen by the practitioner, who manages this profile."
                    )

    def _changed_contact(self) -> bool:
        return not self.instance.pk or any(name in self.changed_data for name in CONTACT_FIELDS)

    def clean_page(self):
        page = self.cleaned_data.get("page")
        if page is None or not self.staff_only:
            return page
        if page.locale_id != Locale.get_default().pk:
            raise forms.ValidationError(gettext("Choose the profile in its original language."))
        codes = user_country_codes(getattr(self, "for_user", None))
        if codes is not None and not record_countries(page) & codes:
            raise forms.ValidationError(
                gettext("You can only keep the contact details of profiles in your countries (%(codes)s).")
                % {"codes": ", ".join(sorted(codes))}
            )
        return page

    def clean(self):
        cleaned_data = super().clean()
        if not self.staff_only:
            return cleaned_data
        has_details = cleaned_data.get("email") or cleaned_data.get("phone")
        if has_details and self._changed_contact() and not cleaned_data.get("consent_confirmed"):
            self.add_error(
                "consent_confirmed",
                gettext(
                    "Contact details are listed only with the person's consent: confirm that they agreed."
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        if self.staff_only and self.cleaned_data.get("consent_confirmed") and self._changed_contact():
            self.instance.record_consent()
        return super().save(commit=commit)
