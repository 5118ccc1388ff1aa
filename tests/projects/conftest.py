import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def queries_for():
    """How many queries one GET takes (the response must be 200)."""

    def count(client, address, **params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address, params)
        assert response.status_code == 200, (address, response.status_code)
        return len(captured.captured_queries)

    return count
