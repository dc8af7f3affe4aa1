"""Set-based deletion of a record and everything that depends on it, without Django's
per-row collector: one DELETE (or UPDATE ... SET NULL) per table and chunk, top down.

The tree is read from the models' foreign keys, so a model another app adds later that
points at a case, a signal or a subject is purged (or unlinked) with it. Rules per
foreign key pointing at a purged row:

- CASCADE, PROTECT, RESTRICT: the referring rows go too (a purge is the deliberate
  removal of the record and all it holds; PROTECT only guards against accidents);
- SET_NULL: the link is cleared and the row stays, unless listed in `FOLLOWS` (a signal
  follows the case it opened, a consultation the signal it became): then it goes, or in
  `SAME_RECORD` (the row always goes with the record anyway);
- DO_NOTHING: left alone.
Nothing in `KEEP` (the access log, tombstones) is ever deleted.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import models

from . import sql

FOLLOWS = {("intake.Signal", "case"), ("intake.Consultation", "signal")}
# SET_NULL links that never leave their record (trajectories refuses a goal of another
# plan): the referring row goes with the record, so there is nothing to clear.
SAME_RECORD = {("trajectories.Action", "goal")}
KEEP = {"audit.AccessLogEntry", "retention.Tombstone", "retention.PurgeBatch"}
DELETE_WITH_PARENT = (models.CASCADE, models.PROTECT, models.RESTRICT)


@dataclass
class Node:
    model: type[models.Model]
    # (foreign key of the child model pointing at this node's model, child node)
    children: list[tuple[models.ForeignKey, "Node"]] = field(default_factory=list)
    # foreign keys (of other models) pointing at this model that are cleared
    nullify: list[models.ForeignKey] = field(default_factory=list)


def _label(model) -> str:
    return model._meta.label


@cache
def referrers(model: type[models.Model]) -> tuple[models.ForeignKey, ...]:
    """Every concrete foreign key (one-to-one included) in the project pointing at `model`."""
    found = []
    for candidate in apps.get_models(include_auto_created=True):
        if candidate._meta.proxy:
            continue
        for fk in candidate._meta.concrete_fields:
            if fk.is_relation and fk.remote_field.model is model:
                found.append(fk)
    return tuple(found)


def _follows(fk) -> bool:
    return (_label(fk.model), fk.name) in FOLLOWS


@cache
def plan(model: type[models.Model], walk_protected: bool = True, _path: tuple = ()) -> Node:
    """The deletion tree under `model`.

    `walk_protected=False` leaves out rows that PROTECT `model` itself: for a caller that
    only deletes rows nothing protects (orphaned subjects)."""
    if model in _path:
        raise ValueError(f"circular deletion path: {[*_path, model]}")
    if _label(model) in KEEP:
        raise ValueError(f"{_label(model)} is never purged")
    node = Node(model)
    for fk in referrers(model):
        if not fk.target_field.primary_key:
            raise ValueError(f"{fk} points at a column other than the primary key")
        on_delete = fk.remote_field.on_delete
        if not walk_protected and on_delete in (models.PROTECT, models.RESTRICT):
            continue
        if on_delete in DELETE_WITH_PARENT or _follows(fk):
            node.children.append((fk, plan(fk.model, True, (*_path, model))))
        elif on_delete is models.SET_NULL:
            if (_label(fk.model), fk.name) not in SAME_RECORD:
                node.nullify.append(fk)
        elif on_delete is not models.DO_NOTHING:
            raise ValueError(f"unsupported on_delete for {fk}")
    return node


@dataclass
class Deleted:
    """What a purge chunk deleted: rows per model, and the keys of every deleted row that
    another table may point at (for `fkchecks`)."""

    counts: Counter = field(default_factory=Counter)
    keys: dict[str, list[int]] = field(default_factory=dict)
    unkeyed: set[str] = field(default_factory=set)  # tables deleted from by parent key
    # (table, column) of foreign keys whose rows pointing at deleted keys were themselves
    # deleted or unlinked by key in this transaction: nothing can point there any more.
    covered: set[tuple[str, str]] = field(default_factory=set)

    def add(self, model, keys: list[int] | None, count: int | None = None) -> None:
        self.counts[_label(model)] += len(keys) if count is None else count
        if keys is None:
            self.unkeyed.add(model._meta.db_table)
        else:
            self.keys.setdefault(model._meta.db_table, []).extend(keys)


def delete(node: Node, ids: list[int], deleted: Deleted | None = None) -> Deleted:
    """Delete the `node.model` rows with these primary keys and everything depending on
    them.

    Top down, one statement per table: a level's DELETE ... RETURNING gives the keys of
    the next. Foreign keys are checked at commit (Django creates them deferred), so the
    transaction ends consistent, or is rolled back whole.
    """
    deleted = Deleted() if deleted is None else deleted
    if ids:
        meta = node.model._meta
        deleted.add(node.model, ids, sql.delete_where_in(meta.db_table, meta.pk.column, ids))
        _delete_below(node, ids, deleted)
    return deleted


def _delete_below(node: Node, ids: list[int], deleted: Deleted) -> None:
    for fk, child in node.children:
        meta = child.model._meta
        deleted.covered.add((meta.db_table, fk.column))
        if referrers(child.model):
            child_ids = sql.delete_returning(meta.db_table, fk.column, ids, meta.pk.column)
            deleted.add(child.model, child_ids)
            if child_ids:
                _delete_below(child, child_ids, deleted)
        else:  # nothing points at these rows: no need to know their keys
            deleted.add(child.model, None, sql.delete_where_in(meta.db_table, fk.column, ids))
    for fk in node.nullify:
        sql.nullify_where_in(fk.model._meta.db_table, fk.column, ids)
        deleted.covered.add((fk.model._meta.db_table, fk.column))


def protectors(model: type[models.Model]) -> tuple[models.ForeignKey, ...]:
    """Foreign keys whose rows keep a `model` row alive (PROTECT and RESTRICT)."""
    return tuple(
        fk
        for fk in referrers(model)
        if fk.remote_field.on_delete in (models.PROTECT, models.RESTRICT)
    )
