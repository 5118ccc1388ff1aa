"""Reads about projects, courses and companies that pages, admin and reports share."""

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from portal.models import Organisation
from portal.selectors import companies_of

from . import search
from .models import (
    CompetenceNeed,
    Course,
    Employee,
    Enrolment,
    NewsPost,
    Occasion,
    ParticipatingCompany,
    Project,
    ProjectLeader,
    ReferenceGroupMember,
)

# --- Who may edit what in the admin --------------------------------------------------------------


def projects_led_by(user) -> QuerySet[Project]:
    """The projects a user may edit in the admin: all for site administrators, else those they lead now."""
    return Project.objects.led_by(user)


def current_leaders(projects) -> list:
    """The people who lead `projects` now (a project, its id, or a queryset of projects) with an
    active account, each once, by e-mail address: whom mails about a project go to."""
    lookup = {"project__in": projects} if isinstance(projects, QuerySet) else {"project": projects}
    leaders = ProjectLeader.objects.current().filter(**lookup, user__is_active=True).select_related("user")
    return list({leader.user_id: leader.user for leader in leaders.order_by("user__email")}.values())


def _led(queryset: QuerySet, user, path: str) -> QuerySet:
    if user.is_active and user.is_superuser:
        return queryset
    return queryset.filter(**{f"{path}__in": projects_led_by(user)})


def courses_led_by(user) -> QuerySet[Course]:
    return _led(Course.objects.all(), user, "project")


def occasions_led_by(user) -> QuerySet[Occasion]:
    return _led(Occasion.objects.all(), user, "course__project")


def enrolments_led_by(user) -> QuerySet[Enrolment]:
    return _led(Enrolment.objects.all(), user, "occasion__course__project")


def news_led_by(user) -> QuerySet[NewsPost]:
    return _led(NewsPost.objects.all(), user, "project")


def competence_needs_led_by(user) -> QuerySet[CompetenceNeed]:
    """Needs of the companies that take part in the projects the user leads: that have accepted to,
    not those a leader has only asked."""
    if user.is_active and user.is_superuser:
        return CompetenceNeed.objects.all()
    companies = ParticipatingCompany.objects.accepted().filter(project__in=projects_led_by(user)).values("company_id")
    return CompetenceNeed.objects.filter(company_id__in=companies)


# --- Public project pages ---------------------------------------------------------------------


def _count_subquery(queryset, field: str):
    counted = (
        queryset.order_by().values("occasion__course__project").annotate(n=Count(field, distinct=True)).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_progress(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate what each project has reached so far, in the one query that lists them.

    Companies reached: companies with at least one confirmed participant. Employees trained and
    hours: from recorded attendance.
    """
    per_project = Enrolment.objects.filter(occasion__course__project=OuterRef("pk"))
    confirmed = per_project.filter(status=Enrolment.Status.CONFIRMED)
    attended = confirmed.filter(attended=True)
    hours = attended.order_by().values("occasion__course__project").annotate(total=Sum("hours")).values("total")
    return projects.annotate(
        companies_reached=_count_subquery(confirmed, "company"),
        employees_trained=_count_subquery(attended, "employee"),
        hours_done=Coalesce(
            Subquery(hours, output_field=DecimalField(max_digits=12, decimal_places=1)),
            Value(0),
            output_field=DecimalField(max_digits=12, decimal_places=1),
        ),
    )


def progress_rows(project: Project) -> list[dict]:
    """Targets against what has been reached, for the bars on a project's page (annotated project)."""
    rows = [
        ("companies", project.target_companies, project.companies_reached),
        ("employees", project.target_employees, project.employees_trained),
        ("hours", project.target_hours, project.hours_done),
    ]
    result = []
    for key, target, reached in rows:
        percent = min(100, round(100 * float(reached) / target)) if target else None
        result.append({"key": key, "target": target, "reached": reached, "percent": percent})
    return result


def public_projects() -> QuerySet[Project]:
    return with_progress(Project.objects.published().select_related("owner").prefetch_related("regions"))


def public_project_detail() -> QuerySet[Project]:
    """Published projects with everything their page shows, in a fixed number of queries."""
    return (
        with_progress(Project.objects.published())
        .select_related("owner")
        .prefetch_related(
            "regions",
            "funders",
            "target_groups",
            Prefetch(
                "leaders",
                queryset=ProjectLeader.objects.select_related("user").order_by("-started_on"),
                to_attr="all_leaders",
            ),
            Prefetch(
                "reference_group",
                queryset=ReferenceGroupMember.objects.select_related("organisation"),
                to_attr="reference_members",
            ),
            Prefetch(
                "participants",
                queryset=ParticipatingCompany.objects.accepted().select_related("company"),
                to_attr="participant_list",
            ),
            Prefetch("networks", to_attr="network_list"),
        )
    )


def published_news() -> QuerySet[NewsPost]:
    return NewsPost.objects.published().select_related("project")


def visitor_kind(user) -> set[str]:
    """This app's part of a signed-in visitor's kind: company contacts get "Mitt företag" in the menu."""
    return {"company_contact"} if companies_of(user).exists() else set()


def home_context(request) -> dict:
    """The home page's part from this app: published projects and the latest news."""
    return {
        "home_projects": list(Project.objects.published().select_related("owner").order_by("name")[:6]),
        "home_news": list(published_news()[:3]),
    }


# --- The course catalogue ----------------------------------------------------------------------


def catalogue_occasions(now=None) -> QuerySet[Occasion]:
    """Upcoming occasions of published projects, with free seats, ready to list without more queries."""
    return (
        Occasion.objects.public()
        .upcoming(now)
        .with_seat_counts()
        .select_related("course__category", "course__project", "course__provider", "region")
        .order_by("starts_at", "pk")
    )


def search_courses(courses: QuerySet[Course], text: str) -> QuerySet[Course]:
    """Full-text search in title and description, Swedish on both databases: PostgreSQL's Swedish
    configuration with the GIN index of migration 0004, or SQLite's FTS5 table of migration 0007,
    with stemming and prefixes ("ledarskapet" finds "Ledarskap", "robot" finds "Robotprogrammering")."""
    return search.search_courses(courses, text)


def occasion_for_registration(pk: int) -> Occasion:
    return (
        Occasion.objects.public()
        .with_seat_counts()
        .select_related("course__project", "course__category", "course__provider", "region")
        .get(pk=pk)
    )


# --- Companies ("Mitt företag") -------------------------------------------------------------------


def company_of(user, pk: int) -> Organisation:
    """One of the user's companies; any other id is treated as not found."""
    return companies_of(user).get(pk=pk)


def staff_of(company: Organisation) -> QuerySet[Employee]:
    return Employee.objects.filter(company=company, removed_at__isnull=True)


def enrolments_of(company: Organisation) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(company=company).select_related(
        "employee", "occasion__course__project", "occasion__region"
    )


def staff_available_for(occasion: Occasion, company: Organisation) -> QuerySet[Employee]:
    """The company's staff not already registered (confirmed or waitlisted) on the occasion."""
    taken = Enrolment.objects.active().filter(occasion=occasion).values("employee_id")
    return staff_of(company).exclude(pk__in=taken)


def competence_need_summary(user) -> list[dict]:
    """Staff in need of training, summed per project, region and category, for the projects the user leads.

    A company's needs count towards every project it takes part in, under the company's region.
    """
    participations = ParticipatingCompany.objects.accepted().filter(project__in=projects_led_by(user))
    rows = (
        CompetenceNeed.objects.filter(company__project_participations__in=participations)
        .values("company__project_participations__project__name", "company__region__name", "category__name")
        .annotate(staff=Sum("staff_count"), companies=Count("company", distinct=True))
        .order_by("company__project_participations__project__name", "company__region__name", "category__name")
    )
    return [
        {
            "project": row["company__project_participations__project__name"],
            "region": row["company__region__name"] or "",
            "category": row["category__name"],
            "staff": row["staff"],
            "companies": row["companies"],
        }
        for row in rows
    ]


def participation_requests_of(company: Organisation) -> QuerySet[ParticipatingCompany]:
    """Projects that have asked the company to take part and wait for its answer."""
    return (
        ParticipatingCompany.objects.filter(company=company, status=ParticipatingCompany.Status.PENDING)
        .select_related("project")
        .order_by("requested_at", "pk")
    )
