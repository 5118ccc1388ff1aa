"""Errors a user can cause. Views turn them into a message on the page; they are never a 500."""

from django.utils.translation import gettext_lazy as _

from portal.errors import PortalError


class AmbassadorError(PortalError):
    default_message = _("Det gick inte att genomföra.")


class NotAllowed(AmbassadorError):
    default_message = _("Du har inte behörighet att göra det.")


class ConsentMissing(AmbassadorError):
    default_message = _("Profilen kan inte publiceras förrän ambassadörens samtycke är registrerat.")


class ConsentTextOutdated(AmbassadorError):
    default_message = _("Samtyckestexten har ändrats sedan du öppnade sidan. Läs den nya texten och försök igen.")


class NotPublic(AmbassadorError):
    default_message = _("Ambassadören är inte publicerad just nu.")


class InvalidState(AmbassadorError):
    default_message = _("Förfrågan har redan besvarats eller ändrats. Sidan visar hur det ser ut nu.")


class InvalidDate(AmbassadorError):
    default_message = _("Datumet går inte att använda.")


class DuplicateRequest(AmbassadorError):
    default_message = _("Du har redan en obesvarad förfrågan till den här ambassadören.")


class FeedbackNotPossible(AmbassadorError):
    default_message = _("Återkoppling kan lämnas efter ett genomfört besök.")


class WeekNotAvailable(AmbassadorError):
    default_message = _("Den veckan går inte att planera.")


class InvitationInvalid(AmbassadorError):
    default_message = _(
        "Inbjudan gäller inte längre: den har gått ut eller ersatts av en nyare. Be projektledaren om en ny."
    )


class InvitationOtherAccount(AmbassadorError):
    default_message = _(
        "Inbjudan gäller en annan e-postadress. Logga in med den adress som inbjudan skickades till "
        "och öppna länken igen."
    )


class InvitationProfileTaken(AmbassadorError):
    default_message = _("Ditt konto hör redan till en annan ambassadörsprofil. Kontakta projektledaren.")


class NothingChanged(AmbassadorError):
    default_message = _("Du har inte ändrat något.")
