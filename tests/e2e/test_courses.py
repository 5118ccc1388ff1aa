"""The journey of a company contact: sign in, import the staff list, register two people on a
course occasion and cancel one of them. Every page on the way is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import Enrolment
from tests.factories import PASSWORD, CompanyFactory, company_contact
from tests.projects.factories import OccasionFactory

pytestmark = pytest.mark.django_db(transaction=True)

BAD_FILE = "Förnamn;Efternamn;E-post;Kön\nÅsa;Berg;inte-en-adress;kvinna\nBo;Ek;;vet ej\n".encode("cp1252")
GOOD_FILE = (
    "\ufeffFörnamn;Efternamn;E-post;Kön;Befattning\n"
    "Åsa;Berg;asa.berg@verkstaden.example;kvinna;Mättekniker\n"
    "Bo;Ek;bo.ek@verkstaden.example;man;Operatör\n"
    "Kim;Lund;;icke-binär;Robottekniker\n"
).encode()


@pytest.fixture
def journey_data():
    company = CompanyFactory(name="Östgöta Verkstadsteknik AB")
    contact = company_contact(company, email="kontakt@verkstaden.example", first_name="Farid")
    occasion = OccasionFactory(
        course__title="Mätning med koordinatmätmaskin", course__description="Mätning i 3D.", seats=5
    )
    return contact, occasion


def test_a_company_contact_imports_staff_registers_two_and_cancels_one(page, sign_in, check_a11y, journey_data):
    contact, occasion = journey_data
    sign_in(contact.email, PASSWORD)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mitt företag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt")
    check_a11y(page)

    # A file with mistakes: nothing is saved, every problem is listed with its line.
    page.get_by_role("navigation", name="Mitt företag").get_by_role("link", name="Personal").click()
    check_a11y(page)
    page.get_by_role("link", name="Importera från fil").first.click()
    check_a11y(page)
    page.get_by_label("Fil med personal (CSV eller Excel)").set_input_files(
        files=[{"name": "personal.csv", "mimeType": "text/csv", "buffer": BAD_FILE}]
    )
    page.get_by_role("button", name="Ladda upp och kontrollera").click()
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Filen sparades inte")
    expect(errors).to_contain_text("Rad 2: E-postadressen ”inte-en-adress” är inte giltig.")
    expect(errors).to_contain_text("Rad 3: Okänt värde för kön")
    check_a11y(page)

    # The corrected file is saved whole.
    page.get_by_label("Fil med personal (CSV eller Excel)").set_input_files(
        files=[{"name": "personal.csv", "mimeType": "text/csv", "buffer": GOOD_FILE}]
    )
    page.get_by_role("button", name="Ladda upp och kontrollera").click()
    expect(page.get_by_role("status")).to_contain_text("3 personer är tillagda i personallistan.")
    expect(page.get_by_role("rowheader", name="Åsa Berg")).to_be_visible()
    check_a11y(page)

    # Find the course in the catalogue.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Kurser").click()
    check_a11y(page)
    page.get_by_label("Sök kurs").fill("koordinatmätmaskin")
    page.get_by_role("button", name="Visa kurser").click()
    expect(page.get_by_role("heading", name="1 kurstillfälle")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="Mätning med koordinatmätmaskin").click()
    expect(page.get_by_text("5 lediga platser")).to_be_visible()
    check_a11y(page)

    # Register two of the staff.
    page.get_by_role("link", name="Anmäl personal").click()
    check_a11y(page)
    page.get_by_label("Åsa Berg, Mättekniker").check()
    page.get_by_label("Bo Ek, Operatör").check()
    page.get_by_role("button", name="Anmäl").click()
    expect(page.get_by_role("status")).to_contain_text("2 personer har fått plats.")
    expect(page.get_by_role("rowheader")).to_have_count(2)
    check_a11y(page)

    # Cancel one of them.
    page.get_by_role("link", name=re.compile("^Avboka Bo Ek")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avboka Bo Ek?")
    check_a11y(page)
    page.get_by_role("button", name="Avboka").click()
    expect(page.get_by_role("status")).to_contain_text("Anmälan för Bo Ek är avbokad.")
    expect(page.get_by_role("rowheader")).to_have_count(1)
    check_a11y(page)

    statuses = dict(Enrolment.objects.filter(occasion=occasion).values_list("employee__first_name", "status"))
    assert statuses == {"Åsa": "confirmed", "Bo": "cancelled"}

    page.goto(occasion.get_absolute_url())
    expect(page.get_by_text("4 lediga platser")).to_be_visible()


def test_public_project_and_news_pages_are_accessible(page, check_a11y):
    from tests.projects.factories import NewsPostFactory, ParticipatingCompanyFactory

    post = NewsPostFactory(title="Kurserna har startat", project__name="Smart kompetens", project__target_companies=70)
    ParticipatingCompanyFactory(project=post.project)
    OccasionFactory(course__project=post.project)
    for address in [
        "/",
        "/projekt/",
        post.project.get_absolute_url(),
        "/projekt/nyheter/",
        post.get_absolute_url(),
    ]:
        page.goto(address)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_a11y(page)
