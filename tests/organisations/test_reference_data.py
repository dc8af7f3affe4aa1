import shutil

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from livc.organisations import refnis
from livc.organisations.models import Arrondissement, Municipality, MunicipalityMerger, Province
from livc.organisations.selectors import current_municipalities

pytestmark = pytest.mark.django_db


def test_migrate_loads_all_565_current_municipalities():
    current = current_municipalities()
    assert current.count() == 565
    assert current.filter(region__nis_code="02000").count() == 285
    assert current.filter(region__nis_code="03000").count() == 261
    assert current.filter(region__nis_code="04000").count() == 19
    assert Province.objects.count() == 10
    assert Arrondissement.objects.count() == 43


def test_2025_mergers_are_applied():
    assert MunicipalityMerger.objects.count() == 30
    assert not Municipality.objects.filter(nis_code="11007").exists()  # Borsbeek
    borsbeek = MunicipalityMerger.objects.get(old_nis_code="11007")
    assert borsbeek.municipality.name_nl == "Antwerpen"
    pajottegem = Municipality.objects.get(nis_code="23106")
    assert sorted(m.old_name_nl for m in pajottegem.mergers.all()) == [
        "Galmaarden",
        "Gooik",
        "Herne",
    ]


def test_brussels_municipalities_have_no_province():
    brussels = current_municipalities().filter(region__nis_code="04000")
    assert not brussels.filter(province__isnull=False).exists()


def test_name_follows_the_active_language():
    liege = Municipality.objects.get(nis_code="62063")
    with translation.override("nl"):
        assert liege.name == "Luik"
    with translation.override("fr"):
        assert liege.name == "Liège"
    with translation.override("en"):
        assert liege.name == "Liège"  # Walloon: the French official name


def test_import_is_idempotent():
    call_command("import_municipalities")
    assert current_municipalities().count() == 565


def _copy_with(tmp_path, replace_line: int, new_line: str):
    target = tmp_path / refnis.MUNICIPALITIES_FILE.name
    shutil.copy(refnis.MUNICIPALITIES_FILE, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    lines[replace_line - 1] = new_line
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "11001,Aartselaar,Aartselaar,Aartselaar,11000,A,10000,P,02000,V,not-a-date",
            "row 2: valid_from must be a date",
        ),
        (
            "1100X,Aartselaar,Aartselaar,Aartselaar,11000,A,10000,P,02000,V,1970-01-01",
            "row 2: nis_code must be a 5-digit NIS code",
        ),
        ("11001,Aartselaar", "row 2: wrong number of columns"),
        (
            "11001,Aartselaar,Aartselaar,Aartselaar,99000,A,10000,P,02000,V,1970-01-01",
            "row 2: arrondissement_nis 99000 is not a known arrondissement",
        ),
    ],
)
def test_a_broken_row_is_reported_and_nothing_is_written(tmp_path, line, message):
    # Rename a municipality on the last row too: it must not be written either.
    broken = _copy_with(tmp_path, 2, line)
    lines = broken.read_text(encoding="utf-8").splitlines()
    last = lines[-1].split(",")
    last[1] = "Renamed"
    lines[-1] = ",".join(last)
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        call_command("import_municipalities", municipalities=broken)
    assert not Municipality.objects.filter(name_nl="Renamed").exists()
    assert current_municipalities().count() == 565


def test_municipality_missing_from_a_new_file_is_retired_not_deleted(tmp_path):
    target = tmp_path / "municipalities.csv"
    lines = refnis.MUNICIPALITIES_FILE.read_text(encoding="utf-8").splitlines()
    aartselaar = next(line for line in lines if line.startswith("11001,"))
    target.write_text("\n".join(x for x in lines if x != aartselaar) + "\n", encoding="utf-8")

    call_command("import_municipalities", municipalities=target)

    assert current_municipalities().count() == 564
    assert Municipality.objects.get(nis_code="11001").valid_until is not None
