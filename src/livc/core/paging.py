"""Pagination and sorting shared by list pages."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def sort(request, queryset, allowed: dict[str, str], default: str):
    """Order by ?sort=<key> (prefix '-' for descending) among `allowed` keys."""
    key = request.GET.get("sort", default)
    field = allowed.get(key.lstrip("-"))
    if field is None:
        key, field = default, allowed[default.lstrip("-")]
    return queryset.order_by(("-" if key.startswith("-") else "") + field, "-id"), key
