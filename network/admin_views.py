"""Admin side of the directory: inviting a listed practitioner to manage their own profile."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .accounts import send_account_link
from .models import PractitionerContact

# Inviting hands the profile to whoever reads the address: administrators only, since country
# editors and moderators may now enter contact addresses (``editorial.contacts``).
INVITE_PERMISSION = "network.delete_practitionercontact"


@require_http_methods(["GET", "POST"])
def invite(request, pk: int):
    if not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied
    contact = get_object_or_404(PractitionerContact.objects.select_related("page"), pk=pk)
    if request.method == "POST" and contact.email and contact.user_id is None:
        send_account_link(request, contact.page.title, contact.email)
        messages.success(request, _("Invitation sent to %(name)s.") % {"name": contact.page.title})
        return redirect("wagtailsnippets_network_practitionercontact:list")
    return TemplateResponse(request, "network/admin/invite.html", {"contact": contact})
