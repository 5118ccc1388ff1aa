"""E-mails about enrolments, to the employee and to the company's contacts, each in their language.

Called from Celery tasks after the change is committed; each function reads the current state,
so a notice whose enrolment has changed again since (or is gone) is not sent wrongly.
"""

from portal.mail import send_templated_mail
from portal.models import Role, User

from .models import Enrolment


def _enrolments(ids):
    return (
        Enrolment.objects.filter(pk__in=ids)
        .select_related("occasion__course__project", "occasion__region", "employee", "company")
        .order_by("created", "pk")
    )


def _contacts(company) -> list[User]:
    return list(
        User.objects.filter(
            roles__kind=Role.Kind.COMPANY_CONTACT, roles__organisation=company, is_active=True
        ).distinct()
    )


def _employee_language(email: str) -> str:
    user = User.objects.filter(email__iexact=email).only("language").first() if email else None
    return user.language if user else "sv"


def _send_to_employee(enrolment: Enrolment, template: str) -> int:
    email = enrolment.employee.email
    if not email:
        return 0
    return send_templated_mail(
        to=[email],
        template=template,
        language=_employee_language(email),
        context={"enrolment": enrolment, "occasion": enrolment.occasion, "course": enrolment.occasion.course},
    )


def _send_to_contacts(enrolments: list[Enrolment], template: str) -> int:
    first = enrolments[0]
    sent = 0
    for contact in _contacts(first.company):
        sent += send_templated_mail(
            to=[contact.email],
            template=template,
            language=contact.language,
            context={
                "contact": contact,
                "enrolments": enrolments,
                "enrolment": first,
                "occasion": first.occasion,
                "course": first.occasion.course,
                "company": first.company,
            },
        )
    return sent


def enrolment_notices_send(*, enrolment_ids: list[int]) -> int:
    """Tell each registered employee their status, and the company's contacts the whole list."""
    enrolments = [e for e in _enrolments(enrolment_ids) if e.status != Enrolment.Status.CANCELLED]
    if not enrolments:
        return 0
    sent = sum(_send_to_employee(enrolment, "projects/email/enrolment_employee") for enrolment in enrolments)
    return sent + _send_to_contacts(enrolments, "projects/email/enrolment_company")


def promotion_notice_send(*, enrolment_id: int) -> int:
    enrolment = _enrolments([enrolment_id]).first()
    if enrolment is None or enrolment.status != Enrolment.Status.CONFIRMED:
        return 0
    return _send_to_employee(enrolment, "projects/email/promotion_employee") + _send_to_contacts(
        [enrolment], "projects/email/promotion_company"
    )


def cancellation_notice_send(*, enrolment_id: int) -> int:
    enrolment = _enrolments([enrolment_id]).first()
    if enrolment is None or enrolment.status != Enrolment.Status.CANCELLED:
        return 0
    return _send_to_employee(enrolment, "projects/email/cancellation_employee") + _send_to_contacts(
        [enrolment], "projects/email/cancellation_company"
    )
