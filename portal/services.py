"""Rules for users and roles. Admin, commands and tests change roles only through these."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Organisation, Role, User
from .roles import PROJECT_LEADER_GROUP, sync_project_leader_group

ADMIN_ROLES = {Role.Kind.SITE_ADMIN, Role.Kind.PROJECT_LEADER}


def user_access_sync(*, user: User) -> User:
    """Bring the user's admin access in line with the roles they hold.

    Site administrators, and only they, are superusers (`createsuperuser` grants the role too);
    project leaders get the admin with the project leaders' group's permissions.
    """
    kinds = set(user.roles.values_list("kind", flat=True))
    group = Group.objects.filter(name=PROJECT_LEADER_GROUP).first() or sync_project_leader_group()
    user.is_superuser = Role.Kind.SITE_ADMIN in kinds
    user.is_staff = bool(kinds & ADMIN_ROLES)
    user.save(update_fields=["is_staff", "is_superuser"])
    if Role.Kind.PROJECT_LEADER in kinds:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return user


@transaction.atomic
def role_grant(*, user: User, kind: str, organisation: Organisation | None = None) -> Role:
    role = Role(user=user, kind=kind, organisation=organisation)
    role.full_clean(validate_unique=False, validate_constraints=False)
    role, _ = Role.objects.get_or_create(user=user, kind=kind, organisation=organisation)
    user_access_sync(user=user)
    return role


@transaction.atomic
def role_revoke(*, user: User, kind: str, organisation: Organisation | None = None) -> None:
    Role.objects.filter(user=user, kind=kind, organisation=organisation).delete()
    user_access_sync(user=user)
