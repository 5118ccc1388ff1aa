from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Swedish unless the visitor chose English with the switch on the page.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Swedish public
    service shows Swedish first, whatever the browser says, and remembers an explicit choice.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class NulBytesInAddress(SuspiciousOperation):
    """A NUL byte in the path or query string."""


class RejectNulBytesMiddleware:
    """Refuse addresses that contain NUL bytes with 400 Bad Request.

    No page of the portal takes a NUL byte, and PostgreSQL can neither store nor compare text that
    contains one: a search or a lookup with it would end in a server error instead of an answer.
    Forms already refuse NUL bytes in what they are sent (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            raise NulBytesInAddress("NUL byte in the request address")
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    """With STAFF_TWO_FACTOR_REQUIRED, the admin opens only to staff who sign in with a second factor.

    Staff without an authenticator are sent to set one up (and back to where they were going); the
    rest of the portal, their own account pages among them, stays open to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request):
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and request.path.startswith(self.admin_prefix)
            and request.user.is_authenticated
            and request.user.is_staff
            and not is_mfa_enabled(request.user)
        ):
            messages.info(request, _("Slå på tvåfaktorsautentisering för att öppna administrationen."))
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
