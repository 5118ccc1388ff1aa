"""Mitt företag: a company contact keeps the staff list and registers staff, for their company only."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import CompetenceNeed, Employee, Enrolment
from tests.factories import CompanyFactory, UserFactory, company_contact

from .factories import CourseCategoryFactory, EmployeeFactory, EnrolmentFactory, OccasionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return CompanyFactory(name="Verkstaden AB")


@pytest.fixture
def contact(company):
    return company_contact(company)


@pytest.fixture
def signed_in(client, contact):
    client.force_login(contact)
    return client


def url(name, **kwargs):
    return reverse(f"projects:{name}", kwargs=kwargs)


# --- Who may see what -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, company):
    response = client.get(url("staff", company_pk=company.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_company_index_goes_straight_to_the_only_company(signed_in, company):
    response = signed_in.get(url("company-index"))
    assert response.status_code == 302
    assert response["Location"] == url("company", company_pk=company.pk)


def test_a_user_without_a_company_is_told_so(client):
    client.force_login(UserFactory())
    response = client.get(url("company-index"))
    assert response.status_code == 200
    assert "inte kontaktperson" in response.content.decode()


def other_company_urls(other, other_employee, other_enrolment, occasion):
    return [
        ("get", url("company", company_pk=other.pk)),
        ("get", url("staff", company_pk=other.pk)),
        ("get", url("employee-add", company_pk=other.pk)),
        ("get", url("staff-import", company_pk=other.pk)),
        ("get", url("staff-export", company_pk=other.pk)),
        ("get", url("company-enrolments", company_pk=other.pk)),
        ("get", url("company-needs", company_pk=other.pk)),
        ("get", url("enrol", company_pk=other.pk, occasion_pk=occasion.pk)),
        ("post", url("employee-delete", company_pk=other.pk, pk=other_employee.pk)),
        ("post", url("enrolment-cancel", company_pk=other.pk, pk=other_enrolment.pk)),
    ]


def test_another_companys_pages_answer_404(signed_in):
    other = CompanyFactory()
    other_employee = EmployeeFactory(company=other)
    other_enrolment = EnrolmentFactory(employee=other_employee)
    for method, address in other_company_urls(other, other_employee, other_enrolment, OccasionFactory()):
        assert getattr(signed_in, method)(address).status_code == 404, address
    assert Employee.objects.filter(pk=other_employee.pk).exists()
    other_enrolment.refresh_from_db()
    assert other_enrolment.status == Enrolment.Status.CONFIRMED


def test_another_companys_employee_or_registration_under_my_company_answers_404(signed_in, company):
    other_employee = EmployeeFactory()
    other_enrolment = EnrolmentFactory(employee=other_employee)
    for address in [
        url("employee-edit", company_pk=company.pk, pk=other_employee.pk),
        url("employee-delete", company_pk=company.pk, pk=other_employee.pk),
        url("enrolment-cancel", company_pk=company.pk, pk=other_enrolment.pk),
    ]:
        assert signed_in.get(address).status_code == 404
        assert signed_in.post(address, {"first_name": "X"}).status_code == 404


def test_my_staff_list_shows_only_my_staff(signed_in, company):
    mine = EmployeeFactory(company=company, first_name="Minna")
    theirs = EmployeeFactory(first_name="Främling")
    content = signed_in.get(url("staff", company_pk=company.pk)).content.decode()
    assert mine.full_name in content
    assert theirs.full_name not in content


# --- Staff list -----------------------------------------------------------------------------------


def test_adding_an_employee(signed_in, company):
    response = signed_in.post(
        url("employee-add", company_pk=company.pk),
        {
            "first_name": "Åsa",
            "last_name": "Berg",
            "email": "Asa@Verkstaden.example",
            "gender": "woman",
            "job_title": "Svetsare",
        },
    )
    assert response.status_code == 302
    person = Employee.objects.get(company=company)
    assert (person.full_name, person.email) == ("Åsa Berg", "asa@verkstaden.example")


def test_adding_a_duplicate_address_shows_the_problem_at_the_field(signed_in, company):
    EmployeeFactory(company=company, email="ola@verkstaden.example")
    response = signed_in.post(
        url("employee-add", company_pk=company.pk),
        {"first_name": "Ola", "last_name": "Ek", "email": "ola@verkstaden.example", "gender": "man"},
    )
    assert response.status_code == 200
    assert "finns redan en person med den e-postadressen" in response.content.decode()
    assert Employee.objects.filter(company=company).count() == 1


def test_a_missing_gender_is_a_form_error(signed_in, company):
    response = signed_in.post(url("employee-add", company_pk=company.pk), {"first_name": "Ola", "last_name": "Ek"})
    assert response.status_code == 200
    assert response.context["form"].errors["gender"]


def test_editing_an_employee(signed_in, company):
    person = EmployeeFactory(company=company)
    signed_in.post(
        url("employee-edit", company_pk=company.pk, pk=person.pk),
        {"first_name": "Nytt", "last_name": "Namn", "email": "", "gender": "non_binary", "job_title": ""},
    )
    person.refresh_from_db()
    assert (person.full_name, person.gender) == ("Nytt Namn", "non_binary")


def test_removing_an_employee(signed_in, company):
    person = EmployeeFactory(company=company)
    response = signed_in.post(url("employee-delete", company_pk=company.pk, pk=person.pk))
    assert response.status_code == 302
    assert not Employee.objects.filter(pk=person.pk).exists()


def test_the_staff_list_can_be_searched(signed_in, company):
    EmployeeFactory(company=company, first_name="Hitta", last_name="Mig")
    EmployeeFactory(company=company, first_name="Inte", last_name="Denna")
    response = signed_in.get(url("staff", company_pk=company.pk), {"q": "hitta"})
    assert [e.first_name for e in response.context["staff"]] == ["Hitta"]


def test_the_staff_list_downloads_as_csv_for_excel(signed_in, company):
    EmployeeFactory(company=company, first_name="Åsa", last_name="Berg", email="asa@v.example", job_title="=1+1")
    response = signed_in.get(url("staff-export", company_pk=company.pk))
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeffFörnamn;Efternamn;E-post;Kön;Befattning")
    assert "Åsa;Berg;asa@v.example;Kvinna;'=1+1" in content


def test_importing_a_good_file(signed_in, company):
    data = "Förnamn;Efternamn;E-post;Kön\r\nÅsa;Berg;asa@v.example;kvinna\r\nBo;Ek;;man\r\n".encode("cp1252")
    response = signed_in.post(
        url("staff-import", company_pk=company.pk),
        {"file": SimpleUploadedFile("personal.csv", data)},
        follow=True,
    )
    assert Employee.objects.filter(company=company).count() == 2
    assert "2 personer är tillagda" in response.content.decode()


def test_importing_a_bad_file_lists_the_errors_and_saves_nothing(signed_in, company):
    data = "Förnamn;Efternamn;E-post;Kön\nÅsa;Berg;fel;kvinna\nBo;Ek;;?\n".encode()
    response = signed_in.post(
        url("staff-import", company_pk=company.pk), {"file": SimpleUploadedFile("personal.csv", data)}
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Rad 2: E-postadressen ”fel” är inte giltig." in content
    assert "Rad 3: Okänt värde för kön" in content
    assert not Employee.objects.filter(company=company).exists()


# --- Registering and cancelling ------------------------------------------------------------------


def test_registering_two_employees_on_an_occasion(
    signed_in, company, contact, mailoutbox, django_capture_on_commit_callbacks
):
    occasion = OccasionFactory(seats=1)
    first, second = EmployeeFactory(company=company), EmployeeFactory(company=company)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            url("enrol", company_pk=company.pk, occasion_pk=occasion.pk),
            {"employees": [first.pk, second.pk]},
            follow=True,
        )
    statuses = dict(Enrolment.objects.values_list("employee_id", "status"))
    assert set(statuses) == {first.pk, second.pk}
    assert sorted(statuses.values()) == ["confirmed", "waitlisted"]
    content = response.content.decode()
    assert "1 person har fått plats." in content
    assert "1 person står på väntelistan." in content
    assert contact.email in [message.to[0] for message in mailoutbox]


def test_accessibility_needs_are_recorded_with_the_registration(signed_in, company):
    occasion = OccasionFactory()
    person = EmployeeFactory(company=company)
    page = signed_in.get(url("enrol", company_pk=company.pk, occasion_pk=occasion.pk)).content.decode()
    assert 'name="accessibility_needs"' in page and 'aria-describedby="id_accessibility_needs_helptext"' in page
    signed_in.post(
        url("enrol", company_pk=company.pk, occasion_pk=occasion.pk),
        {"employees": [person.pk], "accessibility_needs": "  Rullstolsplats  "},
    )
    enrolment = Enrolment.objects.get()
    assert (enrolment.has_accessibility_needs, enrolment.accessibility_needs) == (True, "Rullstolsplats")


def test_a_registration_without_needs_records_none(signed_in, company):
    occasion = OccasionFactory()
    person = EmployeeFactory(company=company)
    signed_in.post(url("enrol", company_pk=company.pk, occasion_pk=occasion.pk), {"employees": [person.pk]})
    assert Enrolment.objects.get().has_accessibility_needs is False


def test_the_registration_form_offers_only_my_staff_not_yet_registered(signed_in, company):
    occasion = OccasionFactory()
    registered, free = EmployeeFactory(company=company), EmployeeFactory(company=company)
    EnrolmentFactory(occasion=occasion, employee=registered)
    EmployeeFactory()  # another company's
    response = signed_in.get(url("enrol", company_pk=company.pk, occasion_pk=occasion.pk))
    assert list(response.context["form"].fields["employees"].queryset) == [free]


def test_posting_another_companys_employee_registers_nobody(signed_in, company):
    occasion = OccasionFactory()
    stranger = EmployeeFactory()
    response = signed_in.post(
        url("enrol", company_pk=company.pk, occasion_pk=occasion.pk), {"employees": [stranger.pk]}
    )
    assert response.status_code == 200  # the form says the choice is not valid
    assert not Enrolment.objects.exists()


def test_registering_after_the_deadline_gives_a_message_not_an_error(signed_in, company):
    occasion = OccasionFactory()
    person = EmployeeFactory(company=company)
    occasion.registration_deadline = occasion.starts_at - datetime.timedelta(days=40)
    occasion.save()
    response = signed_in.post(
        url("enrol", company_pk=company.pk, occasion_pk=occasion.pk), {"employees": [person.pk]}, follow=True
    )
    assert "Anmälan till det här tillfället har stängt." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_cancelling_a_registration_promotes_the_waiting_list(signed_in, company):
    occasion = OccasionFactory(seats=1)
    first = EnrolmentFactory(occasion=occasion, employee__company=company)
    waiting = EnrolmentFactory(occasion=occasion, employee__company=company, status=Enrolment.Status.WAITLISTED)
    response = signed_in.post(url("enrolment-cancel", company_pk=company.pk, pk=first.pk), follow=True)
    assert "är avbokad" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED


def test_cancelling_after_the_deadline_is_refused_with_a_message(signed_in, company):
    occasion = OccasionFactory(starts_at=OccasionFactory().starts_at)
    occasion.cancellation_deadline = occasion.registration_deadline = occasion.starts_at - datetime.timedelta(days=60)
    occasion.save()
    enrolment = EnrolmentFactory(occasion=occasion, employee__company=company)
    response = signed_in.post(url("enrolment-cancel", company_pk=company.pk, pk=enrolment.pk), follow=True)
    assert "Sista dag för avbokning har passerat" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CONFIRMED


def test_the_list_offers_cancelling_only_until_the_cancellation_deadline(signed_in, company):
    open_occasion = OccasionFactory()
    closed = OccasionFactory()
    closed.cancellation_deadline = closed.registration_deadline = closed.starts_at - datetime.timedelta(days=60)
    closed.save()
    cancellable = EnrolmentFactory(occasion=open_occasion, employee__company=company)
    late = EnrolmentFactory(occasion=closed, employee__company=company)
    page = signed_in.get(url("company-enrolments", company_pk=company.pk)).content.decode()
    assert url("enrolment-cancel", company_pk=company.pk, pk=cancellable.pk) in page
    assert url("enrolment-cancel", company_pk=company.pk, pk=late.pk) not in page
    assert "Kan inte avbokas" in page


def test_competence_needs_are_saved_per_category(signed_in, company):
    robots, trucks = CourseCategoryFactory(name="Robot"), CourseCategoryFactory(name="Truck")
    CompetenceNeed.objects.create(company=company, category=trucks, staff_count=3)
    signed_in.post(
        url("company-needs", company_pk=company.pk),
        {f"category_{robots.pk}": "7", f"category_{trucks.pk}": ""},
    )
    assert dict(CompetenceNeed.objects.filter(company=company).values_list("category__name", "staff_count")) == {
        "Robot": 7
    }


def test_a_negative_need_is_refused(signed_in, company):
    robots = CourseCategoryFactory()
    response = signed_in.post(url("company-needs", company_pk=company.pk), {f"category_{robots.pk}": "-2"})
    assert response.status_code == 200
    assert not CompetenceNeed.objects.exists()


def test_company_pages_take_the_same_number_of_queries_however_much_data(client, company, contact, queries_for):
    client.force_login(contact)
    pages = [url(name, company_pk=company.pk) for name in ("company", "staff", "company-enrolments")]
    pages.append(url("enrol", company_pk=company.pk, occasion_pk=OccasionFactory().pk))

    def add_data(count):
        occasion = OccasionFactory()
        for _ in range(count):
            EnrolmentFactory(occasion=occasion, employee__company=company)

    add_data(2)
    few = [queries_for(client, page) for page in pages]
    add_data(25)
    assert [queries_for(client, page) for page in pages] == few
