"""Statistical disclosure control for figures by gender that the public or others than staff see.

In a company of twelve, "non-binary: 1" points at a person. As official statistics do, a count from 1 to
4 is not shown; zero is (it says no one). A total over suppressed counts would give them back by
subtraction, so it is rounded to the nearest ten: a single hidden count (at most 4) is then within the
rounding. The ESF report for the project's own staff keeps the exact figures.
"""

from dataclasses import dataclass

THRESHOLD = 5
ROUNDING = 10  # at least twice the threshold, so one hidden count cannot be worked out


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: `value` is None when it is too small to show."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Total:
    value: int
    rounded: bool


def protect(count: int) -> Count:
    return Count(None if 0 < count < THRESHOLD else count)


def protect_rows(rows: list[tuple[int, ...]]) -> tuple[list[tuple[Count, ...]], Total]:
    """Each row's counts as they may be shown, and the total of all of them as it may be shown."""
    shown = [tuple(protect(count) for count in row) for row in rows]
    total = sum(sum(row) for row in rows)
    if any(count.hidden for row in shown for count in row):
        return shown, Total(ROUNDING * round(total / ROUNDING), rounded=True)
    return shown, Total(total, rounded=False)
