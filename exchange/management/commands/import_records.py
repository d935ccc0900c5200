"""``manage.py import_records FILE``: a dry run unless ``--commit``; see the README for the format."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.importer import KINDS, run_import


class Command(BaseCommand):
    help = (
        "Import organisations, practitioners, practices, help points or guide steps from CSV or JSON. "
        "Shows what would change (dry run) unless --commit is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV (UTF-8, comma or semicolon) or JSON file")
        parser.add_argument(
            "--kind", choices=KINDS, help="What the rows are, if the file has no 'kind' column"
        )
        parser.add_argument("--commit", action="store_true", help="Really import (default: dry run)")
        parser.add_argument("--publish", action="store_true", help="Publish pages (default: save drafts)")
        parser.add_argument(
            "--strict", action="store_true", help="Import nothing if any row is rejected (all or nothing)"
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON")

    def handle(self, *args, path, kind, commit, publish, strict, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            # Long imports report every 5 % (and at the end) on stderr, so stdout stays the report.
            if verbosity and total >= 20 and (done == total or done % max(1, total // 20) == 0):
                self.stderr.write(f"  {done}/{total} rows ({done * 100 // total} %)")

        report = run_import(
            file.read_bytes(),
            filename=file.name,
            kind=kind or "",
            dry_run=not commit,
            publish=publish,
            strict=strict,
            progress=progress,
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        else:
            for warning in report.warnings:
                self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
            for row in report.rows:
                kind = row.kind or "?"
                label = f"line {row.line:>5}  {kind:<12} {row.key[:30]:<30} {row.language:<3} {row.action:<9}"
                if row.rejected:
                    self.stdout.write(self.style.ERROR(f"{label} {'; '.join(row.reasons)}"))
                elif verbosity > 1 or row.action != "unchanged":
                    self.stdout.write(f"{label} {row.title}")
            self.stdout.write(f"{report.summary()} ({report.seconds:.1f} s)")
        if report.file_error:
            raise CommandError(report.file_error)
        if report.rejected:
            # Rows were refused (listed above): a script can tell from the exit status.
            sys.exit(2)
