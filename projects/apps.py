from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(model: str, *actions: str) -> tuple[str, ...]:
    return tuple(f"projects.{action}_{model}" for action in actions)


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekt och kurser")
    default_auto_field = "django.db.models.BigAutoField"

    # Model permissions of the project leaders' group; which rows they reach is decided by
    # selectors.projects_led_by in every admin class.
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
    home_section = ("projects/_home.html", "projects.selectors.home_context")
    visitor_kind = "projects.selectors.visitor_kind"
    account_links = "projects.account.account_links"
    # Read by the portal's account export and erasure (portal.privacy) where that is present.
    privacy = "projects.privacy"

    def ready(self):
        # Registers the builders of this app's reminders with the portal's reminder sender.
        from . import reminders  # noqa: F401

        # Keeps the catalogue's full-text table (SQLite) in step with the courses.
        from .search import connect_signals

        connect_signals()
