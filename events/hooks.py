"""The events app's hooks (the contract is portal.plugins.PortalAppConfig)."""

from . import reminders as _reminders
from .account import account_links  # noqa: F401
from .privacy import erase as privacy_erase  # noqa: F401
from .privacy import expire as privacy_expire  # noqa: F401
from .privacy import export as privacy_export  # noqa: F401
from .selectors import home_context as _home_context

project_leader_permissions = (
    "events.add_event",
    "events.change_event",
    "events.delete_event",
    "events.view_event",
    "events.add_track",
    "events.change_track",
    "events.delete_track",
    "events.view_track",
    "events.add_session",
    "events.change_session",
    "events.delete_session",
    "events.view_session",
    "events.add_speaker",
    "events.change_speaker",
    "events.view_speaker",
    "events.change_registration",
    "events.view_registration",
    "events.add_roundtable",
    "events.change_roundtable",
    "events.delete_roundtable",
    "events.view_roundtable",
    "events.add_roundtablemember",
    "events.change_roundtablemember",
    "events.delete_roundtablemember",
    "events.view_roundtablemember",
    "events.add_actionitem",
    "events.change_actionitem",
    "events.delete_actionitem",
    "events.view_actionitem",
    "events.add_speeddate",
    "events.change_speeddate",
    "events.delete_speeddate",
    "events.view_speeddate",
)
periodic_tasks = (
    (
        "Rensa kost- och tillgänglighetsuppgifter efter evenemang",
        "events.tasks.erase_needs_after_events",
        {"minute": "30", "hour": "3"},
    ),
)
home_section = ("events/_home.html", _home_context)
# Rows that change often and that no cached page shows.
page_cache_unseen_models = ("events.calendarfeed",)
# Development-only (devdata is left out of the production image): names, never imports.
demo_seed = "devdata.demo.events.seed"
synthetic_generate = "devdata.synthetic.events.generate"


def reminder_builders() -> dict:
    return {
        _reminders.EVENT_REMINDER: _reminders.build_event_reminder,
        _reminders.ACTION_ITEM_DUE: _reminders.build_action_item_reminder,
    }
