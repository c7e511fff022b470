"""The 政策落实到人 ledger: entitlements per person with their state, and the "311" services per year.

"311" (the documents' service standard): in a year each person who wants work gets at least three job
recommendations, one career-guidance session and one training offer. Job recommendations and
training offers are push rows that reached the person; guidance sessions are recorded by coordinators.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.errors import JiuyeError
from core.timeutil import CHINA, utcnow
from jobs_feed.ledger.models import STATE_ZH, STATES, EntitlementRecord, GuidanceSession
from jobs_feed.push.models import REACHED, Push
from knowledge.eligibility import Result, RuleBook, load_rules
from matching.facts import merge_facts, person_facts
from matching.models import Labourer

JOBS_PER_YEAR, GUIDANCE_PER_YEAR, TRAINING_PER_YEAR = 3, 1, 1
T = TypeVar("T")


class LedgerError(JiuyeError):
    """A ledger change that cannot be made (unknown entitlement, a state going backwards)."""


def china_today(now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(CHINA).date()


def evaluate_person(row: Labourer, *, today: date | None = None, rules: RuleBook | None = None) -> Result:
    """What the rules give this registry person today, and the facts still to ask."""
    today = today or china_today()
    return (rules or load_rules()).evaluate(person_facts(row, today), today)


def save_facts(session: Session, row: Labourer, facts: dict) -> bool:
    """Merge newly learnt facts (bot, console) into the person's record; True when anything changed."""
    merged = merge_facts(row.facts, facts)
    if merged == (row.facts or {}):
        return False
    row.facts = merged
    session.flush()
    return True


def refresh(session: Session, row: Labourer, *, today: date | None = None, rules: RuleBook | None = None,
            result: Result | None = None, known: list[EntitlementRecord] | None = None) -> list[EntitlementRecord]:
    """Bring the person's entitlement records in line with the rules; returns the current ones.

    New entitlements start as ``eligible``; ones the facts no longer give are marked not current
    (kept, since a person told or granted one keeps that history).
    """
    result = result or evaluate_person(row, today=today, rules=rules)
    if known is None:
        known = list(session.scalars(select(EntitlementRecord).where(EntitlementRecord.labourer_id == row.id)))
    records = {r.name: r for r in known}
    given = {e["name"]: e for e in result.entitlements}
    for name, e in given.items():
        rec = records.get(name)
        if rec is None:
            rec = EntitlementRecord(labourer_id=row.id, name=name, state="eligible", note="")
            session.add(rec)
            records[name] = rec
        rec.amount, rec.citation = e["amount"][:200], e["citation"][:200]
        rec.why, rec.how_to_apply, rec.current = e["why"], e["how_to_apply"], True
    for name, rec in records.items():
        if name not in given and rec.current:
            rec.current = False
    return [records[n] for n in given]


def _refresh_chunk(session: Session, people: list[Labourer], today: date, rules: RuleBook) -> None:
    known: dict[int, list[EntitlementRecord]] = defaultdict(list)
    for rec in session.scalars(select(EntitlementRecord).where(
            EntitlementRecord.labourer_id.in_([p.id for p in people]))):
        known[rec.labourer_id].append(rec)
    for row in people:
        refresh(session, row, today=today, rules=rules, known=known[row.id])
    session.flush()


def refresh_all(session: Session, *, ids: Iterable[int] | None = None, today: date | None = None,
                progress=None) -> int:
    """Refresh every person's records (or those in ``ids``); returns how many people were done."""
    rules, today = load_rules(), today or china_today()
    query = select(Labourer).order_by(Labourer.id)
    if ids is not None:
        query = query.where(Labourer.id.in_(list(ids)))
    done = 0
    for people in _chunks(list(session.scalars(query)), 1000):  # one records query per thousand people
        for attempt in (1, 2):
            try:
                with session.begin_nested():
                    _refresh_chunk(session, people, today, rules)
                break
            except IntegrityError:  # a person page saved some of these records meanwhile: read them, redo
                if attempt == 2:
                    raise
        done += len(people)
        if progress:
            progress(len(people))
    return done


def advance(session: Session, labourer_id: int, name: str, state: str, *, at: datetime | None = None,
            note: str = "") -> EntitlementRecord:
    """Move one entitlement forward (eligible → told → applied → granted), stamping each step's date."""
    if state not in STATES:
        raise LedgerError(f"unknown state {state}", message_zh=f"状态“{state}”不对，应为：{'、'.join(STATE_ZH.values())}")
    rec = session.scalar(select(EntitlementRecord).where(
        EntitlementRecord.labourer_id == labourer_id, EntitlementRecord.name == name))
    if rec is None:
        raise LedgerError(f"no entitlement {name} for {labourer_id}", message_zh=f"此人没有“{name}”这项政策的记录")
    if STATES.index(state) < STATES.index(rec.state):
        raise LedgerError(f"{rec.state} -> {state}",
                          message_zh=f"“{name}”已是“{STATE_ZH[rec.state]}”，不能退回“{STATE_ZH[state]}”")
    at = at or utcnow()
    for step in STATES[1:STATES.index(state) + 1]:  # skipping a step still dates it (e.g. told when applied)
        if getattr(rec, f"{step}_at") is None:
            setattr(rec, f"{step}_at", at)
    rec.state = state
    if note:
        rec.note = note[:200]
    session.flush()
    return rec


def mark_told(session: Session, labourer_id: int, names: Iterable[str], *, at: datetime | None = None) -> int:
    """The person was told of these entitlements (bot listing, a coordinator's call); returns how many moved."""
    moved = 0
    for rec in session.scalars(select(EntitlementRecord).where(
            EntitlementRecord.labourer_id == labourer_id, EntitlementRecord.name.in_(list(names)),
            EntitlementRecord.state == "eligible")):
        rec.state, rec.told_at = "told", at or utcnow()
        moved += 1
    session.flush()
    return moved


def add_guidance(session: Session, labourer_id: int, *, held_on: date, note: str = "", by: str = "") -> GuidanceSession:
    """Record a career-guidance session (职业指导)."""
    row = GuidanceSession(labourer_id=labourer_id, held_on=held_on, note=note[:500], by=by[:64])
    session.add(row)
    session.flush()
    return row


# --- the "311" year -----------------------------------------------------------------------------
@dataclass
class Services:
    """One person's services in one year, against the 311 standard."""

    jobs: int = 0
    guidance: int = 0
    training: int = 0
    wants_training: bool = False

    @property
    def gaps(self) -> list[str]:
        out = []
        if self.jobs < JOBS_PER_YEAR:
            out.append(f"岗位推荐{self.jobs}/{JOBS_PER_YEAR}次")
        if self.guidance < GUIDANCE_PER_YEAR:
            out.append("未做职业指导")
        if self.wants_training and self.training < TRAINING_PER_YEAR:
            out.append("未推送培训")
        return out


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """A China-time calendar year as UTC instants."""
    start = datetime(year, 1, 1, tzinfo=CHINA).astimezone(UTC)
    return start, datetime(year + 1, 1, 1, tzinfo=CHINA).astimezone(UTC)


def year_services(session: Session, people: Iterable[Labourer], year: int) -> dict[int, Services]:
    """Services each person got in ``year`` (China time): pushes reached, guidance sessions."""
    rows = list(people)
    out = {r.id: Services(wants_training=bool((r.facts or {}).get("wants_training"))) for r in rows}
    ids = list(out)
    if not ids:
        return out
    start, end = year_bounds(year)
    for chunk in _chunks(ids, 5000):
        for lab, is_training, n in session.execute(
            select(Push.labourer_id, Push.training_id.is_not(None), func.count())
            .where(Push.labourer_id.in_(chunk), Push.status.in_(REACHED), Push.created_at >= start, Push.created_at < end)
            .group_by(Push.labourer_id, Push.training_id.is_not(None))
        ):
            if is_training:
                out[lab].training += n
            else:
                out[lab].jobs += n
        for lab, n in session.execute(
            select(GuidanceSession.labourer_id, func.count())
            .where(GuidanceSession.labourer_id.in_(chunk), GuidanceSession.held_on >= date(year, 1, 1),
                   GuidanceSession.held_on < date(year + 1, 1, 1))
            .group_by(GuidanceSession.labourer_id)
        ):
            out[lab].guidance += n
    return out


def _chunks(items: list[T], size: int) -> Iterable[list[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass
class GapRow:
    """One county's (or coordinator's) ledger gaps."""

    key: str | int | None
    people: int = 0  # seeking people
    jobs_short: int = 0  # fewer than three job recommendations this year
    no_guidance: int = 0
    wants_training: int = 0
    no_training: int = 0  # want training, no offer this year
    untold: int = 0  # entitlements found but the person not yet told
    granted: int = 0


def gaps(session: Session, *, year: int, by: str = "county", counties: Iterable[str] | None = None) -> list[GapRow]:
    """Gaps in the 311 services and untold entitlements, per county (``by='county'``) or coordinator."""
    query = select(Labourer).where(Labourer.status == "seeking")
    if counties is not None:
        query = query.where(Labourer.county_code.in_(list(counties)))
    people = list(session.scalars(query))
    services = year_services(session, people, year)
    untold: defaultdict[int, int] = defaultdict(int)
    granted: defaultdict[int, int] = defaultdict(int)
    for lab, state, n in session.execute(
        select(EntitlementRecord.labourer_id, EntitlementRecord.state, func.count())
        .where(EntitlementRecord.current.is_(True)).group_by(EntitlementRecord.labourer_id, EntitlementRecord.state)
    ):
        if state == "eligible":
            untold[lab] += n
        elif state == "granted":
            granted[lab] += n
    rows: dict[str | int | None, GapRow] = {}
    for p in people:
        key = p.county_code if by == "county" else p.coordinator_id
        g = rows.setdefault(key, GapRow(key=key))
        s = services[p.id]
        g.people += 1
        g.jobs_short += s.jobs < JOBS_PER_YEAR
        g.no_guidance += s.guidance < GUIDANCE_PER_YEAR
        g.wants_training += s.wants_training
        g.no_training += s.wants_training and s.training < TRAINING_PER_YEAR
        g.untold += untold.get(p.id, 0)
        g.granted += granted.get(p.id, 0)
    return sorted(rows.values(), key=lambda g: (g.key is None, str(g.key)))


def records(session: Session, labourer_id: int) -> list[EntitlementRecord]:
    """A person's entitlement records, current first."""
    return list(session.scalars(select(EntitlementRecord).where(EntitlementRecord.labourer_id == labourer_id)
                                .order_by(EntitlementRecord.current.desc(), EntitlementRecord.id)))


def guidance_sessions(session: Session, labourer_id: int) -> list[GuidanceSession]:
    return list(session.scalars(select(GuidanceSession).where(GuidanceSession.labourer_id == labourer_id)
                                .order_by(GuidanceSession.held_on.desc())))


def gap_totals(session: Session, *, year: int, by: str = "county",
               counties: Iterable[str] | None = None) -> list[GapRow]:
    """The same rows as ``gaps``, counted by the database in one grouped query (for pages over 100k people)."""
    return gap_totals_both(session, year=year, counties=counties)[0 if by == "county" else 1]


PLACES = {"township": Labourer.township, "village": Labourer.village}


def gap_totals_both(session: Session, *, year: int, counties: Iterable[str] | None = None,
                    township: str | None = None, place: str | None = None) -> tuple[list[GapRow], ...]:
    """Per county and per coordinator from one scan, grouped by both and summed here (the console shows both).

    ``township`` keeps one 乡镇's people; ``place`` ("township" or "village") adds a third list per 乡镇 or 村
    (key "" where none is recorded), for the report a township needs.
    """
    from sqlalchemy import and_, case, null

    start, end = year_bounds(year)

    def per_person(label: str, *where) -> Any:
        return (select(Push.labourer_id.label("lid"), func.count().label("n"))
                .where(Push.status.in_(REACHED), Push.created_at >= start, Push.created_at < end, *where)
                .group_by(Push.labourer_id).subquery(label))

    jobs = per_person("jobs", Push.training_id.is_(None))
    training = per_person("training", Push.training_id.is_not(None))
    guidance = (select(GuidanceSession.labourer_id.label("lid"), func.count().label("n"))
                .where(GuidanceSession.held_on >= date(year, 1, 1), GuidanceSession.held_on < date(year + 1, 1, 1))
                .group_by(GuidanceSession.labourer_id).subquery("guidance"))

    def records_in(label: str, state: str) -> Any:
        return (select(EntitlementRecord.labourer_id.label("lid"), func.count().label("n"))
                .where(EntitlementRecord.current.is_(True), EntitlementRecord.state == state)
                .group_by(EntitlementRecord.labourer_id).subquery(label))

    untold, granted = records_in("untold", "eligible"), records_in("granted", "granted")
    n = {name: func.coalesce(sq.c.n, 0) for name, sq in
         (("jobs", jobs), ("training", training), ("guidance", guidance), ("untold", untold), ("granted", granted))}
    wants = func.coalesce(Labourer.facts["wants_training"].as_boolean(), False)

    def count_if(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    place_col = PLACES[place] if place else null()
    query = (select(Labourer.county_code, Labourer.coordinator_id, place_col, func.count(),
                    count_if(n["jobs"] < JOBS_PER_YEAR), count_if(n["guidance"] < GUIDANCE_PER_YEAR),
                    count_if(wants), count_if(and_(wants, n["training"] < TRAINING_PER_YEAR)),
                    func.sum(n["untold"]), func.sum(n["granted"]))
             .select_from(Labourer)
             .outerjoin(jobs, jobs.c.lid == Labourer.id).outerjoin(training, training.c.lid == Labourer.id)
             .outerjoin(guidance, guidance.c.lid == Labourer.id).outerjoin(untold, untold.c.lid == Labourer.id)
             .outerjoin(granted, granted.c.lid == Labourer.id)
             .where(Labourer.status == "seeking").group_by(Labourer.county_code, Labourer.coordinator_id))
    if place:
        query = query.group_by(place_col)
    if counties is not None:
        query = query.where(Labourer.county_code.in_(list(counties)))
    if township:
        query = query.where(Labourer.township == township)
    fields = ("people", "jobs_short", "no_guidance", "wants_training", "no_training", "untold", "granted")
    by_county: dict[Any, GapRow] = {}
    by_coordinator: dict[Any, GapRow] = {}
    by_place: dict[Any, GapRow] = {}
    for county, coordinator, at, *values in session.execute(query):
        tables = [(by_county, county), (by_coordinator, coordinator)] + ([(by_place, at or "")] if place else [])
        for table, k in tables:
            row = table.setdefault(k, GapRow(k))
            for name, v in zip(fields, values, strict=True):
                setattr(row, name, getattr(row, name) + int(v or 0))

    def ordered(rows: dict[Any, GapRow]) -> list[GapRow]:
        return sorted(rows.values(), key=lambda g: (g.key is None, str(g.key)))

    return ordered(by_county), ordered(by_coordinator), ordered(by_place)


NEEDS = {"people": "求职人员", "jobs_short": "岗位推荐不足3次", "no_guidance": "未做职业指导",
         "wants_training": "有培训意愿", "no_training": "有培训意愿、未推送培训", "untold": "有未告知的政策",
         "granted": "有已享受的政策"}


def need_where(kind: str, year: int) -> list[Any]:
    """Conditions on Labourer for the people one ledger column counts in ``year`` (``gap_totals_both``'s rules)."""
    from sqlalchemy import and_, exists

    start, end = year_bounds(year)

    def reached(*where: Any) -> Any:
        return (select(func.count()).where(Push.labourer_id == Labourer.id, Push.status.in_(REACHED),
                                           Push.created_at >= start, Push.created_at < end, *where).scalar_subquery())

    wants = func.coalesce(Labourer.facts["wants_training"].as_boolean(), False)
    guided = (select(func.count()).where(GuidanceSession.labourer_id == Labourer.id,
                                         GuidanceSession.held_on >= date(year, 1, 1),
                                         GuidanceSession.held_on < date(year + 1, 1, 1)).scalar_subquery())

    def records_in(state: str) -> Any:
        return exists().where(EntitlementRecord.labourer_id == Labourer.id, EntitlementRecord.current.is_(True),
                              EntitlementRecord.state == state)

    rules = {"people": None, "jobs_short": reached(Push.training_id.is_(None)) < JOBS_PER_YEAR,
             "no_guidance": guided < GUIDANCE_PER_YEAR, "wants_training": wants,
             "no_training": and_(wants, reached(Push.training_id.is_not(None)) < TRAINING_PER_YEAR),
             "untold": records_in("eligible"), "granted": records_in("granted")}
    rule = rules.get(kind)
    return [Labourer.status == "seeking"] + ([rule] if rule is not None else [])
