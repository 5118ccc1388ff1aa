import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import CompanyFactory, UserFactory, company_contact

pytestmark = pytest.mark.django_db


def test_home_and_the_legal_pages_answer_for_anyone(client):
    for name in ("portal:home", "portal:accessibility", "portal:cookies"):
        assert client.get(reverse(name)).status_code == 200


def test_every_page_links_the_accessibility_statement_and_the_cookie_page(client):
    body = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:accessibility") in body and reverse("portal:cookies") in body


def test_my_account_needs_sign_in(client):
    response = client.get(reverse("portal:account"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_my_account_lists_the_users_roles(client):
    company = CompanyFactory(name="Verkstaden AB")
    user = company_contact(company)
    client.force_login(user)
    body = client.get(reverse("portal:account")).content.decode()
    assert user.email in body and "Verkstaden AB" in body


def test_signing_in_with_a_wrong_password_says_so_without_revealing_accounts(client):
    UserFactory(email="finns@example.se")
    known = client.post("/konto/login/", {"login": "finns@example.se", "password": "fel-losenord"})
    unknown = client.post("/konto/login/", {"login": "finns-inte@example.se", "password": "fel-losenord"})
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_repeated_failed_logins_are_rate_limited(client):
    UserFactory(email="utsatt@example.se")
    responses = [client.post("/konto/login/", {"login": "utsatt@example.se", "password": f"fel-{n}"}) for n in range(6)]
    assert "För många misslyckade inloggningsförsök" not in responses[0].content.decode()
    assert "För många misslyckade inloggningsförsök" in responses[-1].content.decode()
    # Even the right password is refused while the limit holds.
    from tests.factories import PASSWORD

    blocked = client.post("/konto/login/", {"login": "utsatt@example.se", "password": PASSWORD})
    assert blocked.status_code == 200 and not blocked.wsgi_request.user.is_authenticated


def test_password_reset_mails_a_link_and_does_not_reveal_unknown_addresses(client):
    UserFactory(email="glomsk@example.se")
    client.post("/konto/password/reset/", {"email": "glomsk@example.se"})
    client.post("/konto/password/reset/", {"email": "okand@example.se"})
    recipients = [message.to[0] for message in mail.outbox]
    assert "glomsk@example.se" in recipients
    assert "/konto/password/reset/key/" in mail.outbox[recipients.index("glomsk@example.se")].body


def test_a_signed_in_language_choice_is_stored_on_the_account(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"
    assert client.get("/").wsgi_request.LANGUAGE_CODE == "en"


def test_security_headers_are_set_on_pages(client):
    response = client.get(reverse("portal:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_swedish_is_shown_whatever_the_browser_prefers(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert 'lang="sv"' in response.content.decode()


def test_english_is_shown_once_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/")
    assert response["Content-Language"] == "en" and 'lang="en"' in response.content.decode()


def test_my_account_leads_to_the_pages_the_user_has(client):
    contact = company_contact(CompanyFactory())
    client.force_login(contact)
    body = client.get(reverse("portal:account")).content.decode()
    assert reverse("projects:company-index") in body
    assert reverse("events:my-registrations") in body
    assert reverse("ambassadors:my-profile") not in body


def test_my_account_hides_the_company_pages_from_people_without_a_company(client):
    client.force_login(UserFactory())
    body = client.get(reverse("portal:account")).content.decode()
    assert reverse("projects:company-index") not in body
    assert reverse("events:my-registrations") in body


def test_ping_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("ping"))
    assert response.status_code == 200
    assert response.content == b"pong\n"
    assert "no-cache" in response["Cache-Control"]
