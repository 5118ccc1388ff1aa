"""Which model permissions the project leaders' group carries.

Each app lists the permissions its project leaders need in its hook
`project_leader_permissions` ("app_label.codename", see portal.plugins); the group is brought in line after every
migrate, so a new model cannot be forgotten in a hand-kept list elsewhere. Which *objects* a
leader may touch is decided by each app's selectors, not here.
"""

from django.contrib.auth.models import Group, Permission

from .plugins import hooks

PROJECT_LEADER_GROUP = "Projektledare"


def project_leader_permission_names() -> list[str]:
    names: list[str] = []
    for permissions in hooks("project_leader_permissions"):
        names.extend(permissions)
    return names


def sync_project_leader_group(**kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=PROJECT_LEADER_GROUP)
    wanted = []
    for name in project_leader_permission_names():
        app_label, codename = name.split(".", 1)
        wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    group.permissions.set(wanted)
    return group
