"""The first journeys: sign up, verify the e-mail from the sent message, sign in, switch language."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_is_accessible_and_loads_nothing_from_other_hosts(page, check_a11y):
    page.goto("/")
    assert page.get_by_role("heading", level=1).is_visible()
    check_a11y(page)


def test_a_visitor_signs_up_verifies_the_email_and_signs_in(page, check_a11y):
    page.goto("/konto/signup/")
    check_a11y(page)
    page.locator("input[name=email]").fill("ny.larare@example.se")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Skapa konto").click()
    page.wait_for_url("**/konto/confirm-email/")
    check_a11y(page)

    # Until the address is verified, signing in only resends the verification.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = "/konto/" + link.split("/konto/", 1)[1]
    page.goto(path)
    check_a11y(page)
    page.locator("main").get_by_role("button", name="Verifiera").click()
    page.wait_for_load_state()

    page.context.clear_cookies()
    page.goto("/konto/login/")
    check_a11y(page)
    page.locator("input[name=login]").fill("ny.larare@example.se")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-konto/")
    assert page.get_by_text("ny.larare@example.se", exact=True).is_visible()
    check_a11y(page)


def test_an_unverified_account_cannot_sign_in(page):
    page.goto("/konto/signup/")
    page.locator("input[name=email]").fill("overifierad@example.se")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Skapa konto").click()
    page.wait_for_url("**/konto/confirm-email/")
    page.context.clear_cookies()
    page.goto("/konto/login/")
    page.locator("input[name=login]").fill("overifierad@example.se")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/konto/confirm-email/")
    page.goto("/mitt-konto/")
    assert "/konto/login/" in page.url


def test_a_visitor_switches_to_english_and_back_and_the_choice_is_kept(page, sign_in, check_a11y):
    user = UserFactory()
    sign_in(user.email)
    page.goto("/tillganglighet/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/tillganglighet/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Accessibility statement"
    check_a11y(page)
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    user.refresh_from_db()
    assert user.language == "en"  # e-mails follow the choice
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
