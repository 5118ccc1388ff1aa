from django.utils.translation import gettext_lazy as _

from portal import plugins


class EventsConfig(plugins.PortalAppConfig):
    """Its hooks into the portal are in events/hooks.py."""

    name = "events"
    verbose_name = _("Evenemang")
    default_auto_field = "django.db.models.BigAutoField"
