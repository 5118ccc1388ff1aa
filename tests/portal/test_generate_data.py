"""`manage.py generate_data`: the sizes asked for, the rules the services keep, the same data each run."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse

from ambassadors.models import Ambassador, Consent, Feature, VisitRequest
from devdata.synthetic.portal import EMAIL_DOMAIN, PASSWORD, Synthetic
from events.models import Event, Registration
from portal.models import Organisation, Role, User
from projects.models import Course, Employee, Enrolment, Occasion, Project

pytestmark = pytest.mark.django_db

SCALE = 0.02


@pytest.fixture
def generated():
    call_command("generate_data", scale=SCALE, seed=7, stdout=io.StringIO())


def test_the_sizes_follow_the_scale(generated):
    run = Synthetic(scale=SCALE)
    assert Project.objects.count() == run.count(5)
    assert Organisation.objects.filter(kind="company").count() == run.count(70)
    assert Employee.objects.count() == run.count(5000)
    assert Course.objects.count() == run.count(1200)
    assert Occasion.objects.count() == run.count(3000)
    assert Enrolment.objects.count() == run.count(30000)
    assert Ambassador.objects.count() == run.count(500)
    public_events = Event.objects.public()
    assert public_events.count() == run.count(50)
    assert set(public_events.annotate(n=Count("registrations")).values_list("n", flat=True)) == {140}


def test_no_occasion_has_more_confirmed_than_seats_or_than_a_companys_quota(generated):
    over = Occasion.objects.annotate(confirmed=Count("enrolments", filter=Q(enrolments__status="confirmed"))).filter(
        confirmed__gt=F("seats")
    )
    assert not over.exists()
    per_company = (
        Enrolment.objects.filter(status="confirmed", occasion__company_quota__isnull=False)
        .values("occasion", "company", "occasion__company_quota")
        .annotate(n=Count("pk"))
    )
    assert all(row["n"] <= row["occasion__company_quota"] for row in per_company)
    assert Enrolment.objects.filter(status="waitlisted").exists()
    # Waiting only where the occasion is full or the company's quota is used up.
    for enrolment in Enrolment.objects.filter(status="waitlisted").select_related("occasion")[:50]:
        confirmed = Enrolment.objects.filter(occasion=enrolment.occasion, status="confirmed")
        quota = enrolment.occasion.company_quota
        assert confirmed.count() == enrolment.occasion.seats or (
            quota is not None and confirmed.filter(company=enrolment.company_id).count() == quota
        )


def test_events_keep_their_capacity_and_the_waiting_line_has_times(generated):
    for event in Event.objects.filter(capacity__isnull=False):
        assert event.registrations.filter(status="confirmed").count() <= event.capacity
        for track in event.tracks.filter(capacity__isnull=False):
            assert track.registrations.filter(status="confirmed").count() <= track.capacity
    assert not Registration.objects.filter(status="waitlisted", waitlisted_at__isnull=True).exists()


def test_every_published_ambassador_has_consent_on_record(generated):
    published = Ambassador.objects.filter(status=Ambassador.Status.PUBLISHED)
    assert published.count() == Ambassador.objects.public().count() > 0
    assert Consent.objects.filter(withdrawn_at__isnull=True).count() >= published.count()
    linked = Ambassador.objects.filter(user__isnull=False)
    assert Role.objects.filter(kind="ambassador", user__in=linked.values("user")).count() == linked.count()
    assert Feature.objects.filter(ambassador__status="draft").count() == 0
    assert not VisitRequest.objects.filter(state="accepted", scheduled_for__isnull=True).exists()


def test_synthetic_accounts_can_sign_in_with_the_documented_password(generated, client):
    contact = User.objects.filter(roles__kind="company_contact", email__endswith=EMAIL_DOMAIN).first()
    assert client.login(email=contact.email, password=PASSWORD)
    response = client.get(reverse("projects:company-index"), follow=True)
    assert response.status_code == 200


def test_the_same_seed_gives_the_same_data():
    def snapshot():
        return (
            list(Course.objects.order_by("title", "hours").values_list("title", "hours", "level")),
            sorted(Enrolment.objects.values_list("occasion__course__title", "employee__last_name", "status")),
            sorted(Ambassador.objects.values_list("slug", "status")),
            sorted(Registration.objects.values_list("event__slug", "user__email", "status")),
        )

    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            call_command("generate_data", scale=SCALE, seed=11, stdout=io.StringIO())
            snapshots.append(snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert snapshots[0][1]


def test_a_second_run_is_refused_instead_of_doubling_the_data(generated):
    with pytest.raises(CommandError, match="already has synthetic data"):
        call_command("generate_data", scale=SCALE)


def test_the_main_pages_render_with_generated_data(generated, client):
    occasion = Occasion.objects.public().upcoming().first()
    pages = [
        reverse("portal:home"),
        reverse("projects:catalogue") + "?q=robot",
        reverse("projects:detail", kwargs={"slug": Project.objects.published().first().slug}),
        reverse("projects:occasion-detail", kwargs={"pk": occasion.pk}),
        reverse("events:list"),
        reverse("events:detail", kwargs={"slug": Event.objects.public().first().slug}),
        reverse("ambassadors:list") + "?q=svetsare",
        reverse("ambassadors:detail", kwargs={"slug": Ambassador.objects.public().first().slug}),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
