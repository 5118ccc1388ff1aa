"""The admin: project leaders see and change only their own projects' ambassadors."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ambassadors import services
from ambassadors.models import Ambassador, Feature, ProfileChange
from ambassadors.selectors import week_start
from tests.ambassadors.factories import (
    AmbassadorFactory,
    IndustryFactory,
    ProfessionFactory,
    ProjectFactory,
    consent_text,
    form_data,
    lead,
    published_ambassador,
    visit_request,
)
from tests.factories import MunicipalityFactory, UserFactory, site_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    mine, theirs = ProjectFactory(name="Mitt projekt"), ProjectFactory(name="Annat projekt")
    leader = lead(mine)
    lead(theirs)
    return {
        "leader": leader,
        "mine": mine,
        "theirs": theirs,
        "my_ambassador": AmbassadorFactory(project=mine, display_name="Min Mira"),
        "their_ambassador": AmbassadorFactory(project=theirs, display_name="Deras Dino"),
    }


def change_url(obj):
    return reverse(f"admin:ambassadors_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_list_shows_only_the_leaders_projects(client, setup):
    client.force_login(setup["leader"])
    page = client.get(reverse("admin:ambassadors_ambassador_changelist")).content.decode()
    assert "Min Mira" in page and "Deras Dino" not in page


def test_search_does_not_reach_other_projects(client, setup):
    client.force_login(setup["leader"])
    page = client.get(reverse("admin:ambassadors_ambassador_changelist") + "?q=Dino").content.decode()
    assert "Deras Dino" not in page


def test_another_projects_ambassador_cannot_be_opened_or_changed(client, setup):
    client.force_login(setup["leader"])
    their = setup["their_ambassador"]
    response = client.get(change_url(their))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    client.post(change_url(their), {"display_name": "Kapad"})
    their.refresh_from_db()
    assert their.display_name == "Deras Dino"


def test_the_project_choice_offers_only_led_projects(client, setup):
    client.force_login(setup["leader"])
    page = client.get(reverse("admin:ambassadors_ambassador_add")).content.decode()
    assert "Mitt projekt" in page and "Annat projekt" not in page


def admin_form(ambassador, **changes):
    data = {
        "project": ambassador.project_id,
        "display_name": ambassador.display_name,
        "slug": ambassador.slug,
        "headline": "",
        "story": "",
        "film_url": "",
        "profession": ambassador.profession_id,
        "industry": ambassador.industry_id,
        "employer": ambassador.employer,
        "municipality": ambassador.municipality_id,
        "offers_on_site": "on",
        "contact_email": "",
        "contact_phone": "",
        "status": ambassador.status,
        "account_email": "",
        "consent_text": consent_text().pk,
        "consent_given_on": "",
    }
    data.update(changes)
    return data


def test_publishing_in_the_admin_without_consent_is_refused_with_a_reason(client, setup):
    client.force_login(setup["leader"])
    ambassador = setup["my_ambassador"]
    response = client.post(change_url(ambassador), admin_form(ambassador, status="published"))
    assert response.status_code == 200 and "utan registrerat samtycke" in response.content.decode()
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.DRAFT


def test_recording_written_consent_and_publishing_in_one_save(client, setup):
    client.force_login(setup["leader"])
    ambassador = setup["my_ambassador"]
    signed = timezone.localdate() - datetime.timedelta(days=2)
    response = client.post(
        change_url(ambassador),
        admin_form(ambassador, status="published", consent_given_on=signed.isoformat()),
    )
    assert response.status_code == 302
    assert Ambassador.objects.public().filter(pk=ambassador.pk).exists()
    consent = ambassador.consents.get()
    assert timezone.localtime(consent.given_at).date() == signed and consent.recorded_by == setup["leader"]


def test_withdrawing_consent_in_the_admin_hides_the_profile(client, setup):
    ambassador = published_ambassador(project=setup["mine"])
    client.force_login(setup["leader"])
    data = admin_form(ambassador, withdraw_consent="on", status="draft")
    del data["consent_text"], data["consent_given_on"]
    client.post(change_url(ambassador), data)
    assert not Ambassador.objects.public().filter(pk=ambassador.pk).exists()


def test_a_leader_can_create_a_profile_for_their_project(client, setup):
    client.force_login(setup["leader"])
    data = admin_form(
        AmbassadorFactory.build(
            project=setup["mine"],
            profession=ProfessionFactory(),
            industry=IndustryFactory(),
            municipality=MunicipalityFactory(),
        ),
        display_name="Ny Nora",
        slug="ny-nora",
        status="draft",
    )
    response = client.post(reverse("admin:ambassadors_ambassador_add"), data)
    assert response.status_code == 302
    assert Ambassador.objects.get(slug="ny-nora").project == setup["mine"]


def test_the_publish_action_reports_each_refusal(client, setup):
    client.force_login(setup["leader"])
    response = client.post(
        reverse("admin:ambassadors_ambassador_changelist"),
        {"action": "publish", "_selected_action": [setup["my_ambassador"].pk, setup["their_ambassador"].pk]},
        follow=True,
    )
    assert "samtycke" in response.content.decode()
    assert not Ambassador.objects.filter(status="published").exists()


def test_leaders_approve_waiting_changes_from_the_admin(client, setup):
    user = UserFactory()
    ambassador = published_ambassador(project=setup["mine"], user=user, headline="Gammal")
    change = services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, headline="Ny"))
    client.force_login(setup["leader"])
    page = client.get(change_url(change)).content.decode()
    assert "Gammal" in page and "Ny" in page
    client.post(change_url(change), {"decision_note": "", "_approve": "1"})
    ambassador.refresh_from_db()
    assert ambassador.headline == "Ny"
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.APPROVED


def test_another_projects_waiting_changes_are_out_of_reach(client, setup):
    user = UserFactory()
    ambassador = published_ambassador(project=setup["theirs"], user=user)
    change = services.profile_update(ambassador=ambassador, by=user, data=form_data(ambassador, headline="Ny"))
    client.force_login(setup["leader"])
    client.post(change_url(change), {"decision_note": "", "_approve": "1"})
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.PENDING


def test_planning_a_coming_week_in_the_admin(client, setup):
    ambassador = published_ambassador(project=setup["mine"])
    client.force_login(setup["leader"])
    thursday = week_start() + datetime.timedelta(weeks=2, days=3)
    response = client.post(
        reverse("admin:ambassadors_feature_add"),
        {"week_start": thursday.isoformat(), "ambassador": ambassador.pk},
    )
    assert response.status_code == 302
    feature = Feature.objects.get()
    assert feature.week_start == week_start(thursday) and feature.planned_by == setup["leader"]


def test_planning_in_the_admin_refuses_past_weeks_and_other_projects(client, setup):
    mine = published_ambassador(project=setup["mine"])
    theirs = published_ambassador(project=setup["theirs"])
    client.force_login(setup["leader"])
    url = reverse("admin:ambassadors_feature_add")
    past = client.post(
        url, {"week_start": (week_start() - datetime.timedelta(weeks=1)).isoformat(), "ambassador": mine.pk}
    )
    assert "redan varit" in past.content.decode()
    other = client.post(
        url, {"week_start": (week_start() + datetime.timedelta(weeks=1)).isoformat(), "ambassador": theirs.pk}
    )
    assert other.status_code == 200 and not Feature.objects.exists()


def test_leaders_see_feedback_per_ambassador_but_not_other_projects(client, setup):
    def feedback_for(ambassador, comment):
        request = visit_request(ambassador)
        leader = ambassador.project.leaders.get().user
        request = services.visit_request_accept(
            visit_request=request, by=leader, scheduled_for=timezone.now() + datetime.timedelta(days=1)
        )
        type(request).objects.filter(pk=request.pk).update(scheduled_for=timezone.now() - datetime.timedelta(1))
        services.visit_feedback_give(visit_request=request, by=request.requested_by, rating=5, comment=comment)

    mine = published_ambassador(project=setup["mine"])
    theirs = published_ambassador(project=setup["theirs"])
    feedback_for(mine, "Inspirerande för klassen")
    feedback_for(theirs, "Hemlig kommentar")
    client.force_login(setup["leader"])
    assert "Inspirerande för klassen" in client.get(change_url(mine)).content.decode()
    listing = client.get(reverse("admin:ambassadors_visitfeedback_changelist") + f"?ambassador={mine.pk}")
    assert "Inspirerande för klassen" in listing.content.decode()
    everything = client.get(reverse("admin:ambassadors_visitfeedback_changelist")).content.decode()
    assert "Hemlig kommentar" not in everything
    assert "5.0 / 5 (1)" in client.get(reverse("admin:ambassadors_ambassador_changelist")).content.decode()


def test_visit_requests_are_read_only_in_the_admin_and_scoped(client, setup):
    mine = visit_request(published_ambassador(project=setup["mine"]), group_name="Min klass")
    visit_request(published_ambassador(project=setup["theirs"]), group_name="Deras klass")
    client.force_login(setup["leader"])
    page = client.get(reverse("admin:ambassadors_visitrequest_changelist")).content.decode()
    assert "Min klass" in page and "Deras klass" not in page
    response = client.post(change_url(mine), {"group_name": "Ändrad"})
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.group_name == "Min klass"


def test_site_admins_see_everything(client, setup):
    client.force_login(site_admin())
    page = client.get(reverse("admin:ambassadors_ambassador_changelist")).content.decode()
    assert "Min Mira" in page and "Deras Dino" in page


def test_vocabulary_is_added_by_leaders_but_renamed_only_by_site_admins(client, setup):
    profession = ProfessionFactory(name="Svetsare")
    client.force_login(setup["leader"])
    assert client.get(reverse("admin:ambassadors_profession_add")).status_code == 200
    client.post(change_url(profession), {"name": "Ändrat", "slug": "andrat"})
    profession.refresh_from_db()
    assert profession.name == "Svetsare"


def test_a_leader_deletes_their_own_profiles_but_not_others(client, setup):
    client.force_login(setup["leader"])
    mine, theirs = setup["my_ambassador"], setup["their_ambassador"]
    response = client.post(
        reverse("admin:ambassadors_ambassador_changelist"),
        {"action": "delete_selected", "_selected_action": [mine.pk, theirs.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Ambassador.objects.filter(pk=mine.pk).exists()
    assert Ambassador.objects.filter(pk=theirs.pk).exists()


def test_only_coming_planned_weeks_can_be_removed(client, setup):
    ambassador = published_ambassador(project=setup["mine"])
    current = Feature.objects.create(ambassador=ambassador, week_start=week_start())
    coming = Feature.objects.create(
        ambassador=ambassador,
        week_start=week_start() + datetime.timedelta(weeks=1),
        planned_by=setup["leader"],
    )
    client.force_login(setup["leader"])
    assert (
        client.post(reverse("admin:ambassadors_feature_delete", args=[current.pk]), {"post": "yes"}).status_code == 403
    )
    client.post(reverse("admin:ambassadors_feature_delete", args=[coming.pk]), {"post": "yes"})
    assert list(Feature.objects.all()) == [current]


def test_a_slug_that_clashes_with_the_sites_own_addresses_is_refused(client, setup):
    client.force_login(setup["leader"])
    ambassador = setup["my_ambassador"]
    response = client.post(change_url(ambassador), admin_form(ambassador, slug="min-profil"))
    assert "används redan av portalen" in response.content.decode()
    ambassador.refresh_from_db()
    assert ambassador.slug != "min-profil"
