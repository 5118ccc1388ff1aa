"""E-mails about enrolments, to the employee and to the company's contacts, each in their language.

Called from Celery tasks after the change is committed; each function reads the current state,
so a notice whose enrolment has changed again since (or is gone) is not sent wrongly.
"""

from portal.calendar import CANCEL
from portal.mail import Attachment, send_templated_mail
from portal.models import Role, User

from .calendar import occasion_ics
from .models import Enrolment, Occasion


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


def _calendar(occasion: Occasion, **kwargs) -> list[Attachment]:
    return [Attachment("kurstillfalle.ics", occasion_ics(occasion, **kwargs), "text/calendar")]


def _send_to_employee(enrolment: Enrolment, template: str, *, attachments=()) -> int:
    email = enrolment.employee.email
    if not email:
        return 0
    return send_templated_mail(
        to=[email],
        template=template,
        language=_employee_language(email),
        context={"enrolment": enrolment, "occasion": enrolment.occasion, "course": enrolment.occasion.course},
        attachments=attachments,
    )


def _with_seat(enrolment: Enrolment) -> list[Attachment]:
    """The calendar file, for someone who has a seat."""
    return _calendar(enrolment.occasion) if enrolment.status == Enrolment.Status.CONFIRMED else []


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
    sent = sum(
        _send_to_employee(enrolment, "projects/email/enrolment_employee", attachments=_with_seat(enrolment))
        for enrolment in enrolments
    )
    return sent + _send_to_contacts(enrolments, "projects/email/enrolment_company")


def promotion_notice_send(*, enrolment_id: int) -> int:
    enrolment = _enrolments([enrolment_id]).first()
    if enrolment is None or enrolment.status != Enrolment.Status.CONFIRMED:
        return 0
    employee = _send_to_employee(enrolment, "projects/email/promotion_employee", attachments=_with_seat(enrolment))
    return employee + _send_to_contacts([enrolment], "projects/email/promotion_company")


def cancellation_notice_send(*, enrolment_id: int) -> int:
    enrolment = _enrolments([enrolment_id]).first()
    if enrolment is None or enrolment.status != Enrolment.Status.CANCELLED:
        return 0
    return _send_to_employee(enrolment, "projects/email/cancellation_employee") + _send_to_contacts(
        [enrolment], "projects/email/cancellation_company"
    )


def occasion_changed_notices_send(*, occasion_id: int, enrolment_ids: list[int]) -> int:
    """After an occasion moved or was called off: one mail to each person who was registered or
    waiting (with the calendar file: updated, or removing it), and one to each contact of their
    companies listing their staff. Says what is true when sent: called off, or the new time."""
    occasion = Occasion.objects.select_related("course__project", "region").filter(pk=occasion_id).first()
    if occasion is None:
        return 0
    enrolments = list(_enrolments(enrolment_ids))
    if occasion.is_cancelled:
        kind, attach = "cancelled", lambda e: _calendar(occasion, method=CANCEL)
    else:
        # A move mailed after a cancellation of one's own is not news to them.
        enrolments = [e for e in enrolments if e.status != Enrolment.Status.CANCELLED]
        kind, attach = "moved", _with_seat
    sent, told = 0, set()
    for enrolment in enrolments:
        email = (enrolment.employee.email or "").lower()
        if not email or email in told:
            continue
        told.add(email)
        enrolment.occasion = occasion
        sent += _send_to_employee(enrolment, f"projects/email/occasion_{kind}_employee", attachments=attach(enrolment))
    by_contact: dict[int, tuple[User, list[Enrolment]]] = {}
    for company_id in sorted({e.company_id for e in enrolments}):
        staff = [e for e in enrolments if e.company_id == company_id]
        for contact in _contacts(staff[0].company):
            by_contact.setdefault(contact.pk, (contact, []))[1].extend(staff)
    for contact, staff in by_contact.values():
        sent += send_templated_mail(
            to=[contact.email],
            template=f"projects/email/occasion_{kind}_company",
            language=contact.language,
            context={"contact": contact, "enrolments": staff, "occasion": occasion, "course": occasion.course},
        )
    return sent
