"""Writes on accounts. Each service takes the acting user first, keyword-only."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User, new_session_token

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def user_set_language(*, actor: User, language: str) -> User:
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language. Choose Dutch, French or English."))
    actor.language = language
    actor.save(update_fields=["language"])
    return actor


def user_logout_everywhere(*, actor: User, user: User) -> User:
    """Invalidate every session of `user`, on every device, at their next request."""
    user.session_token = new_session_token()
    user.save(update_fields=["session_token"])
    return user


@transaction.atomic
def user_reset_mfa(*, actor: User, user: User) -> None:
    """Remove a user's authenticators (lost phone); they enrol again at their next login."""
    Authenticator.objects.filter(user=user).delete()
    user_logout_everywhere(actor=actor, user=user)
