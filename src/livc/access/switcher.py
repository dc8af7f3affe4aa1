"""The cell switcher: pages scoped to one cell take `?cell=<id>` among the actor's cells."""

from .errors import NotFound
from .params import query_id


def chosen_cell(request, allowed: set[int] | list[int], *, param: str = "cell") -> int:
    """The requested cell if the actor may use it, the first allowed one when none is asked,
    NotFound when none is allowed or the request names another (or a malformed) id."""
    allowed = sorted(allowed)
    if not allowed:
        raise NotFound
    requested = query_id(request, param)
    if requested is None:
        return allowed[0]
    if requested not in allowed:
        raise NotFound
    return requested
