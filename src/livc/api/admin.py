"""Issue and revoke personal access tokens in the project's admin site (administrators
only, as the whole admin). The secret is shown once, in the message after saving."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from livc.accounts.policies import can_administer

from . import services
from .models import ApiToken, Scope


class ApiTokenIssueForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(
        label=_("valid for (days)"),
        min_value=1,
        max_value=settings.LIVC_API_TOKEN_MAX_DAYS,
        initial=90,
    )

    class Meta:
        model = ApiToken
        fields = ("user", "name", "scopes")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                services.check_issue(
                    holder=data["user"], name=data["name"], scopes=data["scopes"], days=data["days"]
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages_)
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "user", "scopes", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    autocomplete_fields = ("user",)
    actions = ("revoke",)
    readonly_fields = (
        "user", "name", "prefix", "scopes", "created_at", "created_by", "expires_at",
        "revoked_at", "last_used_at",
    )  # fmt: skip

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenIssueForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("user", "name", "scopes", "days")
        return self.readonly_fields

    # The administrator role issues and revokes tokens, as it manages users (the role's
    # permission backend covers the registry apps; tokens are asked here).
    def has_module_permission(self, request):
        return can_administer(request.user)

    def has_view_permission(self, request, obj=None):
        return can_administer(request.user)

    def has_add_permission(self, request):
        return can_administer(request.user)

    def has_change_permission(self, request, obj=None):
        return can_administer(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record of who held which token stays

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, secret = services.token_issue(
            user=request.user,
            holder=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            days=form.cleaned_data["days"],
        )
        obj.pk = token.pk
        messages.warning(
            request,
            _("Copy the token now, it will not be shown again: %(secret)s") % {"secret": secret},
        )

    def save_related(self, request, form, formsets, change):
        """Nothing to save: the service wrote the token."""

    def log_addition(self, request, obj, message):
        """The token's own row records who issued it."""

    def response_add(self, request, obj, post_url_continue=None):
        return self.response_post_save_add(request, obj)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        now = timezone.now()
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            services.token_revoke(user=request.user, token=token, now=now)
        count = len(tokens)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )
