"""Every app's domain errors share one base, so views and admin turn any of them into a message."""

import pytest

from ambassadors.exceptions import AmbassadorError, ConsentMissing
from events.services import EventError, TrackFull
from portal.errors import PortalError
from projects.services.errors import AlreadyEnrolled, ProjectsError
from projects.staff_import import LineError, StaffFileInvalid


@pytest.mark.parametrize("base", [ProjectsError, EventError, AmbassadorError])
def test_each_apps_error_base_is_a_portal_error(base):
    assert issubclass(base, PortalError)


def test_an_error_reads_as_its_default_message_unless_given_one():
    assert str(TrackFull()) == str(TrackFull.default_message)
    assert str(ConsentMissing("Något annat.")) == "Något annat."
    assert "Anna" in str(AlreadyEnrolled(["Anna"]))


def test_an_unreadable_staff_file_is_a_domain_error_with_its_lines():
    error = StaffFileInvalid([LineError(3, "Ogiltig e-postadress.")])
    assert isinstance(error, PortalError)
    assert error.errors[0].line == 3
