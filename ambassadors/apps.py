from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = _("Yrkesambassadörer")
    default_auto_field = "django.db.models.BigAutoField"
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
    # Export and erasure of a user's data here (portal.privacy calls it).
    privacy = "ambassadors.privacy"
    home_section = ("ambassadors/_home.html", "ambassadors.selectors.home_context")
    visitor_kind = "ambassadors.selectors.visitor_kind"
    account_links = "ambassadors.account.account_links"

    def ready(self):
        from django.db.models.signals import post_delete

        from . import reminders  # noqa: F401 - registers the builders of the visit reminders
        from .models import Ambassador, ProfileChange
        from .services.profiles import delete_photo_file

        # A deleted profile (or a discarded change) must not leave its photo behind on disk.
        for model in (Ambassador, ProfileChange):
            post_delete.connect(delete_photo_file, sender=model, dispatch_uid=f"ambassadors.photo.{model.__name__}")
