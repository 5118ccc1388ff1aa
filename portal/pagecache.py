"""Whole pages kept in the cache for signed-out visitors.

Most traffic on the public pages is signed out, and every signed-out visitor of an address sees
the same page, with two exceptions that this module takes care of:

- The CSRF token. Every page has forms (the language switch in the header, and htmx sends the
  token in a header from <body>), and each visitor must get a token for their own CSRF cookie,
  never someone else's. The stored page has a placeholder where the token was; each answer from
  the cache gets the token of the visitor it is sent to. A page with anything else that looks
  like a token is not stored at all.
- Messages ("Du har loggat ut"). A visitor with messages waiting is served and stored nothing.

Pages that show a signed-in person nothing of their own beyond their menus (the catalogue, the
ambassador search, lists) may also be kept for signed-in people (`signed_in=True`): one copy per
kind of visitor, where the kind is every fact about the person such a page depends on (signed in,
staff, company contact, has an ambassador profile: see `visitor_kind`), never their identity.
tests/portal/test_page_cache.py renders each such page for two different people of the same kind,
and for every pair of roles of the same kind, and checks that the pages are the same, so a personal
or a role's own detail added to one of them is caught.
Pages with anything personal (an event page with your registration, an occasion with your staff)
are never stored for signed-in people.

Parts of pages that are the same for everyone, signed in or not (a search form and its results,
an event's programme), are kept the same way with `{% shared %}` (portal/templatetags/
shared_cache.py), so that signed-in people, whose pages are made for them, still skip the work.

A stored page is thrown away when anything it shows may have changed: each view names the apps
whose data it shows, and saving or deleting a row of those apps (see `watch_models`) moves the
app's version on; a page is stored with the versions it was made from and used only while they
are the current ones. The timeout is a backstop for what no signal announces (bulk updates, time
passing a deadline).
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CSRF_SECRET_LENGTH, _unmask_cipher_token, get_token
from django.utils.cache import patch_cache_control
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

from .plugins import hooks, portal_apps

# The cache that may evict (settings.CACHES): never the one that keeps rate limits and sessions.
cache = ConnectionProxy(caches, "pages")

PLACEHOLDER = "csrf0placeholder0for0the0visitors0own0token"
TIMEOUT = 300
MAX_PATH = 512  # longer addresses (odd query strings) are not worth a cache entry
# Anything shaped like a masked CSRF token (64 letters and digits).
TOKEN_SHAPED = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Saving only these fields of a user changes nothing that is shown (sign-in, language choice).
UNSEEN_USER_FIELDS = {"last_login", "password", "language"}
# For a page showing data of every plugged-in app (the front page's sections).
EVERY_APP = "*"


@functools.cache
def watched_apps() -> tuple[str, ...]:
    """The apps whose rows pages show: every app plugged into the portal (portal.plugins)."""
    return tuple(config.label for config in portal_apps())


@functools.cache
def _unseen_models() -> frozenset[str]:
    # Rows that change often and that no cached page shows (each app's `page_cache_unseen_models`):
    # saving them need not throw pages away.
    return frozenset(label for labels in hooks("page_cache_unseen_models") for label in labels)


def _version_key(app_label: str) -> str:
    return f"pagecache:version:{app_label}"


def content_changed(app_label: str) -> None:
    """Throw away the stored pages that show data of this app."""
    key = _version_key(app_label)
    try:
        cache.incr(key)
    except ValueError:
        # No version yet, or evicted: start from a number no stored page can have been made with
        # (counting again from 1 could meet a page stored under an earlier 1).
        cache.set(key, time.time_ns(), timeout=None)


def _on_change(sender, **kwargs):
    opts = sender._meta
    if opts.app_label not in watched_apps() or opts.label_lower in _unseen_models():
        return
    update_fields = kwargs.get("update_fields")
    if (
        opts.label_lower == settings.AUTH_USER_MODEL.lower()
        and update_fields
        and set(update_fields) <= UNSEEN_USER_FIELDS
    ):
        return
    # Now, and again once the change is committed: a page rendered in between, from the data as
    # it was before the commit, must not outlive it.
    content_changed(opts.app_label)
    transaction.on_commit(lambda: content_changed(opts.app_label), robust=True)


def _on_m2m_change(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _on_change(type(instance))


def watch_models() -> None:
    """Connect the signals that throw pages away (from PortalConfig.ready): for each model of the
    watched apps only, since a post_delete receiver for a model stops Django from deleting its rows
    in bulk with one query, and other apps' rows (sessions, Celery beat's, allauth's) keep that."""
    for label in watched_apps():
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label_lower in _unseen_models():
                continue
            name = model._meta.label_lower
            post_save.connect(_on_change, sender=model, dispatch_uid=f"pagecache.post_save.{name}")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"pagecache.post_delete.{name}")
    # m2m_changed has no say in bulk deletes; its sender is the through model (often auto-created).
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache.m2m_changed")


def _has_messages(request) -> bool:
    # len() loads them without marking them as shown.
    return bool(len(get_messages(request)))


def _may_use_cache(request, signed_in: bool) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and (signed_in or not request.user.is_authenticated)
        and len(request.get_full_path()) <= MAX_PATH
        and not _has_messages(request)
    )


def visitor_kind(request) -> tuple[str, ...]:
    """The facts about the visitor that pages kept for everyone depend on: () when signed out,
    else the words each app's `visitor_kind` hook (portal.plugins: user -> words) gives for the
    user, e.g. ("company_contact", "signed_in"). Kept per person until data of the watched apps
    changes, so asking costs no query; pages' menus ask it too."""
    if not hasattr(request, "_visitor_kind"):
        user = request.user
        if not user.is_authenticated:
            request._visitor_kind = ()
        else:

            def kind():
                return tuple(sorted({word for hook in hooks("visitor_kind") for word in hook(user)}))

            request._visitor_kind = shared_value(f"visitor-kind:{user.pk}", watched_apps(), kind)
    return request._visitor_kind


def _page_key(request) -> str:
    address = "|".join(
        [
            ",".join(visitor_kind(request)),
            request.get_host(),
            request.get_full_path(),
            get_language() or "",
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Boosted", ""),
        ]
    )
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _without_tokens(request, body: str) -> str | None:
    """The page with the visitor's CSRF token replaced by the placeholder, or None if the page
    holds anything else shaped like a token (then it must not be stored)."""
    secret = request.META.get("CSRF_COOKIE")
    for candidate in set(TOKEN_SHAPED.findall(body)):
        if not secret or len(secret) != CSRF_SECRET_LENGTH or _unmask_cipher_token(candidate) != secret:
            return None
        body = body.replace(candidate, PLACEHOLDER)
    return body


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_for_visitors(*apps: str, timeout: int = TIMEOUT, signed_in: bool = False):
    """Keep the view's page for signed-out visitors until data of `apps` changes (or `timeout`);
    with `signed_in`, also for signed-in people, one copy per kind of visitor (see the module's
    text: only for pages that show nothing personal beyond what the kind decides)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _may_use_cache(request, signed_in):
                return view(request, *args, **kwargs)
            # One round trip: the page and the versions of the data it shows. The versions are read
            # before rendering, so a page made from data that changed meanwhile is stored as old.
            labels = watched_apps() if apps == (EVERY_APP,) else apps
            key, version_keys = _page_key(request), [_version_key(app) for app in labels]
            found = cache.get_many([key, *version_keys])
            versions = tuple(found.get(version_key, 0) for version_key in version_keys)
            stored = found.get(key)
            if stored is not None and stored[0] == versions:
                _versions, content_type, body = stored
                response = HttpResponse(body.replace(PLACEHOLDER, get_token(request)), content_type=content_type)
                # The page holds the visitor's own token: no shared cache on the way may keep it.
                patch_cache_control(response, private=True)
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _storable(response):
                body = _without_tokens(request, response.content.decode(response.charset))
                if body is not None:
                    cache.set(key, (versions, response["Content-Type"], body), timeout)
            patch_cache_control(response, private=True)
            return response

        wrapped.cached_for_signed_in = signed_in
        return wrapped

    return decorator


def _fragment_key(request, name: str) -> str:
    address = "|".join(
        [
            name,
            request.get_host(),
            request.get_full_path(),
            get_language() or "",
            request.headers.get("HX-Request", ""),
        ]
    )
    return "fragment:" + hashlib.sha256(address.encode()).hexdigest()


def shared_value(key: str, apps: tuple[str, ...], compute, *, keep=lambda value: True, timeout: int = TIMEOUT):
    """A value read from the cache while data of `apps` is unchanged, else `compute()`d and stored
    if `keep(value)`: a part of a page or figures that are the same for everyone, or a fact about
    one person that only such data decides (their kind of visitor)."""
    key, version_keys = "pagecache:shared:" + key, [_version_key(app) for app in apps]
    found = cache.get_many([key, *version_keys])
    versions = tuple(found.get(version_key, 0) for version_key in version_keys)
    stored = found.get(key)
    if stored is not None and stored[0] == versions:
        return stored[1]
    value = compute()
    if keep(value):
        cache.set(key, (versions, value), timeout)
    return value


def shared_fragment(request, name: str, apps: tuple[str, ...], render, timeout: int = TIMEOUT) -> str:
    """A part of the page that is the same for everyone asking for this address: from the cache
    while data of `apps` is unchanged, else `render()`d and stored. It is never stored when it
    holds anything shaped like a token (a form with a CSRF token must stay out of it)."""
    if request is None or request.method not in ("GET", "HEAD"):
        return render()
    return shared_value(
        _fragment_key(request, name),
        apps,
        lambda: str(render()),
        keep=lambda output: not TOKEN_SHAPED.search(output),
        timeout=timeout,
    )
