"""Belgian municipality names (Dutch, French and German, and pre-merger names), read from the
REFNIS reference data the project ships: the place names deduce's Dutch lists lack."""

import csv
import re
from functools import cache

from livc.organisations.refnis import MERGERS_FILE, MUNICIPALITIES_FILE

# Also everyday words (Dutch, French, English): taken as a place only after a postcode.
AMBIGUOUS = frozenset(
    {"as", "ans", "boom", "bree", "dour", "geel", "halen", "ham", "lede", "lens", "lier",
     "lint", "manage", "mol", "niel", "peer", "silly", "spa", "voeren", "zele"}
)  # fmt: skip


@cache
def municipality_names() -> frozenset[str]:
    names: set[str] = set()
    with open(MUNICIPALITIES_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names.update(row[column].strip() for column in ("name_nl", "name_fr", "name_de"))
    with open(MERGERS_FILE, encoding="utf-8", newline="") as handle:
        names.update(row["old_name_nl"].strip() for row in csv.DictReader(handle))
    # "Saint-Nicolas (Saint-Nicolas)": the REFNIS list disambiguates; text never does.
    names |= {re.sub(r"\s*\(.*\)$", "", name) for name in names}
    return frozenset(name for name in names if name)


def standalone_place_names() -> list[str]:
    """Names safe to replace wherever they occur (capitalised, as written)."""
    return sorted(n for n in municipality_names() if n.casefold() not in AMBIGUOUS)
