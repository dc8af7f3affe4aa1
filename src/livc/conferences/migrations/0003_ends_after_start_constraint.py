from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conferences", "0002_rows_end_after_start")]

    operations = [
        migrations.AddConstraint(
            model_name="conference",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                name="conference_ends_after_start",
            ),
        ),
    ]
