from livc.accounts.policies import can_administer


def navigation(request) -> dict:
    """What the navigation bar offers; derived from policies, never from templates."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {"nav": {"admin": can_administer(user)}}
