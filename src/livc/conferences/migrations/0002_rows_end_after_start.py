"""A conference ends after it starts: existing rows that do not (only a write outside the
planning service could make one) end an hour after their start, before 0003 makes the
rule a check constraint. Historical models only, and no clock."""

import datetime

from django.db import migrations, models


def forwards(apps, schema_editor):
    Conference = apps.get_model("conferences", "Conference")
    for conference in Conference.objects.filter(ends_at__lte=models.F("starts_at")):
        conference.ends_at = conference.starts_at + datetime.timedelta(hours=1)
        conference.save(update_fields=["ends_at"])


class Migration(migrations.Migration):
    dependencies = [("conferences", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
