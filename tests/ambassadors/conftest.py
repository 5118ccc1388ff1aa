import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what services leave for after the commit (e-mails, search index),
    as a real commit would; ordinary tests run inside a transaction that never commits."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
