from django.core.management.commands import flush

from livc.audit.maintenance import log_maintenance


class Command(flush.Command):
    """Django's `flush`, declared as access-log maintenance.

    Emptying the whole database includes the access log, which the PostgreSQL trigger
    protects; the test runner flushes between transactional tests. It still works only
    for a role that owns the tables (see livc.audit.maintenance).
    """

    def handle(self, **options):
        with log_maintenance(options["database"]):
            super().handle(**options)
