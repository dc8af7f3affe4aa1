"""Current TOTP code for a secret: lets people try the demo without a phone, and tests log in."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 - documented demo secret
PERIOD_SECONDS = 30


def current_code(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // PERIOD_SECONDS)
    return format_hotp_value(hotp_value(secret, counter))
