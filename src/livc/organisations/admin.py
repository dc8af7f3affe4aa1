from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .models import (
    Arrondissement,
    Cell,
    CellMunicipality,
    Membership,
    Municipality,
    MunicipalityMerger,
    Organisation,
    Province,
    Region,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference data come from the REFNIS import, not from hand edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("nis_code", "name_nl", "name_fr", "name_de")
    search_fields = ("nis_code", "name_nl", "name_fr")


@admin.register(Province)
class ProvinceAdmin(RegionAdmin):
    list_display = ("nis_code", "name_nl", "name_fr", "region")
    list_filter = ("region",)


@admin.register(Arrondissement)
class ArrondissementAdmin(ProvinceAdmin):
    list_display = ("nis_code", "name_nl", "name_fr", "province", "region")
    list_select_related = ("province", "region")


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ("nis_code", "name_nl", "name_fr", "arrondissement", "region", "valid_until")
    list_filter = ("region", "province", ("valid_until", admin.EmptyFieldListFilter))
    list_select_related = ("arrondissement", "region")
    search_fields = ("nis_code", "name_nl", "name_fr", "name_de")


@admin.register(MunicipalityMerger)
class MunicipalityMergerAdmin(ReadOnlyAdmin):
    list_display = ("old_nis_code", "old_name_nl", "municipality", "merged_on")
    list_select_related = ("municipality",)
    search_fields = ("old_nis_code", "old_name_nl", "municipality__name_nl")


class CellMunicipalityInline(admin.TabularInline):
    model = CellMunicipality
    extra = 1
    autocomplete_fields = ("municipality",)


class CellMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "organisation", "is_active")
    autocomplete_fields = ("user", "organisation")


@admin.register(Cell)
class CellAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "language", "is_active")
    list_filter = ("is_active", "language")
    search_fields = ("name", "code")
    inlines = [CellMunicipalityInline, CellMembershipInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        cell = self.get_object(request, object_id)
        if cell is not None and cell.is_active and request.method == "GET":
            composition = selectors.cells_composition(cells=[cell])[0]
            if not composition.is_complete:
                missing = ", ".join(str(role.label) for role in composition.missing_roles)
                self.message_user(
                    request,
                    _("This cell lacks mandatory members (law of 30 July 2018): %(roles)s.")
                    % {"roles": missing},
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivating:
            services.cell_deactivate(actor=request.user, cell=obj)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "municipality", "is_active")
    list_filter = ("type", "is_active")
    list_select_related = ("municipality",)
    search_fields = ("name", "municipality__name_nl", "municipality__name_fr")
    autocomplete_fields = ("municipality",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "cell", "organisation", "region", "is_active")
    list_filter = ("role", "is_active", "cell")
    list_select_related = ("user", "cell", "organisation", "region")
    search_fields = ("user__email", "user__full_name", "cell__name", "organisation__name")
    autocomplete_fields = ("user", "cell", "organisation")
