"""Line-by-line comparison of two versions, for the publish preview and the version page."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    op: str  # "same", "added" or "removed"
    text: str


def line_diff(old: str, new: str) -> list[DiffLine]:
    """The lines of `new` with the lines of `old` that were removed, in reading order.

    Paragraphs are lines, so a changed paragraph shows as removed then added.
    """
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine("same", line) for line in new_lines[j1:j2])
            continue
        lines.extend(DiffLine("removed", line) for line in old_lines[i1:i2])
        lines.extend(DiffLine("added", line) for line in new_lines[j1:j2])
    return lines


def has_changes(lines: list[DiffLine]) -> bool:
    return any(line.op != "same" for line in lines)
