from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Evenemang")
    default_auto_field = "django.db.models.BigAutoField"
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
    home_section = ("events/_home.html", "events.selectors.home_context")
    account_links = "events.account.account_links"
    privacy = "events.privacy"

    def ready(self):
        from . import reminders  # noqa: F401 - registers the builders of the events' reminders
