"""The e-mail that tells a company's contacts a project asks the company to take part (from a task)."""

from django.urls import reverse

from portal.links import absolute_url
from portal.mail import send_templated_mail
from portal.models import Role, User

from .models import ParticipatingCompany


def participation_request_notify(*, participation_id: int) -> int:
    """Tell the company's contacts, each in their language, while the request still waits."""
    participation = (
        ParticipatingCompany.objects.select_related("project", "company")
        .filter(pk=participation_id, status=ParticipatingCompany.Status.PENDING)
        .first()
    )
    if participation is None:
        return 0
    company = participation.company
    contacts = User.objects.filter(
        roles__kind=Role.Kind.COMPANY_CONTACT, roles__organisation=company, is_active=True
    ).distinct()
    link = absolute_url(reverse("projects:company", kwargs={"company_pk": company.pk}))
    sent = 0
    for contact in contacts:
        sent += send_templated_mail(
            to=[contact.email],
            template="projects/email/participation_request",
            language=contact.language,
            context={"contact": contact, "project": participation.project, "company": company, "link": link},
        )
    return sent
