from django.utils.translation import gettext_lazy as _

from portal import plugins


class AmbassadorsConfig(plugins.PortalAppConfig):
    """Its hooks into the portal are in ambassadors/hooks.py."""

    name = "ambassadors"
    verbose_name = _("Yrkesambassadörer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import Ambassador, ProfileChange
        from .services.profiles import delete_photo_file

        # A deleted profile (or a discarded change) must not leave its photo behind on disk.
        for model in (Ambassador, ProfileChange):
            post_delete.connect(delete_photo_file, sender=model, dispatch_uid=f"ambassadors.photo.{model.__name__}")
