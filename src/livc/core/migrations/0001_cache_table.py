"""`migrate` alone gives a working database: the database cache (sessions' throttling,
allauth rate limits) needs its table, which Django only creates with `createcachetable`.
That command is idempotent and creates nothing for non-database caches."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
