"""Reads about users and organisations that several pages share."""

from django.db.models import QuerySet

from .models import Organisation, Role, User


def organisations_of(user: User, *, kind: str, role: str) -> QuerySet[Organisation]:
    """The organisations for which the user holds the given role (e.g. the companies they are contact of)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(kind=kind, roles__user=user, roles__kind=role).distinct()


def companies_of(user: User) -> QuerySet[Organisation]:
    return organisations_of(user, kind=Organisation.Kind.COMPANY, role=Role.Kind.COMPANY_CONTACT)


def schools_of(user: User) -> QuerySet[Organisation]:
    return organisations_of(user, kind=Organisation.Kind.SCHOOL, role=Role.Kind.TEACHER)


def visitor_kind(user: User) -> set[str]:
    """The portal's part of a signed-in visitor's kind (see portal.pagecache.visitor_kind)."""
    return {"signed_in", "staff"} if user.is_staff else {"signed_in"}


def user_has_role(user: User, kind: str) -> bool:
    return user.is_authenticated and Role.objects.filter(user=user, kind=kind).exists()
