"""``manage.py export_records``: the records as JSON (all kinds) or CSV (one kind)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.exporter import export_csv, export_json
from exchange.importer import KINDS


class Command(BaseCommand):
    help = "Export the records in the import format: JSON (every kind) or CSV (one kind)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--kind", choices=KINDS, action="append", help="Repeat for several (JSON)")
        parser.add_argument(
            "--private",
            action="store_true",
            help="Include practitioners' e-mail and phone (administrators only)",
        )
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output")

    def handle(self, *args, format, kind, private, output, **options):
        if format == "csv":
            if not kind or len(kind) != 1:
                raise CommandError("CSV holds one kind: give exactly one --kind.")
            text = export_csv(kind[0], private=private)
        else:
            text = export_json(kind, private=private)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
