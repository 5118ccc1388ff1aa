import pytest

from projects import privacy
from projects.models import Employee, NewsPost, ProjectLeader
from tests.factories import UserFactory

from .factories import EmployeeFactory, EnrolmentFactory, NewsPostFactory, ProjectLeaderFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_leaderships_news_and_the_users_own_course_history():
    user = UserFactory(email="asa@example.se")
    ProjectLeaderFactory(user=user, project__name="Smart kompetens")
    NewsPostFactory(author=user, title="Kurserna startar")
    EnrolmentFactory(
        employee=EmployeeFactory(email="ASA@example.se", first_name="Åsa"), occasion__course__title="Truck"
    )
    EmployeeFactory(email="annan@example.se")
    data = privacy.export(user)
    assert data["project_leaderships"][0]["project"] == "Smart kompetens"
    assert data["news_written"][0]["title"] == "Kurserna startar"
    (row,) = data["on_staff_lists"]
    assert row["first_name"] == "Åsa"
    assert row["courses"][0]["course"] == "Truck"


def test_erasing_unlinks_the_user_and_leaves_the_companys_staff_list_alone():
    user = UserFactory(email="asa@example.se")
    ProjectLeaderFactory(user=user)
    post = NewsPostFactory(author=user)
    enrolment = EnrolmentFactory(registered_by=user, employee__email="asa@example.se")
    privacy.erase(user)
    user.delete()
    assert not ProjectLeader.objects.exists()
    assert NewsPost.objects.get(pk=post.pk).author is None
    enrolment.refresh_from_db()
    assert enrolment.registered_by is None
    assert Employee.objects.filter(email="asa@example.se").exists()
