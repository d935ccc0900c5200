"""The editorial roles and the moderation workflow, created by ``manage.py setup_roles``.

Run by the seed and safe to run again: each group ends up with exactly the permissions
listed here, so a change to this file is applied by running the command.

- Administrators: everything, including users, private contact details and the audit log.
- Country editors (Latvia, Lithuania, Estonia, Nordic countries): create and edit pages and
  directory entries, only about their countries (``editorial.permissions``); no publish
  permission, so what they write goes live when a moderator approves it; they do not start
  translations (wagtail-localize publishes those directly).
- Moderators: approve or reject what is submitted (the workflow's task), publish, edit,
  import records.
- Country editors and moderators also keep practitioners' contact details (e-mail, phone) of
  the profiles in their countries, with the person's consent (``editorial.contacts``).
- Translators: translate with wagtail-localize and publish translations in lv, lt, et and
  ru; no permission on the English originals, which they can neither edit nor publish. They
  create no pages: no "add" permission (Wagtail's add, copy and move views all need it), and
  their edit and publish permissions count only on translations of an original
  (``editorial.permissions``), not on a page someone else created in a translation tree.
- Practitioners: public-side accounts (self-service); no admin access at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import CountryTeam

ADMINISTRATORS = "Administrators"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
PRACTITIONERS = "Practitioners"
COUNTRY_TEAMS = {
    "Editors: Latvia": "LV",
    "Editors: Lithuania": "LT",
    "Editors: Estonia": "EE",
    "Editors: Nordic countries": "DK,FI,IS,NO,SE",
}
WORKFLOW_NAME = "Editorial moderation"
TASK_NAME = "Moderator approval"
# The sections whose pages go through moderation, in every language's tree.
MODERATED_SECTIONS = [
    "network.NetworkIndexPage",  # practitioners' profiles, twin cities
    "practices.PracticeIndexPage",
    "practices.ProjectIndexPage",
    "practices.EventIndexPage",
    "guides.GuideIndexPage",
]

ADMIN_ACCESS = "wagtailadmin.access_admin"
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"
# The import screen can publish pages, so it is for those who may publish without review.
IMPORT_RECORDS = "exchange.add_importedrecord"
TAXONOMIES = ["network.country", "network.city", "network.theme", "network.targetgroup", "guides.legalstatus"]
DIRECTORY_ENTRIES = ["network.organisation", "guides.helppoint"]
# Practitioners' contact details, for the profiles of the staff member's countries, with the
# person's consent (``editorial.contacts``); deleting them (erasure) stays with administrators,
# and so does "view", which the export of private data asks for (``exchange.admin_views``):
# Wagtail's listing and edit views need only "add" or "change".
CONTACT_DETAILS = ["network.practitionercontact"]
# Images and documents: the permissions Wagtail checks are those of the model its permission
# policy names (``auth_model``), which for documents stays Wagtail's own ``wagtaildocs.Document``
# even with our ``WAGTAILDOCS_DOCUMENT_MODEL`` (practices.Publication): granting
# ``practices.add_publication`` let nobody upload. So the codenames are asked of the policies.
MEDIA_KINDS = ["image", "document"]


def media_permission(kind: str, action: str) -> Permission:
    """The permission Wagtail's permission policy for images or documents checks for ``action``."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    model = get_image_model() if kind == "image" else get_document_model()
    policy = policy_registry.get_by_type(model)
    return _permission(f"{policy.app_label}.{action}_{policy.model_name}")


def _model_perms(models: list[str], actions: list[str]) -> list[str]:
    return [f"{model.split('.')[0]}.{action}_{model.split('.')[1]}" for model in models for action in actions]


@dataclass
class Role:
    name: str
    permissions: list[str] = field(default_factory=list)  # "app_label.codename"
    page_actions: list[str] = field(default_factory=list)  # on every tree, or only translations
    translations_only: bool = False  # page permissions only in the non-default languages' trees
    media_actions: list[str] = field(default_factory=list)  # on the root collection
    all_permissions: bool = False


def roles() -> list[Role]:
    editor = {
        # No SUBMIT_TRANSLATION: wagtail-localize's "Translate this page" and "Sync translated
        # pages" publish translations without asking for page permissions or moderation.
        "permissions": [
            ADMIN_ACCESS,
            *_model_perms(TAXONOMIES, ["view"]),
            *_model_perms(DIRECTORY_ENTRIES, ["add", "change", "view"]),
            *_model_perms(CONTACT_DETAILS, ["add", "change"]),
        ],
        "page_actions": ["add", "change"],
        "media_actions": ["add", "choose"],
    }
    return [
        Role(
            ADMINISTRATORS,
            all_permissions=True,
            page_actions=["add", "change", "publish", "bulk_delete", "lock", "unlock"],
            media_actions=["add", "change", "choose", "delete"],
        ),
        Role(
            MODERATORS,
            permissions=[
                ADMIN_ACCESS,
                SUBMIT_TRANSLATION,
                IMPORT_RECORDS,
                *_model_perms(TAXONOMIES + DIRECTORY_ENTRIES, ["add", "change", "delete", "view"]),
                *_model_perms(CONTACT_DETAILS, ["add", "change"]),
            ],
            page_actions=["add", "change", "publish", "lock", "unlock"],
            media_actions=["add", "change", "choose"],
        ),
        *(Role(name, **editor) for name in COUNTRY_TEAMS),
        Role(
            TRANSLATORS,
            permissions=[
                ADMIN_ACCESS,
                SUBMIT_TRANSLATION,
                *_model_perms(TAXONOMIES + DIRECTORY_ENTRIES, ["change", "view"]),
            ],
            # No "add": translations are created by wagtail-localize, which asks for none.
            page_actions=["change", "publish"],
            translations_only=True,
            media_actions=["choose"],
        ),
        Role(PRACTITIONERS),
    ]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _tree_roots(translations_only: bool) -> list[Page]:
    if not translations_only:
        return [Page.get_first_root_node()]
    default = Locale.get_default()
    # The home page of each language other than the default heads that language's tree.
    return list(Page.objects.filter(depth=2).exclude(locale=default))


@transaction.atomic
def setup_roles() -> dict[str, int]:
    """Create or update the groups, their permissions and the moderation workflow."""
    counts = {"groups": 0, "workflow pages": 0}
    for role in roles():
        group, created = Group.objects.get_or_create(name=role.name)
        counts["groups"] += created
        if role.all_permissions:
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.set([_permission(name) for name in role.permissions])

        wanted = set()
        for page in _tree_roots(role.translations_only) if role.page_actions else []:
            for action in role.page_actions:
                permission = _permission(f"wagtailcore.{action}_page")
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
                wanted.add((page.pk, permission.pk))
        for existing in GroupPagePermission.objects.filter(group=group):
            if (existing.page_id, existing.permission_id) not in wanted:
                existing.delete()

        root_collection = Collection.get_first_root_node()
        wanted_media = set()
        for kind in MEDIA_KINDS if role.media_actions else []:
            for action in role.media_actions:
                permission = media_permission(kind, action)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
                wanted_media.add(permission.pk)
        GroupCollectionPermission.objects.filter(group=group).exclude(permission_id__in=wanted_media).delete()

        if role.name in COUNTRY_TEAMS:
            CountryTeam.objects.update_or_create(
                group=group, defaults={"country_codes": COUNTRY_TEAMS[role.name]}
            )

    # Wagtail's own starter group is replaced by the country teams.
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    counts["workflow pages"] = _setup_workflow()
    return counts


def _setup_workflow() -> int:
    moderators = Group.objects.get(name=MODERATORS)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    created = 0
    for dotted in MODERATED_SECTIONS:
        app_label, model_name = dotted.split(".")
        model = apps.get_model(app_label, model_name)
        for page in model.objects.all():
            _, made = WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
            created += made
    return created
