"""How alike, and in what order: scores that add up, tags that cannot outrank text, the cap, best results first."""

from __future__ import annotations

import numpy as np
import pytest

from discovery.ranking import (
    MAX_BONUS,
    Arrangement,
    arrange,
    contributions,
    scores,
    text_evidence,
    with_member_ranks,
)


def _values(**columns: list[float]) -> dict[str, np.ndarray]:
    zeros = [0.0] * len(next(iter(columns.values())))
    names = ("meaning", "words", "policy_areas", "organizations")
    return {c: np.array([columns.get(c, zeros)]) for c in names}


def test_contributions_add_up_to_the_score() -> None:
    values = _values(meaning=[0.5], words=[0.2], policy_areas=[0.8], organizations=[1.0])
    score = float(scores(values)[0, 0])
    parts = contributions({c: float(v[0, 0]) for c, v in values.items()})
    assert sum(parts.values()) == pytest.approx(score, abs=1e-12)
    assert parts["meaning"] == pytest.approx(0.6 * 0.5) and parts["words"] == pytest.approx(0.4 * 0.2)


def test_tags_cannot_outrank_clearly_closer_texts() -> None:
    # b shares every tag and organisation, a none: a still ranks first once its texts are more than
    # MAX_BONUS closer; below that margin the tags may order them.
    margin = 1 + MAX_BONUS
    a_evidence = 0.30
    for b_evidence in (a_evidence / margin - 1e-6, a_evidence / margin * 1.05):
        values = _values(
            meaning=[a_evidence / 0.6, b_evidence / 0.6],
            policy_areas=[0.0, 1.0],
            organizations=[0.0, 1.0],
        )
        a, b = scores(values)[0]
        assert text_evidence(values)[0][0] == pytest.approx(a_evidence)
        assert (a > b) == (b_evidence < a_evidence / margin)


def test_text_alone_decides_when_no_tag_is_shared() -> None:
    values = _values(meaning=[0.2, 0.3], words=[0.1, 0.0])
    assert list(scores(values)[0]) == list(text_evidence(values)[0])


def _rows(members: str, outcomes: list[float | None] | None = None) -> list[dict[str, object]]:
    outcomes = outcomes or [None] * len(members)
    return with_member_ranks(
        [{"id": f"c{i}", "member_id": m, "outcome": o} for i, (m, o) in enumerate(zip(members, outcomes, strict=True))]
    )


def test_a_member_beyond_its_cap_comes_after_everyone_else() -> None:
    rows = _rows("AAABACB")  # most alike first
    ids = [r["id"] for r in arrange(rows, Arrangement(per_member=2), 7)]
    assert ids == ["c0", "c1", "c3", "c5", "c6", "c2", "c4"]  # A's third and fourth wait; nothing is dropped
    assert [r["id"] for r in arrange(rows, Arrangement(per_member=2), 5)] == ["c0", "c1", "c3", "c5", "c6"]
    assert [r["id"] for r in arrange(rows, Arrangement(per_member=None), 3)] == ["c0", "c1", "c2"]
    assert [r["id"] for r in arrange(rows, Arrangement(per_member=1), 3)] == ["c0", "c3", "c5"]


def test_best_results_first_orders_the_most_alike_by_outcome_unassessed_last() -> None:
    rows = _rows("ABCDE", [0.2, None, 0.9, 0.5, 0.9])
    ids = [r["id"] for r in arrange(rows, Arrangement("best_results", per_member=None), 5)]
    assert ids == ["c2", "c4", "c3", "c0", "c1"]  # ties keep their alike order
