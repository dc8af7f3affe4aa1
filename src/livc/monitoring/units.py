"""The units of a selection: its cells, and the areas (provinces, regions) above them, as
the tree suppression works through from the cells up."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Hierarchy = Mapping[int, Sequence[str]]  # cell id -> path of areas above it


@dataclass
class Node:
    """A unit of the selection: a cell (leaf) or an area with the units under it."""

    cells: tuple[int, ...]
    children: list["Node"] = field(default_factory=list)

    def __post_init__(self):
        self.members = frozenset(self.cells)


def tree(cell_ids: Sequence[int], hierarchy: Hierarchy | None = None) -> Node:
    """The units of a selection. Without a hierarchy every cell is a direct unit."""
    hierarchy = hierarchy or {}

    def build(cells: list[int], depth: int) -> Node:
        groups, leaves = defaultdict(list), []
        for cell_id in cells:
            path = tuple(hierarchy.get(cell_id, ()))
            (groups[path[depth]] if depth < len(path) else leaves).append(cell_id)
        children = [build(sorted(group), depth + 1) for _key, group in sorted(groups.items())]
        children += [Node((cell_id,)) for cell_id in sorted(leaves)]
        if len(children) == 1:
            return children[0]  # an area with one unit is that unit
        return Node(tuple(sorted(cells)), children)

    cells = sorted(set(cell_ids))
    if len(cells) <= 1:
        return Node(tuple(cells))
    return build(cells, 0)
