"""The public pages and the request pages: who sees what, and what happens on bad input."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ambassadors import services
from ambassadors.images import photo_normalise
from ambassadors.models import VisitRequest
from tests.ambassadors.factories import (
    AmbassadorFactory,
    form_data,
    future,
    image_file,
    lead,
    published_ambassador,
    visit_request,
)
from tests.factories import SchoolFactory, UserFactory, teacher

pytestmark = pytest.mark.django_db


# --- Profile pages ------------------------------------------------------------------------------


def test_an_unpublished_profile_is_404_for_the_public_but_the_ambassador_and_leader_can_preview(client):
    user = UserFactory()
    ambassador = AmbassadorFactory(user=user)
    leader = lead(ambassador.project)
    assert client.get(ambassador.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(ambassador.get_absolute_url()).status_code == 404
    for viewer in (user, leader):
        client.force_login(viewer)
        response = client.get(ambassador.get_absolute_url())
        assert response.status_code == 200 and "Förhandsvisning" in response.content.decode()


def test_a_profile_shows_its_facts_but_never_contact_details(client):
    ambassador = published_ambassador(
        display_name="Elsa",
        employer="Luvata",
        contact_email="elsa@privat.se",
        contact_phone="070-1234567",
        story="Jag felsöker styrsystem.",
    )
    page = client.get(ambassador.get_absolute_url()).content.decode()
    assert "Elsa" in page and "Luvata" in page and "Jag felsöker styrsystem." in page
    assert "elsa@privat.se" not in page and "070-1234567" not in page


def test_the_film_is_a_click_to_load_placeholder_without_any_third_party_element(client):
    ambassador = published_ambassador(film_url="https://www.youtube.com/watch?v=abcdefghijk")
    page = client.get(ambassador.get_absolute_url()).content.decode()
    assert 'data-film-src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in page
    assert "<iframe" not in page and "ytimg" not in page
    assert "js/ambassadors.js" in page


def test_signed_out_visitors_are_asked_to_sign_in_before_asking(client):
    ambassador = published_ambassador()
    page = client.get(ambassador.get_absolute_url()).content.decode()
    assert "Logga in för att be om ett besök" in page
    response = client.get(reverse("ambassadors:request-visit", args=[ambassador.slug]))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_the_detail_page_makes_the_same_number_of_queries_however_rich_the_profile(
    client, django_assert_max_num_queries
):
    from tests.ambassadors.factories import EducationPathFactory, LanguageFactory

    small = published_ambassador()
    with django_assert_max_num_queries(20) as counted:
        client.get(small.get_absolute_url())
    rich = published_ambassador()
    rich.languages.add(*[LanguageFactory() for _ in range(6)])
    rich.education_paths.add(*[EducationPathFactory() for _ in range(4)])
    with django_assert_max_num_queries(len(counted.captured_queries)):
        client.get(rich.get_absolute_url())


# --- Photos -------------------------------------------------------------------------------------


def with_photo(ambassador):
    ambassador.photo.save("x.jpg", photo_normalise(image_file()), save=True)
    return ambassador


def test_a_public_photo_is_served_and_may_be_cached(client):
    ambassador = with_photo(published_ambassador())
    response = client.get(ambassador.photo_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]


def test_a_hidden_profiles_photo_is_not_reachable_by_its_address(client):
    user = UserFactory()
    ambassador = with_photo(AmbassadorFactory(user=user))
    assert client.get(ambassador.photo_url()).status_code == 404
    client.force_login(user)
    response = client.get(ambassador.photo_url())
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_a_photo_waiting_for_approval_is_seen_by_the_leader_only(client):
    user = UserFactory()
    ambassador = with_photo(published_ambassador(user=user))
    change = services.profile_update(
        ambassador=ambassador, by=user, data=form_data(ambassador), photo=photo_normalise(image_file("PNG"))
    )
    assert client.get(change.photo_url()).status_code == 404
    client.force_login(ambassador.project.leaders.get().user)
    assert client.get(change.photo_url()).status_code == 200


def test_after_consent_is_withdrawn_only_the_ambassador_and_the_leader_see_the_photo(client):
    user = UserFactory()
    ambassador = with_photo(published_ambassador(user=user))
    url = ambassador.photo_url()
    assert client.get(url).status_code == 200
    services.consent_withdraw(ambassador=ambassador, by=user)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    for who in (user, ambassador.project.leaders.get().user):
        client.force_login(who)
        assert client.get(url).status_code == 200


def _media_serve(name):
    """What Django's media serving (mounted at MEDIA_URL when DEBUG is on) answers for a name."""
    from django.conf import settings
    from django.http import Http404
    from django.test import RequestFactory
    from django.views.static import serve

    try:
        return serve(RequestFactory().get("/media/" + name), name, document_root=settings.MEDIA_ROOT).status_code
    except Http404:
        return 404


def test_a_photo_is_not_stored_under_media_so_its_media_address_serves_nothing(client):
    """The attack: a withdrawn profile's photo stayed downloadable at /media/ambassadors/photos/…"""
    from pathlib import Path

    from django.conf import settings

    user = UserFactory()
    ambassador = with_photo(published_ambassador(user=user))
    change = services.profile_update(
        ambassador=ambassador, by=user, data=form_data(ambassador), photo=photo_normalise(image_file("PNG"))
    )
    media = Path(settings.MEDIA_ROOT).resolve()
    for file in (ambassador.photo, change.photo):
        assert media not in Path(file.path).resolve().parents
        assert _media_serve(file.name) == 404
    services.consent_withdraw(ambassador=ambassador, by=user)
    assert _media_serve(ambassador.photo.name) == 404


def test_pages_show_the_photo_through_the_checked_view(client):
    ambassador = with_photo(published_ambassador())
    checked = reverse("ambassadors:photo", args=[ambassador.pk, ambassador.photo.name.rsplit("/", 1)[-1]])
    for page in (ambassador.get_absolute_url(), reverse("ambassadors:list")):
        content = client.get(page).content.decode()
        assert f'src="{checked}"' in content, page
        assert "/media/ambassadors/" not in content, page


def test_an_unknown_photo_name_is_404(client):
    ambassador = with_photo(published_ambassador())
    assert client.get(reverse("ambassadors:photo", args=[ambassador.pk, "other.jpg"])).status_code == 404


# --- Asking for a visit -------------------------------------------------------------------------


def request_post(school, **changes):
    data = {
        "school": school.pk,
        "group_name": "9B",
        "school_year": "9",
        "pupils": "24",
        "first_choice": future(14).isoformat(),
        "second_choice": "",
        "third_choice": "",
        "format": "on_site",
        "message": "Hej!",
    }
    data.update(changes)
    return data


def test_a_teacher_sends_a_request_and_lands_on_it(client):
    ambassador = published_ambassador()
    school = SchoolFactory()
    client.force_login(teacher(school))
    url = reverse("ambassadors:request-visit", args=[ambassador.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, request_post(school), follow=True)
    request = VisitRequest.objects.get()
    assert response.redirect_chain[-1][0] == request.get_absolute_url()
    assert "Din förfrågan är skickad" in response.content.decode()


def test_bad_input_is_explained_and_nothing_is_saved(client):
    ambassador = published_ambassador()
    school = SchoolFactory()
    client.force_login(teacher(school))
    url = reverse("ambassadors:request-visit", args=[ambassador.slug])
    response = client.post(url, request_post(school, pupils="0", first_choice=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    response = client.post(url, request_post(school, first_choice=timezone.localdate().isoformat()))
    assert response.status_code == 400 and "efter i dag" in response.content.decode()
    assert not VisitRequest.objects.exists()


def test_a_user_who_is_not_a_teacher_gets_an_explanation_instead_of_the_form(client):
    ambassador = published_ambassador()
    client.force_login(UserFactory())
    page = client.get(reverse("ambassadors:request-visit", args=[ambassador.slug])).content.decode()
    assert "inte kopplat till någon skola" in page and '<form method="post" novalidate' not in page


def test_a_teacher_can_only_pick_their_own_schools(client):
    ambassador = published_ambassador()
    mine, other = SchoolFactory(), SchoolFactory()
    client.force_login(teacher(mine))
    response = client.post(reverse("ambassadors:request-visit", args=[ambassador.slug]), request_post(other))
    assert response.status_code == 400 and not VisitRequest.objects.exists()


# --- Acting on requests -------------------------------------------------------------------------


def test_other_users_get_404_on_someone_elses_request(client):
    request = visit_request(published_ambassador(user=UserFactory()))
    for outsider in (UserFactory(), teacher(SchoolFactory()), lead(request.ambassador.project)):
        client.force_login(outsider)
        assert client.get(request.get_absolute_url()).status_code == 404
        response = client.post(reverse("ambassadors:request-action", args=[request.pk, "decline"]))
        assert response.status_code == 404
        assert client.get(reverse("ambassadors:feedback", args=[request.pk])).status_code == 404
    request.refresh_from_db()
    assert request.state == VisitRequest.State.REQUESTED


def test_the_ambassador_accepts_with_a_date_and_time(client):
    user = UserFactory()
    request = visit_request(published_ambassador(user=user))
    client.force_login(user)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Tacka ja" in page and "Föreslå en annan tid" in page and "Tacka nej" in page
    day = future(20)
    response = client.post(
        reverse("ambassadors:request-action", args=[request.pk, "accept"]),
        {"accept-date": day.isoformat(), "accept-time": "13:15", "accept-message": "Ses!"},
        follow=True,
    )
    request.refresh_from_db()
    assert request.state == VisitRequest.State.ACCEPTED
    assert timezone.localtime(request.scheduled_for).replace(tzinfo=None) == datetime.datetime.combine(
        day, datetime.time(13, 15)
    )
    assert "Besöket är bokat" in response.content.decode()


def test_accepting_without_a_time_is_explained(client):
    user = UserFactory()
    request = visit_request(published_ambassador(user=user))
    client.force_login(user)
    response = client.post(
        reverse("ambassadors:request-action", args=[request.pk, "accept"]),
        {"accept-date": future(20).isoformat()},
    )
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.state == VisitRequest.State.REQUESTED


def test_a_step_that_no_longer_applies_gives_a_message_not_an_error(client):
    user = UserFactory()
    request = visit_request(published_ambassador(user=user))
    services.visit_request_withdraw(visit_request=request, by=request.requested_by)
    client.force_login(user)
    response = client.post(reverse("ambassadors:request-action", args=[request.pk, "decline"]), follow=True)
    assert response.status_code == 200 and "redan besvarats" in response.content.decode()


def test_the_teacher_does_not_see_the_ambassadors_buttons(client):
    request = visit_request(published_ambassador(user=UserFactory()))
    client.force_login(request.requested_by)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Ta tillbaka förfrågan" in page and "Tacka ja" not in page


def test_the_list_shows_only_the_users_own_requests(client):
    mine = visit_request(published_ambassador(display_name="Min ambassadör"))
    visit_request(published_ambassador(display_name="Annans ambassadör"))
    client.force_login(mine.requested_by)
    page = client.get(reverse("ambassadors:requests")).content.decode()
    assert "Min ambassadör" in page and "Annans ambassadör" not in page


@pytest.mark.parametrize("viewer", ["teacher", "leader"])
def test_the_request_list_query_count_does_not_grow(client, django_assert_max_num_queries, viewer):
    school = SchoolFactory()
    asker = teacher(school)
    ambassadors = [published_ambassador() for _ in range(6)]  # no accounts: the leaders answer
    leader = lead(ambassadors[0].project)
    for ambassador in ambassadors[1:]:
        lead(ambassador.project, user=leader)
    visit_request(ambassadors[0], requester=asker, school=school)
    client.force_login(asker if viewer == "teacher" else leader)
    with django_assert_max_num_queries(20) as counted:
        client.get(reverse("ambassadors:requests"))
    for ambassador in ambassadors[1:]:
        visit_request(ambassador, requester=asker, school=school)
    with django_assert_max_num_queries(len(counted.captured_queries)):
        page = client.get(reverse("ambassadors:requests")).content.decode()
    assert page.count("<tr>") == 7
    if viewer == "leader":
        assert page.count("Väntar på dig") == 6


def test_feedback_through_the_page_after_the_visit(client):
    request = visit_request(published_ambassador(user=UserFactory()))
    request = services.visit_request_accept(
        visit_request=request,
        by=request.ambassador.user,
        scheduled_for=timezone.now() + datetime.timedelta(days=2),
    )
    client.force_login(request.requested_by)
    url = reverse("ambassadors:feedback", args=[request.pk])
    assert client.get(url).status_code == 302  # not yet
    VisitRequest.objects.filter(pk=request.pk).update(scheduled_for=timezone.now() - datetime.timedelta(days=1))
    assert client.get(url).status_code == 200
    assert client.post(url, {"rating": "9"}).status_code == 400
    client.post(url, {"rating": "4", "comment": "Bra besök"})
    feedback = request.feedback.get()
    assert (feedback.rating, feedback.side, feedback.comment) == (4, "school", "Bra besök")


def test_the_migration_moves_photos_stored_under_media_into_the_private_storage():
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage, storages

    from ambassadors.models import Ambassador

    migration = importlib.import_module("ambassadors.migrations.0004_photos_private_storage")
    ambassador = AmbassadorFactory()
    name = default_storage.save("ambassadors/photos/from-before.jpg", ContentFile(b"jpeg"))
    Ambassador.objects.filter(pk=ambassador.pk).update(photo=name)
    migration.move_photos_out_of_media(apps, None)
    assert not default_storage.exists(name)
    with storages["private"].open(name, "rb") as moved:
        assert moved.read() == b"jpeg"
