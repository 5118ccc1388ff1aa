"""Who may open which page: every URL of the portal, as every kind of user.

The list of URLs comes from the URL configuration itself, and `test_every_url_has_a_rule` fails
for a URL name without a rule below, so a new view cannot be added without deciding who may see
it. Each rule builds the URL's arguments from the shared world (tests/security/world.py: two
projects, two companies, their people and their data) and says what each actor gets:

    "200"       the page
    "login"     a redirect to the login page
    "redirect"  a redirect elsewhere (e.g. back to a list, with a message)
    "403"/"404" refused; another company's or project's objects are "not found", so that
                an id reveals nothing
    "400"/"405" a bad request / a method the view does not take

/admin/ has its own matrix (test_admin_matrix.py). allauth's pages are checked explicitly at the
end of this file, against the list of allauth's URL names.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from .world import ACTORS, photo_kwargs

pytestmark = pytest.mark.django_db

SIGNED_IN = [actor for actor in ACTORS if actor != "anonymous"]


def everyone(outcome: str, **overrides) -> dict[str, str]:
    return {actor: overrides.get(actor, outcome) for actor in ACTORS}


def signed_in(outcome: str, **overrides) -> dict[str, str]:
    """Anonymous visitors are sent to the login page; signed-in users get `outcome` unless overridden."""
    return {"anonymous": overrides.get("anonymous", "login"), **{a: overrides.get(a, outcome) for a in SIGNED_IN}}


def only(default: str = "404", **allowed) -> dict[str, str]:
    """A page for some signed-in actors only; everyone else signed in gets `default`."""
    return signed_in(default, **allowed)


@dataclass
class Case:
    expect: dict[str, str]
    kwargs: Callable = field(default=lambda w: {})
    method: str = "get"
    data: Callable = field(default=lambda w: {})
    label: str = ""


# --- The rules ------------------------------------------------------------------------------------

COMPANY_A_ONLY = only(contact_a="200")


def company(w):
    return {"company_pk": w.a.company.pk}


RULES: dict[str, list[Case]] = {
    # Portal
    "portal:home": [Case(everyone("200"))],
    "portal:account": [Case(signed_in("200"))],
    "portal:data-export": [Case(signed_in("200"))],
    "portal:account-delete": [Case(signed_in("200"))],
    "portal:mail-settings": [Case(signed_in("200"))],
    # The signed link works without a session (the one-click POST of RFC 8058 has none); an altered
    # token is refused for everyone (tests/portal/test_mail_settings.py has the real ones).
    "portal:unsubscribe": [
        Case(everyone("400"), kwargs=lambda w: {"token": "altered"}),
        Case(
            everyone("400"),
            kwargs=lambda w: {"token": "altered"},
            method="post",
            data=lambda w: {"List-Unsubscribe": "One-Click"},
            label="one-click",
        ),
    ],
    "portal:accessibility": [Case(everyone("200"))],
    "portal:cookies": [Case(everyone("200"))],
    "healthz": [Case(everyone("200"))],
    "ping": [Case(everyone("200"))],
    "set_language": [Case(everyone("redirect"), method="post", data=lambda w: {"language": "sv", "next": "/"})],
    # Projects and news: public once published
    "projects:list": [Case(everyone("200"))],
    "projects:news": [Case(everyone("200")), Case(everyone("404"), data=lambda w: {"page": "2"}, label="page 2")],
    "projects:news-rss": [Case(everyone("200"))],
    "projects:news-atom": [Case(everyone("200"))],
    "projects:news-month": [
        Case(everyone("200"), kwargs=lambda w: _month(w.a.news)),
        Case(everyone("404"), kwargs=lambda w: {"year": 1999, "month": 1}, label="empty month"),
    ],
    "projects:detail": [
        Case(everyone("200"), kwargs=lambda w: {"slug": w.a.project.slug}),
        Case(everyone("404"), kwargs=lambda w: {"slug": w.draft_project.slug}, label="draft"),
    ],
    "projects:project-news": [
        Case(everyone("200"), kwargs=lambda w: {"project_slug": w.a.project.slug}),
        Case(everyone("404"), kwargs=lambda w: {"project_slug": w.draft_project.slug}, label="draft"),
    ],
    "projects:project-news-rss": [Case(everyone("200"), kwargs=lambda w: {"project_slug": w.a.project.slug})],
    "projects:project-news-atom": [Case(everyone("200"), kwargs=lambda w: {"project_slug": w.a.project.slug})],
    "projects:project-news-month": [
        Case(everyone("200"), kwargs=lambda w: {"project_slug": w.a.project.slug, **_month(w.a.news)}),
        Case(
            everyone("404"),
            kwargs=lambda w: {"project_slug": w.draft_project.slug, **_month(w.a.news)},
            label="draft project",
        ),
    ],
    "projects:news-detail": [
        Case(everyone("200"), kwargs=lambda w: {"project_slug": w.a.project.slug, "slug": w.a.news.slug}),
        Case(
            everyone("404"),
            kwargs=lambda w: {"project_slug": w.a.project.slug, "slug": w.a.news_draft.slug},
            label="draft",
        ),
        Case(
            everyone("404"),
            kwargs=lambda w: {"project_slug": w.b.project.slug, "slug": w.a.news.slug},
            label="under another project",
        ),
    ],
    # The course catalogue: public for published projects
    "projects:catalogue": [Case(everyone("200"))],
    "projects:course-detail": [
        Case(everyone("200"), kwargs=lambda w: {"pk": w.a.course.pk}),
        Case(everyone("404"), kwargs=lambda w: {"pk": w.draft_course.pk}, label="draft project"),
    ],
    "projects:occasion-detail": [Case(everyone("200"), kwargs=lambda w: {"pk": w.a.occasion.pk})],
    "projects:occasion-ics": [Case(everyone("200"), kwargs=lambda w: {"pk": w.a.occasion.pk})],
    # Mitt företag: the company's contacts only; for anyone else the company does not exist
    "projects:company-index": [Case(signed_in("200", contact_a="redirect", contact_b="redirect"))],
    "projects:company": [Case(COMPANY_A_ONLY, kwargs=company)],
    "projects:staff": [Case(COMPANY_A_ONLY, kwargs=company)],
    "projects:employee-add": [
        Case(COMPANY_A_ONLY, kwargs=company),
        Case(
            only(contact_a="200"),
            kwargs=company,
            method="post",
            data=lambda w: {"first_name": ""},
            label="post invalid",
        ),
    ],
    "projects:staff-import": [Case(COMPANY_A_ONLY, kwargs=company)],
    "projects:staff-export": [Case(COMPANY_A_ONLY, kwargs=company)],
    "projects:employee-edit": [
        Case(COMPANY_A_ONLY, kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.a.employee.pk}),
        Case(
            only(),
            kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.b.employee.pk},
            label="other company's employee",
        ),
        Case(
            only(),
            kwargs=lambda w: {"company_pk": w.b.company.pk, "pk": w.a.employee.pk},
            label="employee under the wrong company",
        ),
    ],
    "projects:employee-delete": [
        Case(COMPANY_A_ONLY, kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.a.employee.pk}),
        Case(
            only(contact_a="redirect"),
            kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.a.employee.pk},
            method="post",
            label="post",
        ),
        Case(
            only(),
            kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.b.employee.pk},
            method="post",
            label="post other company's employee",
        ),
    ],
    "projects:company-enrolments": [Case(COMPANY_A_ONLY, kwargs=company)],
    "projects:enrolment-cancel": [
        Case(COMPANY_A_ONLY, kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.a.enrolment.pk}),
        Case(
            only(),
            kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.b.enrolment.pk},
            method="post",
            label="post other company's enrolment",
        ),
    ],
    "projects:enrol": [
        Case(COMPANY_A_ONLY, kwargs=lambda w: {"company_pk": w.a.company.pk, "occasion_pk": w.a.occasion.pk}),
        # Any company may enrol staff on any public occasion, but only its own staff.
        Case(
            only(contact_a="200"),
            kwargs=lambda w: {"company_pk": w.a.company.pk, "occasion_pk": w.b.occasion.pk},
            method="post",
            data=lambda w: {"employees": [w.b.employee_free.pk]},
            label="post other company's employee",
        ),
    ],
    "projects:company-needs": [Case(COMPANY_A_ONLY, kwargs=company)],
    # The company's answer to a project that asked it to take part: its own contact only.
    "projects:participation-answer": [
        Case(
            only(contact_a="redirect"),
            kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.request_to_a.pk, "answer": "tacka-nej"},
            method="post",
        ),
        Case(
            only(contact_a="405"),
            kwargs=lambda w: {"company_pk": w.a.company.pk, "pk": w.request_to_a.pk, "answer": "tacka-ja"},
            label="get",
        ),
        Case(
            only(),
            kwargs=lambda w: {"company_pk": w.b.company.pk, "pk": w.request_to_a.pk, "answer": "tacka-ja"},
            method="post",
            label="another company's request",
        ),
    ],
    # Events
    "events:list": [Case(everyone("200"))],
    "events:my-registrations": [Case(signed_in("200"))],
    "events:registration-edit": [Case(only(user="200"), kwargs=lambda w: {"pk": w.registration.pk})],
    "events:registration-cancel": [
        Case(only(user="200"), kwargs=lambda w: {"pk": w.registration.pk}),
        Case(only(user="redirect"), kwargs=lambda w: {"pk": w.registration.pk}, method="post", label="post"),
    ],
    "events:my-speed-date": [
        Case(only(user="200"), kwargs=lambda w: {"pk": w.registration.pk}),
        Case(only(), kwargs=lambda w: {"pk": w.b.registration.pk}, label="not in a speed-date"),
    ],
    "events:feed-renew": [
        Case(signed_in("redirect"), method="post"),
        Case(signed_in("405"), label="get"),
    ],
    # The calendar feed has no login: its long random token is the key.
    "events:feed": [
        Case(everyone("200"), kwargs=lambda w: {"token": w.feed.token}),
        Case(everyone("404"), kwargs=lambda w: {"token": "x" * 43}, label="unknown token"),
    ],
    "events:action-item-update": [
        Case(
            only(leader_a="redirect", admin="redirect"),
            kwargs=lambda w: {"pk": w.a.action_item.pk},
            method="post",
            data=lambda w: {f"item-{w.a.action_item.pk}-status": "done"},
        ),
    ],
    "events:detail": [
        Case(everyone("200"), kwargs=lambda w: {"slug": w.a.event.slug}),
        Case(
            everyone("404", leader_a="200", admin="200"), kwargs=lambda w: {"slug": w.a.event_draft.slug}, label="draft"
        ),
    ],
    "events:register": [
        Case(signed_in("200", user="redirect", teacher="redirect"), kwargs=lambda w: {"slug": w.a.event.slug}),
        # A draft's existence is not revealed to anonymous visitors either.
        Case(
            only(leader_a="200", admin="200", anonymous="404"),
            kwargs=lambda w: {"slug": w.a.event_draft.slug},
            label="draft",
        ),
    ],
    "events:ics": [
        Case(everyone("200"), kwargs=lambda w: {"slug": w.a.event.slug}),
        Case(
            everyone("404", leader_a="200", admin="200"), kwargs=lambda w: {"slug": w.a.event_draft.slug}, label="draft"
        ),
    ],
    "events:follow-up": [
        Case(everyone("200"), kwargs=lambda w: {"slug": w.a.event.slug}),
        Case(everyone("404"), kwargs=lambda w: {"slug": w.plain_event.slug}, label="no round tables"),
        Case(everyone("404"), kwargs=lambda w: {"slug": w.a.event_draft.slug}, label="draft without tables"),
    ],
    # Ambassadors
    "ambassadors:list": [Case(everyone("200"))],
    "ambassadors:detail": [
        Case(everyone("200"), kwargs=lambda w: {"slug": w.ambassador_profile.slug}),
        Case(
            everyone("404", leader_a="200", admin="200"),
            kwargs=lambda w: {"slug": w.a.ambassador_hidden.slug},
            label="unpublished",
        ),
    ],
    # The link in an invitation to take a profile: for the account with the invited address only.
    "ambassadors:invitation": [
        Case(signed_in("403", user="200"), kwargs=lambda w: {"token": w.invitation_token}),
        Case(signed_in("404"), kwargs=lambda w: {"token": "x" * 40}, label="altered"),
        # Accepting: the invited account goes to its profile; anyone else back to the link's page.
        Case(signed_in("redirect"), kwargs=lambda w: {"token": w.invitation_token}, method="post", label="post"),
    ],
    "ambassadors:photo": [
        Case(everyone("200"), kwargs=lambda w: photo_kwargs(w.ambassador_profile)),
        Case(
            everyone("404", leader_a="200", admin="200"),
            kwargs=lambda w: photo_kwargs(w.a.ambassador_hidden),
            label="unpublished",
        ),
        Case(
            everyone("404"),
            kwargs=lambda w: {"pk": w.ambassador_profile.pk, "filename": "annan.jpg"},
            label="another file name",
        ),
    ],
    "ambassadors:request-visit": [
        # Teachers get the form; anyone else signed in is told that it is for teachers.
        Case(signed_in("200"), kwargs=lambda w: {"slug": w.ambassador_profile.slug}),
        Case(only(), kwargs=lambda w: {"slug": w.a.ambassador_hidden.slug}, label="unpublished"),
    ],
    "ambassadors:my-profile": [Case(only(ambassador="200"))],
    "ambassadors:discard-changes": [Case(only(ambassador="redirect"), method="post")],
    "ambassadors:consent-give": [Case(only(ambassador="redirect"), method="post")],
    "ambassadors:consent-withdraw": [Case(only(ambassador="200"))],
    "ambassadors:requests": [Case(signed_in("200"))],
    "ambassadors:request-detail": [
        # To an ambassador with an account: the teacher who asked and the ambassador.
        Case(only(teacher="200", ambassador="200"), kwargs=lambda w: {"pk": w.visit_request_own.pk}),
        # To an ambassador without an account: the project's leaders answer for them.
        Case(
            only(teacher="200", leader_a="200", admin="200"),
            kwargs=lambda w: {"pk": w.a.visit_request_plain.pk},
            label="ambassador without account",
        ),
    ],
    "ambassadors:request-ics": [
        # Only a booked visit has a file (tests/ambassadors/test_visit_calendar.py: both sides get it).
        Case(only(), kwargs=lambda w: {"pk": w.visit_request_own.pk}, label="not booked"),
    ],
    "ambassadors:feedback": [
        # Not yet visited: the parties are sent back to the request; others find nothing.
        Case(only(teacher="redirect", ambassador="redirect"), kwargs=lambda w: {"pk": w.visit_request_own.pk}),
    ],
    "ambassadors:request-action": [
        Case(
            only(teacher="redirect", ambassador="redirect"),
            kwargs=lambda w: {"pk": w.visit_request_own.pk, "action": "decline"},
            method="post",
        ),
        Case(
            only(teacher="redirect", leader_a="redirect", admin="redirect"),
            kwargs=lambda w: {"pk": w.a.visit_request_plain.pk, "action": "decline"},
            method="post",
            label="ambassador without account",
        ),
        Case(
            only(),
            kwargs=lambda w: {"pk": w.visit_request_own.pk, "action": "hacka"},
            method="post",
            label="unknown action",
        ),
    ],
}


def _month(post) -> dict:
    local = timezone.localtime(post.published_at)
    return {"year": local.year, "month": local.month}


# --- The URL configuration, walked -----------------------------------------------------------------


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


def _is_admin(route: str) -> bool:
    return route.startswith("admin/")


def _is_allauth(pattern: URLPattern) -> bool:
    return pattern.lookup_str.startswith("allauth.")


def portal_urls() -> list[tuple[str, str | None]]:
    return [
        (route, name)
        for route, name, pattern in _walk(get_resolver().url_patterns)
        if not _is_admin(route) and not _is_allauth(pattern)
    ]


def allauth_urls() -> list[tuple[str, str | None]]:
    return [(route, name) for route, name, pattern in _walk(get_resolver().url_patterns) if _is_allauth(pattern)]


def test_every_url_has_a_rule():
    urls = portal_urls()
    unnamed = [route for route, name in urls if not name]
    assert not unnamed, f"URLs without a name cannot be given a rule: {unnamed}"
    names = {name for _route, name in urls}
    missing = sorted(names - set(RULES))
    assert not missing, f"No access rule for {missing}: add one to RULES in {__file__} saying who may open the page."
    stale = sorted(set(RULES) - names)
    assert not stale, f"Rules for URLs that no longer exist: {stale}"


def test_every_rule_covers_every_actor():
    for name, cases in RULES.items():
        for case in cases:
            assert set(case.expect) == set(ACTORS), (name, case.label)


def test_the_matrix_walks_the_whole_url_configuration():
    """A control: the walk finds URLs of every app and the namespaces of nested includes."""
    names = {name for _route, name in portal_urls()}
    assert {"portal:home", "projects:enrol", "events:feed", "ambassadors:photo", "healthz"} <= names
    assert "account_login" in {name for _route, name in allauth_urls()}


# --- Requesting every case as every actor ----------------------------------------------------------


def outcome_of(response) -> str:
    if response.status_code in (301, 302, 303, 307):
        target = urlparse(response["Location"]).path
        return "login" if target == reverse("account_login") else "redirect"
    return str(response.status_code)


def _cases():
    for name, cases in RULES.items():
        for index, case in enumerate(cases):
            for actor in ACTORS:
                label = f"{name}[{case.label}]" if case.label else name
                yield pytest.param(name, index, actor, id=f"{label}-{actor}")


@pytest.mark.parametrize(("name", "index", "actor"), list(_cases()))
def test_access(world, as_actor, name, index, actor):
    case = RULES[name][index]
    client = as_actor(actor)
    path = reverse(name, kwargs=case.kwargs(world) or None)
    response = getattr(client, case.method)(path, case.data(world))
    assert outcome_of(response) == case.expect[actor], (
        f"{case.method.upper()} {path} as {actor}: got {response.status_code} "
        f"{response.get('Location', '')}, expected {case.expect[actor]}"
    )


# --- allauth's own pages ----------------------------------------------------------------------------

# What allauth answers, checked so that an upgrade that changes it is noticed. Keyed by URL name,
# with the URL's arguments where it takes any.
ALLAUTH_RULES: dict[str, tuple[dict, dict[str, str]]] = {
    "account_login": ({}, {"anonymous": "200", "signed_in": "redirect"}),
    "account_signup": ({}, {"anonymous": "200", "signed_in": "redirect"}),
    "account_logout": ({}, {"anonymous": "redirect", "signed_in": "200"}),
    "account_inactive": ({}, {"anonymous": "200", "signed_in": "200"}),
    "account_reauthenticate": ({}, {"anonymous": "login", "signed_in": "200"}),
    # Reauthentication by e-mailed code: off (password only), so refused even to the account's owner.
    "account_request_reauthentication_code": ({}, {"anonymous": "login", "signed_in": "403"}),
    "account_confirm_reauthentication_code": ({}, {"anonymous": "login", "signed_in": "403"}),
    "account_email": ({}, {"anonymous": "login", "signed_in": "200"}),
    "account_email_verification_sent": ({}, {"anonymous": "200", "signed_in": "200"}),
    "account_change_password": ({}, {"anonymous": "login", "signed_in": "200"}),
    "account_set_password": ({}, {"anonymous": "login", "signed_in": "redirect"}),
    "account_reset_password": ({}, {"anonymous": "200", "signed_in": "200"}),
    "account_confirm_login_code": ({}, {"anonymous": "login", "signed_in": "redirect"}),
    "account_confirm_email": ({"key": "ogiltig-nyckel"}, {"anonymous": "200", "signed_in": "200"}),
    "account_reset_password_from_key_done": ({}, {"anonymous": "200", "signed_in": "200"}),
    "account_reset_password_from_key": (
        {"uidb36": "zz", "key": "ogiltig-nyckel"},
        {"anonymous": "200", "signed_in": "200"},
    ),
    "account_reset_password_done": ({}, {"anonymous": "200", "signed_in": "200"}),
    # Two-factor sign-in (allauth.mfa). The signed-in account here has no authenticator yet.
    "mfa_index": ({}, {"anonymous": "login", "signed_in": "200"}),
    "mfa_authenticate": (
        {},
        {"anonymous": "login", "signed_in": "redirect"},
    ),  # only within a sign-in that waits for the second factor
    "mfa_reauthenticate": ({}, {"anonymous": "login", "signed_in": "403"}),  # reauthentication is by password only
    "mfa_activate_totp": ({}, {"anonymous": "login", "signed_in": "redirect"}),  # to the password first
    "mfa_deactivate_totp": ({}, {"anonymous": "login", "signed_in": "404"}),  # nothing to switch off yet
    "mfa_view_recovery_codes": ({}, {"anonymous": "login", "signed_in": "404"}),
    "mfa_generate_recovery_codes": ({}, {"anonymous": "login", "signed_in": "redirect"}),  # to the password first
    "mfa_download_recovery_codes": ({}, {"anonymous": "login", "signed_in": "404"}),
}


def test_every_allauth_url_has_a_rule():
    names = {name for _route, name in allauth_urls()}
    assert names == set(ALLAUTH_RULES), (
        f"allauth's URLs changed: new {sorted(names - set(ALLAUTH_RULES))}, gone {sorted(set(ALLAUTH_RULES) - names)}"
    )


@pytest.mark.parametrize("who", ["anonymous", "signed_in"])
@pytest.mark.parametrize("name", sorted(ALLAUTH_RULES))
def test_allauth_pages(world, as_actor, name, who):
    kwargs, expect = ALLAUTH_RULES[name]
    client = as_actor("anonymous" if who == "anonymous" else "user")
    response = client.get(reverse(name, kwargs=kwargs or None))
    assert outcome_of(response) == expect[who], (
        f"{name} as {who}: {outcome_of(response)} {response.get('Location', '')}"
    )
