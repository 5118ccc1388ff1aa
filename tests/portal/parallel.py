"""Overlapping runs of the reminder sender, for the tests that check each reminder goes out once."""

import threading

from django.db import connection

from portal import reminders


def send_due_in_parallel(*, now, runs: int = 4) -> list[int]:
    """`reminders_send_due` in `runs` threads released together, each with its own connection, as
    overlapping beat runs on several workers would be; how many each sent."""
    counts, barrier = [], threading.Barrier(runs)

    def run():
        try:
            barrier.wait(10)
            counts.append(reminders.reminders_send_due(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return counts
