"""Links on "Mitt konto" to this app's pages (portal's `account_links` hook)."""

from django.urls import reverse
from django.utils.translation import gettext as _


def account_links(request) -> list[tuple[str, str]]:
    # Anyone signed in may register for events, so the page is always there.
    return [(_("Mina anmälningar till evenemang och min kalender"), reverse("events:my-registrations"))]
