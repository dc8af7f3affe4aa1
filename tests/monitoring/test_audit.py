"""The suppression audit (rule 5): the two-step differencing attack found on the demo data,
a year minus its half, and property-based checks with a reader who combines every view of
random hierarchical tables (tests/monitoring/attacker.py, its own LP model)."""

import datetime

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from livc.monitoring import suppression
from livc.monitoring.audit import Problem, Pub, exposed, protect_owner, protected
from livc.monitoring.indicators.base import Report, figure
from livc.monitoring.periods import Period
from livc.monitoring.suppression import protect, suppress, tree

from . import attacker
from .attacker import FLOWS, STOCKS, Tables

M, V, X, Y = 1, 2, 3, 4
FLANDERS = {M: ("r1",), V: ("r1",), X: ("r1",), Y: ("r1",)}
PHASES = {
    M: {"preparation": 3, "active": 9, "on_hold": 6, "aftercare": 8},
    X: {"preparation": 9, "active": 9, "on_hold": 2, "aftercare": 5},
    Y: {"preparation": 8, "active": 9, "on_hold": 6, "aftercare": 3},
    V: {"preparation": 5, "active": 9, "on_hold": 7, "aftercare": 6},
}
H1 = Period.half_year(2025, 1)


def phases(cells) -> Report:
    rows = [(key, key, {c: PHASES[c][key] for c in cells}) for key in PHASES[M]]
    fig = figure("cases_active_at_end", rows)
    return Report(H1, tuple(cells), {fig.code: fig}, today=datetime.date(2026, 1, 1))


def view(cells):
    return suppress(phases(cells), FLANDERS)["cases_active_at_end"]


def two_step(region, others) -> int | None:
    """The region's one hidden row is its total minus the rows it shows; minus the other
    cells' shown values, that leaves the hidden cell's."""
    hidden = [r for r in region.breakdown if r.hidden]
    if region.total is None or len(hidden) != 1:
        return None
    row = hidden[0].key
    rebuilt = region.total - sum(r.count for r in region.breakdown if not r.hidden)
    shown = [o.row(row).count for o in others]
    return None if None in shown else rebuilt - sum(shown)


def test_the_rules_alone_leak_in_two_steps(monkeypatch):
    """Rules 1-4: Mechelen hides its 3 (and 6), X and Y hide rows others hide too, so the
    region hides its preparation row only; 25 - 9 - 8 - 5 gives Mechelen's 3."""
    monkeypatch.setattr(suppression, "_audit", lambda *args: None)
    region, others = view([M, V, X, Y]), [view([c]) for c in (V, X, Y)]
    assert view([M]).row("preparation").hidden
    assert two_step(region, others) == 3 == PHASES[M]["preparation"]


def test_the_audit_closes_the_two_step_attack():
    """With the audit the region hides more, and no hidden count of the five views can be
    narrowed (the reader's LP over all five, its own model)."""
    views = {unit: view(list(unit)) for unit in ((M,), (V,), (X,), (Y,), (M, V, X, Y))}
    assert two_step(views[M, V, X, Y], [views[V,], views[X,], views[Y,]]) is None
    atoms = {(c, k): j for j, (c, k) in enumerate((c, k) for c in (M, V, X, Y) for k in PHASES[M])}
    rows, rhs, targets = [], [], []
    for unit, fig in views.items():
        quantities = [(fig.total, fig.total_hidden, list(PHASES[M]))]
        quantities += [(r.count, r.hidden, [r.key]) for r in fig.breakdown]
        for count, hidden, keys in quantities:
            terms = [atoms[c, k] for c in unit for k in keys]
            truth = sum(PHASES[c][k] for c in unit for k in keys)
            if not hidden:
                rows.append(terms)
                rhs.append(count)
            elif 1 <= truth <= 4:
                targets.append(terms)
    matrix = np.zeros((len(rows), len(atoms)))
    for r, terms in enumerate(rows):
        matrix[r, terms] = 1
    assert targets
    for terms in targets:
        low, high = attacker.bounds(matrix, np.array(rhs, dtype=float), terms, len(atoms))
        assert attacker.safe(low, high), (terms, low, high)


# A year minus its half ---------------------------------------------------------------------


def test_a_year_minus_a_half_does_not_give_the_other_half():
    """A cell with 10 police signals in H1 and 3 in H2: H2 hides its 3, but the year (13)
    minus H1 (10) would give it back."""
    flows = {M: [{"signals_by_source": {"caw": 0, "police": p, "school": 0},
                  "signals_by_level": {"primary": p, "secondary": 0}}
                 for p in (6, 4, 2, 1)]}  # fmt: skip
    stocks = {M: [{"cases_active_at_end": dict.fromkeys(STOCKS["cases_active_at_end"], 0)}] * 4}
    tables = Tables({M: ("r1",)}, flows, stocks)
    shown = tables.published()
    year = shown[(M,), "2025", "signals_by_source"]
    half = shown[(M,), "2025-H1", "signals_by_source"]
    second = shown[(M,), "2025-H2", "signals_by_source"]
    assert second.row("police").hidden  # 3
    assert year.row("police").count is None or half.row("police").count is None
    for *label, low, high in attacker.intervals(tables, shown):
        assert attacker.safe(low, high), (label, low, high)


# The protection rule and the fixed point ---------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "ok"),
    [(0, 5, True), (0, 4, False), (1, 6, True), (1, 5, False), (3, 3, False), (2, 9, True),
     (0, float("inf"), True), (4, 8, False)],
)  # fmt: skip
def test_the_rule(low, high, ok):
    assert protected(low, high) is ok


def test_a_pinned_value_makes_its_unit_hide_the_smallest_value_it_rests_on():
    """Total 20 = 3 (hidden) + 5 + 12: the 3 is pinned; hiding the 5 protects it."""
    truth = [3, 5, 12]
    pubs = [Pub((0, 1, 2), 20, False, 0), Pub((0,), 3, True, 0), Pub((1,), 5, False, 0),
            Pub((2,), 12, False, 0)]  # fmt: skip
    problem = Problem(truth, pubs)
    assert exposed(problem, 0)[1].interval == (3, 3)
    assert protect_owner(problem, 0) == [2]
    assert not exposed(problem, 0)


# Random hierarchical tables ----------------------------------------------------------------

count = st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20])


@st.composite
def tables(draw):
    regions = draw(st.integers(1, 2))
    hierarchy, cell = {}, 1
    for region in range(regions):
        for province in range(draw(st.integers(1, 2))):
            for _ in range(draw(st.integers(1, 2))):
                hierarchy[cell] = (f"r{region}", f"p{region}.{province}")
                cell += 1
    flows, stocks = {}, {}
    for cell in hierarchy:
        flows[cell], stocks[cell] = [], []
        for _quarter in range(4):
            sources = {key: draw(count) for key in FLOWS["signals_by_source"]}
            first = draw(st.integers(0, sum(sources.values())))
            levels = {"primary": first, "secondary": sum(sources.values()) - first}
            flows[cell].append({"signals_by_source": sources, "signals_by_level": levels})
            stocks[cell].append(
                {"cases_active_at_end": {k: draw(count) for k in STOCKS["cases_active_at_end"]}}
            )
    return Tables(hierarchy, flows, stocks)


# No shrinking: each example publishes every view of a year (seconds), and a failure is
# reported with its tables in full anyway.
SLOW = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.generate],
    database=None,
)


@SLOW
@given(tables())
def test_no_reader_combining_every_view_narrows_a_small_count(tables):
    """Every unit's view of every calendar period of the year, shown as published: no
    count from 1 to 4 is shown, and every hidden one stays in an interval that holds 0 or
    5+ and is 5 wide (checked by the attacker's own LP, including that two breakdowns of
    the same signals have equal totals)."""
    shown = tables.published()
    for *label, low, high in attacker.intervals(tables, shown):
        assert attacker.safe(low, high), (label, low, high)


def test_a_unit_looks_the_same_in_every_view():
    """The pattern of a province is the same seen alone or inside its region: the region's
    audit hides only the region's own values."""
    hierarchy = {1: ("r", "p1"), 2: ("r", "p1"), 3: ("r", "p2")}
    flows = {c: [{"signals_by_source": {"caw": (c + q) % 5, "police": 2 * q, "school": c},
                  "signals_by_level": {"primary": (c + q) % 5 + 2 * q, "secondary": c}}
                 for q in range(4)] for c in hierarchy}  # fmt: skip
    stocks = {c: [{"cases_active_at_end": {"preparation": c, "active": 6, "aftercare": q}}
                  for q in range(4)] for c in hierarchy}  # fmt: skip
    data = Tables(hierarchy, flows, stocks)
    province = protect(data.reports((1, 2)), tree((1, 2), hierarchy))
    region = protect(data.reports((1, 2, 3)), tree((1, 2, 3), hierarchy))
    assert any(f.total_hidden or any(r.hidden for r in f.breakdown) for r in region for f in r)
    for report, alone in zip(data.reports((1, 2)), province, strict=True):
        assert alone.period == report.period and alone.suppressed
    hidden_alone = {(r.period.code, f.code, row.key) for r in province for f in r
                    for row in f.breakdown if row.hidden}  # fmt: skip
    shown = data.published()
    hidden_in_views = {(code_p, code, row.key) for (unit, code_p, code), f in shown.items()
                       if unit == (1, 2) for row in f.breakdown if row.hidden}  # fmt: skip
    assert hidden_alone == hidden_in_views
