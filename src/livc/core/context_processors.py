from livc.accounts.policies import can_administer
from livc.cases.policies import can_see_register
from livc.intake.policies import can_report
from livc.organisations.models import Role
from livc.organisations.selectors import cell_memberships


def navigation(request) -> dict:
    """What the navigation bar offers; derived from policies, never from templates."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    memberships = cell_memberships(user)
    return {
        "nav": {
            "admin": can_administer(user),
            "cases": bool(memberships),
            "signals": can_report(user),
            "register": can_see_register(user),
            "dashboard": any(m.role == Role.COORDINATOR for m in memberships),
        }
    }
