"""Demo data for the DPO tools: a sealed log and one stored verification result, so the
DPO's screens show a real "last verified" line instead of "not verified yet"."""

from datetime import timedelta

from livc.audit.models import ChainVerification
from livc.audit.services import seal
from livc.audit.verification import verify_and_store


def seed_dpo() -> ChainVerification:
    """Seal every entry written so far, then verify the chain as the nightly command would.

    Run it after the case-work demo data. Each run adds one result (they are append-only).
    """
    seal(grace=timedelta(0))
    return verify_and_store()
