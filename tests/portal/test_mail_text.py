"""Plain-text mails say names as they are written: "Ek & Son", "D'Angelo", "Kalle "Kula"".

HTML escaping belongs to HTML; in a text part it turns "&" into "&amp;". portal.mail renders every
subject and text part with the template engine that does not escape (settings.TEMPLATES "text").
"""

from pathlib import Path

import pytest
from django.core import mail
from django.template import Context, engines
from django.utils import timezone

from projects.services.enrolment import enrolments_create
from tests.factories import CompanyFactory, company_contact
from tests.projects.factories import EmployeeFactory, OccasionFactory

NAME = 'Ek & Son "D\'Angelo" <AB>'
ESCAPES = ("&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;")
ROOT = Path(__file__).resolve().parents[2]
TEXT_TEMPLATES = sorted(
    str(path.relative_to(path.parents[2]))
    for path in ROOT.glob("*/templates/*/email/*.txt")
    if not path.name.startswith("_") and path.parts[len(ROOT.parts)] != "tests"
)


class Anything(str):
    """Whatever a template asks of it, it answers with the name (attributes, items, loops); as a date
    for the date filters, 9:00 on 1 January 2027."""

    year, month, day, hour, minute, second, microsecond = 2027, 1, 1, 9, 0, 0, 0
    pk = id = 1
    tzinfo = None

    def __new__(cls):
        return super().__new__(cls, NAME)

    def weekday(self):
        return 4

    def isoweekday(self):
        return 5

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Anything()

    def __getitem__(self, key):
        return getattr(self, key) if isinstance(key, str) else Anything()

    def __iter__(self):
        return iter([Anything()])


class AnyContext(dict):
    def __contains__(self, key):
        return True

    def __missing__(self, key):
        return Anything()


def test_the_mail_templates_are_found():
    assert len(TEXT_TEMPLATES) > 30


@pytest.mark.parametrize("name", TEXT_TEMPLATES)
def test_every_text_template_writes_names_unescaped(name):
    text = engines["text"].get_template(name).template.render(_context())
    assert not [escape for escape in ESCAPES if escape in text], text


def _context():
    context = Context(autoescape=False)
    context.dicts.append(AnyContext())
    return context


@pytest.mark.django_db
def test_a_course_confirmation_names_the_company_and_person_as_written(django_capture_on_commit_callbacks):
    company = CompanyFactory(name="Ek & Son")
    company_contact(company, email="kontakt@ekson.example")
    employee = EmployeeFactory(company=company, first_name="D'Angelo", last_name='"Kula"', email="d@ekson.example")
    occasion = OccasionFactory(starts_at=timezone.now() + timezone.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        enrolments_create(occasion=occasion, company=company, employees=[employee], by=None)
    assert mail.outbox
    for message in mail.outbox:
        for escape in ESCAPES:
            assert escape not in message.subject and escape not in message.body, (message.subject, message.body)
    bodies = "\n".join(message.body for message in mail.outbox)
    assert "Ek & Son" in bodies and "D'Angelo" in bodies and '"Kula"' in bodies
    htmls = [html for message in mail.outbox for html, _type in message.alternatives]
    assert all("Ek & Son" not in html for html in htmls), "HTML parts stay escaped"
