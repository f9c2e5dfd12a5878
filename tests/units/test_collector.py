"""``units.collector.paused``: the cyclic garbage collector is off inside the block and as it was
after it, even when the block fails."""

import gc

import pytest

from units import collector


def test_the_collector_is_off_inside_and_on_again_after():
    assert gc.isenabled()

    with collector.paused():
        inside = gc.isenabled()

    assert (inside, gc.isenabled()) == (False, True)


def test_a_failing_block_leaves_the_collector_on():
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("refused")

    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
