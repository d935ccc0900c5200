"""Submitting public-side contributions (profiles, practices) to Wagtail's moderation workflow."""

from __future__ import annotations

from wagtail.models import Page, Revision


def submit_for_moderation(page: Page, user) -> Revision:
    """Save ``page`` as a new revision by ``user`` and (re)start its workflow.

    The live page is untouched until a moderator approves; a change made while an
    earlier one waits replaces it in the queue.
    """
    revision = page.save_revision(user=user, clean=False)
    workflow = page.get_workflow()
    if workflow is not None:
        if page.workflow_in_progress:
            page.current_workflow_state.cancel(user=user)
        workflow.start(page, user)
    return revision
