"""Every page of the portal, taken from the URL configuration, with who sees it and how to reach it.

The query-count tests (tests/perf) and the accessibility tests (tests/e2e/test_a11y_pages.py) both
walk this catalogue. `test_every_url_is_in_the_catalogue` fails when a URL is added to the
configuration without an entry here (or in NOT_PAGES, with the reason), so a new page cannot be
missed by either.

Entries name the objects they need by the attributes of a `World` (tests/worlds.py builds one from
the demo data for the browser tests and one that grows for the query counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ANONYMOUS = "anonymous"
ROLES = ("site_admin", "project_leader", "company_contact", "teacher", "ambassador", "participant")
EVERYONE = (ANONYMOUS, *ROLES)
SIGNED_IN = ROLES


@dataclass
class World:
    """The objects pages are shown for, and one signed-in user per role."""

    users: dict[str, Any]
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True)
class Page:
    name: str
    who: tuple[str, ...] = EVERYONE
    kwargs: Callable[[World], dict] = lambda world: {}
    query: Callable[[World], dict] | None = None
    label: str = ""
    html: bool = True  # False: a file (feed, calendar, CSV, JSON): query counts, but no axe
    # A list, or an object with a list: shows more when there is more data (the query test checks
    # it does), for everyone (True) or for these roles.
    grows: bool | tuple[str, ...] = False

    def grows_for(self, role: str) -> bool:
        return self.grows is True or (isinstance(self.grows, tuple) and role in self.grows)

    @property
    def id(self) -> str:
        return f"{self.name}[{self.label}]" if self.label else self.name

    def url(self, world: World) -> str:
        address = reverse(self.name, kwargs=self.kwargs(world))
        return f"{address}?{urlencode(self.query(world))}" if self.query else address


def _unsubscribe_token(world):
    from portal.mail_settings import REMINDERS, unsubscribe_token

    return unsubscribe_token(world.users["participant"], REMINDERS)


def _news_month(world):
    published = world.news_post.published_at
    return {"year": published.year, "month": published.month}


PAGES = [
    # --- Portal ---------------------------------------------------------------------------------
    Page("portal:home", grows=True),
    Page("portal:account", SIGNED_IN),
    Page("portal:data-export", SIGNED_IN, html=False),
    Page("portal:account-delete", SIGNED_IN),
    Page("portal:mail-settings", SIGNED_IN),
    Page("portal:unsubscribe", kwargs=lambda w: {"token": _unsubscribe_token(w)}),
    Page("portal:accessibility"),
    Page("portal:cookies"),
    # --- Accounts (django-allauth) ------------------------------------------------------------------
    Page("account_login", (ANONYMOUS,)),
    Page("account_signup", (ANONYMOUS,)),
    Page("account_reset_password", (ANONYMOUS,)),
    Page("account_reset_password_done", (ANONYMOUS,)),
    Page("account_reset_password_from_key", (ANONYMOUS,), kwargs=lambda w: w.password_reset),
    Page("account_reset_password_from_key_done", (ANONYMOUS,)),
    Page("account_confirm_email", (ANONYMOUS,), kwargs=lambda w: {"key": w.email_confirmation_key}),
    Page("account_email_verification_sent", (ANONYMOUS,)),
    Page("account_inactive", (ANONYMOUS,)),
    Page("account_logout", SIGNED_IN),
    Page("account_email", SIGNED_IN),
    Page("account_change_password", SIGNED_IN),
    Page("account_reauthenticate", SIGNED_IN),
    Page("mfa_index", SIGNED_IN),
    # --- Projects and news ----------------------------------------------------------------------
    Page("projects:list", grows=True),
    Page("projects:detail", kwargs=lambda w: {"slug": w.project.slug}, grows=True),
    Page("projects:news", grows=True),
    Page("projects:news-month", kwargs=_news_month, grows=True),
    Page("projects:news-rss", html=False, grows=True),
    Page("projects:news-atom", html=False, grows=True),
    Page("projects:project-news", kwargs=lambda w: {"project_slug": w.project.slug}, grows=True),
    Page(
        "projects:project-news-month", kwargs=lambda w: {"project_slug": w.project.slug, **_news_month(w)}, grows=True
    ),
    Page("projects:project-news-rss", kwargs=lambda w: {"project_slug": w.project.slug}, html=False, grows=True),
    Page("projects:project-news-atom", kwargs=lambda w: {"project_slug": w.project.slug}, html=False, grows=True),
    Page("projects:news-detail", kwargs=lambda w: {"project_slug": w.news_post.project.slug, "slug": w.news_post.slug}),
    # --- The course catalogue -------------------------------------------------------------------
    Page("projects:catalogue"),
    Page("projects:catalogue", label="filter", query=lambda w: {"project": w.project.slug, "free": "on"}, grows=True),
    Page("projects:catalogue", label="search", query=lambda w: {"q": w.course_words}, grows=True),
    Page("projects:course-detail", kwargs=lambda w: {"pk": w.course.pk}, grows=True),
    Page("projects:occasion-detail", kwargs=lambda w: {"pk": w.occasion.pk}, grows=("company_contact",)),
    Page("projects:occasion-ics", kwargs=lambda w: {"pk": w.occasion.pk}, html=False),
    # --- Mitt företag ---------------------------------------------------------------------------
    # A contact of one company goes straight on to its page; the others see the list (or that they have none).
    Page("projects:company-index", tuple(r for r in SIGNED_IN if r != "company_contact")),
    Page("projects:company", ("company_contact",), kwargs=lambda w: {"company_pk": w.company.pk}, grows=True),
    Page("projects:staff", ("company_contact",), kwargs=lambda w: {"company_pk": w.company.pk}, grows=True),
    Page(
        "projects:staff",
        ("company_contact",),
        kwargs=lambda w: {"company_pk": w.company.pk},
        label="search",
        query=lambda w: {"q": w.employee.last_name},
    ),
    Page("projects:employee-add", ("company_contact",), kwargs=lambda w: {"company_pk": w.company.pk}),
    Page("projects:staff-import", ("company_contact",), kwargs=lambda w: {"company_pk": w.company.pk}),
    Page(
        "projects:staff-export",
        ("company_contact",),
        kwargs=lambda w: {"company_pk": w.company.pk},
        html=False,
        grows=True,
    ),
    Page(
        "projects:employee-edit",
        ("company_contact",),
        kwargs=lambda w: {"company_pk": w.company.pk, "pk": w.employee.pk},
    ),
    Page(
        "projects:employee-delete",
        ("company_contact",),
        kwargs=lambda w: {"company_pk": w.company.pk, "pk": w.employee.pk},
        grows=True,
    ),
    Page(
        "projects:company-enrolments", ("company_contact",), kwargs=lambda w: {"company_pk": w.company.pk}, grows=True
    ),
    Page(
        "projects:company-enrolments",
        ("company_contact",),
        kwargs=lambda w: {"company_pk": w.company.pk},
        label="past",
        query=lambda w: {"visa": "tidigare"},
        grows=True,
    ),
    Page(
        "projects:enrolment-cancel",
        ("company_contact",),
        kwargs=lambda w: {"company_pk": w.company.pk, "pk": w.enrolment.pk},
    ),
    Page(
        "projects:enrol",
        ("company_contact",),
        kwargs=lambda w: {"company_pk": w.company.pk, "occasion_pk": w.occasion.pk},
        grows=True,
    ),
    Page("projects:company-needs", ("company_contact",), kwargs=lambda w: {"company_pk": w.company.pk}, grows=True),
    # --- Events -----------------------------------------------------------------------------------
    Page("events:list", grows=True),
    Page("events:list", label="past", query=lambda w: {"when": "past"}, grows=True),
    Page("events:detail", kwargs=lambda w: {"slug": w.event.slug}, grows=True),
    Page(
        "events:detail",
        ("participant",),
        kwargs=lambda w: {"slug": w.registration.event.slug},
        label="registered",
        grows=True,
    ),
    Page(
        "events:register",
        tuple(r for r in SIGNED_IN if r != "participant"),
        kwargs=lambda w: {"slug": w.event.slug},
        grows=True,
    ),
    Page("events:ics", kwargs=lambda w: {"slug": w.event.slug}, html=False),
    Page(
        "events:follow-up",
        ("anonymous", "project_leader"),
        kwargs=lambda w: {"slug": w.round_table_event.slug},
        grows=True,
    ),
    Page("events:my-registrations", SIGNED_IN, grows=("participant",)),
    Page("events:registration-edit", ("participant",), kwargs=lambda w: {"pk": w.registration.pk}),
    Page("events:registration-cancel", ("participant",), kwargs=lambda w: {"pk": w.registration.pk}),
    Page("events:my-speed-date", ("participant",), kwargs=lambda w: {"pk": w.speed_date_registration.pk}, grows=True),
    Page("events:feed", (ANONYMOUS,), kwargs=lambda w: {"token": w.calendar_feed.token}, html=False, grows=True),
    # --- Ambassadors ------------------------------------------------------------------------------
    Page("ambassadors:list", grows=True),
    Page("ambassadors:list", label="search", query=lambda w: {"q": w.ambassador_words}, grows=True),
    Page(
        "ambassadors:list",
        label="filter",
        query=lambda w: {"yrke": w.ambassador.profession.slug, "format": "digitalt"},
        grows=True,
    ),
    Page("ambassadors:detail", kwargs=lambda w: {"slug": w.ambassador.slug}, grows=True),
    Page("ambassadors:request-visit", SIGNED_IN, kwargs=lambda w: {"slug": w.ambassador.slug}),
    Page("ambassadors:my-profile", ("ambassador",), grows=True),
    Page("ambassadors:consent-withdraw", ("ambassador",)),
    Page("ambassadors:requests", ("project_leader", "teacher", "ambassador"), grows=True),
    Page(
        "ambassadors:request-detail", ("teacher", "ambassador"), kwargs=lambda w: {"pk": w.visit_request.pk}, grows=True
    ),
    Page("ambassadors:feedback", ("teacher",), kwargs=lambda w: {"pk": w.visit_for_feedback.pk}),
    Page("ambassadors:request-ics", ("teacher",), kwargs=lambda w: {"pk": w.visit_for_feedback.pk}, html=False),
    Page("ambassadors:invitation", ("participant",), kwargs=lambda w: {"token": w.invitation_token}),
]

# Addresses in the URL configuration that are not pages to show, and why.
NOT_PAGES = {
    "set_language": "POST only: the language switch on every page",
    "healthz": "health check for load balancers (JSON), not a page; tests/portal/test_health.py",
    "ping": "bare view for load balancers and the benchmarks' baseline; tests/portal/test_views.py",
    "account_set_password": "only for accounts without a password, which the portal never creates",
    "account_confirm_login_code": "sign-in by e-mailed code is not switched on",
    # allauth 65.22: proving who one is again with an e-mailed code instead of the password. The portal
    # reauthenticates by password only (ACCOUNT_REAUTHENTICATION_METHODS), so both answer 403 to the
    # signed in and send the signed out to the login page (tests/security/test_access_matrix.py).
    # Two-factor sign-in: each of these needs a state the catalogue's people are not in (a password
    # given again just now, an authenticator set up, a sign-in waiting for its code); the journey is in
    # tests/security/test_two_factor.py.
    "mfa_authenticate": "only within a sign-in that waits for the second factor",
    "mfa_reauthenticate": "reauthentication is by password only",
    "mfa_activate_totp": "opens after the password is given again",
    "mfa_deactivate_totp": "only with an authenticator set up",
    "mfa_view_recovery_codes": "only with an authenticator set up",
    "mfa_generate_recovery_codes": "opens after the password is given again",
    "mfa_download_recovery_codes": "only with an authenticator set up",
    "account_request_reauthentication_code": "reauthentication by e-mailed code is not switched on",
    "account_confirm_reauthentication_code": "reauthentication by e-mailed code is not switched on",
    "ambassadors:discard-changes": "POST only (a button on Min profil)",
    "ambassadors:consent-give": "POST only (a form on Min profil)",
    "ambassadors:request-action": "POST only (the answer buttons on a visit request)",
    "ambassadors:photo": "an image file, guarded per profile; tests/ambassadors/test_images.py",
    "events:feed-renew": "POST only (a button on Mina anmälningar)",
    "projects:participation-answer": "POST only (the answer buttons on Mitt företag)",
    "events:action-item-update": "POST only (the status form on the round tables' follow-up)",
}


def url_names(patterns=None, namespace: str | None = None) -> set[str]:
    """Every named URL of the site except the admin's (which `admin_pages` lists from the registry)."""
    names: set[str] = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


@dataclass(frozen=True)
class AdminPage:
    url: str
    id: str
    model: Any = None


# Change forms (with their inlines) of the objects project leaders edit most: World attributes.
ADMIN_CHANGE_FORMS = ["project", "course", "occasion", "event", "round_table_event", "ambassador", "visit_request"]


def admin_change_pages(world: World) -> list[AdminPage]:
    pages = []
    for name in ADMIN_CHANGE_FORMS:
        obj = getattr(world, name)
        opts = obj._meta
        pages.append(
            AdminPage(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
                f"admin:{opts.label_lower}:change",
                obj._meta.model,
            )
        )
    return pages


def admin_pages(user, *, forms: bool = False) -> list[AdminPage]:
    """The admin's index and the changelist of every model the user may view (from the admin
    registry, so a newly registered model is included); with `forms`, also the add form of each
    model the user may add."""
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    pages = [AdminPage(reverse("admin:index"), "admin:index")]
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        opts = model._meta
        if model_admin.has_view_or_change_permission(request):
            pages.append(
                AdminPage(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                    f"admin:{opts.label_lower}:changelist",
                    model,
                )
            )
        if forms and model_admin.has_add_permission(request):
            pages.append(
                AdminPage(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), f"admin:{opts.label_lower}:add", model
                )
            )
    return pages
