"""The projects app's hooks (the contract is portal.plugins.PortalAppConfig)."""

from . import reminders as _reminders
from .account import account_links  # noqa: F401
from .privacy import erase as privacy_erase  # noqa: F401
from .privacy import expire as privacy_expire  # noqa: F401
from .privacy import export as privacy_export  # noqa: F401
from .selectors import home_context as _home_context
from .selectors import visitor_kind  # noqa: F401


def _perms(model: str, *actions: str) -> tuple[str, ...]:
    return tuple(f"projects.{action}_{model}" for action in actions)


# Which rows they reach is decided by selectors.projects_led_by in every admin class.
project_leader_permissions = (
    *_perms("project", "view", "change"),
    *_perms("projectleader", "view"),
    *_perms("referencegroupmember", "view", "add", "change", "delete"),
    *_perms("participatingcompany", "view", "add", "change", "delete"),
    *_perms("professionalnetwork", "view", "add", "change", "delete"),
    *_perms("newspost", "view", "add", "change", "delete"),
    *_perms("course", "view", "add", "change", "delete"),
    *_perms("occasion", "view", "add", "change", "delete"),
    *_perms("enrolment", "view", "change"),
    *_perms("coursecategory", "view"),
    *_perms("targetgroup", "view"),
    *_perms("competenceneed", "view"),
)
periodic_tasks = (
    # The report as of the first of the month, to every current project leader.
    (
        "Månadsrapport till projektledare",
        "projects.tasks.send_monthly_reports",
        {"minute": "0", "hour": "6", "day_of_month": "1"},
    ),
    ("Rensa gamla rapportfiler", "projects.tasks.purge_report_files", {"minute": "30", "hour": "3"}),
)
home_section = ("projects/_home.html", _home_context)
# Rows that change often and that no cached page shows.
page_cache_unseen_models = ("projects.employee", "projects.competenceneed")
# Development-only (devdata is left out of the production image): names, never imports.
demo_seed = "devdata.demo.projects.seed"
synthetic_generate = "devdata.synthetic.projects.generate"


def reminder_builders() -> dict:
    return {
        _reminders.PARTICIPANT: _reminders.build_participant_reminder,
        _reminders.COMPANY: _reminders.build_company_reminder,
        _reminders.MONTHLY_REPORT: _reminders.build_monthly_report,
    }
