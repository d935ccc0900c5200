"""The admin's dashboard says when background work is waiting or e-mail is not getting through."""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import queue
from .models import OutgoingMail

# Tasks due for longer than this mean that no worker is taking them.
LATE = datetime.timedelta(minutes=1)


class BackgroundPanel(Component):
    name = "background_work"
    order = 50
    template_name = "background/panel.html"

    def get_context_data(self, parent_context=None):
        state = queue.state()
        week = timezone.now() - datetime.timedelta(days=7)
        return {
            "queue": state,
            "late": state.oldest_waiting_since is not None
            and timezone.now() - state.oldest_waiting_since > LATE,
            "failing": OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILING).count(),
            "given_up": OutgoingMail.objects.filter(
                status=OutgoingMail.Status.GIVEN_UP, finished_at__gte=week
            ).count(),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not (context["late"] or context["failing"] or context["given_up"]):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_background_panel(request, panels):
    if request.user.is_superuser or request.user.has_perm("network.view_contactmessage"):
        panels.append(BackgroundPanel())
