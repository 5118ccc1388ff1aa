"""Worlds to show every page in (see tests/pages.py).

`demo_world()` is `manage.py seed_demo`'s data, the real texts and pictures people see, with the
few things the demo lacks for a page to be reachable (a visit waiting for feedback, a participant
in a speed-date, a password reset link). The browser tests sign in as its demo users.

`GrowingWorld` starts small and `grow(n)` adds n of everything every page lists or shows with an
object: more projects, news, courses, occasions, staff, registrations, sessions, speakers, round
tables, ambassadors and their vocabulary, visit requests and their messages, all tied to the same
users and objects, so a page that makes a query per row takes more queries after growing.
"""

from __future__ import annotations

import datetime
import io
import itertools

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.utils import timezone

from ambassadors.models import AgeGroup, Ambassador, VisitRequest, VisitRequestEvent
from ambassadors.search import search_vectors_refresh
from devdata.demo.portal import DEMO_PASSWORD, DEMO_USERS
from events import services as event_services
from events.models import Event, Registration, RoundTableMember, Session, SpeedDate
from portal.models import Organisation, User
from projects.models import (
    CompetenceNeed,
    Enrolment,
    NewsPost,
    Occasion,
    ParticipatingCompany,
    ProfessionalNetwork,
    Project,
    ReferenceGroupMember,
    TargetGroup,
)
from tests.ambassadors.factories import (
    AmbassadorFactory,
    EducationPathFactory,
    LanguageFactory,
    ProfessionFactory,
    future,
    publish,
    visit_request,
)
from tests.events.factories import (
    ActionItemFactory,
    EventFactory,
    RegistrationFactory,
    RoundTableFactory,
    SessionFactory,
    SpeakerFactory,
    TrackFactory,
)
from tests.factories import (
    CompanyFactory,
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
from tests.pages import World
from tests.projects.factories import (
    CourseCategoryFactory,
    CourseFactory,
    EmployeeFactory,
    EnrolmentFactory,
    NewsPostFactory,
    OccasionFactory,
    ParticipatingCompanyFactory,
    ProjectFactory,
    ProjectLeaderFactory,
    in_days,
)

ROLE_EMAILS = {
    "site_admin": "admin@demo.kompetensportalen.se",
    "project_leader": "projektledare@demo.kompetensportalen.se",
    "company_contact": "foretag@demo.kompetensportalen.se",
    "teacher": "larare@demo.kompetensportalen.se",
    "ambassador": "ambassador@demo.kompetensportalen.se",
    "participant": "deltagare@demo.kompetensportalen.se",
}
assert set(ROLE_EMAILS.values()) == {row[0] for row in DEMO_USERS}


def _account_links(world_objects: dict, user: User) -> None:
    """A password reset link for `user`, and an e-mail confirmation link for a new sign-up."""
    world_objects["password_reset"] = {
        "uidb36": user_pk_to_url_str(user),
        "key": default_token_generator.make_token(user),
    }
    newcomer = UserFactory(email="ny.anvandare@example.se")
    address = EmailAddress.objects.get(user=newcomer)
    address.verified = False
    address.save(update_fields=["verified"])
    world_objects["email_confirmation_key"] = EmailConfirmationHMAC(address).key


def _invitation(world_objects: dict, user: User, by: User) -> None:
    """An invitation for `user` to take a profile that has no account yet (its link's key)."""
    from ambassadors import services as ambassador_services

    free = Ambassador.objects.filter(user__isnull=True).order_by("pk").first() or AmbassadorFactory()
    free = ambassador_services.ambassador_invite_account(ambassador=free, email=user.email, by=by)
    world_objects["invitation_token"] = ambassador_services.invitation_token(free)


def _visit_for_feedback(ambassador: Ambassador, teacher_user: User, school: Organisation) -> VisitRequest:
    """A visit that took place yesterday and that the school has not yet given feedback on.

    Written as rows: the services only book visits in the future, and allow one open request
    from a teacher to an ambassador at a time."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    visit = VisitRequest.objects.create(
        ambassador=ambassador,
        requested_by=teacher_user,
        school=school,
        group_name="TE2",
        school_year=VisitRequest.SchoolYear.G2,
        pupils=22,
        first_choice=timezone.localdate(yesterday),
        format=ambassador.visit_formats()[0],
        message="Vi läser om automation.",
        state=VisitRequest.State.ACCEPTED,
        scheduled_for=yesterday,
    )
    VisitRequestEvent.objects.create(
        visit_request=visit,
        actor=teacher_user,
        side="school",
        to_state="requested",
        message=visit.message,
        created_at=yesterday - datetime.timedelta(days=14),
    )
    VisitRequestEvent.objects.create(
        visit_request=visit,
        actor=ambassador.user,
        side="ambassador",
        from_state="requested",
        to_state="accepted",
        when=yesterday,
        created_at=yesterday - datetime.timedelta(days=12),
    )
    return visit


def demo_world() -> World:
    """The demo data, signed in as the demo users (password devdata.demo.portal.DEMO_PASSWORD).

    seed_demo recreates the rows the data migrations put in (age groups, the first consent text,
    target groups), which a browser test's database flush removes."""
    call_command("seed_demo", stdout=io.StringIO())
    users = {role: User.objects.get(email=email) for role, email in ROLE_EMAILS.items()}
    objects: dict = {"password": DEMO_PASSWORD}
    participant = users["participant"]
    conference = Event.objects.get(slug="samverkan-for-framtidens-arbetsmarknad-2027")
    objects["event"] = conference
    # The participant is registered for the summer mingle and in its speed-date (in place of a
    # guest from industry), so that their own pages show a registration and a schedule.
    speed_date = SpeedDate.objects.select_related("session__event").first()
    guest = (
        Registration.objects.filter(event=speed_date.session.event, organisation_type="industry", status="confirmed")
        .order_by("pk")
        .first()
    )
    guest.user = participant
    guest.save(update_fields=["user"])
    objects["speed_date_registration"] = guest
    # ... and for an event to come (the registration they can change or cancel).
    upcoming = EventFactory(
        title="Nätverksträff för produktionsledare",
        slug="natverkstraff-produktionsledare",
        capacity=40,
        region=conference.region,
        projects=list(conference.projects.all()),
    )
    objects["registration"] = event_services.registration_create(
        event=upcoming,
        user=participant,
        organisation_type="industry",
        organisation_name="Scanfil",
        consent_to_list=True,
    )
    objects["calendar_feed"] = event_services.calendar_feed_renew(user=participant)
    objects["round_table_event"] = Event.objects.get(slug="industridag-ostergotland-2015")

    project = Project.objects.get(slug="smart-kompetens")
    objects["project"] = project
    objects["news_post"] = (
        NewsPost.objects.published().filter(project=project).first() or NewsPost.objects.published().first()
    )
    company = Organisation.objects.get(name="Östgöta Verkstadsteknik AB")
    objects["company"] = company
    # A project that has asked the company to take part: Mitt företag shows the request to answer.
    asking = Project.objects.exclude(participants__company=company).order_by("pk").first()
    if asking is not None:
        ParticipatingCompany.objects.get_or_create(project=asking, company=company)
    enrolment = (
        Enrolment.objects.active()
        .filter(company=company, occasion__cancellation_deadline__gt=timezone.now())
        .select_related("occasion__course", "employee")
        .order_by("occasion__starts_at")
        .first()
    )
    objects["enrolment"] = enrolment
    objects["employee"] = enrolment.employee
    objects["occasion"] = (
        Occasion.objects.public()
        .upcoming()
        .filter(registration_deadline__gt=timezone.now(), course__project=project)
        .exclude(enrolments__company=company)
        .order_by("starts_at")
        .first()
    )
    objects["course"] = objects["occasion"].course
    objects["course_words"] = "robot"

    amir = Ambassador.objects.get(user=users["ambassador"])
    objects["ambassador"] = amir
    objects["ambassador_words"] = "svetsare"
    objects["visit_request"] = VisitRequest.objects.filter(ambassador=amir, state="requested").first()
    school = Organisation.objects.get(slug="brinellskolan")
    objects["visit_for_feedback"] = _visit_for_feedback(amir, users["teacher"], school)
    _account_links(objects, participant)
    _invitation(objects, participant, users["site_admin"])
    return World(users=users, objects=objects)


class GrowingWorld(World):
    """A world of its own (no demo data) that `grow` makes bigger, every list and every object."""

    def __init__(self):
        counter = itertools.count(1)
        self.serial = lambda: next(counter)
        region = RegionFactory(name="Perfregion", slug="perfregion")
        project = ProjectFactory(name="Perfprojekt", slug="perfprojekt")
        project.regions.add(region)
        leader = project_leader_user(email="perf.ledare@example.se")
        ProjectLeaderFactory(project=project, user=leader)
        company = CompanyFactory(name="Perfverkstaden AB")
        ParticipatingCompanyFactory(project=project, company=company)
        school = SchoolFactory(name="Perfskolan")
        ambassador_user = UserFactory(email="perf.ambassador@example.se")
        users = {
            "site_admin": site_admin(email="perf.admin@example.se"),
            "project_leader": leader,
            "company_contact": company_contact(company, email="perf.kontakt@example.se"),
            "teacher": teacher(school, email="perf.larare@example.se"),
            "ambassador": ambassador_user,
            "participant": UserFactory(email="perf.deltagare@example.se"),
        }
        super().__init__(users=users)
        objects = self.objects
        objects.update(
            project=project,
            region=region,
            company=company,
            school=school,
            course_words="perfkurs",
            ambassador_words="perfyrke",
        )
        category = CourseCategoryFactory(name="Perfkategori", slug="perfkategori")
        objects["course"] = CourseFactory(project=project, category=category, title="Perfkurs robotsvetsning")
        objects["occasion"] = OccasionFactory(course=objects["course"], region=region, seats=500, starts_at=in_days(40))
        objects["employee"] = EmployeeFactory(company=company, last_name="Perfsson")
        enrol_on = OccasionFactory(course=objects["course"], region=region, seats=500, starts_at=in_days(45))
        objects["enrolment"] = EnrolmentFactory(occasion=enrol_on, employee=objects["employee"])
        objects["news_post"] = NewsPostFactory(
            project=project, published_at=timezone.now() - datetime.timedelta(hours=1)
        )

        objects["event"] = EventFactory(
            title="Perfkonferensen", slug="perfkonferensen", projects=[project], capacity=500
        )
        registered = EventFactory(title="Perfmingel", slug="perfmingel", projects=[project], capacity=500)
        objects["registration"] = RegistrationFactory(event=registered, user=users["participant"], consent_to_list=True)
        session = SessionFactory(event=registered, kind=Session.Kind.SPEED_DATE)
        objects["speed_date"] = SpeedDate.objects.create(session=session)
        objects["speed_date_registration"] = objects["registration"]
        objects["round_table_event"] = EventFactory(title="Perfindustridag", slug="perfindustridag", projects=[project])
        objects["calendar_feed"] = event_services.calendar_feed_renew(user=users["participant"])

        profession = ProfessionFactory(name="Perfyrke", slug="perfyrke")
        ambassador = publish(
            AmbassadorFactory(
                project=project,
                profession=profession,
                user=ambassador_user,
                display_name="Perf Ambassadör",
                slug="perf-ambassador",
            )
        )
        objects["ambassador"] = ambassador
        objects["visit_request"] = visit_request(ambassador, users["teacher"], school=school)
        objects["visit_for_feedback"] = _visit_for_feedback(ambassador, users["teacher"], school)
        _account_links(objects, users["participant"])
        _invitation(objects, users["participant"], users["site_admin"])

    def grow(self, units: int) -> None:
        for _ in range(units):
            self._grow_projects()
            self._grow_company()
            self._grow_events()
            self._grow_ambassadors()

    # --- one unit of each ------------------------------------------------------------------------

    def _grow_projects(self) -> None:
        n, project = self.serial(), self.project
        other = ProjectFactory(name=f"Projekt {n}", slug=f"perf-projekt-{n}")
        other.regions.add(RegionFactory())
        ProjectLeaderFactory(project=other)
        NewsPostFactory(project=other)
        project.regions.add(RegionFactory())
        project.funders.add(OrganisationFactory(kind="agency"))
        project.target_groups.add(TargetGroup.objects.create(name=f"Målgrupp {n}", slug=f"malgrupp-{n}"))
        ProjectLeaderFactory(project=project, started_on=datetime.date(2020, 1, 1), ended_on=datetime.date(2021, 1, 1))
        ReferenceGroupMember.objects.create(project=project, name=f"Ledamot {n}", organisation=OrganisationFactory())
        ParticipatingCompanyFactory(project=project)
        ProfessionalNetwork.objects.create(project=project, role=f"Yrkesroll {n}")
        NewsPostFactory(project=project, published_at=self.news_post.published_at - datetime.timedelta(minutes=n))
        course = CourseFactory(
            project=project,
            category=CourseCategoryFactory(),
            title=f"Perfkurs {n}",
            provider=OrganisationFactory(kind="education_provider"),
        )
        OccasionFactory(course=course, region=RegionFactory(), seats=500)
        OccasionFactory(course=self.course, region=RegionFactory(), seats=500)
        # Another of the company's staff on the occasion shown (its page lists the company's own).
        EnrolmentFactory(occasion=self.occasion, employee=EmployeeFactory(company=self.company))

    def _grow_company(self) -> None:
        company = self.company
        staff = EmployeeFactory(company=company)
        occasion = OccasionFactory(
            course=CourseFactory(project=self.project, category=CourseCategoryFactory()),
            seats=500,
            starts_at=in_days(50),
        )
        EnrolmentFactory(occasion=occasion, employee=staff)
        past = OccasionFactory(course=CourseFactory(project=self.project), seats=500, starts_at=in_days(-20))
        EnrolmentFactory(occasion=past, employee=staff, attended=True, hours=8)
        # The employee whose removal page lists their coming courses gets another one.
        EnrolmentFactory(occasion=occasion, employee=self.employee)
        CompetenceNeed.objects.create(company=company, category=CourseCategoryFactory(), staff_count=3)

    def _grow_events(self) -> None:
        n = self.serial()
        participant = self.users["participant"]
        upcoming = EventFactory(projects=[self.project], region=RegionFactory())
        past = EventFactory(projects=[self.project], starts_at=timezone.now() - datetime.timedelta(days=40 + n))
        RegistrationFactory(event=upcoming, user=participant)
        RegistrationFactory(event=past, user=participant)
        for event in (self.event, self.registration.event):
            track = TrackFactory(event=event, capacity=None)
            session = SessionFactory(event=event, kind=Session.Kind.TRACK, track=track, moderator=SpeakerFactory())
            session.speakers.add(SpeakerFactory(), SpeakerFactory())
            RegistrationFactory(event=event, consent_to_list=True, organisation_type="school")
        # The participant's speed-date gets one more partner, so one more round.
        event_services.speed_date_plan(speed_date=self.speed_date)
        table = RoundTableFactory(event=self.round_table_event, municipality=MunicipalityFactory())
        RoundTableMember.objects.create(table=table, name=f"Bordsdeltagare {n}")
        ActionItemFactory(table=table)
        ActionItemFactory(table=RoundTableFactory(event=self.round_table_event))

    def _grow_ambassadors(self) -> None:
        n = self.serial()
        ambassador, teacher_user = self.ambassador, self.users["teacher"]
        other = publish(
            AmbassadorFactory(
                project=self.project,
                profession=ambassador.profession,
                headline="Perfyrke med robotar",
                offers_digital=True,
                municipality=MunicipalityFactory(),
            )
        )
        for related in (ambassador, other):
            related.education_paths.add(EducationPathFactory())
            related.languages.add(LanguageFactory())
            related.age_groups.add(
                AgeGroup.objects.create(
                    name=f"Åldersgrupp {n}-{related.pk}", slug=f"alder-{n}-{related.pk}", position=n
                )
            )
        search_vectors_refresh([ambassador.pk, other.pk])
        # An earlier visit of the class to the same ambassador (one open request at a time).
        earlier = VisitRequest.objects.create(
            ambassador=ambassador,
            requested_by=teacher_user,
            school=self.school,
            group_name=f"Grupp {n}",
            school_year=VisitRequest.SchoolYear.Y8,
            pupils=20,
            first_choice=future(-30 - n),
            format=VisitRequest.Format.ON_SITE,
            state=VisitRequest.State.DECLINED,
        )
        VisitRequestEvent.objects.create(visit_request=earlier, actor=teacher_user, side="school", to_state="requested")
        # A request to an ambassador without an account: the project leader answers for them.
        visit_request(other, teacher_user, school=self.school)
        VisitRequestEvent.objects.create(
            visit_request=self.visit_request,
            actor=teacher_user,
            side="school",
            to_state="requested",
            message=f"Tillägg {n}",
        )
