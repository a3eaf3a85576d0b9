"""The screening questions (screening.yaml): red flags asked at each
assessment and precautions recorded on the client, read for the API, the
forms and the program generator. Plain reads; the caller commits nothing."""
from __future__ import annotations

from planner.extensions import db
from planner.models import ScreeningQuestion

RED_FLAG, PRECAUTION = "red_flag", "precaution"


def questions(kind: str | None = None) -> list[ScreeningQuestion]:
    query = db.select(ScreeningQuestion).order_by(ScreeningQuestion.position)
    if kind is not None:
        query = query.where(ScreeningQuestion.kind == kind)
    return list(db.session.scalars(query))


def unknown_answers(kind: str, slugs: list[str], field: str) -> dict[str, str]:
    """{"field[i]": message} for each slug that is not a question of this kind."""
    known = {q.slug for q in questions(kind)}
    what = "red flag" if kind == RED_FLAG else "precaution"
    return {f"{field}[{i}]": f"unknown {what} {slug!r}; see GET /api/v1/screening"
            for i, slug in enumerate(slugs) if slug not in known}


def exclusion_reasons(slugs: list[str]) -> dict[str, str]:
    """For the client's precautions that rule exercises out: slug -> why,
    in words a trainer reads beside an exercise that was left out."""
    if not slugs:
        return {}
    rows = db.session.scalars(db.select(ScreeningQuestion).where(
        ScreeningQuestion.slug.in_(slugs), ScreeningQuestion.kind == PRECAUTION))
    return {q.slug: f"{q.label.lower()}: {q.excludes}" for q in rows if q.excludes}


def labels() -> dict[str, str]:
    return dict(db.session.execute(db.select(ScreeningQuestion.slug, ScreeningQuestion.label)).all())
