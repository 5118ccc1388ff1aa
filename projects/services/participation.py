"""A company's taking part in a project: asked by a project leader, answered by the company.

A participation lets the project's leaders read the company's competence needs and shows the
company on the project's public page, so a leader alone cannot make one: adding a company is a
request until the company's contact accepts it. A site administrator's adding it stands at once
(they set projects up with the companies that signed on outside the portal)."""

from django.db import transaction
from django.utils import timezone

from portal.models import User
from portal.selectors import companies_of
from portal.tasks_util import enqueue_on_commit

from ..models import ParticipatingCompany
from .errors import ParticipationNotPending


def _is_site_admin(user: User) -> bool:
    return bool(user.is_active and user.is_superuser)


@transaction.atomic
def participation_save(*, participation: ParticipatingCompany, by: User, company_changed: bool) -> ParticipatingCompany:
    """Save a participation from the project's admin page. A new one, or one moved to another
    company, is a request to that company unless a site administrator adds it."""
    asking = False
    if participation.pk is None or company_changed:
        now = timezone.now()
        participation.requested_at = now
        if _is_site_admin(by):
            participation.status, participation.decided_at = ParticipatingCompany.Status.ACCEPTED, now
        else:
            participation.status, participation.decided_at = ParticipatingCompany.Status.PENDING, None
            asking = True
    participation.save()
    if asking:
        enqueue_on_commit("projects.tasks.send_participation_request_mail", participation.pk)
    return participation


def _answer(participation: ParticipatingCompany, by: User, status: str) -> ParticipatingCompany:
    participation = (
        ParticipatingCompany.objects.select_for_update()
        .filter(pk=participation.pk, company__in=companies_of(by))
        .first()
    )
    if participation is None or participation.status != ParticipatingCompany.Status.PENDING:
        raise ParticipationNotPending()
    participation.status, participation.decided_at = status, timezone.now()
    participation.save(update_fields=["status", "decided_at"])
    return participation


@transaction.atomic
def participation_accept(*, participation: ParticipatingCompany, by: User) -> ParticipatingCompany:
    """The company's contact agrees to take part: the project shows it, its leaders see the needs."""
    return _answer(participation, by, ParticipatingCompany.Status.ACCEPTED)


@transaction.atomic
def participation_decline(*, participation: ParticipatingCompany, by: User) -> ParticipatingCompany:
    """The company's contact says no: nothing about the company reaches the project."""
    return _answer(participation, by, ParticipatingCompany.Status.DECLINED)
