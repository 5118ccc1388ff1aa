import pytest
from django.core.exceptions import ValidationError

from portal.models import Role
from portal.services import role_grant, role_revoke
from tests.factories import CompanyFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_project_leader_gets_the_admin_with_the_project_leaders_permissions():
    user = UserFactory()
    role_grant(user=user, kind=Role.Kind.PROJECT_LEADER)
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("portal.view_organisation")


def test_a_site_administrator_is_a_superuser_until_the_role_is_taken_away():
    user = UserFactory()
    role_grant(user=user, kind=Role.Kind.SITE_ADMIN)
    user.refresh_from_db()
    assert user.is_superuser and user.is_staff
    role_revoke(user=user, kind=Role.Kind.SITE_ADMIN)
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff


def test_a_user_may_hold_several_roles():
    user = UserFactory()
    company, school = CompanyFactory(), SchoolFactory()
    role_grant(user=user, kind=Role.Kind.COMPANY_CONTACT, organisation=company)
    role_grant(user=user, kind=Role.Kind.TEACHER, organisation=school)
    role_grant(user=user, kind=Role.Kind.AMBASSADOR)
    assert set(user.roles.values_list("kind", flat=True)) == {"company_contact", "teacher", "ambassador"}
    assert not user.is_staff


def test_granting_the_same_role_twice_keeps_one_row():
    user = UserFactory()
    role_grant(user=user, kind=Role.Kind.AMBASSADOR)
    role_grant(user=user, kind=Role.Kind.AMBASSADOR)
    assert user.roles.count() == 1


def test_a_company_contact_needs_a_company_not_a_school():
    with pytest.raises(ValidationError) as error:
        role_grant(user=UserFactory(), kind=Role.Kind.COMPANY_CONTACT, organisation=SchoolFactory())
    assert "organisation" in error.value.message_dict


def test_a_company_contact_without_organisation_is_refused():
    with pytest.raises(ValidationError):
        role_grant(user=UserFactory(), kind=Role.Kind.COMPANY_CONTACT)


def test_roles_added_in_the_admin_give_admin_access(admin_client):
    user = UserFactory()
    url = f"/admin/portal/user/{user.pk}/change/"
    response = admin_client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ("email", "first_name", "last_name", "language")}
    data.update(
        {
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-kind": "project_leader",
            "roles-0-organisation": "",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    user.refresh_from_db()
    assert user.is_staff
