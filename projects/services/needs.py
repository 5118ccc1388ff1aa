"""A company's competence needs: how many staff need training in which category."""

from django.db import transaction

from portal.models import Organisation, User

from ..models import CompetenceNeed, CourseCategory


@transaction.atomic
def competence_needs_save(*, company: Organisation, counts: dict[CourseCategory, int | None], by: User | None) -> None:
    """Replace the company's needs with the given numbers; zero or empty removes a category."""
    for category, staff_count in counts.items():
        if staff_count:
            CompetenceNeed.objects.update_or_create(
                company=company, category=category, defaults={"staff_count": staff_count, "updated_by": by}
            )
        else:
            CompetenceNeed.objects.filter(company=company, category=category).delete()
