"""iCalendar (RFC 5545) file for a conference.

Calendar files end up in mail clients and phones outside the platform's control, so
they hold only the meeting's time, place and a generic title: no names, no case codes,
no cell or agenda.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Conference

UTC_FORMAT = "%Y%m%dT%H%M%SZ"


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime(UTC_FORMAT)


# Every line break a user can type or paste: CRLF, lone CR or LF, VT, FF, the
# file/group/record separators, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (the set
# str.splitlines() breaks on). A raw CR or LF inside a value would end the content line.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Other control characters are not allowed in TEXT (RFC 5545 §3.1: CONTROL, except HTAB).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, `;`, `,`, every line break."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub(lambda _match: "\\n", value))


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 §3.1), never inside a character."""
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not parts else 74  # continuation lines start with a space
        if len(current) + len(encoded) > limit:
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def ics(conference: Conference) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//LIVC Platform//Case conferences//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:livc-conference-{conference.pk}@livc-platform",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(conference.starts_at)}",
        f"DTEND:{_utc(conference.ends_at)}",
        f"SUMMARY:{_text(_('LIVC-R case conference'))}",
        f"LOCATION:{_text(conference.place)}",
        "CLASS:CONFIDENTIAL",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
