"""Workflows as data (DESIGN.md → Workflows): one class for every app's table of allowed
transitions, and the abstract row each transition leaves behind."""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Workflow:
    """Allowed transitions between the values of one `TextChoices` field.

    `transitions` maps each state to the states that may follow it; a state missing from the
    map is final. `check` is what services call: it refuses an illegal transition with a
    translated message naming both states.
    """

    def __init__(self, states: type[models.TextChoices], transitions: Mapping[str, Iterable]):
        named = {str(s) for s in transitions} | {str(t) for ts in transitions.values() for t in ts}
        unknown = named - set(states.values)
        if unknown:
            raise ValueError(f"not states of {states.__name__}: {sorted(unknown)}")
        self.states = states
        self.transitions = {str(k): frozenset(str(t) for t in v) for k, v in transitions.items()}

    def allowed_next(self, state: str) -> frozenset[str]:
        return self.transitions.get(str(state), frozenset())

    def is_allowed(self, from_state: str, to_state: str) -> bool:
        return str(to_state) in self.allowed_next(from_state)

    def is_final(self, state: str) -> bool:
        return not self.allowed_next(state)

    def check(self, from_state: str, to_state: str) -> None:
        """Raise ValidationError unless `from_state → to_state` is allowed."""
        if not self.is_allowed(from_state, to_state):
            raise ValidationError(
                _("This cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.label(from_state), "to": self.label(to_state)},
                code="transition",
            )

    def label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return str(state)


class TransitionRow(models.Model):
    """A dated row per transition (who, when, from, to, why): the history is never rewritten.

    Concrete models add the foreign key to their record and the choices of their states.
    """

    from_state = models.CharField(gettext_lazy("from"), max_length=30, blank=True)
    to_state = models.CharField(gettext_lazy("to"), max_length=30)
    at = models.DateTimeField(gettext_lazy("at"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("by"),
    )
    reason = models.CharField(gettext_lazy("reason"), max_length=500, blank=True)

    # The TextChoices of the record's states, for the labels pages show.
    states: type[models.TextChoices] | None = None

    class Meta:
        abstract = True
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    def from_label(self) -> str:
        return self._label(self.from_state)

    def to_label(self) -> str:
        return self._label(self.to_state)

    def _label(self, value: str) -> str:
        try:
            return str(self.states(value).label)
        except (TypeError, ValueError):  # no states declared, or a state since removed
            return value
