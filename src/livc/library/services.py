"""Writes on the library. Each service checks its own policy (NotFound for someone who may
not read the library, Refused for a reader who may not edit it), validates its input with
the rules the forms show (ValidationError keyed by field; language fields are keyed
`<field>_<language>`, e.g. `title_nl`), is atomic and appends to the access log (codes
only: the entry's key or number, never its text).

Text written for the platform (summaries, charter templates, retirement notes) is refused
when it holds a national register number, a phone number or an e-mail address: the
library holds no personal data. Titles and official full texts are not checked: they are
the issuer's own words.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from livc.access.errors import Refused
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.core.dates import date_problem
from livc.core.locking import save_if_unchanged
from livc.privacy.deid import Category, deidentify, guess_language

from . import policies
from .choices import (
    FULL_TEXT_LICENCES,
    ONE_WAY,
    REQUIRED_LANGUAGES,
    DatePrecision,
    Kind,
    Language,
    Level,
    Licence,
    RelationKind,
    Theme,
)
from .models import (
    FULL_TEXT_LENGTH,
    KEY_LENGTH,
    NOTE_LENGTH,
    REFERENCE_LENGTH,
    SUMMARY_LENGTH,
    TEMPLATE_LENGTH,
    TITLE_LENGTH,
    URL_LENGTH,
    Entry,
    EntryTheme,
    Issuer,
    LanguageVersion,
    Relation,
)

A = AccessLogEntry.Action
ENTRY = "library_entry"
RELATION = "library_relation"
ISSUER = "library_issuer"
# Texts of the library predate the platform by far, never Belgium itself.
EARLIEST_TEXT_DATE = datetime.date(1830, 1, 1)
ISSUER_NAME_LENGTH = 200
# Fields of a language version, as a service argument: versions={"nl": {...}, "fr": {...}}.
VERSION_FIELDS = ("title", "title_is_official", "summary", "full_text", "url", "template_text")
ENTRY_FIELDS = (
    "kind",
    "level",
    "issuer",
    "issued_on",
    "date_precision",
    "official_reference",
    "publication",
    "licence",
    "is_charter_template",
)
# Identifiers of persons refused in text written for the platform.
PERSONAL = frozenset({Category.NATIONAL_NUMBER, Category.PHONE, Category.EMAIL})
PERSONAL_LABELS = {
    Category.NATIONAL_NUMBER: gettext_lazy("national register number"),
    Category.PHONE: gettext_lazy("phone number"),
    Category.EMAIL: gettext_lazy("e-mail address"),
}


def _log(user, action: str, *, object_type: str, object_id: int, ref: str, reason: str = ""):
    record(
        actor=policies.editor_actor(user),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_ref=ref[:40],
        reason=reason,
    )


def _editor(user) -> None:
    """NotFound for someone who may not read the library, Refused for a reader."""
    policies.ensure_reader(user)
    if not policies.can_edit(user):
        raise Refused(_("Only administrators edit the library."))


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _text(errors: dict, name: str, value, *, max_length: int, required: bool = False) -> str:
    value = value if isinstance(value, str) else ("" if value is None else None)
    if value is None:
        errors[name] = _("Enter text.")
        return ""
    value = value.strip()
    if required and not value:
        errors[name] = _("This field is required.")
    elif len(value) > max_length:
        errors[name] = _("Keep it to %(max)s characters.") % {"max": max_length}
    return value


def _personal_data(errors: dict, fields: dict[str, str]) -> None:
    """An error per field (without another error) holding an identifier of a person."""
    for name, text in fields.items():
        if name in errors or not text.strip():
            continue
        found = [
            span
            for span in deidentify(text, language=guess_language(text)).spans
            if span.category in PERSONAL
        ]
        if found:
            kinds = sorted({str(PERSONAL_LABELS[span.category]) for span in found})
            errors[name] = _(
                "The library holds no personal data: remove the %(found)s from this text."
            ) % {"found": ", ".join(kinds)}


def _url(errors: dict, name: str, value) -> str:
    value = _text(errors, name, value, max_length=URL_LENGTH)
    if value and name not in errors:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            errors[name] = _("Enter a web address starting with https:// or http://.")
    return value


def _choice(errors: dict, name: str, value, allowed, message: str) -> str:
    if value not in allowed:
        errors[name] = message
        return ""
    return value


def _date(errors: dict, issued_on, precision, *, today: datetime.date):
    """The date normalised to its precision ("March 2015" → 1 March 2015), or no date."""
    if issued_on in (None, ""):
        return None, ""
    if not isinstance(issued_on, datetime.date) or isinstance(issued_on, datetime.datetime):
        errors["issued_on"] = _("Enter a valid date.")
        return None, ""
    problem = date_problem(issued_on, today=today, earliest=EARLIEST_TEXT_DATE)
    if problem:
        errors["issued_on"] = problem
    precision = precision or DatePrecision.DAY
    if precision not in DatePrecision.values:
        errors["date_precision"] = _("Choose how much of the date is known.")
        return issued_on, ""
    if precision == DatePrecision.MONTH:
        issued_on = issued_on.replace(day=1)
    elif precision == DatePrecision.YEAR:
        issued_on = issued_on.replace(month=1, day=1)
    return issued_on, precision


def _issuer(errors: dict, issuer) -> Issuer | None:
    issuer_id = getattr(issuer, "pk", issuer)
    found = Issuer.objects.filter(pk=issuer_id).first() if isinstance(issuer_id, int) else None
    if found is None:
        errors["issuer"] = _("Choose the issuer.")
    return found


def _key(errors: dict, key, *, entry: Entry | None = None) -> str:
    key = _text(errors, "key", key, max_length=KEY_LENGTH)
    if not key or "key" in errors:
        return key
    try:
        validate_slug(key)
    except ValidationError:
        errors["key"] = _("Use letters, digits, hyphens and underscores only.")
        return key
    taken = Entry.objects.filter(key=key)
    if entry is not None:
        taken = taken.exclude(pk=entry.pk)
    if taken.exists():
        errors["key"] = _("Another entry has this key.")
    return key


def _versions(errors: dict, versions, *, licence: str, template: bool) -> dict[str, dict]:
    """The cleaned language versions: Dutch and French required, German and English
    optional (left out when all their fields are empty)."""
    if not isinstance(versions, dict) or any(code not in Language.values for code in versions):
        errors["versions"] = _("Give the versions in Dutch, French, German or English only.")
        return {}
    cleaned: dict[str, dict] = {}
    for code in Language.values:
        given = versions.get(code) or {}
        texts = [given.get(name) for name in VERSION_FIELDS if name != "title_is_official"]
        if code not in REQUIRED_LANGUAGES and not any(
            isinstance(t, str) and t.strip() for t in texts
        ):
            continue
        version = {
            "title": _text(
                errors, f"title_{code}", given.get("title"), max_length=TITLE_LENGTH, required=True
            ),
            "title_is_official": bool(given.get("title_is_official", True)),
            "summary": _text(
                errors,
                f"summary_{code}",
                given.get("summary"),
                max_length=SUMMARY_LENGTH,
                required=True,
            ),
            "full_text": _text(
                errors, f"full_text_{code}", given.get("full_text"), max_length=FULL_TEXT_LENGTH
            ),
            "url": _url(errors, f"url_{code}", given.get("url")),
            "template_text": _text(
                errors,
                f"template_text_{code}",
                given.get("template_text"),
                max_length=TEMPLATE_LENGTH,
                required=template and code in REQUIRED_LANGUAGES,
            ),
        }
        if version["full_text"] and licence and licence not in FULL_TEXT_LICENCES:
            errors.setdefault(
                f"full_text_{code}",
                _(
                    "The licence of this text does not allow keeping its full text here: "
                    "summarise it and link to it."
                ),
            )
        if version["template_text"] and not template:
            errors.setdefault(
                f"template_text_{code}",
                _("Only a model document marked as a charter template has a template text."),
            )
        _personal_data(
            errors,
            {
                f"summary_{code}": version["summary"],
                f"template_text_{code}": version["template_text"],
            },
        )
        cleaned[code] = version
    return cleaned


def _check_entry(values: dict, *, today: datetime.date, entry: Entry | None = None) -> dict:
    """The cleaned fields of an entry, or a ValidationError keyed by field."""
    errors: dict = {}
    kind = _choice(errors, "kind", values.get("kind"), Kind.values, _("Choose the type."))
    level = _choice(errors, "level", values.get("level"), Level.values, _("Choose the level."))
    licence = _choice(
        errors, "licence", values.get("licence"), Licence.values, _("Choose the licence.")
    )
    template = bool(values.get("is_charter_template"))
    if template and kind and kind != Kind.MODEL_DOCUMENT:
        errors["is_charter_template"] = _("Only a model document can be a charter template.")
    themes = list(dict.fromkeys(values.get("themes") or []))
    if any(theme not in Theme.values for theme in themes):
        errors["themes"] = _("Select valid choices only.")
    elif not themes:
        errors["themes"] = _("Choose at least one theme.")
    issued_on, precision = _date(
        errors, values.get("issued_on"), values.get("date_precision"), today=today
    )
    cleaned = {
        "kind": kind,
        "level": level,
        "licence": licence,
        "is_charter_template": template,
        "issuer": _issuer(errors, values.get("issuer")),
        "issued_on": issued_on,
        "date_precision": precision,
        "official_reference": _text(
            errors,
            "official_reference",
            values.get("official_reference"),
            max_length=REFERENCE_LENGTH,
        ),
        "publication": _text(
            errors, "publication", values.get("publication"), max_length=REFERENCE_LENGTH
        ),
        "themes": themes,
        "versions": _versions(errors, values.get("versions"), licence=licence, template=template),
    }
    if "key" in values:
        cleaned["key"] = _key(errors, values.get("key"), entry=entry)
    if (
        entry is not None
        and entry.retired_on
        and issued_on
        and "issued_on" not in errors
        and issued_on > entry.retired_on
    ):
        errors["issued_on"] = _("The text cannot date from after it went out of force.")
    _raise(errors)
    return cleaned


def _write_versions(entry: Entry, versions: dict[str, dict]) -> None:
    existing = {v.language: v for v in LanguageVersion.objects.filter(entry=entry)}
    for code, fields in versions.items():
        version = existing.pop(code, None) or LanguageVersion(entry=entry, language=code)
        for name, value in fields.items():
            setattr(version, name, value)
        version.save()
    LanguageVersion.objects.filter(pk__in=[v.pk for v in existing.values()]).delete()


def _write_themes(entry: Entry, themes: list[str]) -> None:
    EntryTheme.objects.filter(entry=entry).exclude(theme__in=themes).delete()
    have = set(EntryTheme.objects.filter(entry=entry).values_list("theme", flat=True))
    EntryTheme.objects.bulk_create(
        [EntryTheme(entry=entry, theme=theme) for theme in themes if theme not in have]
    )


# Entries ----------------------------------------------------------------------------------


@transaction.atomic
def entry_create(
    *,
    user,
    kind: str,
    level: str,
    issuer,
    licence: str,
    versions: dict,
    themes: list[str],
    issued_on: datetime.date | None = None,
    date_precision: str = "",
    official_reference: str = "",
    publication: str = "",
    is_charter_template: bool = False,
    key: str = "",
    today: datetime.date | None = None,
) -> Entry:
    """A new text in the library, with its language versions and themes."""
    _editor(user)
    values = {
        "kind": kind,
        "level": level,
        "issuer": issuer,
        "licence": licence,
        "versions": versions,
        "themes": themes,
        "issued_on": issued_on,
        "date_precision": date_precision,
        "official_reference": official_reference,
        "publication": publication,
        "is_charter_template": is_charter_template,
        "key": key,
    }
    data = _check_entry(values, today=today or timezone.localdate())
    entry = Entry.objects.create(
        **{name: data[name] for name in ENTRY_FIELDS}, key=data["key"], created_by=user
    )
    _write_versions(entry, data["versions"])
    _write_themes(entry, data["themes"])
    _log(user, A.CREATE, object_type=ENTRY, object_id=entry.pk, ref=entry.reference)
    return entry


@transaction.atomic
def entry_update(
    *, user, entry: Entry, version: int, today: datetime.date | None = None, **changes
) -> Entry:
    """Change an entry (`changes`: any of the fields of `entry_create` but the key; the
    language versions given replace the current ones, and an optional language left out
    is removed). Nothing is written if someone saved it since `version` was read."""
    _editor(user)
    unknown = set(changes) - {*ENTRY_FIELDS, "versions", "themes"}
    if unknown:
        raise TypeError(f"entry_update() got unexpected fields {sorted(unknown)}")
    current = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    current["themes"] = list(entry.themes.values_list("theme", flat=True))
    current["versions"] = {
        v.language: {name: getattr(v, name) for name in VERSION_FIELDS}
        for v in entry.versions.all()
    }
    data = _check_entry({**current, **changes}, today=today or timezone.localdate(), entry=entry)
    save_if_unchanged(entry, version, **{name: data[name] for name in ENTRY_FIELDS})
    _write_versions(entry, data["versions"])
    _write_themes(entry, data["themes"])
    _log(user, A.UPDATE, object_type=ENTRY, object_id=entry.pk, ref=entry.reference)
    return entry


@transaction.atomic
def entry_retire(
    *,
    user,
    entry: Entry,
    version: int,
    retired_on: datetime.date | None,
    note: str,
    today: datetime.date | None = None,
) -> Entry:
    """Mark a text as no longer in force (it stays readable, marked so), since when and why."""
    _editor(user)
    if not entry.in_force:
        raise ValidationError(_("This text is already marked as no longer in force."))
    errors: dict = {}
    if not isinstance(retired_on, datetime.date):
        errors["retired_on"] = _("Give the date since when it is no longer in force.")
    else:
        problem = date_problem(
            retired_on, today=today or timezone.localdate(), earliest=EARLIEST_TEXT_DATE
        )
        if problem:
            errors["retired_on"] = problem
        elif entry.issued_on and retired_on < entry.issued_on:
            errors["retired_on"] = _("A text cannot go out of force before its own date.")
    note = _text(errors, "note", note, max_length=NOTE_LENGTH, required=True)
    _personal_data(errors, {"note": note})
    _raise(errors)
    save_if_unchanged(entry, version, retired_on=retired_on, retirement_note=note)
    _log(
        user,
        A.TRANSITION,
        object_type=ENTRY,
        object_id=entry.pk,
        ref=entry.reference,
        reason="retired",
    )
    return entry


@transaction.atomic
def entry_reinstate(*, user, entry: Entry, version: int) -> Entry:
    """Undo a retirement recorded by mistake: the text is in force again."""
    _editor(user)
    if entry.in_force:
        raise ValidationError(_("This text is in force."))
    save_if_unchanged(entry, version, retired_on=None, retirement_note="")
    _log(
        user,
        A.TRANSITION,
        object_type=ENTRY,
        object_id=entry.pk,
        ref=entry.reference,
        reason="reinstated",
    )
    return entry


# Relations --------------------------------------------------------------------------------


@transaction.atomic
def relation_add(*, user, source: Entry, target, kind: str) -> Relation:
    """Link `source` to `target`: "source amends / replaces / implements / refers to target"."""
    _editor(user)
    errors: dict = {}
    target_id = getattr(target, "pk", target)
    target = (
        policies.visible_entries(user).filter(pk=target_id).first()
        if isinstance(target_id, int)
        else None
    )
    if target is None:
        errors["target"] = _("Choose the related text.")
    elif target.pk == source.pk:
        errors["target"] = _("A text cannot be related to itself.")
    if kind not in RelationKind.values:
        errors["kind"] = _("Choose how the texts are related.")
    _raise(errors)
    if Relation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError({"target": _("These texts are already related this way.")})
    if (
        kind in ONE_WAY
        and Relation.objects.filter(source=target, target=source, kind=kind).exists()
    ):
        raise ValidationError(
            {"target": _("The other text already has this relation to this one.")}
        )
    relation = Relation.objects.create(source=source, target=target, kind=kind, created_by=user)
    _log(user, A.CREATE, object_type=RELATION, object_id=relation.pk, ref=source.reference)
    return relation


@transaction.atomic
def relation_remove(*, user, relation: Relation) -> Relation:
    _editor(user)
    relation_id, ref = relation.pk, relation.source.reference
    relation.delete()
    _log(user, A.UPDATE, object_type=RELATION, object_id=relation_id, ref=ref, reason="removed")
    relation.pk = relation_id
    return relation


# Issuers ----------------------------------------------------------------------------------

ISSUER_NAMES = ("name_nl", "name_fr", "name_de", "name_en")


def _check_issuer(names: dict, *, issuer: Issuer | None = None) -> dict:
    errors: dict = {}
    cleaned = {
        name: _text(
            errors,
            name,
            names.get(name, ""),
            max_length=ISSUER_NAME_LENGTH,
            required=name in ("name_nl", "name_fr"),
        )
        for name in ISSUER_NAMES
    }
    if "name_nl" not in errors and cleaned["name_nl"]:
        taken = Issuer.objects.filter(name_nl__iexact=cleaned["name_nl"])
        if issuer is not None:
            taken = taken.exclude(pk=issuer.pk)
        if taken.exists():
            errors["name_nl"] = _("An issuer with this name exists already.")
    _raise(errors)
    return cleaned


@transaction.atomic
def issuer_create(
    *, user, name_nl: str, name_fr: str, name_de: str = "", name_en: str = "", key: str = ""
) -> Issuer:
    _editor(user)
    names = {"name_nl": name_nl, "name_fr": name_fr, "name_de": name_de, "name_en": name_en}
    data = _check_issuer(names)
    errors: dict = {}
    key = _text(errors, "key", key, max_length=KEY_LENGTH)
    if key and "key" not in errors:
        try:
            validate_slug(key)
        except ValidationError:
            errors["key"] = _("Use letters, digits, hyphens and underscores only.")
        else:
            if Issuer.objects.filter(key=key).exists():
                errors["key"] = _("Another issuer has this key.")
    _raise(errors)
    issuer = Issuer.objects.create(key=key, **data)
    _log(user, A.CREATE, object_type=ISSUER, object_id=issuer.pk, ref=f"ISS-{issuer.pk}")
    return issuer


@transaction.atomic
def issuer_update(*, user, issuer: Issuer, version: int, **names) -> Issuer:
    _editor(user)
    unknown = set(names) - set(ISSUER_NAMES)
    if unknown:
        raise TypeError(f"issuer_update() got unexpected fields {sorted(unknown)}")
    current = {name: getattr(issuer, name) for name in ISSUER_NAMES}
    data = _check_issuer({**current, **names}, issuer=issuer)
    save_if_unchanged(issuer, version, **data)
    _log(user, A.UPDATE, object_type=ISSUER, object_id=issuer.pk, ref=f"ISS-{issuer.pk}")
    return issuer
