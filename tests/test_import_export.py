"""Import and export: the example files, bad input, the admin screen, and the round trip."""

from __future__ import annotations

import csv
import html
import io
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.models import TranslationSource

from exchange.exporter import export_csv, export_json, export_records
from exchange.importer import run_import
from exchange.models import ImportedRecord, PendingImport
from guides.models import GuidePage, GuideStep, HelpPoint
from network.models import NetworkIndexPage, Organisation, PractitionerContact, PractitionerPage
from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "import-examples"
ORDER = {
    "organisations.csv": "organisation",
    "help_points.csv": "help_point",
    "practitioners.csv": "practitioner",
    "practices.json": "practice",
    "guide_steps.csv": "guide_step",
}


def run(data: str | bytes, **options):
    if isinstance(data, str):
        data = data.encode()
    options.setdefault("dry_run", False)
    options.setdefault("publish", True)
    # The reasons are in the active language; an earlier test may have left another one active.
    with translation.override("en"):
        return run_import(data, **options)


def reasons(report) -> str:
    return " | ".join("; ".join(row.reasons) for row in report.rows if row.rejected)


def import_examples(capture, publish=True):
    reports = {}
    with capture(execute=True):
        for name, kind in ORDER.items():
            reports[name] = run((EXAMPLES / name).read_bytes(), filename=name, kind=kind, publish=publish)
    return reports


def test_dry_run_tells_what_would_happen_and_saves_nothing():
    before = (Organisation.objects.count(), ImportedRecord.objects.count())
    report = run((EXAMPLES / "organisations.csv").read_bytes(), kind="organisation", dry_run=True)
    assert not report.file_error, report.file_error
    assert [row.action for row in report.rows] == ["create", "create", "create", "create"], reasons(report)
    assert report.dry_run and not report.committed
    assert (Organisation.objects.count(), ImportedRecord.objects.count()) == before
    # ...and the real run does exactly what the dry run said.
    real = run((EXAMPLES / "organisations.csv").read_bytes(), kind="organisation")
    assert [row.action for row in real.rows] == [row.action for row in report.rows]
    assert Organisation.objects.count() == before[0] + 4


def test_example_files_import_with_translations_under_the_right_pages(django_capture_on_commit_callbacks):
    reports = import_examples(django_capture_on_commit_callbacks)
    for name, report in reports.items():
        assert not report.file_error, (name, report.file_error)
        assert report.rejected == 0, (name, reasons(report))
        assert report.committed
    en, lv, ru = (Locale.objects.get(language_code=code) for code in ("en", "lv", "ru"))

    organisation = Organisation.objects.get(name="Daugavpils Integration Centre", locale=en)
    assert organisation.country.code == "LV" and organisation.city.slug == "riga"
    latvian = organisation.get_translation(lv)
    assert latvian.name == "Daugavpils integrācijas centrs"
    assert organisation.get_translation(ru).description.startswith("Языковые кафе")
    assert TranslationSource.objects.filter(object_id=organisation.translation_key).exists()

    anna = PractitionerPage.objects.get(title="Anna Ozola", locale=en)
    assert anna.live and anna.get_parent().specific_class is NetworkIndexPage
    assert {t.slug for t in anna.themes.all()} == {"roma-inclusion", "education"}
    assert anna.organisation.slug == "providus"
    anna_lv = anna.get_translation(lv)
    assert anna_lv.role == "Romu mediatore" and anna_lv.bio.startswith("Strādā")
    assert anna_lv.alias_of_id is None and anna_lv.live
    # The translation sits under the Latvian directory, not the English one.
    assert anna_lv.get_parent().locale == lv
    assert anna_lv.get_parent().specific_class is NetworkIndexPage
    # Private details went to the contact record, not the page.
    contact = PractitionerContact.objects.get(page=anna)
    assert contact.email == "anna.ozola@example.org" and contact.email_visibility == "members"
    # Jonas has no translation rows: he is synchronised into the other trees as an alias.
    jonas = PractitionerPage.objects.get(title="Jonas Petraitis", locale=en)
    assert PractitionerPage.objects.filter(translation_key=jonas.translation_key, locale=lv).exists()

    practice = PracticePage.objects.get(title="Language buddies in libraries", locale=en)
    assert practice.get_parent().specific_class is PracticeIndexPage
    assert "<p>120 pairs met in the first year.</p>" in practice.results
    assert list(practice.contacts.all()) == [anna]
    practice_lv = practice.get_translation(lv)
    assert practice_lv.title == "Valodu draugi bibliotēkās"
    assert practice_lv.slug == "valodu-draugi-bibliotekas"
    assert "Pirmajā gadā tikās 120 pāri." in practice_lv.results

    point = HelpPoint.objects.get(address="Brīvības iela 1", locale=en)
    assert point.organisation == organisation
    assert point.get_translation(lv).name == "Konsultāciju punkts"

    guide = GuidePage.objects.get(slug="latvia", locale=en)
    steps = list(guide.steps.all())
    assert steps[1].title == "Find a language café"  # order 2
    assert list(steps[1].help_points.all()) == [point]
    guide_lv = guide.get_translation(lv)
    assert "Atrodiet valodu kafejnīcu" in [step.title for step in guide_lv.steps.all()]


def test_a_second_import_changes_nothing(django_capture_on_commit_callbacks):
    import_examples(django_capture_on_commit_callbacks)
    counts = (Page.objects.count(), Organisation.objects.count(), HelpPoint.objects.count())
    revisions = PractitionerPage.objects.get(title="Anna Ozola", locale__language_code="en").revisions.count()
    again = import_examples(django_capture_on_commit_callbacks)
    for name, report in again.items():
        assert {row.action for row in report.rows} == {"unchanged"}, (name, [r.action for r in report.rows])
    assert (Page.objects.count(), Organisation.objects.count(), HelpPoint.objects.count()) == counts
    anna = PractitionerPage.objects.get(title="Anna Ozola", locale__language_code="en")
    assert anna.revisions.count() == revisions


def test_a_changed_row_updates_the_same_record():
    run("key,name,type,country\nx-1,Old name,ngo,LV\n", kind="organisation")
    report = run("key,name,type,country\nx-1,New name,ngo,LV\n", kind="organisation")
    assert [row.action for row in report.rows] == ["update"]
    assert list(
        Organisation.objects.filter(name__in=["Old name", "New name"]).values_list("name", flat=True)
    ) == ["New name"]


def test_drafts_are_not_published():
    report = run("key,name,role,city\ndraft-1,Draft Person,Nurse,riga\n", kind="practitioner", publish=False)
    assert report.created == 1, reasons(report)
    page = PractitionerPage.objects.get(title="Draft Person", locale__language_code="en")
    assert not page.live and page.get_latest_revision() is not None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("key,name,type,country\nk1,Bad country,ngo,Atlantis\n", "Unknown country “Atlantis”"),
        ("key,name,role,city,themes\nk1,A B,Nurse,riga,knitting\n", "Unknown themes: knitting"),
        ('key,name,type,country\nk1,=HYPERLINK("http://evil"),ngo,LV\n', "spreadsheet formula"),
        ("key,name,type,country\nk1,<script>alert(1)</script>,ngo,LV\n", "script"),
        ("key,name,type,country\nk1,<b>Bold</b> org,ngo,LV\n", "contains HTML"),
        ("key,name,type,country\nk1,No type,,LV\n", "“type” is required"),
        ("key,name,type,country\nk1,Org,spaceship,LV\n", "unknown value “spaceship”"),
        ("key,name,role,city,last_confirmed\nk1,A B,Nurse,riga,31 02 2025\n", "is not a date"),
        ("key,name,role,city\nk1,A B,Nurse,atlantis-city\n", "Unknown city"),
        ("key,name,role,city,email\nk1,A B,Nurse,riga,not-an-address\n", "not an e-mail address"),
        ("name,type,country\nNo key,ngo,LV\n", "no key"),
        ("key,language,name,type,country\nk1,xx,Org,ngo,LV\n", "Unknown language “xx”"),
    ],
)
def test_each_bad_row_gets_a_clear_reason(content, expected):
    kind = "practitioner" if "role" in content else "organisation"
    report = run(content, kind=kind)
    assert not report.file_error
    assert report.rejected == 1
    assert expected in reasons(report)


def test_missing_columns_are_named_and_rows_rejected():
    report = run("key,title\nk1,Something\n", kind="organisation")
    assert any("Missing columns for organisation: type, country" in warning for warning in report.warnings)
    assert report.rejected == 1 and "“type” is required" in reasons(report)


def test_duplicate_keys_are_rejected_and_the_first_row_kept():
    report = run("key,name,type,country\nd1,First,ngo,LV\nd1,Second,ngo,LV\n", kind="organisation")
    assert [row.action for row in report.rows] == ["create", "reject"]
    assert "same key and language as the row on line 2" in reasons(report)
    assert Organisation.objects.filter(name="First").exists()
    assert not Organisation.objects.filter(name="Second").exists()


def test_a_ten_megabyte_cell_is_refused_without_crashing():
    huge = "x" * (10 * 1024 * 1024)
    report = run(
        f"key,name,type,country,description\nbig,Big,ngo,LV,{huge}\nok,Fine,ngo,LV,short\n",
        kind="organisation",
    )
    assert [row.action for row in report.rows] == ["reject", "create"]
    assert "10485760 characters long" in reasons(report)


@pytest.mark.parametrize("encoding", ["cp1257", "latin-1"])
def test_a_file_in_another_encoding_is_reported_not_crashed(encoding):
    text = (
        "key;name;type;country\nk1;Rīgas Pašvaldība Ķekava;municipality;LV\n"
        if encoding == "cp1257"
        else ("key;name;type;country\nk1;Malmö Välkommen;municipality;SE\n")
    )
    report = run(text.encode(encoding), kind="organisation")
    assert "not UTF-8" in report.file_error
    assert not report.rows
    if encoding == "cp1257":
        assert "It looks like cp1257." in report.file_error


def test_bom_semicolons_and_case_insensitive_columns():
    data = "\ufeffKEY; Name ;TYPE;Country\nbom-1;Semicolon Org;NGO;lv\n".encode()
    report = run(data, kind="organisation")
    assert report.created == 1, reasons(report)
    assert Organisation.objects.get(name="Semicolon Org").country.code == "LV"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01binary",
        b"PK\x03\x04\x00\x00xlsx",
        b"{not json",
        b'{"records": 5}',
        b'["a", 1]',
        b'"text"',
        b"[" * 100_000,  # nested too deeply for the JSON parser
    ],
)
def test_broken_files_never_crash(data):
    report = run(data, kind="organisation")
    assert report.file_error or report.rejected == len(report.rows)
    assert not report.created


def test_all_or_nothing_imports_nothing_when_a_row_is_rejected():
    report = run(
        "key,name,type,country\ns1,Good,ngo,LV\ns2,Bad,ngo,Atlantis\n", kind="organisation", strict=True
    )
    assert not report.committed
    assert not Organisation.objects.filter(name="Good").exists()


def test_translation_row_without_its_english_record_is_rejected():
    report = run("key,language,name,type,country\norphan,lv,Bārenis,ngo,LV\n", kind="organisation")
    assert "no English record with the key “orphan”" in reasons(report)


@pytest.fixture
def command_language():
    """As on a server's command line: no language activated by an earlier test's request."""
    with translation.override(None):
        yield


def test_command_dry_run_then_commit(django_capture_on_commit_callbacks, command_language):
    out = StringIO()
    call_command("import_records", str(EXAMPLES / "organisations.csv"), "--kind", "organisation", stdout=out)
    assert "Dry run, nothing was saved: 4 to create" in out.getvalue()
    assert not Organisation.objects.filter(name="Tartu Welcome Point").exists()
    out = StringIO()
    call_command(
        "import_records",
        str(EXAMPLES / "organisations.csv"),
        "--kind",
        "organisation",
        "--commit",
        stdout=out,
    )
    assert "Imported: 4 to create" in out.getvalue()
    assert Organisation.objects.filter(name="Tartu Welcome Point").exists()


def test_command_reports_a_bad_file_with_an_error(tmp_path, command_language):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("key;name\n1;Tõnis Mägi\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_records", str(bad), "--kind", "organisation", stdout=StringIO())
    with pytest.raises(SystemExit):
        rejected = tmp_path / "rejected.csv"
        rejected.write_text("key,name,type,country\nr1,X,ngo,Atlantis\n")
        call_command("import_records", str(rejected), "--kind", "organisation", stdout=StringIO())


# Export ---------------------------------------------------------------------------------------


def test_public_export_has_no_private_contact_details():
    emails = [c.email for c in PractitionerContact.objects.exclude(email="")]
    phones = [c.phone for c in PractitionerContact.objects.exclude(phone="")]
    assert emails and phones
    for text in (export_json(), export_csv("practitioner")):
        assert "@example.org" not in text
        assert not any(phone in text for phone in phones)
        assert "email" not in text


def test_private_export_has_them_for_administrators():
    text = export_json(["practitioner"], private=True)
    contact = PractitionerContact.objects.exclude(email="").first()
    assert contact.email in text


def test_exported_csv_cannot_run_formulas_and_reimports_the_same(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(
            'key,name,type,country,description\nf1,Formula Org,ngo,LV,"-1+2 hyphen start"\n',
            kind="organisation",
        )
        org = Organisation.objects.get(name="Formula Org")
        org.description = '=HYPERLINK("http://evil.example","click")'
        org.save()
    rows = list(csv.DictReader(io.StringIO(export_csv("organisation").lstrip("\ufeff"))))
    row = next(r for r in rows if r["name"] == "Formula Org")
    assert row["description"].startswith("'=HYPERLINK")
    for cell in (value for r in rows for value in r.values()):
        assert not cell.startswith(("=", "+", "-", "@"))


def test_export_screen_is_admin_only_for_private_fields(client, admin_client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw-editor-1")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    refused = client.get("/admin/exchange/export/?format=json&private=on")
    assert refused.status_code in (302, 403) and b"@example.org" not in refused.content
    public = client.get("/admin/exchange/export/?format=json")
    assert public.status_code == 200 and b"@example.org" not in public.content
    private = admin_client.get("/admin/exchange/export/?format=json&private=on")
    assert private.status_code == 200 and b"@example.org" in private.content
    csv_response = admin_client.get("/admin/exchange/export/?format=csv&kind=organisation")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert admin_client.get("/admin/exchange/export/?format=csv").status_code == 200  # form error, no crash


# Admin import screen ---------------------------------------------------------------------------


def test_admin_upload_dry_run_then_confirm_without_uploading_again(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("practitioners.csv", (EXAMPLES / "practitioners.csv").read_bytes())
    response = admin_client.post(
        "/admin/exchange/import/", {"file": upload, "kind": "practitioner", "publish": "on"}, follow=True
    )
    # The upload answers at once with the job's page (the worker runs it; here, immediately).
    assert response.status_code == 200 and response.redirect_chain
    html = response.content.decode()
    assert "Dry run, nothing was saved" in html and "Anna Ozola" in html
    assert not PractitionerPage.objects.filter(title="Anna Ozola").exists()
    pending = PendingImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = admin_client.post(f"/admin/exchange/import/{pending.pk}/run/", follow=True)
    assert confirmed.status_code == 200
    assert "Imported:" in confirmed.content.decode()
    assert PractitionerPage.objects.filter(title="Anna Ozola", live=True).count() >= 2
    # The report stays for the editor; the file itself is not kept.
    pending.refresh_from_db()
    assert pending.status == PendingImport.Status.DONE and bytes(pending.content) == b""
    # The page history names who imported and published it.
    anna = PractitionerPage.objects.get(title="Anna Ozola", locale__language_code="en")
    assert anna.latest_revision.user == admin_user
    assert PageLogEntry.objects.filter(page=anna, action="wagtail.publish", user=admin_user).exists()


def test_admin_upload_of_a_damaged_file_and_a_huge_file(admin_client):
    damaged = SimpleUploadedFile("partners.csv", "key;name\n1;Šiauliai ąčę\n".encode("cp1257"))
    response = admin_client.post("/admin/exchange/import/", {"file": damaged, "kind": "organisation"})
    assert response.status_code == 200 and "not UTF-8" in response.content.decode()
    huge = SimpleUploadedFile("huge.csv", b"key,name\n" + b"x" * (10 * 1024 * 1024))
    response = admin_client.post("/admin/exchange/import/", {"file": huge, "kind": "organisation"})
    assert response.status_code == 200
    assert "at most 5 MB can be imported here" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_admin_report_shows_rejections_row_by_row(admin_client):
    upload = SimpleUploadedFile("bad.csv", b"key,name,type,country\nb1,Bad,ngo,Atlantis\nb2,Good,ngo,EE\n")
    html = admin_client.post(
        "/admin/exchange/import/", {"file": upload, "kind": "organisation"}, follow=True
    ).content.decode()
    assert "Unknown country “Atlantis”" in html and "1 rejected" in html


def test_import_screen_needs_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("plain-editor", password="pw-editor-2")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    refused = client.get("/admin/exchange/import/")
    assert refused.status_code in (302, 403) and b"Check the file" not in refused.content
    editor.user_permissions.add(Permission.objects.get(codename="add_importedrecord"))
    assert client.get("/admin/exchange/import/").status_code == 200


# Round trip ---------------------------------------------------------------------------------------


def _empty_the_site() -> None:
    """Remove every record the exchange carries, as on a site with only its structure."""
    for model in (PracticePage, PractitionerPage):
        for page in model.objects.filter(locale__language_code="en").order_by("-depth"):
            for version in Page.objects.filter(translation_key=page.translation_key):
                version.delete()
    for guide in GuidePage.objects.all():
        guide.steps = []
        guide.save_revision().publish()
    GuideStep.objects.all().delete()
    HelpPoint.objects.all().delete()
    Organisation.objects.exclude(locale__language_code="en").delete()
    Organisation.objects.all().delete()
    ImportedRecord.objects.all().delete()


def _comparable(records: dict) -> dict:
    """The rows as text; an apostrophe counts the same written as ' or &#x27; (wagtail-localize
    re-renders translated rich text and may choose either)."""
    rows = {}
    for kind, items in records.items():
        rows[kind] = sorted(
            html.unescape(json.dumps({k: v for k, v in item.items() if k != "published"}, sort_keys=True))
            for item in items
        )
    return rows


def test_json_export_reimports_into_an_empty_site_with_the_same_content(django_capture_on_commit_callbacks):
    before = export_records(private=True)
    document = export_json(private=True)
    assert len(before["practitioner"]) > 40 and len(before["guide_step"]) > 30
    with django_capture_on_commit_callbacks(execute=True):
        _empty_the_site()
    assert not PractitionerPage.objects.exists() and not Organisation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = run(document.encode(), filename="export.json")
    rejected = {(row.kind, row.language) for row in report.rows if row.rejected}
    assert report.rejected == 0, (rejected, reasons(report)[:500])
    after = _comparable(export_records(private=True))
    before = _comparable(before)
    for kind in before:
        missing = sorted(set(before[kind]) - set(after[kind]))[:2]
        extra = sorted(set(after[kind]) - set(before[kind]))[:2]
        assert after[kind] == before[kind], (kind, missing, extra)


def test_exported_csv_quotes_every_cell_so_a_semicolon_cannot_start_a_formula():
    organisation = Organisation.objects.filter(locale__language_code="en").first()
    organisation.name = 'Partners; =HYPERLINK("http://evil.example","x")'
    organisation.save()
    exported = export_csv("organisation").lstrip("\ufeff")
    lines = exported.splitlines()
    assert all(line.startswith('"') and line.endswith('"') for line in lines)  # every cell quoted
    rows = list(csv.reader(io.StringIO(exported)))
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert [cell for row in rows for cell in row if "HYPERLINK" in cell] == [
        'Partners; =HYPERLINK("http://evil.example","x")'
    ]
