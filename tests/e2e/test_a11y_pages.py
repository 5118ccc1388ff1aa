"""axe-core (WCAG 2.1 A and AA) on every page of the portal, signed out and signed in as each role.

The pages come from tests/pages.py, which the query-count tests check against the URL
configuration, so a new page is visited here as soon as it has an entry there. They are shown
with the demo data (`manage.py seed_demo`: real texts, photos, programmes), as its demo users.
Site administrators and project leaders also get the admin's pages they use: the index, every
changelist and add form, and the change forms of the main objects. The main forms are also
submitted empty, so that their error messages are checked too. Every page of the site must fit
a phone's width without scrolling sideways (WCAG 1.4.10).

Screenshots of the main pages at phone and desktop widths are saved under
test-artifacts/screenshots/ for a person to look at.
"""

import pytest

from devdata.demo.portal import DEMO_PASSWORD
from tests.e2e.conftest import WIDER_THAN_WINDOW, WIDTHS, assert_accessible, screenshot
from tests.pages import ANONYMOUS, PAGES, ROLES, admin_change_pages, admin_pages
from tests.worlds import demo_world

pytestmark = pytest.mark.django_db(transaction=True)

# Pages worth a person's look at both widths (page id, role).
MAIN_PAGES = {
    ("portal:home", ANONYMOUS),
    ("projects:list", ANONYMOUS),
    ("projects:detail", ANONYMOUS),
    ("projects:catalogue[filter]", ANONYMOUS),
    ("projects:occasion-detail", "company_contact"),
    ("projects:company", "company_contact"),
    ("projects:staff", "company_contact"),
    ("projects:enrol", "company_contact"),
    ("events:list", ANONYMOUS),
    ("events:detail", ANONYMOUS),
    ("events:register", "teacher"),
    ("events:my-registrations", "participant"),
    ("ambassadors:list", ANONYMOUS),
    ("ambassadors:detail", "teacher"),
    ("ambassadors:request-visit", "teacher"),
    ("ambassadors:requests", "ambassador"),
    ("ambassadors:my-profile", "ambassador"),
    ("account_login", ANONYMOUS),
    ("admin:index", "project_leader"),
}
# Main forms sent empty (or as they come), to check how their errors are shown: (page id, role).
FORMS_SENT_EMPTY = {
    ("account_signup", ANONYMOUS),
    ("account_login", ANONYMOUS),
    ("account_reset_password", ANONYMOUS),
    ("projects:employee-add", "company_contact"),
    ("projects:enrol", "company_contact"),
    ("ambassadors:request-visit", "teacher"),
}


def _check(page, url: str, label: str, failures: list[str], *, reflow: bool = True) -> None:
    response = page.goto(url)
    if response is None or response.status != 200:
        failures.append(f"{label}: {url} answered {response.status if response else 'nothing'}")
        return
    try:
        assert_accessible(page, context=f"{label} ({url})")
    except AssertionError as error:
        failures.append(str(error))
    if reflow:
        original = page.viewport_size
        page.set_viewport_size({"width": WIDTHS["phone"][0], "height": WIDTHS["phone"][1]})
        width, wide = page.evaluate(WIDER_THAN_WINDOW)
        if width > WIDTHS["phone"][0]:
            failures.append(f"{label}: {width} px wide in a {WIDTHS['phone'][0]} px window; sticking out: {wide}")
        page.set_viewport_size(original)


def _send_empty(page, label: str, failures: list[str]) -> None:
    form = page.locator("main form[method=post]").last
    form.locator("button[type=submit], input[type=submit]").last.click()
    page.wait_for_load_state()
    try:
        assert_accessible(page, context=f"{label}, sent empty ({page.url})")
    except AssertionError as error:
        failures.append(str(error))


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_every_page_passes_axe(role, page, sign_in):
    world = demo_world()
    if role != ANONYMOUS:
        sign_in(world.users[role].email, DEMO_PASSWORD)
    failures: list[str] = []
    for entry in PAGES:
        if not entry.html or role not in entry.who:
            continue
        label = f"{entry.id} as {role}"
        _check(page, entry.url(world), label, failures)
        if (entry.id, role) in MAIN_PAGES:
            screenshot(page, f"{entry.id.replace(':', '-')}-{role}")
        if (entry.id, role) in FORMS_SENT_EMPTY:
            _send_empty(page, label, failures)
    if role in ("site_admin", "project_leader"):
        for admin_page in admin_pages(world.users[role], forms=True) + admin_change_pages(world):
            # Django's admin has its own small-screen layout, with tables that scroll sideways.
            _check(page, admin_page.url, f"{admin_page.id} as {role}", failures, reflow=False)
            if (admin_page.id, role) in MAIN_PAGES:
                screenshot(page, f"{admin_page.id.replace(':', '-')}-{role}")
    assert not failures, f"{len(failures)} pages fail:\n" + "\n".join(failures)
