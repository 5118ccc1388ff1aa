"""The ambassadors app's hooks (the contract is portal.plugins.PortalAppConfig)."""

from . import reminders as _reminders
from .account import account_links  # noqa: F401
from .privacy import erase as privacy_erase  # noqa: F401
from .privacy import expire as privacy_expire  # noqa: F401
from .privacy import export as privacy_export  # noqa: F401
from .selectors import home_context as _home_context
from .selectors import visitor_kind  # noqa: F401

# Which rows a leader may touch is decided by projects_led_by() in the admin classes.
project_leader_permissions = (
    "ambassadors.view_ambassador",
    "ambassadors.add_ambassador",
    "ambassadors.change_ambassador",
    "ambassadors.delete_ambassador",
    "ambassadors.view_consent",
    "ambassadors.add_consent",
    "ambassadors.view_profilechange",
    "ambassadors.change_profilechange",
    "ambassadors.view_feature",
    "ambassadors.add_feature",
    "ambassadors.delete_feature",
    "ambassadors.view_visitrequest",
    "ambassadors.view_visitfeedback",
    "ambassadors.view_profession",
    "ambassadors.add_profession",
    "ambassadors.view_industry",
    "ambassadors.add_industry",
    "ambassadors.view_educationpath",
    "ambassadors.add_educationpath",
    "ambassadors.view_language",
    "ambassadors.add_language",
    "ambassadors.view_agegroup",
    "ambassadors.view_consenttext",
)
# Daily, although the pick is weekly: after Monday's pick the task changes nothing, and a
# Monday missed (worker down) is caught up the next day.
periodic_tasks = (
    (
        "Välj veckans yrkesambassadör",
        "ambassadors.tasks.pick_featured_ambassador",
        {"minute": "5", "hour": "0"},
    ),
)
home_section = ("ambassadors/_home.html", _home_context)
# Rows that change often and that no cached page shows.
page_cache_unseen_models = (
    "ambassadors.profilechange",
    "ambassadors.visitrequest",
    "ambassadors.visitrequestevent",
    "ambassadors.visitfeedback",
)
# Development-only (devdata is left out of the production image): names, never imports.
demo_seed = "devdata.demo.ambassadors.seed"
synthetic_generate = "devdata.synthetic.ambassadors.generate"


def reminder_builders() -> dict:
    return {
        _reminders.VISIT_REMINDER: _reminders.build_visit_reminder,
        _reminders.VISIT_FEEDBACK: _reminders.build_feedback_question,
    }
