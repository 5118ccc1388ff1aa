"""The main journeys with the keyboard alone: Tab and Shift+Tab to move, Enter and Space to act,
arrow keys in lists and radio groups, and typing. No clicks, no filling fields from the test.

Each step also checks that the element reached shows where the focus is (WCAG 2.4.7), and the
journey reaches every control in a reasonable number of presses (a control that Tab never reaches
fails the test).
"""

import datetime
import re

import pytest
from django.utils import timezone

from ambassadors.models import VisitRequest
from events.models import Registration
from projects.models import Enrolment
from tests.ambassadors.factories import ProfessionFactory, published_ambassador
from tests.events.factories import EventFactory, TrackFactory
from tests.factories import PASSWORD, CompanyFactory, SchoolFactory, UserFactory, company_contact, teacher
from tests.projects.factories import EmployeeFactory, OccasionFactory

pytestmark = pytest.mark.django_db(transaction=True)

MAX_PRESSES = 60
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const labels = e.labels ? [...e.labels].map(l => l.innerText).join(" ") : "";
  const name = e.getAttribute("aria-label") || labels || e.innerText || e.value || "";
  const style = getComputedStyle(e);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const selected = e.tagName === "SELECT" && e.selectedIndex >= 0 ? e.options[e.selectedIndex].text : "";
  return {tag: e.tagName.toLowerCase(), type: e.type || "", name: name.replace(/\\s+/g, " ").trim(),
          shown: outline || style.boxShadow !== "none", selected, checked: !!e.checked};
}"""


class Keyboard:
    """Moves through a page as a keyboard user does."""

    def __init__(self, page):
        self.page = page

    def focused(self) -> dict | None:
        return self.page.evaluate(FOCUSED)

    def tab_to(self, name: str, *, tag: str | None = None, backwards: bool = False) -> dict:
        """Press Tab (or Shift+Tab) until the element named `name` has focus (its accessible name
        is `name`, or begins with it followed by more words: "Automation (20 platser kvar)")."""
        pattern = re.compile(re.escape(name) + r"(?:$|[\s,(])")
        for _ in range(MAX_PRESSES):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            element = self.focused()
            found = element and pattern.match(element["name"].rstrip(":* "))
            if found and (tag is None or element["tag"] == tag):
                assert element["shown"], f"focus on {element} is not visible"
                return element
        raise AssertionError(f"Tab never reached {name!r}")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def fill(self, label: str, text: str) -> None:
        self.tab_to(label)
        self.type(text)

    def choose(self, label: str, option: str) -> None:
        """A select box: reach it, then arrow down to the option."""
        self.tab_to(label, tag="select")
        for _ in range(40):
            if self.focused()["selected"] == option:
                return
            self.press("ArrowDown")
        raise AssertionError(f"{option!r} is not among the choices of {label!r}")

    def type_date(self, day: datetime.date) -> None:
        """Type a date into the focused date field, in the order of its parts that the browser
        shows (which follows the browser's own language, not the page's)."""
        self.type(
            {"mdy": day.strftime("%m%d%Y"), "dmy": day.strftime("%d%m%Y"), "ymd": day.strftime("%Y%m%d")}[
                self._date_order()
            ]
        )

    def _date_order(self) -> str:
        scratch = self.page.context.new_page()
        try:
            for order, digits in (("mdy", "12062026"), ("dmy", "06122026"), ("ymd", "20261206")):
                scratch.set_content('<input type="date" id="probe">')
                scratch.focus("#probe")
                scratch.keyboard.type(digits)
                if scratch.eval_on_selector("#probe", "e => e.value") == "2026-12-06":
                    return order
        finally:
            scratch.close()
        raise AssertionError("the browser's date field takes neither m/d/y, d/m/y nor y/m/d")

    def activate(self, name: str, *, tag: str | None = None) -> None:
        self.tab_to(name, tag=tag)
        with self.page.expect_navigation():
            self.press("Enter")

    def sign_in(self, email: str) -> None:
        self.page.goto("/konto/login/")
        self.fill("E-postadress", email)
        self.fill("Lösenord", PASSWORD)
        with self.page.expect_navigation():
            self.press("Enter")


def in_days(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def test_a_company_contact_registers_staff_on_a_course_with_the_keyboard(page, check_a11y):
    company = CompanyFactory(name="Östgöta Verkstadsteknik AB")
    contact = company_contact(company, email="kontakt@verkstaden.example")
    for first, last in [("Åsa", "Berg"), ("Bo", "Ek"), ("Kim", "Lund")]:
        EmployeeFactory(company=company, first_name=first, last_name=last)
    occasion = OccasionFactory(course__title="Mätning med koordinatmätmaskin", starts_at=in_days(30), seats=8)
    keys = Keyboard(page)

    keys.sign_in(contact.email)
    keys.activate("Kurser", tag="a")  # the main menu
    keys.fill("Sök kurs", "koordinatmätmaskin")
    with page.expect_response(re.compile(r"/kurser/\?")):
        keys.press("Enter")
    page.get_by_role("heading", name=re.compile("1 kurstillfälle")).wait_for()
    keys.activate("Mätning med koordinatmätmaskin", tag="a")
    check_a11y(page)
    keys.activate("Anmäl personal", tag="a")
    check_a11y(page)
    keys.tab_to("Åsa Berg", tag="input")
    keys.press("Space")
    keys.tab_to("Kim Lund", tag="input")
    keys.press("Space")
    keys.activate("Anmäl", tag="button")
    page.get_by_text("2 personer har fått plats").wait_for()
    check_a11y(page)
    enrolled = Enrolment.objects.filter(occasion=occasion, status="confirmed")
    assert sorted(e.employee.first_name for e in enrolled) == ["Kim", "Åsa"]


def test_a_participant_registers_for_an_event_with_the_keyboard(page, check_a11y):
    event = EventFactory(title="Industridag Östergötland 2027", capacity=140, starts_at=in_days(40))
    TrackFactory(event=event, name="Skola och arbetsliv", capacity=50, position=1)
    TrackFactory(event=event, name="Automation", capacity=50, position=2)
    person = UserFactory(email="dana@example.se", first_name="Dana")
    keys = Keyboard(page)

    keys.sign_in(person.email)
    keys.activate("Evenemang", tag="a")
    keys.activate("Industridag Östergötland 2027", tag="a")
    check_a11y(page)
    keys.activate("Anmäl dig", tag="a")
    check_a11y(page)
    # Radio groups: Tab into the group, arrow keys to choose.
    keys.tab_to("Skola och arbetsliv", tag="input")
    keys.press("ArrowDown")
    assert keys.focused()["name"].startswith("Automation") and keys.focused()["checked"]
    keys.tab_to("Industri- eller teknikföretag", tag="input")
    keys.press("Space")
    keys.fill("Organisationens namn", "Scanfil")
    keys.fill("Kost och allergier", "Vegetariskt")
    keys.tab_to("Jag vill synas på deltagarlistan", tag="input")
    keys.press("Space")
    keys.activate("Skicka anmälan", tag="button")
    page.get_by_text("Du är anmäld till Industridag Östergötland 2027").wait_for()
    check_a11y(page)
    registration = Registration.objects.get(event=event, user=person)
    assert (registration.status, registration.track.name) == ("confirmed", "Automation")
    assert (registration.organisation_name, registration.consent_to_list) == ("Scanfil", True)


def test_a_teacher_searches_ambassadors_and_asks_for_a_visit_with_the_keyboard(page, check_a11y):
    welder = ProfessionFactory(name="Svetsare")
    published_ambassador(display_name="Linnea", profession=welder, headline="Jag svetsar truckdelar.")
    published_ambassador(display_name="Nora", profession=ProfessionFactory(name="CNC-operatör"))
    lena = teacher(SchoolFactory(name="Brinellskolan"), email="lena@example.se")
    keys = Keyboard(page)

    keys.sign_in(lena.email)
    keys.activate("Yrkesambassadörer", tag="a")
    keys.fill("Sök", "svetsare")
    with page.expect_response(re.compile(r"/ambassadorer/\?")):
        keys.press("Enter")  # the results are replaced in the page (htmx), the focus stays in the form
    page.get_by_role("status").filter(has_text="1 yrkesambassadör").wait_for()
    check_a11y(page)
    keys.activate("Linnea", tag="a")
    check_a11y(page)
    keys.activate("Be Linnea om ett besök", tag="a")
    check_a11y(page)
    keys.fill("Klass eller grupp", "9B")
    keys.choose("Årskurs", "Åk 9")
    keys.fill("Antal elever", "24")
    keys.tab_to("Önskat datum", tag="input")
    visit_day = timezone.localdate() + datetime.timedelta(days=21)
    keys.type_date(visit_day)
    keys.tab_to("På plats i skolan", tag="input")
    keys.press("Space")
    keys.fill("Meddelande", "Klassen väljer gymnasieprogram i vår.")
    keys.activate("Skicka förfrågan", tag="button")
    page.get_by_text("Din förfrågan är skickad till Linnea").wait_for()
    check_a11y(page)
    request = VisitRequest.objects.get()
    assert (request.group_name, request.school_year, request.pupils) == ("9B", "9", 24)
    assert request.first_choice == visit_day and request.format == "on_site"
