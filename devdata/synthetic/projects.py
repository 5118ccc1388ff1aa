"""Synthetic projects, course catalogue, staff lists and course registrations (see devdata.synthetic.portal).

Scale 1: 5 projects, 1 200 courses, 3 000 occasions, 5 000 employees at the 70 companies and
30 000 registrations. Registrations follow the seat rules: per occasion, in the order they were
made, confirmed while there are seats and the company's quota allows, the rest on the waiting
list; some are cancelled; past occasions have attendance and hours recorded.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from devdata.synthetic.portal import Synthetic, bulk, person_name
from projects.models import (
    CompetenceNeed,
    Course,
    CourseCategory,
    Employee,
    Enrolment,
    NewsPost,
    Occasion,
    ParticipatingCompany,
    ProfessionalNetwork,
    Project,
    ProjectLeader,
    ReferenceGroupMember,
    TargetGroup,
)
from projects.vocabularies import TARGET_GROUPS

PROJECT_NAMES = [
    "Kompetenslyft för industrin",
    "Framtidens verkstad",
    "Digitalisering i små industriföretag",
    "Industrins kompetensförsörjning",
    "Automation och omställning",
    "Validering i industrin",
    "Hållbar produktion",
    "Ledarskap i tillverkningsindustrin",
]
# (slug, name, [course titles]); the first five are the categories of the seed articles.
CATEGORIES = [
    (
        "matteknik",
        "Mätteknik",
        [
            "Mätteknik grund",
            "Mätteknik fördjupning",
            "Geometrisk toleranssättning",
            "Koordinatmätmaskin, programmering",
            "Mätsystemanalys",
            "Ritningsläsning",
        ],
    ),
    (
        "robot",
        "Robotutbildning",
        [
            "Robotprogrammering grund",
            "Robotprogrammering fortsättning",
            "Robotsäkerhet",
            "Felsökning av robotceller",
            "Kollaborativa robotar",
            "Offline-programmering",
        ],
    ),
    (
        "truck",
        "Truckutbildning",
        [
            "Truckförarutbildning A och B",
            "Traversutbildning",
            "Säkra lyft",
            "Repetitionsutbildning truck",
            "Skjutstativtruck",
        ],
    ),
    (
        "ledarskap",
        "Ledarskap",
        [
            "Ledarskap för produktionsledare",
            "Coachande ledarskap",
            "Att leda förändring",
            "UGL",
            "Arbetsrätt för arbetsledare",
            "Svåra samtal",
        ],
    ),
    (
        "intern-kommunikation",
        "Intern kommunikation",
        [
            "Skiftöverlämningar som fungerar",
            "Möten som leder framåt",
            "Kommunikation i team",
            "Feedback på arbetsplatsen",
        ],
    ),
    ("svetsning", "Svetsning", ["MIG/MAG-svetsning", "TIG-svetsning", "Svetsning enligt standard", "Svetskoordinator"]),
    ("hydraulik", "Hydraulik och pneumatik", ["Hydraulik grund", "Hydraulik felsökning", "Pneumatik"]),
    (
        "cnc",
        "CNC och skärande bearbetning",
        ["CNC-svarvning", "CNC-fräsning", "Fleroperationsmaskiner", "CAM-programmering", "Skärdata och verktyg"],
    ),
    (
        "lean",
        "Lean och förbättringsarbete",
        ["Lean grund", "5S i praktiken", "Ständiga förbättringar", "Värdeflödesanalys"],
    ),
    ("underhall", "Underhåll", ["Förebyggande underhåll", "TPM", "Smörjteknik", "Vibrationsanalys"]),
    (
        "arbetsmiljo",
        "Arbetsmiljö och säkerhet",
        ["BAM", "Heta arbeten", "Första hjälpen och HLR", "Kemikaliehantering"],
    ),
    (
        "el",
        "El och automation",
        ["El-säkerhet för icke elektriker", "PLC-programmering", "Styrteknik", "Elsäkerhet vid arbete"],
    ),
    ("kvalitet", "Kvalitet", ["ISO 9001 i vardagen", "Statistisk processtyrning", "Rotorsaksanalys", "FMEA"]),
    ("svenska-pa-jobbet", "Svenska på jobbet", ["Yrkessvenska för industrin", "Säkerhetsord på svenska"]),
]
VARIANTS = ["", "", " – grund", " – fortsättning", " för operatörer", " för team", ", kompakt", " – digital"]
ROLES = ["Produktionsledare", "Underhållstekniker", "Kvalitetsansvarig", "HR-ansvarig", "Inköpare"]
JOB_TITLES = [
    "Operatör",
    "Maskinoperatör",
    "CNC-operatör",
    "Montör",
    "Svetsare",
    "Underhållstekniker",
    "Truckförare",
    "Produktionsledare",
    "Kvalitetstekniker",
    "Lagerarbetare",
    "Processtekniker",
    "Skiftledare",
    "Konstruktör",
    "Elektriker",
    "Inköpare",
]
STREETS = ["Industrigatan", "Verkstadsvägen", "Bruksgatan", "Smedjegatan", "Teknikparken", "Hamngatan"]


def _spread(rng, total: int, buckets: int, minimum: int = 0) -> list[int]:
    """`total` split into `buckets` counts of at least `minimum`, at random."""
    counts = [minimum] * buckets
    for _ in range(max(0, total - minimum * buckets)):
        counts[rng.randrange(buckets)] += 1
    return counts


def _projects(run: Synthetic) -> list[Project]:
    rng, regions = run.rng, run.made["regions"]
    count = run.count(5)
    names = []
    for n in range(count):
        name = PROJECT_NAMES[n % len(PROJECT_NAMES)]
        if n >= len(PROJECT_NAMES):
            name = f"{name} {regions[n % len(regions)].name} {n // len(PROJECT_NAMES) + 1}"
        names.append(name)
    owners = run.made["providers"]
    projects = []
    for n, (name, slug) in enumerate(zip(names, run.unique_slugs(Project, names), strict=True)):
        starts = run.day(-rng.randint(60, 720))
        projects.append(
            Project(
                name=name,
                slug=slug,
                status=Project.Status.PUBLISHED if n % 10 != 9 else Project.Status.DRAFT,
                owner=rng.choice(owners),
                summary=f"{name} ger anställda i regionens industriföretag kurser inom allt från mätteknik och "
                "robotar till ledarskap, utifrån företagens egna behovsanalyser.",
                body="<p>Företagen gör först en kompetensanalys. Utifrån den väljer projektet kurser på individ- "
                "och gruppnivå, och företagens kontaktpersoner anmäler sin personal i portalen.</p>"
                "<h2>Jämställdhet och tillgänglighet</h2><p>Deltagarna följs upp per kön mot "
                "arbetsstyrkan på varje företag.</p>",
                starts_on=starts,
                ends_on=starts + datetime.timedelta(days=rng.randint(700, 1300)),
                target_companies=run.count(70) // count + 5,
                target_employees=run.count(5000) // count,
                target_hours=run.count(5000) // count * 12,
                gender_equality="Andelen kvinnor bland deltagarna följs upp mot arbetsstyrkan på varje företag.",
                accessibility="Kurslokaler och digitala kurser väljs så att alla anställda kan delta.",
                non_discrimination="Alla anställda ska ha samma möjlighet att gå kurser, oavsett modersmål.",
                contact_name="Projektkansliet",
                contact_email=f"{slug}@projekt.syntetisk.example",
            )
        )
    projects = bulk(Project, projects)
    # The groups come with migration 0003; a flushed database has lost them.
    target_groups = [
        TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})[0]
        for slug, name, position in TARGET_GROUPS
    ]
    bulk(
        Project.regions.through,
        (
            Project.regions.through(project=p, region=r)
            for p in projects
            for r in rng.sample(regions, rng.randint(1, 3))
        ),
    )
    bulk(
        Project.funders.through,
        (
            Project.funders.through(project=p, organisation=f)
            for p in projects
            for f in rng.sample(run.made["funders"], 1)
        ),
    )
    bulk(
        Project.target_groups.through,
        (
            Project.target_groups.through(project=p, targetgroup=t)
            for p in projects
            for t in rng.sample(target_groups, rng.randint(0, 2))
        ),
    )
    leaders = run.made["leaders"]
    bulk(
        ProjectLeader,
        (
            ProjectLeader(project=p, user=leaders[n % len(leaders)], title="Projektledare", started_on=p.starts_on)
            for n, p in enumerate(projects)
        ),
    )
    people = []
    for project in projects:
        for order in range(rng.randint(3, 6)):
            first, last, _gender = person_name(rng)
            people.append(
                ReferenceGroupMember(
                    project=project,
                    name=f"{first} {last}",
                    order=order,
                    title=rng.choice(
                        ["Näringslivschef", "Rektor", "Branschföreträdare", "Utvecklingsledare", "Facklig företrädare"]
                    ),
                    organisation=rng.choice(run.made["companies"] + run.made["schools"]),
                )
            )
        for role in rng.sample(ROLES, 2):
            people.append(
                ProfessionalNetwork(
                    project=project,
                    role=role,
                    meets="Varannan månad, digitalt",
                    description=f"Ett nätverk för {role.lower()}e på företagen i projektet.",
                )
            )
    bulk(ReferenceGroupMember, [p for p in people if isinstance(p, ReferenceGroupMember)])
    bulk(ProfessionalNetwork, [p for p in people if isinstance(p, ProfessionalNetwork)])
    news = []
    for project in projects:
        for n in range(rng.randint(6, 14)):
            title = (
                rng.choice(
                    [
                        "Nya kurser i",
                        "Rekordmånga anmälda i",
                        "Företagen berättar om",
                        "Halvtid för",
                        "Nätverksträff inom",
                        "Så går det för",
                    ]
                )
                + f" {project.name.lower()}"
            )
            published = run.now - datetime.timedelta(days=rng.randint(1, 600), hours=rng.randint(0, 23))
            news.append(
                NewsPost(
                    project=project,
                    title=title,
                    slug=f"nyhet-{n + 1}",
                    lead="Kort om läget i projektet och vad som händer de närmaste månaderna.",
                    body="<p>Fler företag har gjort sin kompetensanalys och anmält personal.</p>",
                    published_at=published if n else None,
                )
            )
    bulk(NewsPost, news)
    return projects


def _participation(run: Synthetic, projects: list[Project]) -> dict[int, list]:
    """Which companies take part in which published project (each company in one or two)."""
    rng = run.rng
    published = [p for p in projects if p.status == Project.Status.PUBLISHED] or projects
    companies_of: dict[int, list] = defaultdict(list)
    rows = []
    for n, company in enumerate(run.made["companies"]):
        chosen = {published[n % len(published)]}
        if rng.random() < 0.3:
            chosen.add(rng.choice(published))
        for project in chosen:
            companies_of[project.pk].append(company)
            rows.append(
                ParticipatingCompany(
                    project=project,
                    company=company,
                    joined_on=project.starts_on + datetime.timedelta(days=rng.randint(0, 90)),
                    women=rng.randint(5, 60),
                    men=rng.randint(20, 160),
                    non_binary=rng.randint(0, 2),
                    status=ParticipatingCompany.Status.ACCEPTED,
                )
            )
    bulk(ParticipatingCompany, rows)
    return companies_of


def _staff(run: Synthetic) -> dict[int, list[Employee]]:
    rng, companies = run.rng, run.made["companies"]
    sizes = _spread(rng, run.count(5000), len(companies), minimum=min(5, run.count(5000) // len(companies)))
    rows = []
    for company, size in zip(companies, sizes, strict=True):
        domain = f"{company.slug[:40]}.syntetisk.example"
        for n in range(size):
            first, last, gender = person_name(rng)
            removed = rng.random() < 0.02
            removed_at = run.now - datetime.timedelta(days=rng.randint(1, 200)) if removed else None
            rows.append(
                Employee(
                    company=company,
                    first_name=first,
                    last_name=last,
                    gender=gender,
                    email="" if removed or rng.random() < 0.05 else f"anstalld{n + 1}@{domain}",
                    job_title=rng.choice(JOB_TITLES),
                    removed_at=removed_at,
                )
            )
    staff: dict[int, list[Employee]] = defaultdict(list)
    run.made["employee_count"] = len(rows)
    for employee in bulk(Employee, rows):
        if employee.removed_at is None:
            staff[employee.company_id].append(employee)
    return staff


def _catalogue(run: Synthetic, projects: list[Project]) -> tuple[list[Course], list[Occasion]]:
    rng = run.rng
    categories = {}
    for position, (slug, name, _titles) in enumerate(CATEGORIES):
        categories[slug], _ = CourseCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    titles = {slug: course_titles for slug, _name, course_titles in CATEGORIES}
    courses = []
    for n in range(run.count(1200)):
        slug = rng.choice(list(titles))
        title = rng.choice(titles[slug]) + rng.choice(VARIANTS)
        courses.append(
            Course(
                project=projects[n % len(projects)],
                category=categories[slug],
                title=title,
                description=f"{title} för anställda i industrin. Kursen varvar teori med övningar i den egna "
                f"produktionen och avslutas med ett intyg.",
                level=Course.Level.GROUP if rng.random() < 0.3 else Course.Level.INDIVIDUAL,
                provider=rng.choice(run.made["providers"]),
                hours=Decimal(rng.choice([4, 8, 8, 16, 24, 40])),
            )
        )
    courses = bulk(Course, courses)
    occasions = []
    per_course = _spread(rng, run.count(3000), len(courses), minimum=1)
    regions_of = defaultdict(list)
    for row in Project.regions.through.objects.filter(project__in=projects).select_related("region"):
        regions_of[row.project_id].append(row.region)
    for course, count in zip(courses, per_course, strict=True):
        for _ in range(count):
            # A third in the past (with attendance), the rest over the coming year.
            starts = run.at(run.day(rng.randint(-240, 365)), hour=rng.choice([8, 9, 13]))
            online = rng.random() < 0.2
            region = rng.choice(regions_of[course.project_id] or run.made["regions"])
            seats = rng.choice([6, 8, 10, 12, 12, 16, 20, 24])
            occasions.append(
                Occasion(
                    course=course,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=min(float(course.hours), 8)),
                    mode=Occasion.Mode.ONLINE if online else Occasion.Mode.ON_SITE,
                    place="Länk skickas till deltagarna"
                    if online
                    else f"{rng.choice(STREETS)} {rng.randint(1, 40)}, {region.name}",
                    region=None if online else region,
                    seats=seats,
                    company_quota=rng.choice([2, 3, 4]) if rng.random() < 0.2 else None,
                    registration_deadline=starts - datetime.timedelta(days=7),
                    cancellation_deadline=starts - datetime.timedelta(days=3),
                )
            )
    return courses, bulk(Occasion, occasions)


def _enrolments(
    run: Synthetic,
    occasions: list[Occasion],
    courses: list[Course],
    companies_of: dict[int, list],
    staff: dict[int, list[Employee]],
) -> int:
    rng = run.rng
    course_of = {course.pk: course for course in courses}
    contacts = run.made["contacts"]
    # Only occasions of projects that companies take part in (not drafts) get registrations.
    open_for = [o for o in occasions if companies_of.get(course_of[o.course_id].project_id)]
    per_occasion = _spread(rng, run.count(30000), len(open_for))
    rows = []
    for occasion, wanted in zip(open_for, per_occasion, strict=True):
        course = course_of[occasion.course_id]
        pool = [e for company in companies_of[course.project_id] for e in staff[company.pk]]
        if not wanted:
            continue
        chosen = rng.sample(pool, min(wanted, len(pool)))
        latest = min(run.now, occasion.registration_deadline)
        times = sorted(latest - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 45)) for _ in chosen)
        confirmed_per_company: Counter = Counter()
        past = occasion.starts_at < run.now
        for employee, created in zip(chosen, times, strict=True):
            enrolment = Enrolment(
                occasion=occasion,
                employee=employee,
                company_id=employee.company_id,
                registered_by=contacts.get(employee.company_id),
                created=created,
            )
            if rng.random() < 0.07:
                enrolment.status = Enrolment.Status.CANCELLED
                enrolment.cancelled_at = min(run.now, created + datetime.timedelta(days=rng.randint(1, 10)))
                enrolment.cancelled_by = enrolment.registered_by
            elif confirmed_per_company.total() < occasion.seats and (
                occasion.company_quota is None or confirmed_per_company[employee.company_id] < occasion.company_quota
            ):
                confirmed_per_company[employee.company_id] += 1
                enrolment.status = Enrolment.Status.CONFIRMED
                enrolment.confirmed_at = created
                if past:
                    enrolment.attended = rng.random() < 0.9
                    enrolment.hours = course.hours if enrolment.attended else Decimal(0)
            else:
                enrolment.status = Enrolment.Status.WAITLISTED
            rows.append(enrolment)
    bulk(Enrolment, rows)
    return len(rows)


def _needs(run: Synthetic) -> None:
    rng = run.rng
    categories = list(CourseCategory.objects.all())
    bulk(
        CompetenceNeed,
        (
            CompetenceNeed(
                company=company,
                category=category,
                staff_count=rng.randint(1, 30),
                updated_by=run.made["contacts"].get(company.pk),
            )
            for company in run.made["companies"]
            for category in rng.sample(categories, min(len(categories), rng.randint(1, 5)))
        ),
    )


def generate(run: Synthetic) -> None:
    projects = _projects(run)
    companies_of = _participation(run, projects)
    staff = _staff(run)
    courses, occasions = _catalogue(run, projects)
    enrolled = _enrolments(run, occasions, courses, companies_of, staff)
    _needs(run)
    run.made["projects"] = projects
    run.say(
        f"  projects: {len(projects)} projects, {len(courses)} courses, {len(occasions)} occasions, "
        f"{run.made['employee_count']} employees, {enrolled} course registrations"
    )
