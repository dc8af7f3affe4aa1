"""The one parser for ids in query strings and forms. `"²".isdigit()` is true in Python and
`int("²")` raises, so hand-written `isdigit()` checks turned such input into 500s."""

from .errors import NotFound

MAX_ID_DIGITS = 18  # fits a bigint; longer input cannot name a row


def parse_id(value) -> int | None:
    """`value` as a positive int if it is 1–18 ASCII digits, else None (never raises)."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    value = value.strip()
    if not (0 < len(value) <= MAX_ID_DIGITS and value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number > 0 else None


def query_id(request, name: str) -> int | None:
    """The id in `request.GET[name]`: None when absent or empty, NotFound when malformed
    (a malformed id names nothing, exactly like an id the actor may not see)."""
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    number = parse_id(raw)
    if number is None:
        raise NotFound
    return number
