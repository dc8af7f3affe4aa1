"""Periods inside periods (suppression.py, rule 6): a year is its two halves added up, a
half-year its two quarters, so a year minus a shown half would give the other half.

A longer period shows a count only where each of its parts shows it. Then every count a
longer period shows is the sum of counts its parts show already: it tells a reader nothing
new, the periods cannot be subtracted from one another, and it is enough to audit each of
the smallest periods on its own (rule 5). A hidden count of a longer period is the sum of
its parts' counts, so it is at least as uncertain as the hidden small part under it.

A stock (definitions.py) is counted on one day: a longer period hides what its part
counted on the same day hides (a year and its last quarter).
"""

from collections.abc import Callable, Mapping, Sequence

from .definitions import DEFINITIONS
from .periods import Period


def _inside(inner: Period, outer: Period) -> bool:
    return inner != outer and outer.start <= inner.start and inner.end <= outer.end


def parts_of(periods: Sequence[Period]) -> dict[int, list[int]]:
    """Each period's largest periods inside it (indices), when they tile it exactly;
    periods without parts are left out."""
    found = {}
    for i, outer in enumerate(periods):
        inner = [j for j, p in enumerate(periods) if _inside(p, outer)]
        direct = [j for j in inner if not any(_inside(periods[j], periods[k]) for k in inner)]
        if direct and sum(periods[j].days for j in direct) == outer.days:
            found[i] = sorted(direct, key=lambda j: periods[j].start)
    return found


def by_length(periods: Sequence[Period]) -> list[int]:
    """Indices, shortest periods first (parts before the periods they make up)."""
    return sorted(range(len(periods)), key=lambda i: (periods[i].days, periods[i].start))


def counted_on(period: Period, today) -> object:
    return period.end if period.end < today else today


def hide_from_parts(
    patterns: Mapping[tuple[int, str], object],
    periods: Sequence[Period],
    today,
    rows_again: Callable[[int, str], None],
) -> None:
    """One unit's patterns ((period index, code) → pattern with `values` and `hidden`, or
    None where nothing was counted): each longer period hides what any of its parts hides
    (flows), or what its part counted on the same day hides (stocks), then rule 3 again
    inside it (`rows_again(i, code)`)."""
    parts = parts_of(periods)
    for i in by_length(periods):
        if i not in parts:
            continue
        day = counted_on(periods[i], today)
        for code in {code for _i, code in patterns}:
            whole = patterns[i, code]
            if whole is None:
                continue
            if DEFINITIONS[code].stock:
                sources = [j for j in _leaves(parts, i) if counted_on(periods[j], today) == day]
            else:
                sources = parts[i]
            inherited = set().union(*(patterns[j, code].hidden for j in sources
                                      if patterns[j, code] is not None))  # fmt: skip
            if not inherited <= whole.hidden:
                whole.hidden |= inherited & set(whole.values)
                rows_again(i, code)


def _leaves(parts: dict[int, list[int]], i: int) -> list[int]:
    if i not in parts:
        return [i]
    return [leaf for j in parts[i] for leaf in _leaves(parts, j)]
