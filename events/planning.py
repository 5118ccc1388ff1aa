"""The speed-date planner: a pure function, no database.

Two groups meet pair by pair: every person in group A meets every person in group B exactly
once, and nobody is at two tables in one round. The smaller group keeps its seats (one table
each, so a table is a fixed place); the larger group moves. With uneven groups the larger group
sits out some rounds: everybody in it sits out equally often, and those pauses are spread
through the session instead of coming in one block.

How: number the smaller group 0..m-1 and the larger 0..n-1 (m <= n), and give each small
person i an offset c_i, spread evenly over 0..n-1 (c_i = floor(i*n/m)). In round r, small
person i meets large person (r - c_i) mod n. For a fixed i that runs through every large person
once in n rounds; in one round the offsets differ, so the partners differ. Large person j plays
in the rounds j + c_i (mod n): evenly spaced, so between two of their meetings there are at most
ceil((n - m) / m) pauses. n rounds is the fewest possible: a small person meets one large
person per round and has n to meet.
With fewer tables than the smaller group, each round is played in several sittings.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Meeting(Generic[T]):
    round: int  # 1-based
    table: int  # 1-based
    a: T  # from group A
    b: T  # from group B


@dataclass(frozen=True)
class Stop(Generic[T]):
    """One line of a person's schedule: where they sit and whom they meet, or a pause."""

    round: int
    table: int | None
    partner: T | None

    @property
    def is_pause(self) -> bool:
        return self.partner is None


@dataclass(frozen=True)
class SpeedDatePlan(Generic[T]):
    group_a: tuple[T, ...]
    group_b: tuple[T, ...]
    rounds: int
    tables: int
    meetings: tuple[Meeting[T], ...]
    _by_person: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        for meeting in self.meetings:
            self._by_person.setdefault(meeting.a, {})[meeting.round] = (meeting.table, meeting.b)
            self._by_person.setdefault(meeting.b, {})[meeting.round] = (meeting.table, meeting.a)

    def schedule_for(self, person: T) -> list[Stop[T]]:
        """Round by round: the table and partner, or a pause."""
        seats = self._by_person.get(person, {})
        stops = []
        for number in range(1, self.rounds + 1):
            table, partner = seats.get(number, (None, None))
            stops.append(Stop(round=number, table=table, partner=partner))
        return stops

    def pauses(self, person: T) -> list[int]:
        seats = self._by_person.get(person, {})
        return [number for number in range(1, self.rounds + 1) if number not in seats]

    def at_table(self, table: int) -> list[Meeting[T]]:
        return [meeting for meeting in self.meetings if meeting.table == table]


def plan_speed_date(group_a: Sequence[T], group_b: Sequence[T], *, tables: int | None = None) -> SpeedDatePlan[T]:
    """Plan the rounds and tables. `tables` limits how many pairs can meet at once; by default
    there is one table per person in the smaller group (the fewest rounds possible)."""
    group_a, group_b = tuple(group_a), tuple(group_b)
    everyone = group_a + group_b
    if len(set(everyone)) != len(everyone):
        raise ValueError("A participant appears twice, or in both groups.")
    if tables is not None and tables < 1:
        raise ValueError("There must be at least one table.")
    a_is_small = len(group_a) <= len(group_b)
    small, large = (group_a, group_b) if a_is_small else (group_b, group_a)
    m, n = len(small), len(large)
    if m == 0:
        return SpeedDatePlan(group_a=group_a, group_b=group_b, rounds=0, tables=0, meetings=())

    seats = min(tables or m, m)
    sittings = math.ceil(m / seats)  # sittings per round when there are fewer tables than people
    offsets = [i * n // m for i in range(m)]

    meetings: list[Meeting[T]] = []
    for base_round in range(n):
        for sitting in range(sittings):
            round_number = base_round * sittings + sitting + 1
            first, last = sitting * seats, min((sitting + 1) * seats, m)
            for i in range(first, last):
                s, big = small[i], large[(base_round - offsets[i]) % n]
                a, b = (s, big) if a_is_small else (big, s)
                meetings.append(Meeting(round=round_number, table=i - first + 1, a=a, b=b))
    return SpeedDatePlan(group_a=group_a, group_b=group_b, rounds=n * sittings, tables=seats, meetings=tuple(meetings))
