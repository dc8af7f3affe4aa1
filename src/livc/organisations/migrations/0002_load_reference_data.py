import datetime

from django.db import migrations


def load(apps, schema_editor):
    from livc.organisations import refnis

    names = ("Region", "Province", "Arrondissement", "Municipality", "MunicipalityMerger")
    models = {name: apps.get_model("organisations", name) for name in names}
    refnis.apply_reference_data(models, *refnis.read_all(), today=datetime.date.today())


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
