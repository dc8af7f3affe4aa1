from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators; nobody signs up on their own."""

    def is_open_for_signup(self, request) -> bool:
        return False
