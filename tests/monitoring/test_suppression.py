"""Small-count suppression, tested with figures built to leak: a small row next to a
total, a share whose complement is small, a region total minus its other cells, a region
minus one of its provinces, a region with one cell, and an attacker who combines every
view of a small hierarchy by brute force. The audit (rule 5) has its own tests in
test_audit.py."""

import itertools
import random

import pytest

from livc.monitoring.definitions import DEFINITIONS
from livc.monitoring.indicators.base import Figure, Report, figure
from livc.monitoring.periods import Period
from livc.monitoring.suppression import suppress, suppress_figure, tree

A, B, C, D, E = 1, 2, 3, 4, 5
REGION = {A: ("r1", "p1"), B: ("r1", "p1"), E: ("r1", "p1"), C: ("r1", "p2"), D: ("r1", "p2")}


def counts(code: str, rows: dict[str, dict[int, int]]) -> Figure:
    """An additive count figure from {row key: {cell: count}}."""
    return figure(code, [(key, key, parts) for key, parts in rows.items()])


def days(parts: dict[int, int]) -> Figure:
    """A single count (the observations behind a median): no rows, no secondary."""
    return figure("case_duration", total=parts, value=10.0)


def shown(fig: Figure) -> dict:
    return {"total": fig.total, **{row.key: row.count for row in fig.breakdown}}


def view(fig_for, cells, hierarchy=REGION):
    return suppress_figure(fig_for(cells), tree(cells, hierarchy))


# One figure ----------------------------------------------------------------------------


def test_primary_hides_one_to_four_and_shows_zero_and_five():
    fig = suppress_figure(figure("signals_by_level", [("primary", "p", {A: 5}),
                                                      ("secondary", "s", {}),
                                                      ("tertiary", "t", {})]))  # fmt: skip
    assert shown(fig) == {"total": 5, "primary": 5, "secondary": 0, "tertiary": 0}
    fig = suppress_figure(figure("signals_by_level", [("primary", "p", {A: 3})]))
    assert shown(fig) == {"total": None, "primary": None}
    assert fig.hidden and fig.total_hidden and fig.display_value == "<5"
    assert fig.row("primary").display == "<5"


def test_secondary_hides_the_next_smallest_row():
    """Total 33 with rows 3, 10, 20: hiding only the 3 would leave 33 - 30 = 3."""
    fig = suppress_figure(counts("cases_closed_by_outcome",
                                 {"improved": {A: 3}, "stable": {A: 10}, "worsened": {A: 20},
                                  "unknown": {}}))  # fmt: skip
    assert shown(fig) == {"total": 33, "improved": None, "stable": None, "worsened": 20,
                          "unknown": 0}  # fmt: skip


def test_secondary_goes_on_until_the_hidden_rows_reach_five():
    """Rows 1 and 1 hidden add up to 2: each would be 1. A third row is hidden."""
    fig = suppress_figure(counts("cases_closed_by_outcome",
                                 {"improved": {A: 1}, "stable": {A: 1}, "worsened": {A: 8},
                                  "unknown": {A: 30}}))  # fmt: skip
    assert shown(fig) == {"total": 40, "improved": None, "stable": None, "worsened": None,
                          "unknown": 30}  # fmt: skip


def test_secondary_and_primary_look_the_same():
    """Total 6 = 1 + 5: if the 5 were marked differently, the 1 would be known."""
    fig = suppress_figure(counts("signals_by_level", {"primary": {A: 1}, "secondary": {A: 5}}))
    assert [row.display for row in fig.breakdown] == ["<5", "<5"]
    assert fig.display_total == "6"


def test_no_row_left_to_hide_hides_the_total():
    fig = suppress_figure(counts("signals_by_level", {"primary": {A: 2}, "secondary": {A: 0}}))
    assert fig.total is None and fig.row("secondary").count == 0


def test_shares_hide_with_their_numerator_and_their_complement():
    fig = suppress_figure(counts("signals_screened_in_time",
                                 {"in_time": {A: 20}, "late": {A: 2}, "overdue": {}}))  # fmt: skip
    # 22 - 20 would give the 2 late ones: the in-time row goes too, and with it the share.
    assert shown(fig) == {"total": 22, "in_time": None, "late": None, "overdue": 0}
    assert fig.value is None and fig.display_value == "<5" and fig.numerator is None
    rows = {"in_time": {A: 20}, "late": {A: 2}, "overdue": {A: 6}}
    fig = suppress_figure(counts("signals_screened_in_time", rows))
    assert fig.value == pytest.approx(20 / 28) and fig.row("overdue").count is None
    rows = {"case_opened": {A: 3}, "advised": {A: 9}, "withdrawn": {A: 7}}
    fig = suppress_figure(counts("signals_to_case", rows))
    assert fig.value is None and fig.total == 19


def test_a_median_hides_with_few_observations():
    assert suppress_figure(days({A: 4})).value is None
    assert suppress_figure(days({A: 5})).value == 10.0


def test_non_additive_breakdowns_get_no_secondary():
    fig = suppress_figure(figure("conferences_held", [("caw", "CAW", {A: 3}),
                                                      ("police", "police", {A: 9})],
                                 total={A: 10}))  # fmt: skip
    assert shown(fig) == {"total": 10, "caw": None, "police": 9}


def test_suppressed_figures_carry_no_parts():
    fig = suppress_figure(counts("signals_by_level", {"primary": {A: 7, B: 8}}))
    assert fig.total_parts == {} and all(row.parts == {} for row in fig.breakdown)


# Across cells ----------------------------------------------------------------------------


def test_a_total_never_reveals_one_small_cell():
    """13 = 10 + 3: with A shown alone, the region total would give B."""
    assert view(lambda cells: days({c: {A: 10, B: 3}[c] for c in cells}), [A, B]).total is None
    assert view(lambda cells: days({c: {A: 10, B: 3}[c] for c in cells}), [A]).total == 10


def test_two_small_cells_protect_each_other_unless_their_sum_tells():
    values = {A: 10, B: 3, E: 4}
    assert view(lambda cells: days({c: values[c] for c in cells}), [A, B, E]).total == 17
    ones = {A: 10, B: 1, E: 1}  # 12 - 10 = 2 = 1 + 1
    assert view(lambda cells: days({c: ones[c] for c in cells}), [A, B, E]).total is None
    fours = {A: 10, B: 4, E: 4}  # 18 - 10 = 8 = 4 + 4
    assert view(lambda cells: days({c: fours[c] for c in cells}), [A, B, E]).total is None


def test_a_region_minus_a_province_does_not_reveal_the_other():
    """Province p1 (A 10, B 3, E 4) shows 17; p2 (C 4, D 20) hides 24 (C alone is small):
    the region (41) minus p1 minus D would give C. Without the hierarchy the three small
    cells would seem to protect each other."""
    values = {A: 10, B: 3, E: 4, C: 4, D: 20}

    def fig_for(cells):
        return days({c: values[c] for c in cells})

    assert view(fig_for, [A, B, E]).total == 17
    assert view(fig_for, [C, D]).total is None
    assert view(fig_for, [A, B, C, D, E]).total is None
    assert view(fig_for, [A, B, C, D, E], hierarchy={}).total == 41  # flat: the leak


def test_a_region_with_one_cell_is_that_cell():
    one = {A: ("r1", "p1")}
    fig = counts("signals_by_level", {"primary": {A: 3}, "secondary": {A: 9}})
    alone, as_region = suppress_figure(fig), suppress_figure(fig, tree([A], one))
    assert shown(alone) == shown(as_region) == {"total": 12, "primary": None, "secondary": None}


def test_rows_across_cells():
    """B's single police signal is hidden in B; the region row (1 + 9) must not give it."""
    fig = counts("signals_by_source", {"police": {A: 9, B: 1}, "caw": {A: 12, B: 7}})
    region = suppress_figure(fig, tree([A, B]))
    assert region.row("police").count is None
    assert region.row("caw").count is None  # secondary: 29 - 19 would give police
    assert region.total == 29


def test_suppress_marks_the_report_and_keeps_every_code():
    fig = counts("signals_by_level", {"primary": {A: 7}})
    report = Report(Period.half_year(2025, 1), (A,), {"signals_by_level": fig}, today=None)
    done = suppress(report)
    assert done.suppressed and not report.suppressed
    assert done["signals_by_level"].total == 7


# Invariants on random figures ------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_no_visible_count_below_five_and_no_row_rebuilt_from_the_total(seed):
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    codes = [c for c, d in DEFINITIONS.items() if d.additive and d.numerator] + [
        "cases_closed_by_outcome"
    ]
    for _ in range(300):
        code = rng.choice(codes)
        keys = [f"k{n}" for n in range(rng.randint(2, 5))]
        rows = {k: {A: rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 15])} for k in keys}
        fig = suppress_figure(counts(code, rows))
        true = {k: v[A] for k, v in rows.items()}
        for row in fig.breakdown:
            assert row.count is None or not 1 <= row.count <= 4
        assert fig.total is None or not 1 <= fig.total <= 4
        hidden = [true[r.key] for r in fig.breakdown if r.hidden and true[r.key]]
        if fig.total is not None and hidden:
            assert len(hidden) >= 2 and sum(hidden) >= 5 and sum(hidden) > len(hidden)
        if fig.total is None and sum(true.values()):
            assert hidden  # the visible rows cannot add up to the hidden total
        if any(r.hidden for r in fig.breakdown if r.key in fig.definition.numerator):
            assert fig.value is None


def test_an_attacker_combining_every_view_learns_no_small_cell():
    """Two provinces of two cells each. The attacker sees every cell, both provinces and
    the region, and knows a hidden cell holds 1 to 4. For every assignment of 0 to 6 to
    the four cells, no hidden cell's value is pinned down."""
    hierarchy = {A: ("r", "p1"), B: ("r", "p1"), C: ("r", "p2"), D: ("r", "p2")}
    areas = [[A, B], [C, D], [A, B, C, D]]
    seen: dict[tuple, int | None] = {}  # a view depends only on the values of its cells

    def total(cells, truth):
        key = (tuple(cells), tuple(truth[c] for c in cells))
        if key not in seen:
            seen[key] = view(lambda cs: days({c: truth[c] for c in cs}), cells, hierarchy).total
        return seen[key]

    for values in itertools.product(range(7), repeat=4):
        truth = dict(zip((A, B, C, D), values, strict=True))
        cells_seen = {c: total([c], truth) for c in truth}
        sums_seen = [(cells, total(cells, truth)) for cells in areas]
        unknown = [c for c, shown_value in cells_seen.items() if shown_value is None]
        possible = {c: set() for c in unknown}
        for guess in itertools.product(range(1, 5), repeat=len(unknown)):
            world = {**cells_seen, **dict(zip(unknown, guess, strict=True))}
            if all(s is None or sum(world[c] for c in cells) == s for cells, s in sums_seen):
                for c, g in zip(unknown, guess, strict=True):
                    possible[c].add(g)
        for c in unknown:
            assert len(possible[c]) > 1, (truth, c, possible[c])
