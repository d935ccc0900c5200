"""Public-side forms of the directory: sign-up and a practitioner's own profile."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from home.images import sanitise

from .emails import normalize_email
from .localize import term_label
from .models import City, Country, Organisation, SpokenLanguage, TargetGroup, Theme, Visibility
from .models.taxonomy import in_default_locale

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


def _no_control_characters(value: str) -> None:
    if any(ord(char) < 32 and char not in "\n\r\t" for char in value):
        raise ValidationError(_("Remove the invisible control characters from the text."))


def no_line_breaks(value: str) -> None:
    """For one-line fields (names, a role): no control characters at all, line breaks and
    tabs included, nor the Unicode line and paragraph separators. A name goes into e-mail
    headers (the contact form's Subject), where a line break is refused by Django
    (BadHeaderError) or would start a new header; a browser's one-line input never sends
    one, so it is refused with a message rather than silently changed."""
    if any(ord(char) < 32 or 127 <= ord(char) < 160 or char in "\u2028\u2029" for char in value):
        raise ValidationError(_("Remove the invisible control characters from the text."))


class HoneypotMixin(forms.Form):
    website = forms.CharField(label=_("Leave this field empty"), required=False)


class SignInForm(AuthenticationForm):
    """Django's sign-in form; a user name that is an e-mail address (every sign-up's is) is
    normalised as it was stored, so ``Anna@Example.net`` signs in as ``anna@example.net``.

    Asked for as what it is for the people who sign in here, an e-mail address (Django labels
    it with the user model's "Username"). A text input, not ``type=email``: an editor's
    account made in the admin may have a plain user name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = _("E-mail address")
        field.widget.attrs.update({"autocomplete": "username", "inputmode": "email", "spellcheck": "false"})

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username") or ""
        return normalize_email(username) if "@" in username else username


class SignupForm(HoneypotMixin):
    name = forms.CharField(label=_("Your name"), max_length=100, validators=[no_line_breaks])
    email = forms.EmailField(label=_("Your e-mail"), max_length=150)
    consent = forms.BooleanField(
        label=_(
            "I agree that the network lists my profile and processes my contact details as the privacy "
            "notice describes. I can export or delete my data at any time."
        ),
        required=True,
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        # The account's user name is the normalised address (at most 150 characters), and
        # punycode can make a domain longer than it was typed.
        MaxLengthValidator(150)(normalize_email(email))
        return email


class ResetPasswordForm(PasswordResetForm):
    """Django's "forgot password" form, matching the address exactly in its normalised form.

    Django's own ``get_users`` compares with ``email__iexact``, which on PostgreSQL folds
    look-alikes together (``rıga`` and ``riga``, see network/emails.py): the reset link must
    reach only the mailbox of the account. Only active accounts with a usable password get a
    link; the page answers the same whether or not the address has an account.
    """

    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        address = normalize_email(email)
        for user in get_user_model()._default_manager.filter(email=address, is_active=True):
            if user.has_usable_password():
                yield user


def terms_field(model, label) -> forms.ModelMultipleChoiceField:
    """Checkboxes over the default-language terms of a taxonomy (labelled by LocalizedChoiceMixin)."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=model.objects.filter(in_default_locale()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class LocalizedChoiceMixin:
    """Choice fields over default-language terms, labelled in the reader's language."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model in (
                City,
                Country,
                Organisation,
                Theme,
                TargetGroup,
            ):
                field.label_from_instance = lambda obj, request=request: term_label(obj, request)


class ProfileForm(LocalizedChoiceMixin, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=255, validators=[no_line_breaks])
    role = forms.CharField(label=_("Role"), max_length=150, validators=[no_line_breaks])
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(in_default_locale()).order_by("name"),
        required=False,
    )
    city = forms.ModelChoiceField(
        label=_("City or municipality"),
        queryset=City.objects.filter(in_default_locale()).order_by("name"),
        required=False,
        empty_label=_("Not in the list (write it below)"),
    )
    # A town the directory does not list yet: written here, it becomes a city of the chosen
    # country (ProfileForm.city_for), which an editor can later rename or merge in the admin.
    other_city = forms.CharField(
        label=_("Your town, if it is not in the list"),
        max_length=100,
        required=False,
        validators=[no_line_breaks],
    )
    other_city_country = forms.ModelChoiceField(
        label=_("Country of that town"),
        queryset=Country.objects.filter(in_default_locale()).order_by("name"),
        required=False,
    )
    themes = terms_field(Theme, _("Areas of expertise"))
    target_groups = terms_field(TargetGroup, _("Target groups"))
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages you speak"),
        queryset=SpokenLanguage.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    bio = forms.CharField(
        label=_("Short biography"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[_no_control_characters],
    )
    open_to_exchange = forms.BooleanField(label=_("Open to peer exchange"), required=False)
    looking_for_partners = forms.BooleanField(label=_("Looking for partners"), required=False)
    photo = forms.FileField(
        label=_("Photo (JPEG, PNG or WebP, at most 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    email_visibility = forms.ChoiceField(label=_("Who may see your e-mail"), choices=Visibility.choices)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, validators=[_no_control_characters]
    )
    phone_visibility = forms.ChoiceField(label=_("Who may see your phone"), choices=Visibility.choices)

    def clean(self):
        cleaned = super().clean()
        other = (cleaned.get("other_city") or "").strip()
        cleaned["other_city"] = other
        if other and cleaned.get("city") is None and cleaned.get("other_city_country") is None:
            self.add_error("other_city_country", _("Choose the country of your town."))
        elif not other and cleaned.get("city") is None and "city" not in self.errors:
            self.add_error("city", _("Choose your city, or write it below if it is not in the list."))
        return cleaned

    def city_for(self) -> City:
        """The default-language city the profile names: the one chosen, or the town written in,
        matched by name (in any language) within its country, or made anew."""
        city = self.cleaned_data.get("city")
        if city is not None:
            return city
        return find_or_propose_city(self.cleaned_data["other_city"], self.cleaned_data["other_city_country"])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(char.isdigit() or char in "+ -()" for char in phone):
            raise ValidationError(_("Use digits, spaces and + - ( ) only."))
        return phone

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return upload
        if upload.size > PHOTO_MAX_BYTES:
            raise ValidationError(_("The photo is larger than 5 MB. Please choose a smaller one."))
        # Decoded and written again without EXIF/GPS, under the extension of its real format
        # (never the uploaded name): see home/images.py.
        try:
            return sanitise(upload, formats=PHOTO_FORMATS, pixel_limit=PHOTO_MAX_PIXELS)
        except ValidationError as error:
            if error.code == "too_many_pixels":
                raise ValidationError(
                    _("The photo has too many pixels. Please choose a smaller one.")
                ) from None
            raise ValidationError(
                _("This file is not an image we can read. Use JPEG, PNG or WebP.")
            ) from None


def find_or_propose_city(name: str, country: Country) -> City:
    """The default-language city called ``name`` (in any of its languages, case aside) in
    ``country``, or a new one with that name, for an editor to check (and translate) later.

    Created in the directory at once, but shown in its filters only once a profile there is
    published, which a moderator approves first (a filter lists options that have results).
    """
    from django.utils.text import slugify
    from wagtail.models import Locale

    name = " ".join(name.split())
    # Compared in Python: SQLite's case-insensitive match knows ASCII only ("Рига", "рига").
    wanted = name.casefold()
    keys = {
        key
        for city_name, key in City.objects.filter(country__code=country.code).values_list(
            "name", "translation_key"
        )
        if city_name.casefold() == wanted
    }
    if keys:
        known = City.objects.filter(translation_key__in=keys, locale=Locale.get_default()).first()
        if known is not None:
            return known
    base = slugify(name)[:90] or "city"
    slug, counter = base, 1
    while City.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return City.objects.create(name=name[:100], slug=slug, country=country, locale=Locale.get_default())


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my profile, contact details and account will be deleted for good."),
        required=True,
    )
