"""Errors a user can cause. Views turn them into messages; they are never a server error."""

from django.utils.translation import gettext_lazy as _

from portal.errors import PortalError


class ProjectsError(PortalError):
    """Base of the app's domain errors; `message` is what the user reads."""


class RegistrationClosed(ProjectsError):
    default_message = _("Anmälan till det här tillfället har stängt.")


class CancellationClosed(ProjectsError):
    default_message = _("Sista dag för avbokning har passerat. Kontakta projektledningen.")


class AlreadyCancelled(ProjectsError):
    default_message = _("Anmälan är redan avbokad.")


class AlreadyEnrolled(ProjectsError):
    def __init__(self, names):
        self.names = list(names)
        super().__init__(_("Redan anmäld till tillfället: %(names)s.") % {"names": ", ".join(self.names)})


class NoEmployeesChosen(ProjectsError):
    default_message = _("Välj minst en person att anmäla.")


class NotOnStaff(ProjectsError):
    default_message = _("Personen finns inte i företagets personallista.")


class OccasionNotPublic(ProjectsError):
    default_message = _("Tillfället går inte att anmäla sig till.")


class DuplicateEmployee(ProjectsError):
    default_message = _("Det finns redan en person med den e-postadressen i personallistan.")


class AttendanceError(ProjectsError):
    default_message = _("Närvaro kan bara registreras för bekräftade deltagare.")


class OccasionHasEnrolments(ProjectsError):
    default_message = _(
        "Tillfället har anmälningar och kan inte tas bort. Ändra tillfället eller avboka deltagarna i stället."
    )


class SeatsBusy(ProjectsError):
    default_message = _("Många anmäler sig till tillfället just nu. Vänta en stund och försök igen.")


class ParticipationNotPending(ProjectsError):
    default_message = _("Förfrågan är redan besvarad eller finns inte längre.")
