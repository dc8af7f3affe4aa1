"""What the API shows: the same fields as the screens, never more."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from livc.cases.models import Case
from livc.trajectories.models import Action


class CaseSerializer(serializers.ModelSerializer):
    """A case in a list: metadata, no identity."""

    cell = serializers.CharField(source="cell.code", read_only=True)

    class Meta:
        model = Case
        fields = (
            "id",
            "code",
            "cell",
            "phase",
            "phenomenon",
            "prevention_level",
            "opened_on",
            "closed_on",
        )
        read_only_fields = fields


class SubjectSerializer(serializers.Serializer):
    """The subject as the case page shows it: name and birth date."""

    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    birth_date = serializers.DateField(read_only=True, allow_null=True)


class CaseDetailSerializer(CaseSerializer):
    subject = SubjectSerializer(read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = (*CaseSerializer.Meta.fields, "subject")
        read_only_fields = fields


class ActionSerializer(serializers.ModelSerializer):
    """An action as "My actions" lists it: references and dates, no free text."""

    case = serializers.CharField(source="plan.case.code", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    owner = serializers.CharField(
        source="owner.full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Action
        fields = ("id", "case", "organisation", "owner", "status", "due_on", "version")
        read_only_fields = fields


class ActionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Action.Status.choices, help_text=_("The status to move the action to.")
    )


class MembershipSerializer(serializers.Serializer):
    role = serializers.CharField()
    cell = serializers.CharField(source="cell.code", allow_null=True, default=None)
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    memberships = MembershipSerializer(many=True)
    scopes = serializers.ListField(child=serializers.CharField())
