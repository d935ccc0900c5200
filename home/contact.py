"""Writing to the editors of a country from the contact page (``home.ContactPage``).

"Ask the editor in your country" has to lead somewhere without putting anyone's address in
the page: the reader chooses a country team (``editorial.CountryTeam``) and the message is
e-mailed to the active members of that group (Reply-To: the reader), through the outbox like
every other e-mail. A team with nobody in it passes the message to the moderators, then to
the administrators, then to the site's own address (``DEFAULT_FROM_EMAIL``): a message is
never dropped because a group is empty. Nothing of the message is stored; a honeypot field
and a limit per client and per sender address (``home.limits``) keep robots out.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from network.contact import ContactForm

from .limits import over_limit

# Messages per hour per client address and per sender address.
SENDER_LIMIT = (5, 3600)
WHOLE_NETWORK = "network"


def team_choices(request: HttpRequest | None = None) -> list[tuple[str, str]]:
    """The country teams, each named by its countries in the reader's language, then the
    whole network (the moderators)."""
    from editorial.models import CountryTeam
    from network.localize import term_names
    from network.models import Country

    names = term_names(Country, request)
    teams = []
    for team in CountryTeam.objects.select_related("group").order_by("pk"):
        countries = sorted(names.get(code, code) for code in team.codes)
        teams.append((str(team.pk), ", ".join(countries)))
    teams.sort(key=lambda choice: choice[1].casefold())
    return [*teams, (WHOLE_NETWORK, gettext("The whole network, or more than one country"))]


class EditorContactForm(ContactForm):
    """The contact form of a practitioner's profile (name, e-mail, message, honeypot), with the
    country whose editors receive it."""

    team = forms.ChoiceField(label=_("Which country is your question about?"))
    field_order = ["team", "name", "email", "message", "website"]

    def __init__(self, *args, request: HttpRequest | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = team_choices(request)

    def clean_message(self) -> str:
        message = self.cleaned_data["message"]
        if any(ord(char) < 32 and char not in "\n\r\t" for char in message):
            raise forms.ValidationError(_("Remove the invisible control characters from the text."))
        return message

    def team_label(self) -> str:
        return dict(self.fields["team"].choices).get(self.cleaned_data["team"], "")


def recipients(team: str) -> list[str]:
    """The addresses the message goes to (never shown to the sender)."""
    from editorial.models import CountryTeam
    from editorial.roles import ADMINISTRATORS, MODERATORS

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    groups = []
    if team != WHOLE_NETWORK:
        country_team = CountryTeam.objects.filter(pk=team).select_related("group").first()
        if country_team is not None:
            groups.append(country_team.group.name)
    groups += [MODERATORS, ADMINISTRATORS]
    for group in groups:
        found = sorted(set(users.filter(groups__name=group).values_list("email", flat=True)))
        if found:
            return found
    found = sorted(set(users.filter(is_superuser=True).values_list("email", flat=True)))
    return found or [settings.DEFAULT_FROM_EMAIL]


def handle_post(page, request: HttpRequest) -> HttpResponse:
    from background.mail import queue_message
    from network.emails import normalize_email

    form = EditorContactForm(request.POST, request=request)
    if not form.is_valid():
        return render(page, request, form, status=400)
    data = form.cleaned_data
    if data["website"]:
        # A robot: pretend success, send nothing.
        return render(page, request, EditorContactForm(request=request), sent=True)
    count, seconds = SENDER_LIMIT
    if over_limit(request, "editors", normalize_email(data["email"]), count, seconds):
        refused = gettext("You have sent several messages in a short time. Please try again in an hour.")
        return render(page, request, form, status=429, refused=refused)

    site = gettext("Nordic-Baltic Integration Network")
    team = form.team_label()
    subject = gettext("Question to the editors (%(team)s) from %(name)s") % {
        "team": team,
        "name": data["name"],
    }
    body = gettext(
        "%(name)s (%(email)s) wrote to the editors (%(team)s) through the contact page of the "
        "%(site)s:\n\n%(message)s\n\nReply to this e-mail to answer."
    ) % {"name": data["name"], "email": data["email"], "team": team, "site": site, "message": data["message"]}
    queue_message(
        EmailMessage(subject, body, to=recipients(data["team"]), reply_to=[data["email"]]), kind="editors"
    )
    return render(page, request, EditorContactForm(request=request), sent=True, sent_to=team)


def render(page, request: HttpRequest, form: EditorContactForm, status: int = 200, **extra) -> HttpResponse:
    context = page.get_context(request, contact_form=form)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context, status=status)
