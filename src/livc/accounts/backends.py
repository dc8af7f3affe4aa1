"""Model permissions for the administrator role, limited to the registry apps."""

from .policies import can_administer

ADMINISTERED_APPS = frozenset({"accounts", "organisations", "account", "mfa"})


class AdministratorPermissionBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm.split(".", 1)[0] in ADMINISTERED_APPS and can_administer(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return app_label in ADMINISTERED_APPS and can_administer(user_obj)
