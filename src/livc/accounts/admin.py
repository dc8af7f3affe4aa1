from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from livc.organisations.models import Membership

from . import services
from .models import User

# Administrators manage people, not secrets: authenticators (TOTP seeds) stay out of the
# admin; the "reset two-step verification" action below is the supported way.
admin.site.unregister(Group)
admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "language")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "language", "is_active")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("role", "cell", "organisation", "region", "is_active")
    autocomplete_fields = ("cell", "organisation")
    fk_name = "user"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "full_name", "language", "is_active", "last_login")
    list_filter = ("is_active", "language", "memberships__role")
    search_fields = ("email", "full_name")
    ordering = ("full_name",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "language", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "language", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ()
    inlines = [MembershipInline]
    actions = ["reset_mfa", "logout_everywhere"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            kwargs["widget"] = forms.Select
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(description=_("Reset two-step verification (user enrols again)"))
    def reset_mfa(self, request, queryset):
        for user in queryset:
            services.user_reset_mfa(actor=request.user, user=user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "Two-step verification was reset for %(count)d user.",
                "Two-step verification was reset for %(count)d users.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Log out everywhere"))
    def logout_everywhere(self, request, queryset):
        for user in queryset:
            services.user_logout_everywhere(actor=request.user, user=user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d user was logged out everywhere.",
                "%(count)d users were logged out everywhere.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
