"""The one way services start background work: a Celery task enqueued once the transaction commits.

Services name the task by its dotted path ("app.tasks.function") instead of importing it: tasks
import services, never the other way round, so the modules form no import cycle (import-linter
checks it). The tasks module is loaded when a task is first enqueued, so a misspelt name fails at
once, not after the commit. Outside a transaction the task is enqueued at once.
"""

from django.db import transaction
from django.utils.module_loading import import_string


def enqueue_on_commit(task: str, *args, **kwargs) -> None:
    """Enqueue Celery task `task` with these arguments after the current transaction commits (it runs
    in-process when tasks are eager, as in development and tests)."""
    found = import_string(task)
    transaction.on_commit(lambda: found.delay(*args, **kwargs))
