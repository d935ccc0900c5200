"""A practitioner's right to their data: export everything held about them, or erase it.

Erasure removes the person from every place Wagtail and wagtail-localize keep copies:
the profile in every language (and its aliases), its revisions and moderation states,
the audit log entries that carry the name, wagtail-localize's translation sources and
the strings only this profile used, the photo with its renditions, the contact record
and its message log, the search and reference indexes, and the sign-in account.

The contact-form messages the person *sent* to others are deleted too, not anonymised: a
record holds nothing but who wrote to whom and when (with a keyed hash of the sender's IP),
so without the sender it would be an empty row, and the recipient already has the e-mail.
Then every stored page and fragment is invalidated (the page cache's content version), so
no cached listing or practice page shows the person until its time-out.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, WorkflowState
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
)

from nbnet import page_cache

from .emails import normalize_email
from .models import ContactMessage, PractitionerContact, PractitionerPage

ERASED_LABEL = "Erased practitioner profile"


def _profile_pages(contact: PractitionerContact) -> list[Page]:
    key = contact.page.translation_key
    pages = list(Page.objects.filter(translation_key=key))
    aliases = Page.objects.filter(alias_of__in=pages).exclude(pk__in=[p.pk for p in pages])
    return pages + list(aliases)


def messages_sent_by(*addresses: str):
    """The contact-form records a person sent from any of their addresses (stored normalised)."""
    return ContactMessage.objects.filter(
        sender_email__in={normalize_email(address) for address in addresses if address}
    )


def export_messages_sent(*addresses: str) -> list[dict]:
    return [
        {
            "to": message.recipient.page.title,
            "from_name": message.sender_name,
            "from_email": message.sender_email,
            "sent_at": message.created_at.isoformat(),
            "delivered": message.delivered,
        }
        for message in messages_sent_by(*addresses).select_related("recipient__page")
    ]


def _messages_sent(contact: PractitionerContact):
    return messages_sent_by(contact.email, contact.user.email if contact.user else "")


def export_data(contact: PractitionerContact) -> dict:
    """Everything the network holds about one practitioner, as JSON-ready data."""
    profiles = []
    for page in PractitionerPage.objects.filter(translation_key=contact.page.translation_key).select_related(
        "locale", "city__country", "organisation", "photo"
    ):
        profiles.append(
            {
                "language": page.locale.language_code,
                "name": page.title,
                "url": page.full_url,
                "live": page.live,
                "role": page.role,
                "biography": page.bio,
                "organisation": page.organisation.name if page.organisation else None,
                "city": page.city.name,
                "country": page.city.country.name,
                "areas_of_expertise": [theme.slug for theme in page.themes.all()],
                "target_groups": [group.slug for group in page.target_groups.all()],
                "languages_spoken": [language.code for language in page.languages.all()],
                "open_to_exchange": page.open_to_exchange,
                "looking_for_partners": page.looking_for_partners,
                "last_confirmed": page.last_confirmed.isoformat() if page.last_confirmed else None,
                "photo": page.photo.file.name if page.photo else None,
            }
        )
    user = contact.user
    from follows.privacy import export_for

    return {
        "exported_at": timezone.now().isoformat(),
        "follows": export_for(user),
        "profiles": profiles,
        "contact": {
            "email": contact.email,
            "email_visibility": contact.email_visibility,
            "phone": contact.phone,
            "phone_visibility": contact.phone_visibility,
            "consent_given_at": contact.consent_at.isoformat() if contact.consent_at else None,
            "consent_text_version": contact.consent_version,
        },
        "account": (
            {
                "username": user.get_username(),
                "email": user.email,
                "date_joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
            }
            if user
            else None
        ),
        "messages_received": [
            {
                "from_name": message.sender_name,
                "from_email": message.sender_email,
                "sent_at": message.created_at.isoformat(),
                "delivered": message.delivered,
            }
            for message in contact.messages.all()
        ],
        "messages_sent": export_messages_sent(contact.email, user.email if user else ""),
    }


@transaction.atomic
def erase_practitioner(contact: PractitionerContact, *, delete_account: bool = True) -> dict[str, int]:
    """Remove one practitioner and every copy of their personal data. Returns what was removed."""
    pages = _profile_pages(contact)
    page_ids = [page.pk for page in pages]
    photos = {page.specific.photo for page in pages if getattr(page.specific, "photo", None)}
    # Photos chosen in drafts only are in revisions, not on the live pages.
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.filter(
        base_content_type=page_type, object_id__in=[str(pk) for pk in page_ids]
    )
    for revision in revisions:
        photo_id = revision.content.get("photo")
        if photo_id:
            photos.update(PractitionerPage._meta.get_field("photo").related_model.objects.filter(pk=photo_id))

    removed = {"pages": len(pages), "photos": 0, "log entries": 0, "strings": 0}
    removed["messages sent"] = _messages_sent(contact).delete()[0]
    removed["log entries"] += PageLogEntry.objects.filter(page_id__in=page_ids).delete()[0]
    contact_type = ContentType.objects.get_for_model(PractitionerContact)
    removed["log entries"] += ModelLogEntry.objects.filter(
        content_type=contact_type, object_id=str(contact.pk)
    ).delete()[0]
    WorkflowState.objects.filter(
        base_content_type=page_type, object_id__in=[str(pk) for pk in page_ids]
    ).delete()
    revisions.delete()

    # wagtail-localize keeps a copy of the source content and the strings extracted from it.
    translatable = TranslatableObject.objects.filter(translation_key=contact.page.translation_key)
    sources = TranslationSource.objects.filter(object__in=translatable)
    string_ids = set(StringSegment.objects.filter(source__in=sources).values_list("string_id", flat=True))
    contexts = TranslationContext.objects.filter(object__in=translatable)
    # Translated texts point at their context with SET_NULL: remove them, not orphan them.
    StringTranslation.objects.filter(context__in=contexts).delete()
    sources.delete()  # with their segments, translations and logs
    contexts.delete()
    translatable.delete()
    orphaned = String.objects.filter(pk__in=string_ids).filter(
        ~Q(pk__in=StringSegment.objects.values("string_id"))
    )
    removed["strings"] = orphaned.delete()[0]

    user = contact.user
    # Sign-in throttling keeps the user name (the e-mail address) of failed attempts.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    names = {name for name in (contact.email, user.get_username() if user else "") if name}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        removed["log entries"] += model.objects.filter(username__in=names).delete()[0]
    from follows.privacy import erase_for

    # Follows and digest settings: also for accounts kept below (staff, delete_account=False).
    removed["follows"] = erase_for(user)
    contact.delete()  # cascades to the message log
    # Children-free leaf pages: delete each translation and alias; post_delete signals
    # take them out of the search and reference indexes.
    for page in sorted(pages, key=lambda p: p.alias_of_id is None):
        page.refresh_from_db()
        page.delete()
    for photo in photos:
        photo.delete()  # Wagtail deletes the file and its renditions
        removed["photos"] += 1
    # Deleting pages writes "wagtail.delete" audit entries labelled with the name: keep
    # the fact of the deletion for administrators, not who it was.
    PageLogEntry.objects.filter(page_id__in=page_ids).update(label=ERASED_LABEL, data={})
    if user is not None and delete_account and not (user.is_staff or user.is_superuser):
        user.delete()
    # Deleting the pages has bumped the content version already (their signals); bumped here
    # as well so that erasure never depends on which models send signals. Now and again when
    # this transaction commits: no stored page or fragment shows the person after that.
    page_cache.bump()
    return removed
