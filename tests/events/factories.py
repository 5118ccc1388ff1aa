"""Factories for events. Events are published, a month ahead, with registration open, unless told."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from events.models import (
    ActionItem,
    Event,
    Registration,
    RoundTable,
    Session,
    Speaker,
    SpeedDate,
    Track,
)
from projects.models import Project, ProjectLeader
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
    project_leader_user,
)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    status = Project.Status.PUBLISHED
    owner = factory.SubFactory(OrganisationFactory)


def leader_of(*projects, **kwargs):
    """A project leader who leads the given projects now."""
    user = project_leader_user(**kwargs)
    for project in projects:
        ProjectLeader.objects.create(project=project, user=user, started_on=datetime.date(2020, 1, 1))
    return user


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Evenemang {n}")
    slug = factory.Sequence(lambda n: f"evenemang-{n}")
    kind = Event.Kind.CONFERENCE
    status = Event.Status.PUBLISHED
    region = factory.SubFactory(RegionFactory)
    venue = "Konferenscentret"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))
    capacity = 10

    @factory.post_generation
    def projects(obj, create, extracted, **kwargs):
        if create:
            obj.projects.set(extracted if extracted is not None else [ProjectFactory()])


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Spår {n}")
    capacity = 5
    position = factory.Sequence(int)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Talare {n}")
    title = "Projektledare"
    organisation = "Region Västmanland"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Programpunkt {n}")
    kind = Session.Kind.PLENARY
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=30))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration written straight to the table (for reads and admin tests;
    rules are tested through the services)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    organisation_type = Registration.OrganisationType.INDUSTRY
    organisation_name = "Verkstaden AB"
    confirmed_at = factory.LazyFunction(timezone.now)
    waitlisted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Registration.Status.WAITLISTED else None
    )


class RoundTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundTable

    event = factory.SubFactory(EventFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    table = factory.SubFactory(RoundTableFactory)
    what = factory.Sequence(lambda n: f"Åtgärd {n}")
    responsible = "Studie- och yrkesvägledarna"
    due_on = datetime.date(2016, 1, 28)


class SpeedDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeedDate

    session = factory.SubFactory(SessionFactory, kind=Session.Kind.SPEED_DATE)
