"""The Patient-Specific Functional Scale over time: one mean per assessment,
and whether the first-to-latest change reaches the 2-point minimal important
difference (Horn et al. 2012)."""
from datetime import date

import pytest

from planner.progress.psfs import (IMPROVED, NO_IMPORTANT_CHANGE, PSFS_MID_POINTS, WORSENED, PsfsPoint, psfs_change,
                                   psfs_series)
from planner.progress.report import build_report

TODAY = date(2026, 3, 1)


def point(day: int, *scores: int) -> PsfsPoint:
    return PsfsPoint(date(2026, 1, day), tuple((f"activity {i}", s) for i, s in enumerate(scores, start=1)))


def test_the_series_is_one_point_per_assessment_oldest_first_in_the_clients_order():
    rows = [(7, date(2026, 2, 1), "stairs", 6), (7, date(2026, 2, 1), "running", 4),
            (3, date(2026, 1, 5), "stairs", 2), (3, date(2026, 1, 5), "running", 3), (3, date(2026, 1, 5), "kneel", 1)]
    series = psfs_series(rows, TODAY)
    assert [p.date for p in series] == [date(2026, 1, 5), date(2026, 2, 1)]
    assert series[0].activities == (("stairs", 2), ("running", 3), ("kneel", 1))
    assert series[0].mean == pytest.approx(2.0)
    assert series[1].mean == pytest.approx(5.0)


def test_same_day_assessments_keep_their_recorded_order_and_the_future_is_left_out():
    rows = [(9, date(2026, 1, 5), "stairs", 5), (4, date(2026, 1, 5), "stairs", 3),
            (12, date(2026, 3, 2), "stairs", 9)]
    assert [p.mean for p in psfs_series(rows, TODAY)] == [3, 5]


@pytest.mark.parametrize("first, latest, verdict", [
    ((2, 3, 1), (4, 5, 3), IMPROVED),             # +2.0 exactly: reaches the MID
    ((3, 3, 3), (4, 5, 5), NO_IMPORTANT_CHANGE),  # +1.67: short of it
    ((6, 6), (4, 4), WORSENED),                   # -2.0
    ((6, 6), (5, 4), NO_IMPORTANT_CHANGE),        # -1.5
    ((0, 0, 5), (2, 2, 7), IMPROVED),             # 1.9999999999999998 in floats: still 2
])
def test_the_change_is_judged_against_two_points(first, latest, verdict):
    change = psfs_change((point(1, *first), point(20, *latest)))
    assert change.verdict == verdict
    assert change.mid_points == PSFS_MID_POINTS == 2.0
    assert change.points == pytest.approx(sum(latest) / len(latest) - sum(first) / len(first))


def test_one_assessment_is_no_change_yet():
    assert psfs_change((point(1, 5),)).verdict is None
    assert psfs_change(()).points is None


def test_the_report_carries_the_series_and_the_verdict():
    rows = [(1, date(2026, 1, 5), "stairs", 2), (2, date(2026, 2, 5), "stairs", 7)]
    body = build_report([], today=TODAY, psfs_rows=rows).as_dict()
    assert body["psfs"] == [{"date": "2026-01-05", "mean": 2.0, "activities": [{"activity": "stairs", "score": 2}]},
                            {"date": "2026-02-05", "mean": 7.0, "activities": [{"activity": "stairs", "score": 7}]}]
    assert body["psfs_change"] == {"points": 5.0, "mid_points": 2.0, "verdict": IMPROVED}
