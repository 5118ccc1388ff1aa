"""Every page of the portal on a phone (390 CSS px), signed out and as each role: nothing wider than the
window, and no word broken inside ("Vän nt eli sta"). Tables turn into lists there (static/css/portal.css,
`table.stack`).

A word counts as broken when the boxes of its letters lie on more than one line (Range.getClientRects).
Breaks after a hyphen, a slash or a soft hyphen are breaks between words; text in elements that allow breaking
anywhere (`overflow-wrap: anywhere`: e-mail addresses and other long tokens) is not judged.

The pages come from tests/pages.py, the demo data and users as in test_a11y_pages.py. Each page is
also saved at 390 and 1280 px in test-artifacts/screenshots/ (NAME-phone.png, NAME-desktop.png),
once per page, as the first role that sees it, and for the pages below as the role named.
"""

import time

import pytest

from devdata.demo.portal import DEMO_PASSWORD
from tests.e2e.conftest import WIDTHS, screenshot
from tests.pages import ANONYMOUS, PAGES, ROLES
from tests.worlds import demo_world

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": WIDTHS["phone"][0], "height": WIDTHS["phone"][1]}
# Pages whose look depends on the role, saved for that role too.
SCREENSHOT_AS = {
    ("projects:company-enrolments", "company_contact"),
    ("projects:staff", "company_contact"),
    ("events:my-registrations", "participant"),
    ("ambassadors:requests", "ambassador"),
}

# Returns [scrollWidth, innerWidth, [broken words with where they are]].
LAYOUT = r"""() => {
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "OPTION", "SELECT", "TITLE"]);
  const judged = (element) => {
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      if (SKIP.has(e.tagName) || e instanceof SVGElement) return false;
      const style = getComputedStyle(e);
      if (style.overflowWrap === "anywhere" || style.display === "none" || style.visibility === "hidden") return false;
      if (e.classList.contains("visually-hidden") || e.classList.contains("skip-link")) return false;
    }
    return true;
  };
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || !judged(node.parentElement)) continue;
    // Words: runs without spaces, cut after a hyphen, dash, slash or soft hyphen (where a line may end).
    const pattern = /[^\s\-–\/\u00ad]+[\-–\/\u00ad]?/g;
    for (let match = pattern.exec(node.data); match; match = pattern.exec(node.data)) {
      if (match[0].length < 2) continue;
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length < 2) continue;
      const tops = rects.map((r) => r.top).sort((a, b) => a - b);
      if (tops[tops.length - 1] - tops[0] > rects[0].height / 2) {
        const where = node.parentElement;
        broken.push(`${match[0]} (in ${where.tagName.toLowerCase()}${where.className ? "." + where.className : ""})`);
      }
    }
  }
  return [document.documentElement.scrollWidth, window.innerWidth, broken.slice(0, 10)];
}"""


def _name(entry_id: str, role: str) -> str:
    return f"{entry_id.replace(':', '-').replace('[', '-').replace(']', '')}-{role}"


@pytest.mark.parametrize("role", [ANONYMOUS, *ROLES])
def test_every_page_fits_a_phone_without_breaking_words(role, page, sign_in):
    world = demo_world()
    page.set_viewport_size(PHONE)
    if role != ANONYMOUS:
        sign_in(world.users[role].email, DEMO_PASSWORD)
    started, failures, visited = time.perf_counter(), [], 0
    first_seen = {}
    for entry in PAGES:
        if entry.html:
            first_seen.setdefault(entry.id, next(r for r in (ANONYMOUS, *ROLES) if r in entry.who))
    for entry in PAGES:
        if not entry.html or role not in entry.who:
            continue
        url = entry.url(world)
        response = page.goto(url)
        visited += 1
        if response is None or response.status != 200:
            failures.append(f"{entry.id}: {url} answered {response.status if response else 'nothing'}")
            continue
        width, window, broken = page.evaluate(LAYOUT)
        if width > window:
            failures.append(f"{entry.id}: {width} px wide in a {window} px window ({url})")
        if broken:
            failures.append(f"{entry.id}: words broken inside: {', '.join(broken)} ({url})")
        if first_seen.get(entry.id) == role or (entry.id, role) in SCREENSHOT_AS:
            screenshot(page, _name(entry.id, role))
            page.set_viewport_size(PHONE)
    print(f"\n{visited} pages as {role} in {time.perf_counter() - started:.1f} s")  # noqa: T201
    assert not failures, f"{len(failures)} pages do not fit a phone:\n" + "\n".join(failures)
