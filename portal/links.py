"""Addresses on the portal for what is read outside it: e-mails, calendar files, feeds."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """The full address of a path on the portal (SITE_URL, where it is served, plus the path)."""
    return settings.SITE_URL.rstrip("/") + path
