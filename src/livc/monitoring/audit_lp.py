"""The linear programs of the audit (audit.py): the minimum and maximum of sums of atoms
over every table a reader cannot rule out, with scipy's HiGHS (`linprog`).

A `linprog` call costs a few milliseconds whatever its size, while the programs are small
and many (one per group of atoms tied together by rows, one optimum per hidden value), so
every optimum of a pass goes into one call: one copy of its program's rows per optimum,
side by side (a block-diagonal program). Each copy caps its atoms at their true value +
CAP, so that an unbounded optimum does not sink the others; a capped optimum is still a
table a reader cannot rule out, and where a cap (not the rows) holds an optimum that
matters, it is found again without caps.
"""

import logging
import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

THRESHOLD = 5
TOLERANCE = 1e-6
CAP = 10_000
BATCH = 256  # optima per call at most
FIRST = 8  # optima in the first call of a pass: the tables they give settle many others
SEEDS = 3  # weighted totals per program pushed up and down before any sum on its own
logger = logging.getLogger(__name__)


def protected(low: float, high: float) -> bool:
    """The rule for a hidden count of 1 to 4 known to lie in [low, high]."""
    return (low <= 0 or high >= THRESHOLD) and high - low >= THRESHOLD


def whole(low: float, high: float) -> tuple[float, float]:
    """An interval of counts, narrowed to whole numbers as a reader would."""
    return math.ceil(low - TOLERANCE), math.floor(high + TOLERANCE)


@dataclass
class Row:
    """sum(plus) - sum(minus) == rhs (or <= rhs); `pub` is the published value's index,
    None for a relation."""

    plus: tuple[int, ...]
    minus: tuple[int, ...]
    rhs: float
    equality: bool
    pub: int | None

    @property
    def atoms(self) -> tuple[int, ...]:
        return (*self.plus, *self.minus)


class Program:
    """Rows over the atoms not known yet (`fixed` ones are moved to the right-hand side);
    identical rows once (a stock shows one count for a year and its last quarter)."""

    def __init__(self, rows: list[Row], live: list[int], fixed: dict[int, int], truth):
        self.columns = sorted({a for n in live for a in rows[n].atoms if a not in fixed})
        self.index = {atom: j for j, atom in enumerate(self.columns)}
        self.blocks = {}
        for equality in (True, False):
            data, cols, pointers, rhs, names, distinct = [], [], [0], [], [], set()
            for n in live:
                row = rows[n]
                terms = tuple(sorted((self.index[a], sign)
                                     for sign, atoms in ((1, row.plus), (-1, row.minus))
                                     for a in atoms if a not in fixed))  # fmt: skip
                if row.equality != equality or terms in distinct:
                    continue
                distinct.add(terms)
                constant = row.rhs - sum(fixed.get(a, 0) for a in row.plus)
                constant += sum(fixed.get(a, 0) for a in row.minus)
                cols += [column for column, _sign in terms]
                data += [sign for _column, sign in terms]
                pointers.append(len(data))
                rhs.append(constant)
                names.append(n)
            matrix = csr_matrix((data, cols, pointers), shape=(len(rhs), len(self.columns)))
            self.blocks[equality] = (matrix.tocoo(), np.array(rhs, dtype=float), names)
        self.truth = np.array([truth[a] for a in self.columns], dtype=float)
        self.seen: list[np.ndarray] = []

    def vector(self, atoms) -> np.ndarray:
        vector = np.zeros(len(self.columns))
        vector[[self.index[a] for a in atoms]] = 1
        return vector


@dataclass
class Optimum:
    value: float
    rows: set[int]  # the rows (their numbers) the optimum rests on: non-zero duals
    capped: bool = False


def solve(jobs: list[tuple[Program, np.ndarray, int]], capped: bool = True) -> list[Optimum]:
    """The optimum of each (program, sum, sense): min for sense 1, max for -1."""
    found = []
    for start in range(0, len(jobs), BATCH):
        found += _solve(jobs[start : start + BATCH], capped)
    return found


def _solve(jobs, capped: bool) -> list[Optimum]:
    programs = [program for program, _vector, _sense in jobs]
    sizes = [len(p.columns) for p in programs]
    stacked = {equality: _side_by_side(programs, equality, sizes) for equality in (True, False)}
    upper = np.concatenate([p.truth + CAP if capped else np.full(len(p.columns), np.inf)
                            for p in programs])  # fmt: skip
    result = linprog(
        np.concatenate([sense * vector for _program, vector, sense in jobs]),
        A_eq=stacked[True][0], b_eq=stacked[True][1],
        A_ub=stacked[False][0], b_ub=stacked[False][1],
        bounds=np.column_stack([np.zeros(len(upper)), upper]), method="highs",
        options={"presolve": False},  # copies of small programs: it costs more than it saves
    )  # fmt: skip
    if result.status != 0:
        if len(jobs) == 1:
            return [_failed(jobs[0], result.status)]
        return [optimum for job in jobs for optimum in _solve([job], capped)]
    points = np.split(result.x, np.cumsum(sizes)[:-1])
    limits = np.split(np.abs(result.upper.marginals), np.cumsum(sizes)[:-1])
    duals = {True: _split(result.eqlin, programs, True),
             False: _split(result.ineqlin, programs, False)}  # fmt: skip
    found = []
    for k, (program, vector, _sense) in enumerate(jobs):
        program.seen.append(points[k])
        rows = {n for equality in (True, False)
                for n, dual in zip(program.blocks[equality][2], duals[equality][k], strict=True)
                if abs(dual) > TOLERANCE}  # fmt: skip
        capped_here = capped and bool(np.any(limits[k] > TOLERANCE))
        found.append(Optimum(float(vector @ points[k]), rows, capped_here))
    return found


def _side_by_side(programs: list[Program], equality: bool, sizes: list[int]):
    """The programs' rows of one kind as one block-diagonal matrix, and its right side."""
    blocks = [p.blocks[equality] for p in programs]
    heights = [len(rhs) for _matrix, rhs, _names in blocks]
    if not sum(heights):
        return None, None
    row_shift = np.repeat(np.cumsum([0, *heights[:-1]]), [m.nnz for m, _r, _n in blocks])
    col_shift = np.repeat(np.cumsum([0, *sizes[:-1]]), [m.nnz for m, _r, _n in blocks])
    rows = np.concatenate([m.row for m, _r, _n in blocks]) + row_shift
    cols = np.concatenate([m.col for m, _r, _n in blocks]) + col_shift
    data = np.concatenate([m.data for m, _r, _n in blocks])
    matrix = csr_matrix((data, (rows, cols)), shape=(sum(heights), sum(sizes)))
    return matrix, np.concatenate([rhs for _m, rhs, _n in blocks])


def _split(duals, programs, equality) -> list[np.ndarray]:
    counts = [len(p.blocks[equality][1]) for p in programs]
    values = np.asarray(duals.marginals) if duals is not None else np.zeros(sum(counts))
    return np.split(values, np.cumsum(counts)[:-1])


def _failed(job, status: int) -> Optimum:
    program, vector, sense = job
    if status == 3:  # unbounded: the sum can grow without end
        return Optimum(-sense * math.inf, set())
    # The true table is feasible, so this is numerical trouble: assume the worst.
    logger.warning("suppression audit: LP status %s", status)
    every = set(program.blocks[True][2]) | set(program.blocks[False][2])
    return Optimum(float(vector @ program.truth), every)


def intervals(jobs: list[tuple[Program, list[int]]]) -> dict[int, tuple[float, float, set]]:
    """{position: (min, max, rows the bounds rest on)} of the sums (program, atoms) that
    are not protected. Every optimum found is a table a reader cannot rule out, so a sum
    that the tables seen so far spread enough needs no optimum of its own; maxima come
    first, minima only where the maximum does not settle it."""
    vectors = [program.vector(atoms) for program, atoms in jobs]
    low = [float(program.truth @ v) for (program, _atoms), v in zip(jobs, vectors, strict=True)]
    high = list(low)
    because: list[set[int]] = [set() for _ in jobs]

    def settle(keys: list[int]) -> list[int]:
        for k in keys:
            program = jobs[k][0]
            if program.seen:
                values = np.array(program.seen) @ vectors[k]
                low[k], high[k] = min(low[k], values.min()), max(high[k], values.max())
        return [k for k in keys if not protected(*whole(low[k], high[k]))]

    pending = _seed(jobs, vectors, settle)
    for sense in (-1, 1):
        todo = pending
        done, size = [], FIRST
        while todo:
            batch, todo, size = todo[:size], todo[size:], min(BATCH, 4 * size)
            optima = solve([(jobs[k][0], vectors[k], sense) for k in batch])
            for k, optimum in zip(batch, optima, strict=True):
                bounds = _with(low[k], high[k], optimum.value, sense)
                if optimum.capped and not protected(*whole(*bounds)):
                    optimum = solve([(jobs[k][0], vectors[k], sense)], capped=False)[0]
                low[k], high[k] = _with(low[k], high[k], optimum.value, sense)
                because[k] |= optimum.rows
            done += batch
            todo = settle(todo)
        pending = settle(done)
    return {k: (low[k], high[k], because[k]) for k in pending}


def _seed(jobs, vectors, settle) -> list[int]:
    """Tables that push many sums of a program at once (the maximum and the minimum of a
    few weighted totals of them, fixed weights: the audit is deterministic), and the sums
    they leave unsettled."""
    by_program: dict[int, list[int]] = {}
    for k, (program, _atoms) in enumerate(jobs):
        by_program.setdefault(id(program), []).append(k)
    seeds = []
    for keys in by_program.values():
        if len(keys) >= FIRST:
            program = jobs[keys[0]][0]
            weights = np.random.default_rng(len(keys)).random((SEEDS, len(keys)))
            seeds += [(program, w @ np.array([vectors[k] for k in keys]), sense)
                      for w in weights for sense in (-1, 1)]  # fmt: skip
    solve(seeds)
    return settle(list(range(len(jobs))))


def _with(low: float, high: float, value: float, sense: int) -> tuple[float, float]:
    """The interval widened by an optimum found: a maximum (sense -1) or a minimum."""
    return (low, max(high, value)) if sense < 0 else (min(low, value), high)
