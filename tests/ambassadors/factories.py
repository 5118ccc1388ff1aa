"""Factories for the ambassadors app's tests."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ambassadors import services
from ambassadors.models import (
    AgeGroup,
    Ambassador,
    ConsentText,
    EducationPath,
    Industry,
    Language,
    Profession,
    VisitRequest,
)
from projects.models import Project, ProjectLeader
from tests.factories import (
    CompanyFactory,
    MunicipalityFactory,
    SchoolFactory,
    project_leader_user,
    teacher,
    vocabulary_factory,
)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    owner = factory.SubFactory(CompanyFactory)
    status = Project.Status.PUBLISHED


ProfessionFactory = vocabulary_factory(Profession, "Yrke")
IndustryFactory = vocabulary_factory(Industry, "Bransch")
LanguageFactory = vocabulary_factory(Language, "Språk")
EducationPathFactory = vocabulary_factory(EducationPath, "Utbildning")


def lead(project: Project, user=None):
    """A project leader who leads `project` now."""
    user = user or project_leader_user()
    ProjectLeader.objects.create(project=project, user=user, started_on=datetime.date(2020, 1, 1))
    return user


class AmbassadorFactory(factory.django.DjangoModelFactory):
    """An unpublished profile without consent."""

    class Meta:
        model = Ambassador

    project = factory.SubFactory(ProjectFactory)
    display_name = factory.Sequence(lambda n: f"Ambassadör {n}")
    slug = factory.Sequence(lambda n: f"ambassador-{n}")
    profession = factory.SubFactory(ProfessionFactory)
    industry = factory.SubFactory(IndustryFactory)
    employer = factory.Sequence(lambda n: f"Verkstad {n} AB")
    municipality = factory.SubFactory(MunicipalityFactory)
    offers_on_site = True
    offers_digital = True


def consent_text() -> ConsentText:
    # The first text comes with the migrations; transactional tests flush it, so make one if needed.
    return ConsentText.current() or ConsentText.objects.create(
        version="1",
        body="Jag samtycker till att min profil publiceras.",
        in_use_from=timezone.now() - datetime.timedelta(days=1),
    )


def publish(ambassador: Ambassador, leader=None) -> Ambassador:
    """Record written consent and publish, as the project's leader would."""
    leader = leader or ambassador.project.leaders.current().first()
    leader = leader.user if leader is not None else lead(ambassador.project)
    services.consent_record(
        ambassador=ambassador,
        by=leader,
        text=consent_text(),
        given_at=timezone.now() - datetime.timedelta(days=1),
    )
    services.ambassador_publish(ambassador=ambassador, by=leader)
    ambassador.refresh_from_db()
    return ambassador


def published_ambassador(**kwargs) -> Ambassador:
    return publish(AmbassadorFactory(**kwargs))


def age_group(slug: str) -> AgeGroup:
    return AgeGroup.objects.get_or_create(slug=slug, defaults={"name": slug})[0]


def image_file(fmt="JPEG", size=(800, 1000), name=None, color=(200, 80, 40), **save_kwargs) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    mode = "P" if fmt == "GIF" else "RGB"
    Image.new(mode, size, color if mode == "RGB" else 1).save(buffer, fmt, **save_kwargs)
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    content_type = {"JPEG": "image/jpeg"}.get(fmt, f"image/{fmt.lower()}")
    return SimpleUploadedFile(name or f"foto.{extension}", buffer.getvalue(), content_type=content_type)


def future(days=14) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def at(day: datetime.date, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def visit_request(ambassador=None, requester=None, **kwargs) -> VisitRequest:
    """A request sent through the service by a teacher at their school."""
    ambassador = ambassador or published_ambassador()
    school = kwargs.pop("school", None)
    if requester is None:
        school = school or SchoolFactory()
        requester = teacher(school)
    school = school or requester.roles.filter(kind="teacher").first().organisation
    data = {
        "group_name": "9B",
        "school_year": VisitRequest.SchoolYear.Y9,
        "pupils": 25,
        "first_choice": future(14),
        "second_choice": future(21),
        "format": VisitRequest.Format.ON_SITE,
        "message": "Välkommen!",
    }
    data.update(kwargs)
    return services.visit_request_create(ambassador=ambassador, requested_by=requester, school=school, **data)


def form_data(ambassador, **changes) -> dict:
    """What the profile form hands the service: the current values, with some changed."""
    data = {
        "display_name": ambassador.display_name,
        "headline": ambassador.headline,
        "story": ambassador.story,
        "film_url": ambassador.film_url,
        "profession": ambassador.profession,
        "industry": ambassador.industry,
        "employer": ambassador.employer,
        "municipality": ambassador.municipality,
        "education_paths": list(ambassador.education_paths.all()),
        "languages": list(ambassador.languages.all()),
        "age_groups": list(ambassador.age_groups.all()),
        "offers_on_site": ambassador.offers_on_site,
        "offers_digital": ambassador.offers_digital,
    }
    data.update(changes)
    return data
