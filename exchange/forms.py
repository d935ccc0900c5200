from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .importer import KINDS

KIND_LABELS = {
    "organisation": _("Organisations"),
    "help_point": _("Help points"),
    "practitioner": _("Practitioners"),
    "practice": _("Good practices"),
    "guide_step": _("Guide steps"),
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8, comma or semicolon) or JSON, as described in the README.")
    )
    kind = forms.ChoiceField(
        label=_("What the rows are"),
        required=False,
        choices=[("", _("Given by the file's “kind” column"))] + [(k, KIND_LABELS[k]) for k in KINDS],
    )
    publish = forms.BooleanField(
        label=_("Publish pages"),
        required=False,
        help_text=_("Otherwise new and changed pages are saved as drafts."),
    )
    strict = forms.BooleanField(
        label=_("All or nothing"), required=False, help_text=_("Import nothing if any row is rejected.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is %(size).1f MB; at most %(limit).0f MB can be imported here. "
                    "Split it, or ask an administrator to use the import_records command."
                )
                % {"size": upload.size / 1024 / 1024, "limit": limit / 1024 / 1024}
            )
        return upload


class ExportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Records"),
        required=False,
        choices=[("", _("All (JSON only)"))] + [(k, KIND_LABELS[k]) for k in KINDS],
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("json", "JSON"), ("csv", "CSV")])
    private = forms.BooleanField(
        label=_("Include private contact details"),
        required=False,
        help_text=_("Practitioners' e-mail and phone. Administrators only."),
    )

    def clean(self):
        data = super().clean()
        if data.get("format") == "csv" and not data.get("kind"):
            raise forms.ValidationError(_("A CSV file holds one kind of record: choose which."))
        return data
