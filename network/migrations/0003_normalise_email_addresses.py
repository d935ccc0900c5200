"""Store every address that identifies a person in the one normalised form (network/emails.py),
so that sign-up, verification, the contact form's limit and erasure can compare exactly."""

from django.conf import settings
from django.db import migrations

# Imported, not copied: the point is that there is one normalisation. It is a pure function
# of a string, so a later change to it is a change this data should follow anyway.
from network.emails import normalize_email


def normalise_stored_addresses(apps, schema_editor):
    PractitionerContact = apps.get_model("network", "PractitionerContact")
    ContactMessage = apps.get_model("network", "ContactMessage")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))

    for model, field in ((PractitionerContact, "email"), (ContactMessage, "sender_email")):
        for pk, address in model.objects.exclude(**{field: ""}).values_list("pk", field).iterator():
            normalised = normalize_email(address)
            if normalised != address:
                model.objects.filter(pk=pk).update(**{field: normalised})

    # Accounts made at sign-up are named by their address (username == email). Others (staff
    # with a chosen user name) are left alone. Two old accounts that normalise to the same
    # address are not merged: the second keeps its name, and an administrator decides.
    for user in User.objects.filter(username__contains="@").iterator():
        if user.username.lower() != user.email.lower():
            continue
        normalised = normalize_email(user.email)
        if normalised == user.username == user.email:
            continue
        if User.objects.filter(username=normalised).exclude(pk=user.pk).exists():
            continue
        User.objects.filter(pk=user.pk).update(username=normalised, email=normalised)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_alter_networkindexpage_body_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(normalise_stored_addresses, migrations.RunPython.noop)]
