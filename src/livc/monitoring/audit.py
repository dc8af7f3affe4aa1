"""The attacker's view of published figures, by linear programming.

What a reader can know is a set of linear facts about non-negative counts, the *atoms*
(one cell's count of one breakdown row in one period, see `audit_model`): each published
value is the sum of some atoms, and the definitions relate indicators (two breakdowns of
the same signals have the same total: an equality; the signals screened are some of the
signals received: an inequality). A hidden value is known only to be ≥ 0: the marker "<5"
does not say the value is below 5 (suppression.py). For a hidden value whose true count is
1 to 4 the audit computes the interval [min, max] of its sum over every table consistent
with those facts (linear programs, audit_lp.py), rounded inwards to whole numbers as a
reader would; the value is protected when the interval holds 0 or a number ≥ 5 and is at
least 5 wide.

`protect_owner(problem, owner)` then hides published values of one unit (`owner`) until
every hidden small value is protected again: of the rows that pin an exposed value down
(those its substitution used, or those its LP bounds rest on: non-zero duals), the
smallest non-zero value the unit shows. A unit changes only its own figures, so that it
looks the same in every view it appears in (see suppression.py).
"""

import logging
from collections import defaultdict, deque
from dataclasses import dataclass, field

from .audit_lp import Program, Row, intervals, protected, whole

__all__ = ["AuditError", "Problem", "Pub", "exposed", "merge", "protect_owner", "protected"]

THRESHOLD = 5
logger = logging.getLogger(__name__)

Atoms = tuple[int, ...]


class AuditError(RuntimeError):
    """A small value that no hiding at its unit protects: the figures must not be shown."""


@dataclass
class Pub:
    """A published value: the sum of `atoms`, shown or hidden, by unit `owner`. Values
    with the same `twin` key are equal by definition (the same total in two breakdowns):
    they are hidden together, since showing one shows the other. `parts` lists ways of
    adding it up from other published values (a region from its provinces, a total from
    its rows): shown with all of them shown, it tells a reader nothing new."""

    atoms: Atoms
    value: int
    hidden: bool
    owner: int
    twin: object = None
    parts: tuple[tuple[int, ...], ...] = ()  # published values (indices) it is the sum of

    @property
    def small(self) -> bool:
        return self.hidden and 0 < self.value < THRESHOLD


@dataclass
class Problem:
    """Atoms (their true values), published values, and relations between sums of atoms:
    `equal` pairs (a, b) mean sum(a) == sum(b); `at_most` pairs mean sum(a) <= sum(b)."""

    truth: list[int]
    pubs: list[Pub]
    equal: list[tuple[Atoms, Atoms]] = field(default_factory=list)
    at_most: list[tuple[Atoms, Atoms]] = field(default_factory=list)


def merge(problems: list[Problem]) -> Problem:
    """Independent problems (one per period, say) as one, their atoms renumbered apart
    and their published values one after the other."""
    merged = Problem([], [])
    for problem in problems:
        shift = len(merged.truth)

        def moved(atoms, shift=shift):
            return tuple(a + shift for a in atoms)

        first = len(merged.pubs)
        merged.truth += problem.truth
        merged.pubs += [
            Pub(moved(p.atoms), p.value, p.hidden, p.owner,
                None if p.twin is None else (shift, p.twin),
                tuple(tuple(first + i for i in way) for way in p.parts))
            for p in problem.pubs
        ]  # fmt: skip
        merged.equal += [(moved(a), moved(b)) for a, b in problem.equal]
        merged.at_most += [(moved(a), moved(b)) for a, b in problem.at_most]
    return merged


@dataclass
class Exposure:
    """A hidden small value a reader narrows to `interval`, and the published values
    (indices) the narrowing rests on."""

    interval: tuple[float, float]
    because: set[int]


def _rows(problem: Problem) -> list[Row]:
    """The facts a reader has: shown values that are not sums of other shown values, and
    the relations."""
    pubs = problem.pubs
    rows = [
        Row(p.atoms, (), p.value, True, i)
        for i, p in enumerate(pubs)
        if not p.hidden and not any(all(not pubs[j].hidden for j in way) for way in p.parts)
    ]
    rows += [Row(a, b, 0, True, None) for a, b in problem.equal]
    rows += [Row(a, b, 0, False, None) for a, b in problem.at_most]
    return rows


class _Substitution:
    """Atoms a reader pins down by substitution alone (a row with one unknown left, or a
    zero sum of unknowns), the row that pinned each, and which came through the owner's
    rows ("tainted")."""

    def __init__(self, problem: Problem, rows: list[Row], owner: int):
        self.rows = rows
        self.fixed: dict[int, int] = {}
        self.why: dict[int, int] = {}
        self.tainted: set[int] = set()
        pubs = problem.pubs
        self.owner_rows = {n for n, row in enumerate(rows)
                           if row.pub is not None and pubs[row.pub].owner == owner}  # fmt: skip
        by_atom = defaultdict(list)
        for n, row in enumerate(rows):
            for atom in row.atoms:
                by_atom[atom].append(n)
        # Per row: what its unknown atoms add up to, how many there are, any tainted.
        residual = [row.rhs for row in rows]
        unknown = [len(row.atoms) for row in rows]
        negative = [len(row.minus) for row in rows]
        taint = [n in self.owner_rows for n in range(len(rows))]
        queue = deque(n for n, row in enumerate(rows) if row.equality)
        while queue:
            n = queue.popleft()
            row = rows[n]
            if not row.equality or not unknown[n]:
                continue
            if unknown[n] > 1 and not (residual[n] == 0 and negative[n] == 0):
                continue
            for atom in [a for a in row.atoms if a not in self.fixed]:
                value = self.fixed[atom] = problem.truth[atom]
                self.why[atom] = n
                if taint[n]:
                    self.tainted.add(atom)
                for m in by_atom[atom]:
                    sign = -1 if atom in rows[m].minus else 1
                    residual[m] -= sign * value
                    unknown[m] -= 1
                    negative[m] -= sign < 0
                    taint[m] = taint[m] or taint[n]
                    queue.append(m)

    def proof(self, atoms, rows=()) -> set[int]:
        """The rows that pinned `atoms` (those fixed) and the atoms in `rows`, all the way
        down."""
        found, stack = set(), [a for n in rows for a in self.rows[n].atoms] + list(atoms)
        while stack:
            atom = stack.pop()
            n = self.why.get(atom)
            if n is not None and n not in found:
                found.add(n)
                stack.extend(self.rows[n].atoms)
        return found | set(rows)


class _Components:
    """Atoms left unknown, grouped by the rows that still tie them together; `touched`
    holds the groups the owner's rows reach (directly or through a pinned atom)."""

    def __init__(self, rows: list[Row], sub: _Substitution):
        self.parent: dict[int, int] = {}
        self.live: list[int] = []
        for n, row in enumerate(rows):
            free = [a for a in row.atoms if a not in sub.fixed]
            if free:
                self.live.append(n)
                for atom in free:
                    self._union(free[0], atom)
        self.touched = {
            self.root(rows[n], sub)
            for n in self.live
            if n in sub.owner_rows or any(a in sub.tainted for a in rows[n].atoms)
        }

    def find(self, atom: int) -> int:
        root = self.parent.setdefault(atom, atom)
        while root != self.parent[root]:
            root = self.parent[root]
        while atom != root:
            atom, self.parent[atom] = self.parent[atom], root
        return root

    def root(self, row: Row, sub: _Substitution) -> int:
        return self.find(next(a for a in row.atoms if a not in sub.fixed))

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def exposed(problem: Problem, owner: int, among: set[int] | None = None) -> dict[int, Exposure]:
    """The hidden small values that are not protected (of `among`, if given). Only values
    the owner's figures can reach are examined: the rest were protected when the units
    below were audited, and nothing the owner shows ties them to anything else."""
    rows = _rows(problem)
    sub = _Substitution(problem, rows, owner)
    parts = _Components(rows, sub)
    found: dict[int, Exposure] = {}
    groups: dict[frozenset, list[int]] = defaultdict(list)
    for i, pub in enumerate(problem.pubs):
        if not pub.small or (among is not None and i not in among):
            continue
        free = [a for a in pub.atoms if a not in sub.fixed]
        if not free:
            known = sum(sub.fixed[a] for a in pub.atoms)
            found[i] = Exposure((known, known), _pubs(rows, sub.proof(pub.atoms)))
            continue
        roots = frozenset(parts.find(a) for a in free)
        if any(a in sub.tainted for a in pub.atoms) or roots & parts.touched:
            groups[roots].append(i)
    by_root = defaultdict(list)
    for n in parts.live:
        by_root[parts.root(rows[n], sub)].append(n)
    jobs, owners = [], []
    for roots, targets in sorted(groups.items(), key=lambda item: item[1][0]):
        live = sorted(n for root in roots for n in by_root[root])
        program = Program(rows, live, sub.fixed, problem.truth)
        # An atom in no row is bounded by nothing: its sum can grow without end.
        known = program.index.keys() | sub.fixed.keys()
        alike = defaultdict(list)  # one interval for equal sums: the same atoms, or twins
        for i in targets:
            if known.issuperset(problem.pubs[i].atoms):
                alike[_alike_key(problem.pubs[i])].append(i)
        for same in alike.values():
            jobs.append((program, [a for a in problem.pubs[same[0]].atoms if a not in sub.fixed]))
            owners.append(same)
    for k, (low, high, binding) in intervals(jobs).items():
        for i in owners[k]:
            atoms = problem.pubs[i].atoms
            offset = sum(sub.fixed.get(a, 0) for a in atoms)
            interval = whole(low + offset, high + offset)
            found[i] = Exposure(interval, _pubs(rows, sub.proof(atoms, binding)))
    return dict(sorted(found.items()))


def _alike_key(pub: Pub):
    return pub.twin if pub.twin is not None else frozenset(pub.atoms)


def _pubs(rows: list[Row], numbers: set[int]) -> set[int]:
    return {rows[n].pub for n in numbers if rows[n].pub is not None}


def _choice(problem: Problem, exposure: Exposure, owner: int) -> int | None:
    """The smallest non-zero value the owner shows among those the exposure rests on;
    failing that, the owner's smallest shown non-zero value."""
    pubs = problem.pubs
    mine = [i for i, p in enumerate(pubs) if p.owner == owner and not p.hidden and p.value > 0]
    ranked = sorted(mine, key=lambda i: (i not in exposure.because, pubs[i].value, i))
    return ranked[0] if ranked else None


def protect_owner(problem: Problem, owner: int) -> list[int]:
    """Hide the owner's values until no hidden small value is exposed (a fixed point);
    returns the indices of the values it hid, in order. Changes `problem.pubs`. Each round
    hides one value (with its twins) for every exposed value whose narrowing does not rest
    on one hidden in the same round. Hiding only widens intervals, so each round checks
    again only the values exposed in the one before."""
    twins = defaultdict(list)
    for i, pub in enumerate(problem.pubs):
        if pub.twin is not None:
            twins[pub.twin].append(i)
    added: list[int] = []
    found = exposed(problem, owner)
    while found:
        this_round: list[int] = []
        for target, exposure in found.items():
            if exposure.because & set(this_round):
                continue
            choice = _choice(problem, exposure, owner)
            if choice is None:
                raise AuditError(f"hidden value {target} cannot be protected at unit {owner}")
            twin = problem.pubs[choice].twin
            for i in twins[twin] if twin is not None else [choice]:
                if not problem.pubs[i].hidden and i not in this_round:
                    this_round.append(i)
        for i in this_round:
            problem.pubs[i].hidden = True
        added += this_round
        logger.debug("audit owner %s: %s exposed, hid %s", owner, len(found), len(this_round))
        found = exposed(problem, owner, among=set(found))
    return added
