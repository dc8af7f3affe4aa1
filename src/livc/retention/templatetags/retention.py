"""`{% retention_notice record %}`: the retention date and active legal holds of a case,
signal or consultation, on its page (two queries at most)."""

from django import template

from livc.retention import records

register = template.Library()

NOTICES = {
    "case": records.case_retention,
    "signal": records.signal_retention,
    "consultation": records.consultation_retention,
}


@register.inclusion_tag("retention/_notice.html")
def retention_notice(record):
    kind = record._meta.model_name
    return {"kind": kind, "retention": NOTICES[kind](record)}
