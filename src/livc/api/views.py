"""REST API v1. Views parse input, ask the same policies and selectors as the screens and
call the same services; refusal is a 404, as on the screens (DESIGN.md principle 1).
Every read of a record's content leaves an access-log entry whose reason is "api"."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from livc.access.actor import actor_for
from livc.access.errors import NotFound
from livc.audit.models import AccessLogEntry
from livc.audit.services import record
from livc.cases import policies as case_policies
from livc.cases import selectors as case_selectors
from livc.cases import trail as case_trail
from livc.cases.models import Case
from livc.organisations.selectors import above_cell_memberships, cell_memberships
from livc.trajectories import policies as plan_policies
from livc.trajectories import selectors as plan_selectors
from livc.trajectories import services as plan_services
from livc.trajectories import trail as plan_trail
from livc.trajectories.models import Action

from .errors import PreconditionFailed, PreconditionRequired
from .models import Scope
from .permissions import HasScope, token_scopes
from .serializers import (
    ActionSerializer,
    ActionStatusSerializer,
    CaseDetailSerializer,
    CaseSerializer,
    MeSerializer,
)

A = AccessLogEntry.Action
CHANNEL = "api"  # the access log has no channel field: the reason carries it


class ScopedView(APIView):
    permission_classes = [*APIView.permission_classes, HasScope]
    read_scope: str | None = None
    write_scope: str | None = None


# Me ---------------------------------------------------------------------------------------


class MeView(ScopedView):
    """The calling user and their roles per cell (from their memberships)."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        memberships = [*cell_memberships(user), *above_cell_memberships(user)]
        scopes = token_scopes(request)
        data = {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "memberships": memberships,
            # A session has every scope; what it may do is up to the policies.
            "scopes": sorted(scopes if scopes is not None else Scope.values),
        }
        return Response(MeSerializer(data).data)


# Cases ------------------------------------------------------------------------------------


class CaseCursor(CursorPagination):
    ordering = ("-opened_on", "-id")
    page_size = 25


class CaseFilter(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Case.Phase.choices, required=False)
    code = serializers.CharField(required=False, max_length=24)


class CaseList(ScopedView, generics.ListAPIView):
    """Cases the user may read (as the case list), newest first; no identity here."""

    read_scope = Scope.READ_CASES
    serializer_class = CaseSerializer
    pagination_class = CaseCursor

    def get_queryset(self):
        if not case_policies.can_list_cases(self.request.user):
            raise NotFound
        filters = CaseFilter(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return case_selectors.case_list(
            user=self.request.user,
            phase=filters.validated_data.get("phase", ""),
            code=filters.validated_data.get("code", ""),
        )

    @extend_schema(parameters=[CaseFilter])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CaseDetail(ScopedView):
    """One case with its subject's identity, as the case page shows it; logged as a view."""

    read_scope = Scope.READ_CASES

    @extend_schema(responses={200: CaseDetailSerializer, 404: OpenApiResponse()})
    def get(self, request, pk: int):
        case = case_policies.access_case(request.user, pk)
        case_trail.log(request.user, case, A.VIEW, reason=CHANNEL)
        return Response(CaseDetailSerializer(case).data)


# Actions ----------------------------------------------------------------------------------


class ActionPages(PageNumberPagination):
    page_size = 25


def _etag(action) -> str:
    return f'"{action.version}"'


def _if_match(request) -> int:
    """The version the client read, from If-Match: 428 without it, 412 if unreadable."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired(_("Send If-Match with the ETag you read."))
    value = header.removeprefix("W/").strip('"')
    if not value.isdigit():
        raise PreconditionFailed(_("If-Match must be the ETag of the action."))
    return int(value)


class ActionList(ScopedView, generics.ListAPIView):
    """My actions: owned by the user or given to their organisation, open first."""

    read_scope = Scope.READ_ACTIONS
    serializer_class = ActionSerializer
    pagination_class = ActionPages
    queryset = Action.objects.none()  # for the schema; `list` asks the selector

    def list(self, request, *args, **kwargs):
        if not plan_policies.can_list_actions(request.user):
            raise NotFound
        ids = self.paginate_queryset(plan_selectors.my_actions(user=request.user))
        actions = plan_selectors.actions_in_order(list(ids))
        # As the page logs it (plan_services.actions_listed), with the channel.
        record(
            actor=actor_for(request.user, None),
            action=A.LIST,
            object_type="my_actions",
            object_id=request.user.pk,
            reason=CHANNEL,
        )
        return self.get_paginated_response(self.get_serializer(actions, many=True).data)


class ActionDetail(ScopedView):
    """One action (no free text), with its version as ETag; PATCH its status with If-Match."""

    read_scope = Scope.READ_ACTIONS
    write_scope = Scope.WRITE_ACTIONS

    def _answer(self, action, status=200):
        response = Response(ActionSerializer(action).data, status=status)
        response["ETag"] = _etag(action)
        return response

    @extend_schema(responses={200: ActionSerializer, 404: OpenApiResponse()})
    def get(self, request, pk: int):
        action = plan_policies.access_action(request.user, pk)
        plan_trail.log(request.user, action.plan.case, A.VIEW, "action", action.pk, CHANNEL)
        return self._answer(action)

    @extend_schema(
        request=ActionStatusSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True)],
        responses={
            200: ActionSerializer,
            400: OpenApiResponse(),
            404: OpenApiResponse(),
            412: OpenApiResponse(),
            428: OpenApiResponse(),
        },
    )
    def patch(self, request, pk: int):
        action = plan_policies.access_editable_action(request.user, pk)
        version = _if_match(request)
        if version != action.version:
            raise PreconditionFailed(
                _("The action changed since you read it; read it again and redo your change.")
            )
        body = ActionStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        plan_services.action_transition(
            user=request.user, action=action, to_status=body.validated_data["status"],
            version=version,
        )  # fmt: skip
        return self._answer(action)
