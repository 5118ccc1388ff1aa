"""The speed-date planner's promises, checked over group sizes 1..60 (and fewer tables)."""

import math
from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.planning import plan_speed_date

sizes = st.integers(min_value=1, max_value=60)


def groups(a: int, b: int):
    return [f"industri-{i}" for i in range(a)], [f"skola-{i}" for i in range(b)]


def longest_run(rounds: list[int]) -> int:
    longest = run = 0
    previous = None
    for number in rounds:
        run = run + 1 if previous is not None and number == previous + 1 else 1
        longest = max(longest, run)
        previous = number
    return longest


@settings(max_examples=300, deadline=None)
@given(a=sizes, b=sizes)
def test_every_cross_group_pair_meets_exactly_once(a, b):
    group_a, group_b = groups(a, b)
    plan = plan_speed_date(group_a, group_b)
    pairs = Counter((meeting.a, meeting.b) for meeting in plan.meetings)
    assert set(pairs) == {(x, y) for x in group_a for y in group_b}
    assert set(pairs.values()) == {1}


@settings(max_examples=300, deadline=None)
@given(a=sizes, b=sizes, tables=st.none() | st.integers(min_value=1, max_value=60))
def test_nobody_is_in_two_places_in_one_round_and_no_table_holds_two_pairs(a, b, tables):
    plan = plan_speed_date(*groups(a, b), tables=tables)
    by_round = defaultdict(list)
    for meeting in plan.meetings:
        by_round[meeting.round].append(meeting)
    assert set(by_round) <= set(range(1, plan.rounds + 1))
    for meetings in by_round.values():
        people = [meeting.a for meeting in meetings] + [meeting.b for meeting in meetings]
        assert len(people) == len(set(people))
        assert len({meeting.table for meeting in meetings}) == len(meetings)
        assert all(1 <= meeting.table <= plan.tables for meeting in meetings)


@settings(max_examples=300, deadline=None)
@given(a=sizes, b=sizes)
def test_it_takes_the_fewest_rounds_possible_and_the_smaller_group_never_pauses(a, b):
    group_a, group_b = groups(a, b)
    plan = plan_speed_date(group_a, group_b)
    small, large = sorted((group_a, group_b), key=len)
    assert plan.rounds == len(large)
    assert plan.tables == len(small)
    assert all(plan.pauses(person) == [] for person in small)


@settings(max_examples=300, deadline=None)
@given(a=sizes, b=sizes)
def test_pauses_are_shared_equally_and_spread_out_in_uneven_groups(a, b):
    group_a, group_b = groups(a, b)
    plan = plan_speed_date(group_a, group_b)
    small, large = sorted((group_a, group_b), key=len)
    pauses = {person: plan.pauses(person) for person in large}
    assert {len(rounds) for rounds in pauses.values()} == {len(large) - len(small)}
    # Between two of a person's meetings there are never more pauses than the evenest spread needs.
    limit = math.ceil((len(large) - len(small)) / len(small))
    assert all(longest_run(rounds) <= limit for rounds in pauses.values())


@settings(max_examples=200, deadline=None)
@given(a=sizes, b=sizes, tables=st.integers(min_value=1, max_value=60))
def test_with_fewer_tables_everyone_still_meets_everyone_and_pauses_stay_fair(a, b, tables):
    group_a, group_b = groups(a, b)
    plan = plan_speed_date(group_a, group_b, tables=tables)
    assert {(m.a, m.b) for m in plan.meetings} == {(x, y) for x in group_a for y in group_b}
    assert len(plan.meetings) == a * b
    for group in (group_a, group_b):
        counts = {len(plan.pauses(person)) for person in group}
        assert max(counts) - min(counts) <= 1


def test_the_summer_mingle_sixty_people_meet_in_thirty_rounds_at_thirty_tables():
    plan = plan_speed_date(*groups(30, 30))
    assert (plan.rounds, plan.tables, len(plan.meetings)) == (30, 30, 900)


def test_a_personal_schedule_lists_every_round_with_table_and_partner_or_a_pause():
    plan = plan_speed_date(["Anna"], ["Bo", "Cilla"])
    assert [(stop.round, stop.table, stop.partner) for stop in plan.schedule_for("Anna")] == [
        (1, 1, "Bo"),
        (2, 1, "Cilla"),
    ]
    bo = plan.schedule_for("Bo")
    assert sum(stop.is_pause for stop in bo) == 1 and len(bo) == 2


def test_a_table_schedule_lists_its_pairs_round_by_round():
    plan = plan_speed_date(["A1", "A2"], ["B1", "B2"])
    assert [meeting.round for meeting in plan.at_table(1)] == [1, 2]


def test_an_empty_group_means_no_rounds():
    plan = plan_speed_date([], ["B1", "B2"])
    assert (plan.rounds, plan.meetings) == (0, ())


@pytest.mark.parametrize("group_a, group_b", [(["A", "A"], ["B"]), (["A"], ["A"])])
def test_someone_listed_twice_is_refused(group_a, group_b):
    with pytest.raises(ValueError):
        plan_speed_date(group_a, group_b)


def test_zero_tables_is_refused():
    with pytest.raises(ValueError):
        plan_speed_date(["A"], ["B"], tables=0)
