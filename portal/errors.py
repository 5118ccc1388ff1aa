"""The one base of the domain errors: a rule a user can break, with the message they read.

Every app's errors derive from `PortalError` (through the app's own base: ProjectsError,
EventError, AmbassadorError). Services raise them; views and admin actions turn them into a
message on the page, so they are never a server error.
"""

from django.utils.translation import gettext_lazy as _


class PortalError(Exception):
    """`message` is what the user reads: the one given, or the class's `default_message`."""

    default_message = _("Det gick inte att genomföra ändringen.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)
