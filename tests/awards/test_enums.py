"""The nomination workflow table: every state is reachable, final states are final."""

from awards.enums import (
    NOMINATION_EDITABLE,
    NOMINATION_FINAL,
    NOMINATION_STANDING,
    NOMINATION_TRANSITIONS,
    REASON_REQUIRED,
    NominationStatus,
)


def test_every_state_is_reachable_from_draft():
    reached, frontier = {NominationStatus.DRAFT}, [NominationStatus.DRAFT]
    while frontier:
        current = frontier.pop()
        for source, target in NOMINATION_TRANSITIONS:
            if source == current and target not in reached:
                reached.add(target)
                frontier.append(target)

    assert reached == set(NominationStatus)


def test_final_states_have_no_way_out():
    assert not [move for move in NOMINATION_TRANSITIONS if move[0] in NOMINATION_FINAL]


def test_the_issue_flow_is_in_the_table():
    flow = [
        NominationStatus.DRAFT,
        NominationStatus.SUBMITTED,
        NominationStatus.VERIFIED,
        NominationStatus.IN_COUNCIL,
        NominationStatus.APPROVED,
        NominationStatus.DECIDED,
    ]

    assert all(pair in NOMINATION_TRANSITIONS for pair in zip(flow, flow[1:], strict=False))
    assert NOMINATION_TRANSITIONS[(NominationStatus.SUBMITTED, NominationStatus.RETURNED)] == "office"
    assert NOMINATION_TRANSITIONS[(NominationStatus.IN_COUNCIL, NominationStatus.REJECTED)] == "council"
    assert NOMINATION_TRANSITIONS[(NominationStatus.SUBMITTED, NominationStatus.DRAFT)] == "unit"


def test_returning_needs_a_reason_and_groups_are_consistent():
    assert all(pair in NOMINATION_TRANSITIONS for pair in REASON_REQUIRED)
    assert NominationStatus.REJECTED not in NOMINATION_STANDING
    assert NOMINATION_EDITABLE <= NOMINATION_STANDING
