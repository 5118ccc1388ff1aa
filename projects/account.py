"""Links on "Mitt konto" to this app's pages that the user has (portal's `account_links` hook)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.selectors import companies_of


def account_links(request) -> list[tuple[str, str]]:
    if companies_of(request.user).exists():
        return [(_("Mitt företag: personal, kursanmälningar och kompetensbehov"), reverse("projects:company-index"))]
    return []
