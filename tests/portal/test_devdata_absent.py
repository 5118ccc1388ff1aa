"""Where the development data is absent (the production image), its commands say so."""

import pytest
from django.core.management import CommandError, call_command

from portal.management.commands import generate_data, seed_demo


@pytest.mark.parametrize("module", [seed_demo, generate_data])
def test_a_development_command_without_devdata_says_it_is_for_development(module):
    with pytest.raises(CommandError, match="development command"):
        call_command(module.Command(), "--scale", "1")


def test_where_devdata_is_present_its_commands_win():
    from django.core.management import get_commands

    assert get_commands()["seed_demo"] == get_commands()["generate_data"] == "devdata"
