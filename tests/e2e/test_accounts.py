import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_is_accessible_and_loads_nothing_from_other_hosts(page, check_a11y):
    page.goto("/")
    assert page.get_by_role("heading", level=1).is_visible()
    check_a11y(page)
