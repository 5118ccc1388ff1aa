"""factory_boy factories for the portal's own models. Each app adds its own in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress
from django.utils.text import slugify

from portal.models import Municipality, Organisation, Region, Role, User
from portal.services import role_grant

PASSWORD = "Testlosen-2026!"  # noqa: S105


class VocabularyFactory(factory.django.DjangoModelFactory):
    """An entry of a word list (a model built on portal.models.Vocabulary), found again by its slug.
    Make one for a list with `vocabulary_factory`."""

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Ord {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def vocabulary_factory(model, word: str):
    """The factory of one word list, its entries named "<word> 1", "<word> 2"…"""
    return factory.make_factory(model, FACTORY_CLASS=VocabularyFactory, name=factory.Sequence(lambda n: f"{word} {n}"))


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n} AB")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.COMPANY
    region = factory.SubFactory(RegionFactory)


class CompanyFactory(OrganisationFactory):
    kind = Organisation.Kind.COMPANY


class SchoolFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Skola {n}")
    kind = Organisation.Kind.SCHOOL


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address who can sign in with PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def user_with_role(kind: str, organisation: Organisation | None = None, **kwargs) -> User:
    user = UserFactory(**kwargs)
    role_grant(user=user, kind=kind, organisation=organisation)
    return user


def company_contact(company: Organisation | None = None, **kwargs) -> User:
    return user_with_role(Role.Kind.COMPANY_CONTACT, company or CompanyFactory(), **kwargs)


def teacher(school: Organisation | None = None, **kwargs) -> User:
    return user_with_role(Role.Kind.TEACHER, school or SchoolFactory(), **kwargs)


def project_leader_user(**kwargs) -> User:
    return user_with_role(Role.Kind.PROJECT_LEADER, **kwargs)


def site_admin(**kwargs) -> User:
    return user_with_role(Role.Kind.SITE_ADMIN, **kwargs)
