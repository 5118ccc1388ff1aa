"""One small portal with two of everything, for the access matrices.

Project A ("Alfaröd") and project B ("Betagrön") each have a leader, a participating company with
a contact, staff, courses and enrolments, news, events with registrations and round tables, and
ambassadors with visit requests. Everything that belongs to A carries the word MARK_A in its name,
so a page that leaks A's data to B's leader shows it. People who are no one's in particular
(the participant, the teacher, the site administrator) have plain names.
"""

import datetime
import io
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from ambassadors import services as ambassador_services
from ambassadors.models import Ambassador, Feature, VisitFeedback, VisitRequest
from events import services as event_services
from events.models import ActionItem, Registration, RoundTable, Session, SpeedDate, SpeedDateMeeting, Track
from portal.models import Organisation, Role
from projects.models import (
    CompetenceNeed,
    Course,
    CourseCategory,
    Employee,
    Enrolment,
    NewsPost,
    Occasion,
    ParticipatingCompany,
    Project,
    ProjectLeader,
)
from tests.ambassadors.factories import IndustryFactory, ProfessionFactory, consent_text
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    SchoolFactory,
    UserFactory,
    company_contact,
    project_leader_user,
    site_admin,
    teacher,
)

MARK_A = "Alfaröd"
MARK_B = "Betagrön"

ACTORS = (
    "anonymous",
    "user",
    "contact_a",
    "contact_b",
    "teacher",
    "ambassador",
    "leader_a",
    "leader_b",
    "admin",
)


def _jpeg() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 50), (120, 60, 30)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue())


def _at(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _side(w, mark: str, key: str, *, region, municipality, school, category, profession, industry):
    """Everything one project owns. Returns its objects in a namespace."""
    s = SimpleNamespace()
    slug = key  # "a" or "b", in every slug and address of this side
    s.leader = project_leader_user(first_name="Lea", last_name=f"Ledare {key.upper()}")
    s.company = OrganisationFactory(name=f"{mark} Verkstad AB", slug=f"verkstad-{slug}", region=region)
    s.contact = company_contact(s.company, first_name="Kim", last_name=f"Kontakt {key.upper()}")
    s.project = Project.objects.create(
        name=f"Projekt {mark}",
        slug=f"projekt-{slug}",
        summary=f"Om {mark}.",
        status=Project.Status.PUBLISHED,
        owner=OrganisationFactory(kind=Organisation.Kind.REGION, name=f"Region {mark}", slug=f"region-{slug}"),
        starts_on=timezone.localdate() - datetime.timedelta(days=400),
        ends_on=timezone.localdate() + datetime.timedelta(days=400),
    )
    ProjectLeader.objects.create(project=s.project, user=s.leader, started_on=datetime.date(2020, 1, 1))
    ParticipatingCompany.objects.create(
        project=s.project, company=s.company, women=5, men=5, status=ParticipatingCompany.Status.ACCEPTED
    )

    s.news = NewsPost.objects.create(
        project=s.project,
        title=f"Nyhet {mark}",
        slug=f"nyhet-{slug}",
        body=f"<p>{mark}</p>",
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    s.news_draft = NewsPost.objects.create(
        project=s.project, title=f"Kommande {mark}", slug=f"kommande-{slug}", published_at=None
    )
    s.course = Course.objects.create(project=s.project, title=f"Kurs {mark}", category=category, hours=8)
    s.occasion = Occasion.objects.create(
        course=s.course,
        starts_at=_at(30),
        ends_at=_at(30, 16),
        place="Verkstadsgatan 1",
        region=region,
        seats=10,
        registration_deadline=_at(20),
        cancellation_deadline=_at(25),
    )
    s.employee = Employee.objects.create(
        company=s.company, first_name="Karin", last_name=mark, email=f"karin@{slug}.example", gender="woman"
    )
    s.employee_free = Employee.objects.create(
        company=s.company, first_name="Olle", last_name=mark, email=f"olle@{slug}.example", gender="man"
    )
    s.enrolment = Enrolment.objects.create(
        occasion=s.occasion,
        employee=s.employee,
        company=s.company,
        status=Enrolment.Status.CONFIRMED,
        confirmed_at=timezone.now(),
        registered_by=s.contact,
    )
    s.need = CompetenceNeed.objects.create(company=s.company, category=category, staff_count=4)

    s.event = EventFactory(title=f"{mark}dagen", slug=f"dagen-{slug}", region=region, projects=[s.project], capacity=50)
    s.track = Track.objects.create(event=s.event, name=f"Spår {mark}", capacity=20)
    s.event_draft = EventFactory(
        title=f"{mark} planering", slug=f"planering-{slug}", status="draft", projects=[s.project]
    )
    s.table = RoundTable.objects.create(event=s.event, municipality=municipality)
    s.action_item = ActionItem.objects.create(table=s.table, what=f"Åtgärd {mark}", responsible="Skolan")
    s.session = Session.objects.create(
        event=s.event,
        kind=Session.Kind.SPEED_DATE,
        title=f"Speed-date {mark}",
        starts_at=s.event.starts_at,
        ends_at=s.event.starts_at + datetime.timedelta(hours=1),
    )
    s.speed_date = SpeedDate.objects.create(session=s.session)

    s.ambassador_plain = Ambassador.objects.create(
        project=s.project,
        display_name=f"Omar {mark}",
        slug=f"omar-{slug}",
        profession=profession,
        industry=industry,
        employer=f"{mark} AB",
        municipality=municipality,
    )
    s.ambassador_hidden = Ambassador.objects.create(
        project=s.project,
        display_name=f"Dold {mark}",
        slug=f"dold-{slug}",
        profession=profession,
        industry=industry,
        employer=f"{mark} AB",
        municipality=municipality,
    )
    s.ambassador_hidden.photo.save("dold.jpg", _jpeg())
    ambassador_services.consent_record(
        ambassador=s.ambassador_plain,
        by=s.leader,
        text=consent_text(),
        given_at=timezone.now() - datetime.timedelta(days=1),
    )
    ambassador_services.ambassador_publish(ambassador=s.ambassador_plain, by=s.leader)
    s.visit_request_plain = ambassador_services.visit_request_create(
        ambassador=s.ambassador_plain,
        requested_by=w.teacher,
        school=school,
        group_name=f"9{key.upper()}",
        school_year=VisitRequest.SchoolYear.Y9,
        pupils=20,
        first_choice=timezone.localdate() + datetime.timedelta(days=20),
        format=VisitRequest.Format.ON_SITE,
        message=f"Hej {mark}",
    )
    s.feedback = VisitFeedback.objects.create(
        visit_request=s.visit_request_plain, side="school", author=w.teacher, rating=4, comment=f"Bra {mark}"
    )
    return s


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    region = RegionFactory(name="Östergötland", slug="ostergotland")
    municipality = MunicipalityFactory(name="Motala", slug="motala", region=region)
    category = CourseCategory.objects.create(name="Mätteknik", slug="matteknik")
    profession = ProfessionFactory(name="Svetsare", slug="svetsare")
    industry = IndustryFactory(name="Tillverkning", slug="tillverkning")
    school = SchoolFactory(name="Brinellskolan", slug="brinellskolan", region=region)

    w.user = UserFactory(first_name="Dana", last_name="Deltagare")
    w.teacher = teacher(school, first_name="Tove", last_name="Lärare")
    w.admin = site_admin(first_name="Sam", last_name="Admin")
    w.school = school

    common = {
        "region": region,
        "municipality": municipality,
        "school": school,
        "category": category,
        "profession": profession,
        "industry": industry,
    }
    w.a = _side(w, MARK_A, "a", **common)
    w.b = _side(w, MARK_B, "b", **common)
    w.leader_a, w.leader_b = w.a.leader, w.b.leader
    w.contact_a, w.contact_b = w.a.contact, w.b.contact

    # A draft project that A's leader leads, with a course nobody may see on the site yet.
    w.draft_project = Project.objects.create(
        name=f"Utkast {MARK_A}", slug="utkast-a", status=Project.Status.DRAFT, owner=w.a.project.owner
    )
    ProjectLeader.objects.create(project=w.draft_project, user=w.leader_a, started_on=datetime.date(2020, 1, 1))
    w.draft_course = Course.objects.create(
        project=w.draft_project, title=f"Utkastkurs {MARK_A}", category=category, hours=4
    )

    # The ambassador: an account with a published profile in project A, and edits awaiting approval.
    w.ambassador = UserFactory(first_name="Sara", last_name="Ambassadör")
    amb = Ambassador.objects.create(
        project=w.a.project,
        display_name=f"Sara {MARK_A}",
        slug="sara-a",
        profession=profession,
        industry=industry,
        employer=f"{MARK_A} AB",
        municipality=municipality,
    )
    amb.photo.save("sara.jpg", _jpeg())
    amb = ambassador_services.ambassador_invite_account(ambassador=amb, email=w.ambassador.email, by=w.leader_a)
    ambassador_services.ambassador_invitation_accept(token=ambassador_services.invitation_token(amb), user=w.ambassador)
    ambassador_services.consent_record(
        ambassador=amb, by=w.leader_a, text=consent_text(), given_at=timezone.now() - datetime.timedelta(1)
    )
    ambassador_services.ambassador_publish(ambassador=amb, by=w.leader_a)
    amb.refresh_from_db()
    w.ambassador_profile = amb
    w.profile_change = ambassador_services.profile_update(
        ambassador=amb,
        by=w.ambassador,
        data={"headline": f"Ny rubrik {MARK_A}"},
    )
    w.visit_request_own = ambassador_services.visit_request_create(
        ambassador=amb,
        requested_by=w.teacher,
        school=school,
        group_name="8C",
        school_year=VisitRequest.SchoolYear.Y8,
        pupils=24,
        first_choice=timezone.localdate() + datetime.timedelta(days=21),
        format=VisitRequest.Format.ON_SITE,
        message=f"Välkommen {MARK_A}",
    )
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    w.a.feature = Feature.objects.create(week_start=monday, ambassador=amb)
    w.b.feature = Feature.objects.create(
        week_start=monday + datetime.timedelta(days=7), ambassador=w.b.ambassador_plain
    )

    # The participant and the teacher at A's event, paired at its speed-date; someone at B's event.
    w.registration = RegistrationFactory(
        event=w.a.event,
        user=w.user,
        organisation_type=Registration.OrganisationType.INDUSTRY,
        organisation_name=f"{MARK_A} Verkstad AB",
        dietary_needs="Vegetariskt",
    )
    w.teacher_registration = RegistrationFactory(
        event=w.a.event,
        user=w.teacher,
        organisation_type=Registration.OrganisationType.SCHOOL,
        organisation_name=f"Brinellskolan {MARK_A}",
    )
    w.b.registration = RegistrationFactory(
        event=w.b.event,
        user=UserFactory(first_name="Bo", last_name="Besökare"),
        organisation_name=f"{MARK_B} Plåt AB",
    )
    w.a.registration = w.registration
    SpeedDateMeeting.objects.create(
        speed_date=w.a.speed_date,
        round=1,
        table=1,
        participant_a=w.registration,
        participant_b=w.teacher_registration,
    )
    w.a.speed_date.planned_at = timezone.now()
    w.a.speed_date.save()
    w.feed = event_services.calendar_feed_get_or_create(user=w.user)
    # A's leader has invited the participant's address to take A's hidden ambassador profile.
    invited = ambassador_services.ambassador_invite_account(
        ambassador=w.a.ambassador_hidden, email=w.user.email, by=w.leader_a
    )
    w.invitation_token = ambassador_services.invitation_token(invited)
    # B's leader has asked A's company to join project B; the company has not answered.
    w.request_to_a = ParticipatingCompany.objects.create(
        project=w.b.project, company=w.a.company, status=ParticipatingCompany.Status.PENDING
    )
    # A published event without round tables (its follow-up page does not exist).
    w.plain_event = EventFactory(title="Öppet hus", slug="oppet-hus", projects=[w.b.project])

    w.actors = {
        "anonymous": None,
        "user": w.user,
        "contact_a": w.contact_a,
        "contact_b": w.contact_b,
        "teacher": w.teacher,
        "ambassador": w.ambassador,
        "leader_a": w.leader_a,
        "leader_b": w.leader_b,
        "admin": w.admin,
    }
    assert set(w.actors) == set(ACTORS)
    assert Role.objects.filter(user=w.ambassador, kind=Role.Kind.AMBASSADOR).exists()
    return w


def photo_kwargs(ambassador) -> dict:
    return {"pk": ambassador.pk, "filename": ambassador.photo.name.rsplit("/", 1)[-1]}


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs or None)
