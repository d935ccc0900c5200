"""A person's follows in their data export, and gone with their erasure."""

from __future__ import annotations

from .models import DigestSettings, Follow, SentDigest


def export_for(user) -> dict:
    if user is None:
        return {"follows": [], "digest": None}
    schedule = DigestSettings.objects.filter(user=user).first()
    return {
        "follows": [
            {
                "kind": follow.kind,
                "listing": follow.listing,
                "filters": follow.filters,
                "query": follow.query,
                "page": follow.page.full_url if follow.page_id else None,
                "language": follow.language,
                "created_at": follow.created_at.isoformat(),
            }
            for follow in Follow.objects.filter(user=user).select_related("page")
        ],
        "digest": (
            {
                "frequency": schedule.frequency,
                "language": schedule.language,
                "last_sent_at": schedule.last_sent_at.isoformat() if schedule.last_sent_at else None,
            }
            if schedule
            else None
        ),
    }


def erase_for(user) -> int:
    """Remove everything this app holds about ``user``; the number of rows removed."""
    if user is None:
        return 0
    removed = Follow.objects.filter(user=user).delete()[0]
    removed += DigestSettings.objects.filter(user=user).delete()[0]
    removed += SentDigest.objects.filter(user=user).delete()[0]
    return removed
