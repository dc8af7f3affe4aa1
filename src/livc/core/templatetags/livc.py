from django import template
from django.forms import CheckboxInput, RadioSelect, Select, SelectMultiple

register = template.Library()


@register.filter
def bootstrap_widget(bound_field):
    """Render a form field's widget with Bootstrap classes and ARIA links to its errors."""
    widget = bound_field.field.widget
    if isinstance(widget, CheckboxInput | RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, Select | SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": f"{css} is-invalid" if bound_field.errors else css}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound_field.auto_id}-errors"
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
