from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
