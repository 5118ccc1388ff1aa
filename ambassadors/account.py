"""Links on "Mitt konto" to this app's pages that the user has (portal's `account_links` hook)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import ambassador_of, visit_requests_for


def account_links(request) -> list[tuple[str, str]]:
    links = []
    if ambassador_of(request.user) is not None:
        links.append((_("Min ambassadörsprofil"), reverse("ambassadors:my-profile")))
    if visit_requests_for(request.user).exists():
        links.append((_("Mina besöksförfrågningar"), reverse("ambassadors:requests")))
    return links
