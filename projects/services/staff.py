"""A company's staff list: adding, changing, removing and importing employees."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import forget_in_history
from portal.models import Organisation, User

from ..models import Employee, Enrolment
from ..staff_import import LineError, StaffFileInvalid, read_staff_file
from .enrolment import enrolment_cancel
from .errors import DuplicateEmployee

EDITABLE_FIELDS = ("first_name", "last_name", "email", "gender", "job_title")


def _check_unique_email(*, company: Organisation, email: str, exclude_pk: int | None = None) -> None:
    if not email:
        return
    others = Employee.objects.filter(company=company, email=email, removed_at__isnull=True)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise DuplicateEmployee()


@transaction.atomic
def employee_create(
    *,
    company: Organisation,
    first_name: str,
    last_name: str,
    gender: str,
    email: str = "",
    job_title: str = "",
) -> Employee:
    email = email.strip().lower()
    _check_unique_email(company=company, email=email)
    try:
        with transaction.atomic():
            return Employee.objects.create(
                company=company,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email,
                gender=gender,
                job_title=job_title.strip(),
            )
    except IntegrityError as error:  # a second tab saved the same address a moment earlier
        raise DuplicateEmployee() from error


@transaction.atomic
def employee_update(*, employee: Employee, **fields) -> Employee:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    if "email" in fields:
        fields["email"] = fields["email"].strip().lower()
        _check_unique_email(company=employee.company, email=fields["email"], exclude_pk=employee.pk)
    for name, value in fields.items():
        setattr(employee, name, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            employee.save(update_fields=[*fields, "updated"])
    except IntegrityError as error:
        raise DuplicateEmployee() from error
    return employee


@transaction.atomic
def employee_remove(*, employee: Employee, by: User | None, now=None) -> bool:
    """Take a person off the staff list. Returns True if the row was deleted outright.

    Their seats on occasions that have not started are cancelled (and passed on to the waiting
    list). Someone with course history is kept without name and e-mail, so that the project's
    hours and gender counts stay right while the personal data is gone.
    """
    now = now or timezone.now()
    upcoming = Enrolment.objects.active().filter(employee=employee, occasion__starts_at__gt=now)
    for enrolment in upcoming:
        enrolment_cancel(enrolment=enrolment, by=by, now=now, enforce_deadline=False)
    # The change log named them (the employee, and their enrolments in the admin): it no longer does.
    forget_in_history([employee])
    forget_in_history(Enrolment.objects.filter(employee=employee))
    if not Enrolment.objects.filter(employee=employee).exists():
        employee.delete()
        return True
    employee.first_name = ""
    employee.last_name = ""
    employee.email = ""
    employee.job_title = ""
    employee.removed_at = now
    employee.save(update_fields=["first_name", "last_name", "email", "job_title", "removed_at", "updated"])
    # What they needed adapted goes with their name; the count of registrations with needs stays.
    Enrolment.objects.filter(employee=employee).exclude(accessibility_needs="").update(accessibility_needs="")
    return False


def staff_import(*, company: Organisation, uploaded_file) -> list[Employee]:
    """Check a whole staff file, then save every row in one transaction, or nothing.

    Raises StaffFileInvalid with the problems listed by line number.
    """
    existing = list(
        Employee.objects.filter(company=company, removed_at__isnull=True).only("first_name", "last_name", "email")
    )
    rows = read_staff_file(uploaded_file, existing=existing)
    try:
        with transaction.atomic():
            return Employee.objects.bulk_create(
                [
                    Employee(
                        company=company,
                        first_name=row.first_name,
                        last_name=row.last_name,
                        email=row.email,
                        gender=row.gender,
                        job_title=row.job_title,
                    )
                    for row in rows
                ]
            )
    except IntegrityError as error:
        # Someone added one of these addresses between the check and the save.
        raise StaffFileInvalid(
            [
                LineError(
                    None,
                    _("Någon av personerna lades till i personallistan samtidigt. Ladda upp filen igen."),
                )
            ]
        ) from error
