"""Bring existing rows in line with the check constraints of 0003 before they apply.

Until now only forms kept these rules, so a direct write could break them:
- a case with both the date the subject was informed and a reason not to: the date is a
  recorded fact, the reason is dropped;
- closure facts on a case that is not closed (only an edit outside the services could do
  that): they are cleared, as reopening does;
- an LTF date without an answer: the date is dropped;
- a decline reason on a participant that did not decline: the reason is dropped.
Historical models only, and no clock.
"""

from django.db import migrations
from django.db.models import Q


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Participant = apps.get_model("cases", "Participant")
    Case.objects.filter(informed_on__isnull=False).exclude(not_informed_reason="").update(
        not_informed_reason=""
    )
    Case.objects.exclude(phase="closed").filter(
        Q(closed_on__isnull=False) | ~Q(closure_reason="") | ~Q(closure_outcome="")
    ).update(closed_on=None, closure_reason="", closure_outcome="")
    Case.objects.filter(ltf_checked_on__isnull=False, ltf_known__isnull=True).update(
        ltf_checked_on=None
    )
    Participant.objects.exclude(status="declined").exclude(decline_reason="").update(
        decline_reason=""
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
