"""Public-side accounts: sign-up with e-mail verification, sign-in, and self-service.

A practitioner edits *their own* profile here, without the Wagtail admin. Changes to
the profile are saved as a new revision and submitted to the moderation workflow; they
go live when a moderator approves them. Privacy choices (who sees the e-mail and phone)
take effect at once, because making something more private must never wait.
"""

from __future__ import annotations

import json
import logging

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from background.mail import queue_message
from editorial.roles import PRACTITIONERS
from follows.privacy import export_for
from home.images import stored_name
from home.limits import over_limit
from home.moderation import submit_for_moderation

from .emails import normalize_email
from .forms import DeleteAccountForm, ProfileForm, ResetPasswordForm, SignupForm
from .models import NetworkIndexPage, PractitionerContact, PractitionerPage
from .privacy import erase_practitioner, export_data, export_messages_sent, messages_sent_by

User = get_user_model()
logger = logging.getLogger(__name__)


def _contact_for(user) -> PractitionerContact | None:
    return PractitionerContact.objects.filter(user=user).select_related("page").first()


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account_home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:  # honeypot empty: a person
            send_account_link(request, form.cleaned_data["name"], form.cleaned_data["email"])
        # The same answer whether or not the address already has an account.
        return render(request, "network/account/signup_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "network/account/signup.html", {"form": form}, status=400 if form.errors else 200)


def send_account_link(request: HttpRequest, name: str, email: str) -> None:
    """E-mail a link that confirms the address and sets a password (sign-up and invitations).

    A new address gets an inactive account, named by the normalised address. The e-mail is
    queued with it in one transaction and delivered by the worker, which retries while the mail
    server is down (background/mail.py).
    """
    email = normalize_email(email)
    with transaction.atomic():
        first, _sep, last = name.partition(" ")
        # Not ``create_user``: it NFKC-normalises the user name, which turns a look-alike
        # ("victim.per\u017fon@...") into someone else's address (see network/emails.py).
        # get_or_create also settles two sign-ups of one address at the same moment.
        user, _created = User.objects.get_or_create(
            username=email,
            defaults={
                "email": email,
                "first_name": first[:150],
                "last_name": last[:150],
                "is_active": False,
                "password": make_password(None),  # unusable until the link is followed
            },
        )
        _mail_account_link(request, user, email)


def _mail_account_link(request: HttpRequest, user, email: str) -> None:
    """Write the e-mail with the link and queue it (the one place that sends account mail).

    An address that already has a working account gets no link that sets a password: signing
    up again must not be a way round "Forgot password?" (whose link is asked for on its own
    page, and says what it is for). It is told that the account exists, with the ways to sign
    in and to choose a new password.
    """
    if user.is_active:
        subject = gettext("Your account in the Nordic-Baltic Integration Network")
        body = gettext(
            "Someone (probably you) tried to sign up with this address, which already has an account. "
            "Sign in here:\n\n%(login)s\n\nIf you forgot your password, choose a new one here:\n\n"
            "%(reset)s\n\nIf it was not you, ignore this e-mail: nothing has changed."
        ) % {
            "login": request.build_absolute_uri(reverse("login")),
            "reset": request.build_absolute_uri(reverse("password_reset")),
        }
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = request.build_absolute_uri(reverse("account_verify", args=[uid, token]))
        subject = gettext("Confirm your e-mail for the Nordic-Baltic Integration Network")
        body = gettext(
            "Open this link to confirm your e-mail address and choose a password:\n\n%(link)s\n\n"
            "If you did not sign up, ignore this e-mail and nothing will happen."
        ) % {"link": link}
    queue_message(EmailMessage(subject, body, to=[email]), kind="account")


# "Forgot password?" e-mails per hour, per client address and per address typed: enough for a
# person who mistypes, too few to flood someone's mailbox.
PASSWORD_RESET_LIMIT = (5, 3600)


def limit_password_resets(view):
    """Refuse (429, the form kept) a sixth reset request within the hour from one client or
    for one address; otherwise Django's view answers as usual."""

    def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            address = normalize_email(request.POST.get("email", ""))[:254]
            count, seconds = PASSWORD_RESET_LIMIT
            if over_limit(request, "password-reset", address, count, seconds):
                form = ResetPasswordForm(request.POST)
                return render(
                    request,
                    "network/account/password_reset.html",
                    {
                        "form": form,
                        "refused": gettext(
                            "You have asked for several links in a short time. Please try again in an hour."
                        ),
                    },
                    status=429,
                )
        return view(request, *args, **kwargs)

    return limited


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token[:100]):
        return render(request, "network/account/verify_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save(commit=False)
            user.is_active = True
            user.save()
            # The practitioners' role: a public-side account, no admin access.
            practitioners = Group.objects.filter(name=PRACTITIONERS).first()
            if practitioners is not None:
                user.groups.add(practitioners)
            # An editor may have listed this person already: the verified address claims it,
            # compared exactly in its normalised form (never __iexact: PostgreSQL's UPPER()
            # makes "rıga" equal "riga"; see network/emails.py).
            address = normalize_email(user.email)
            contact = (
                PractitionerContact.objects.filter(email=address, user__isnull=True).first()
                if address
                else None
            )
            if contact is not None:
                contact.user = user
                contact.record_consent()
                contact.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, gettext("Your e-mail is confirmed and you are signed in."))
        return redirect("account_home")
    return render(request, "network/account/verify.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    contact = _contact_for(request.user)
    page = contact.page if contact else None
    return render(
        request,
        "network/account/home.html",
        {
            "contact": contact,
            "profile": page,
            "in_moderation": bool(page and page.workflow_in_progress),
        },
    )


def _directory() -> NetworkIndexPage:
    return NetworkIndexPage.objects.filter(locale=Locale.get_default()).first()


def _initial(contact: PractitionerContact | None, user) -> dict:
    if contact is None:
        # The name given at sign-up, so that a new profile starts with it.
        return {"name": user.get_full_name(), "email_visibility": "hidden", "phone_visibility": "hidden"}
    page = contact.page.get_latest_revision_as_object()
    return {
        "name": page.title,
        "role": page.role,
        "organisation": page.organisation,
        "city": page.city,
        "themes": list(page.themes.all()),
        "target_groups": list(page.target_groups.all()),
        "languages": list(page.languages.all()),
        "bio": page.bio,
        "open_to_exchange": page.open_to_exchange,
        "looking_for_partners": page.looking_for_partners,
        "email_visibility": contact.email_visibility,
        "phone": contact.phone,
        "phone_visibility": contact.phone_visibility,
    }


def _save_photo(photo, name: str):
    collection = Collection.get_first_root_node()
    image = get_image_model()(title=name, collection=collection)
    # ``photo`` was re-encoded by ProfileForm.clean_photo (home/images.py); it is stored under
    # the person's name and the extension of its real format. Size and hash are set on save.
    photo.name = stored_name(name or "photo", photo.extension)
    image.file = photo
    image.save()
    return image


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    contact = _contact_for(request.user)
    form = ProfileForm(
        request.POST or None, request.FILES or None, initial=_initial(contact, request.user), request=request
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            data = {**form.cleaned_data, "city": form.city_for()}
            _revision, contact = _apply_profile(request, contact, data)
        messages.success(
            request,
            gettext("Thank you. Your profile was sent to the editors and goes live when they approve it."),
        )
        return redirect("account_home")
    return render(
        request,
        "network/account/profile_form.html",
        {"form": form, "contact": contact},
        status=400 if form.errors else 200,
    )


def _apply_profile(request, contact, data):
    user = request.user
    if contact is None:
        directory = _directory()
        if directory is None:
            raise Http404("The directory does not exist yet.")
        page = PractitionerPage(
            title=data["name"],
            slug=slugify(data["name"]) or "practitioner",
            role=data["role"],
            city=data["city"],
            live=False,
        )
        base_slug, counter = page.slug, 1
        while directory.get_children().filter(slug=page.slug).exists():
            counter += 1
            page.slug = f"{base_slug}-{counter}"
        directory.add_child(instance=page)
        contact = PractitionerContact(page=page, user=user, email=user.email)
        contact.record_consent()
        create_aliases_for_new_page(page)
    page = contact.page.get_latest_revision_as_object()
    page.title = data["name"]
    page.role = data["role"]
    page.organisation = data["organisation"]
    page.city = data["city"]
    page.bio = data["bio"]
    page.open_to_exchange = data["open_to_exchange"]
    page.looking_for_partners = data["looking_for_partners"]
    page.themes = data["themes"]
    page.target_groups = data["target_groups"]
    page.languages = data["languages"]
    page.last_confirmed = timezone.localdate()
    if data.get("photo"):
        page.photo = _save_photo(data["photo"], data["name"])
    # Privacy choices take effect now; profile content waits for a moderator.
    contact.email_visibility = data["email_visibility"]
    contact.phone = data["phone"]
    contact.phone_visibility = data["phone_visibility"]
    contact.save()
    return submit_for_moderation(page, user), contact


@login_required
def profile_edit_by_id(request: HttpRequest, page_id: int) -> HttpResponse:
    """Editing someone else's profile is refused; one's own leads to the profile form."""
    page = PractitionerPage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    contact = _contact_for(request.user)
    if contact is None or page.translation_key != contact.page.translation_key:
        # A page in the site's layout and the reader's language, not a bare 403.
        return render(request, "network/account/not_yours.html", {"own_profile": contact}, status=403)
    return redirect("account_profile")


@login_required
def export(request: HttpRequest) -> HttpResponse:
    contact = _contact_for(request.user)
    if contact is None:
        data = {
            "exported_at": timezone.now().isoformat(),
            "profiles": [],
            "contact": None,
            "account": {"username": request.user.get_username(), "email": request.user.email},
            "messages_sent": export_messages_sent(request.user.email),
            "follows": export_for(request.user),
        }
    else:
        data = export_data(contact)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-network-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = _contact_for(request.user)
        user = request.user
        if contact is not None:
            erase_practitioner(contact)
        else:  # an account without a profile may still have written to practitioners
            messages_sent_by(user.email).delete()
        logout(request)
        if User.objects.filter(pk=user.pk, is_staff=False, is_superuser=False).exists():
            User.objects.filter(pk=user.pk).delete()
        messages.success(request, gettext("Your profile and account were deleted."))
        return redirect("account_deleted")
    return render(request, "network/account/delete.html", {"form": form}, status=400 if form.errors else 200)


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "network/account/deleted.html")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")
