"""The search's set operations on sorted positions agree with NumPy's own."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.archive.search import _intersect, _minus, _union

SIZE = 500
positions = st.sets(st.integers(0, SIZE - 1), max_size=200).map(
    lambda found: np.array(sorted(found), dtype=np.int64)
)


@settings(max_examples=300, deadline=None)
@given(positions, positions, positions)
def test_and_or_not_give_what_numpy_gives(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> None:
    assert _intersect(a, b, SIZE).tolist() == np.intersect1d(a, b).tolist()
    assert _union([a, b, c], SIZE).tolist() == np.union1d(np.union1d(a, b), c).tolist()
    assert _minus(a, b, SIZE).tolist() == np.setdiff1d(a, b).tolist()
    assert _union([], SIZE).tolist() == []
