from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from livc.organisations import refnis, services


class Command(BaseCommand):
    help = (
        "Import (update) regions, provinces, arrondissements, municipalities and mergers "
        "from REFNIS CSV files. All files are validated first; nothing is written on error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--admin-units", type=Path, default=refnis.ADMIN_UNITS_FILE)
        parser.add_argument("--municipalities", type=Path, default=refnis.MUNICIPALITIES_FILE)
        parser.add_argument("--mergers", type=Path, default=refnis.MERGERS_FILE)

    def handle(self, *args, **options):
        try:
            counts = services.municipalities_import(
                admin_units=options["admin_units"],
                municipalities=options["municipalities"],
                mergers=options["mergers"],
            )
        except (refnis.ReferenceDataError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(", ".join(f"{key}: {value}" for key, value in counts.items()))
        )
