"""Linking an account to an ambassador profile is the person's own "yes" (issue 16, finding 6).

The attack: a project leader typed any address (the site administrator's included) into the
profile's account field, and that account got the ambassador role unasked; the form's errors told
whether the address had an account and named another project's ambassador."""

import pytest
from django.core import mail
from django.urls import reverse

from ambassadors import services
from ambassadors.exceptions import InvitationInvalid, InvitationOtherAccount, InvitationProfileTaken
from ambassadors.models import Ambassador
from ambassadors.services import invitations
from portal.models import Role
from tests.ambassadors.factories import AmbassadorFactory, lead
from tests.factories import UserFactory, site_admin

from .test_admin import admin_form, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    ambassador = AmbassadorFactory(display_name="Min Mira")
    leader = lead(ambassador.project)
    other = AmbassadorFactory(display_name="Deras Dino Hemlig")
    lead(other.project)
    return ambassador, leader, other


def _save_in_admin(client, leader, ambassador, email):
    client.force_login(leader)
    return client.post(change_url(ambassador), admin_form(ambassador, account_email=email), follow=True)


def _link_in(mail_message) -> str:
    return next(line.strip() for line in mail_message.body.splitlines() if "/ambassadorer/inbjudan/" in line)


def test_a_leader_naming_the_site_admins_address_gives_it_no_role(client, setup, django_capture_on_commit_callbacks):
    ambassador, leader, _other = setup
    admin = site_admin(email="admin@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(client, leader, ambassador, admin.email)
    ambassador.refresh_from_db()
    assert ambassador.user is None
    assert not admin.roles.filter(kind=Role.Kind.AMBASSADOR).exists()
    assert ambassador.invited_email == admin.email


def test_the_invitation_is_mailed_with_a_link_that_the_person_accepts(
    client, setup, django_capture_on_commit_callbacks
):
    ambassador, leader, _other = setup
    person = UserFactory(email="mira@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(client, leader, ambassador, "MIRA@example.se")
    [message] = mail.outbox
    assert message.to == ["mira@example.se"]
    link = _link_in(message)
    client.force_login(person)
    page = client.get(link)
    assert page.status_code == 200 and "Min Mira" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == reverse("ambassadors:my-profile")
    ambassador.refresh_from_db()
    assert ambassador.user == person and person.has_role("ambassador")
    assert ambassador.invited_email == ""


def test_the_link_needs_the_person_signed_in(client, setup):
    ambassador, leader, _other = setup
    ambassador = services.ambassador_invite_account(ambassador=ambassador, email="mira@example.se", by=leader)
    url = reverse("ambassadors:invitation", kwargs={"token": services.invitation_token(ambassador)})
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_someone_else_signed_in_cannot_accept_the_invitation(setup):
    ambassador, leader, _other = setup
    ambassador = services.ambassador_invite_account(ambassador=ambassador, email="mira@example.se", by=leader)
    token = services.invitation_token(ambassador)
    for stranger in (UserFactory(email="annan@example.se"), leader):
        with pytest.raises(InvitationOtherAccount):
            services.ambassador_invitation_accept(token=token, user=stranger)
    ambassador.refresh_from_db()
    assert ambassador.user is None


def test_a_wrong_account_sees_a_message_and_gets_nothing(client, setup):
    ambassador, leader, _other = setup
    ambassador = services.ambassador_invite_account(ambassador=ambassador, email="mira@example.se", by=leader)
    url = reverse("ambassadors:invitation", kwargs={"token": services.invitation_token(ambassador)})
    stranger = UserFactory(email="annan@example.se")
    client.force_login(stranger)
    response = client.post(url, follow=True)
    assert "annan e-postadress" in response.content.decode()
    assert not stranger.roles.filter(kind=Role.Kind.AMBASSADOR).exists()


def test_an_expired_altered_or_replaced_invitation_does_not_work(setup, monkeypatch):
    ambassador, leader, _other = setup
    person = UserFactory(email="mira@example.se")
    ambassador = services.ambassador_invite_account(ambassador=ambassador, email=person.email, by=leader)
    token = services.invitation_token(ambassador)
    with pytest.raises(InvitationInvalid):
        services.ambassador_invitation_accept(token=token[:-2] + "xx", user=person)
    monkeypatch.setattr(invitations, "VALID_DAYS", -1)  # the link's days have passed
    with pytest.raises(InvitationInvalid):
        services.ambassador_invitation_accept(token=token, user=person)
    monkeypatch.undo()
    services.ambassador_invite_account(ambassador=ambassador, email="ny@example.se", by=leader)
    with pytest.raises(InvitationInvalid):
        services.ambassador_invitation_accept(token=token, user=person)
    ambassador.refresh_from_db()
    assert ambassador.user is None


def test_the_admin_says_the_same_whether_or_not_the_address_has_an_account(client, setup):
    ambassador, leader, other = setup
    UserFactory(email="finns@example.se")
    other.user = UserFactory(email="dino@example.se")
    other.save()
    answers = []
    for email in ("finns@example.se", "ingen-alls@example.se", "dino@example.se"):
        response = _save_in_admin(client, leader, ambassador, email)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Deras Dino Hemlig" not in page
        assert "Det finns inget konto" not in page
        answers.append([str(m) for m in response.context["messages"]])
    assert answers[0] == answers[1] == answers[2]
    assert any("En inbjudan har skickats om adressen kan ta emot e-post" in m for m in answers[0])


def test_an_account_with_another_profile_cannot_take_a_second_one(setup):
    ambassador, leader, other = setup
    person = UserFactory(email="dino@example.se")
    Ambassador.objects.filter(pk=other.pk).update(user=person)
    ambassador = services.ambassador_invite_account(ambassador=ambassador, email=person.email, by=leader)
    with pytest.raises(InvitationProfileTaken):
        services.ambassador_invitation_accept(token=services.invitation_token(ambassador), user=person)


def test_saving_the_form_again_sends_no_second_invitation(client, setup, django_capture_on_commit_callbacks):
    ambassador, leader, _other = setup
    with django_capture_on_commit_callbacks(execute=True):
        _save_in_admin(client, leader, ambassador, "mira@example.se")
        ambassador.refresh_from_db()
        _save_in_admin(client, leader, ambassador, "mira@example.se")
    assert len(mail.outbox) == 1


def test_emptying_the_field_takes_the_account_and_its_role_off(setup):
    ambassador, leader, _other = setup
    person = UserFactory(email="mira@example.se")
    ambassador = services.ambassador_invite_account(ambassador=ambassador, email=person.email, by=leader)
    services.ambassador_invitation_accept(token=services.invitation_token(ambassador), user=person)
    services.ambassador_invite_account(ambassador=ambassador, email="", by=leader)
    ambassador.refresh_from_db()
    assert ambassador.user is None and not person.has_role("ambassador")


def test_another_projects_leader_cannot_invite(setup):
    from ambassadors.exceptions import NotAllowed

    ambassador, _leader, other = setup
    other_leader = other.project.leaders.get().user
    with pytest.raises(NotAllowed):
        services.ambassador_invite_account(ambassador=ambassador, email="x@example.se", by=other_leader)
