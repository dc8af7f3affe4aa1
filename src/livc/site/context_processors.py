from livc.accounts.policies import can_administer
from livc.cases.policies import can_see_register
from livc.charters.policies import member_cells
from livc.dpo.policies import can_see_processing_register, can_use_dpo_tools
from livc.intake.policies import can_report
from livc.library.policies import in_menu as library_in_menu
from livc.monitoring.coverage_policies import can_see_coverage
from livc.monitoring.policies import can_see_cell_dashboard, can_see_supervisor_dashboard
from livc.monitoring.reports.policies import can_see_reports
from livc.organisations.selectors import cell_memberships
from livc.polarisation.policies import in_menu as polarisation_in_menu
from livc.policy.policies import in_menu as policy_in_menu
from livc.retention.policies import can_use as can_use_retention
from livc.subjectaccess.policies import can_list_requests, can_search
from livc.trajectories.policies import dashboard_cells


def navigation(request) -> dict:
    """What the navigation bar offers; derived from policies, never from templates."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    memberships = cell_memberships(user)
    return {
        "nav": {
            "admin": can_administer(user),
            "policy": policy_in_menu(user),
            "cases": bool(memberships),
            "signals": can_report(user),
            "register": can_see_register(user),
            "dashboard": bool(dashboard_cells(user)),
            "charter": bool(member_cells(user)),
            "subject_access": can_search(user),
            "subject_requests": can_list_requests(user),
            "retention": can_use_retention(user),
            "dpo": can_use_dpo_tools(user),
            "processing_register": can_see_processing_register(user),
            "cell_figures": can_see_cell_dashboard(user),
            "supervisor_figures": can_see_supervisor_dashboard(user),
            "reports": can_see_reports(user),
            "coverage": can_see_coverage(user),
            "polarisation": polarisation_in_menu(user),
            "library": library_in_menu(user),
        }
    }
