"""Delivering one push: claim it in the database, try its channels in order, record the outcome.

Crash safety: a row is claimed (queued → sending, with a lease) in its own commit before any vendor
is called, so two workers never send the same row; a worker killed mid-send leaves the row
``sending`` until its lease runs out, and ``recover`` then settles it: by asking the vendor's record
(``lookup``) where the sender has one, else by the Redis marker written just before the call — no
marker means nothing was sent (re-queue), a marker with no way to check means "maybe sent": the row
is marked failed for a coordinator to look at rather than risk a second message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

import redis
from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from core.logging import mask_phone
from core.redis import key
from core.settings import Settings
from core.timeutil import CHINA, utcnow
from core.wechat import NOT_SUBSCRIBED
from jobs_feed.push import holds, subscriptions, templates
from jobs_feed.push.models import DELIVERED, FAILED, QUEUED, SENDING, SENT, SKIPPED, Push
from jobs_feed.senders import DeliveryResult, Message, Sender, get_sender
from jobs_feed.training.models import TrainingCourse
from matching.models import Labourer, Posting

log = logging.getLogger(__name__)
MARKER_TTL = 7 * 24 * 3600

_T = cast(Table, Push.__table__)
# Built once: the claim runs for every push, so its statement should not be rebuilt each time.
_CLAIM = (
    update(_T)
    .where(_T.c.id == bindparam("pid"), _T.c.status == QUEUED)
    .where(or_(_T.c.next_attempt_at.is_(None), _T.c.next_attempt_at <= bindparam("now")))
    .values(status=SENDING, attempts=_T.c.attempts + 1, lease_until=bindparam("lease"), updated_at=bindparam("now"))
    .returning(_T.c.attempts)
)


def parse_quiet_hours(spec: str) -> tuple[int, int] | None:
    """"21:00-08:00" → minutes (1260, 480); empty → None (no quiet hours)."""
    spec = (spec or "").strip()
    if not spec:
        return None
    try:
        start, end = (part.strip() for part in spec.split("-"))
        sh, sm = (int(x) for x in start.split(":"))
        eh, em = (int(x) for x in end.split(":"))
    except ValueError as exc:
        raise ValueError(f"quiet_hours must look like 21:00-08:00, got {spec!r}") from exc
    return sh * 60 + sm, eh * 60 + em


def quiet_until(settings: Settings, now: datetime) -> datetime | None:
    """When quiet hours (China time) are on at ``now``, the UTC time they end; else None."""
    window = parse_quiet_hours(settings.quiet_hours)
    if window is None:
        return None
    start, end = window
    local = now.astimezone(CHINA)
    minute = local.hour * 60 + local.minute
    inside = (start <= minute < end) if start < end else (minute >= start or minute < end)
    if not inside or start == end:
        return None
    end_local = local.replace(hour=end // 60, minute=end % 60, second=0, microsecond=0)
    if end_local <= local:
        end_local += timedelta(days=1)
    return end_local.astimezone(now.tzinfo)


def _marker(settings: Settings, push_id: int) -> str:
    return key(settings, "push", "calling", push_id)


def _with_items() -> Any:
    """Push rows with their person and what they offer: a posting or a training course (outer joins)."""
    return (
        select(Push, Labourer, Posting, TrainingCourse)
        .join(Labourer, Labourer.id == Push.labourer_id)
        .outerjoin(Posting, Posting.id == Push.posting_id)
        .outerjoin(TrainingCourse, TrainingCourse.id == Push.training_id)
    )


def channels_for(settings: Settings, person: Labourer) -> list[tuple[str, str]]:
    """(channel, address) pairs that can reach ``person``, in the configured order."""
    out = []
    for channel in (c.strip() for c in settings.push_channels.split(",")):
        if channel in ("wechat_cs", "wechat_template", "wechat_subscribe"):
            configured = channel != "wechat_subscribe" or settings.wechat_subscribe_template_id
            if person.wechat_openid and settings.wechat_app_id and configured:
                out.append((channel, person.wechat_openid))
        elif channel == "sms" and person.phone and person.sms_consent:
            out.append((channel, person.phone))
    return out


class Deliverer:
    """Delivers pushes for one worker process; senders are built once per channel and reused."""

    def __init__(self, settings: Settings, factory: sessionmaker[Session], redis_client: redis.Redis):
        self.settings = settings
        self.factory = factory
        self.redis = redis_client
        self._senders: dict[str, Sender] = {}

    def sender(self, channel: str) -> Sender:
        if channel not in self._senders:
            self._senders[channel] = get_sender(self.settings, channel)
        return self._senders[channel]

    # -- claiming -------------------------------------------------------------------------------
    def claim(self, session: Session, push_id: int, now: datetime) -> int | None:
        """queued → sending in its own commit; the new attempt count, or None when another worker
        has the row or it is not due."""
        lease = now + timedelta(seconds=self.settings.push_lease_seconds)
        attempts = session.execute(
            _CLAIM, {"pid": push_id, "now": now, "lease": lease}
        ).scalar()
        session.commit()
        return attempts

    def deliver_many(self, push_ids: Iterable[int]) -> dict[str, int]:
        """Deliver each id (skipping those not claimable); returns counts by outcome.

        Rows are read in one query, then each is claimed, sent and recorded in turn, so a crash
        leaves at most the current row in flight. Raises at the end if any row crashed.
        """
        ids = list(push_ids)
        counts: dict[str, int] = {}
        crashed: list[int] = []
        with self.factory() as session:
            rows = {
                row[0].id: tuple(row)
                for row in session.execute(_with_items().options(selectinload(Posting.employer)).where(Push.id.in_(ids)))
            }
            session.commit()
            for push_id in ids:
                if push_id not in rows:
                    continue
                try:
                    outcome = self._claim_and_deliver(session, *rows[push_id])
                except Exception:
                    crashed.append(push_id)
                    continue
                counts[outcome] = counts.get(outcome, 0) + 1
        if crashed:
            raise RuntimeError(f"pushes {crashed} crashed during delivery; they will be recovered")
        return counts

    def deliver(self, session: Session, push_id: int) -> str:
        """Deliver one push (used by tests and by hand)."""
        row = session.execute(_with_items().where(Push.id == push_id)).one()
        session.commit()
        return self._claim_and_deliver(session, *row)

    def _claim_and_deliver(
        self, session: Session, push: Push, person: Labourer, posting: Posting | None, course: TrainingCourse | None
    ) -> str:
        now = utcnow()
        attempts = self.claim(session, push.id, now)
        if attempts is None:
            return "not_claimed"
        # mirror the claim in the loaded object without making it dirty
        set_committed_value(push, "attempts", attempts)
        set_committed_value(push, "status", SENDING)
        try:
            self._deliver(session, push, person, posting, course, now)
            session.commit()
        except Exception:
            session.rollback()
            log.exception("push %s: delivery crashed; its lease will expire and it will be recovered", push.id)
            raise
        return push.status

    # -- one push ---------------------------------------------------------------------------------
    def _finish(self, push: Push, status: str, now: datetime, error: str | None = None) -> None:
        push.status, push.error, push.lease_until, push.updated_at = status, error, None, now

    def _stale(self, person: Labourer, posting: Posting | None, course: TrainingCourse | None) -> str | None:
        """Why this push should no longer go out, or None."""
        if person.pushes_opted_out:
            return "已退订"
        if course is not None:
            # a course is offered to whoever wants training, in work or not
            if (person.facts or {}).get("wants_training") is not True:
                return "已不想参加培训"
            return None if course.status == "open" else "培训班已不再招生"
        if person.status != "seeking":
            return "已不在求职"
        return None if posting is not None and posting.status == "open" else "岗位已不再招聘"

    def _deliver(
        self, session: Session, push: Push, person: Labourer, posting: Posting | None, course: TrainingCourse | None, now: datetime
    ) -> None:
        stale = self._stale(person, posting, course)
        if stale:
            push.attempts -= 1
            return self._finish(push, SKIPPED, now, stale)
        chain = channels_for(self.settings, person)
        if not chain:
            push.attempts -= 1
            return self._finish(push, SKIPPED, now, "没有可用的联系方式（无微信、无同意短信的手机号）")
        if course is not None:
            params = templates.course_params(course, self.settings)
        else:
            params = templates.params(posting, self.settings)
        errors: list[str] = []
        retry = False
        for channel, address in chain:
            if channel == "sms":
                until = quiet_until(self.settings, now)
                note = holds.QUIET_NOTE
                if until is None:
                    until, note = holds.sms_cap_until(session, self.settings, address, now, push.id), holds.CAP_NOTE
                if until is not None:
                    # quiet hours or the number's daily cap: wait, without using up an attempt
                    push.attempts -= 1
                    push.next_attempt_at = until
                    push.channel = channel
                    errors.append(note)
                    return self._finish(push, QUEUED, now, "；".join(errors))
                text = templates.sms_text(params, self.settings, lead="" if course is not None else "为您推荐")
            elif channel == "wechat_subscribe" and not subscriptions.may_send(session, self.settings, address):
                errors.append(f"{channel}:未同意接收订阅通知")
                continue
            elif course is not None:
                text = templates.course_wechat_text(course, params, push.reasons)
            else:
                text = templates.wechat_text(params, push.reasons)
            message = Message(
                text=text,
                out_id=push.out_id,
                params=params,
                labourer_ref=person.external_id or "",
                posting_ref=(posting.external_id or "") if posting is not None else "",
                training_ref=course.external_id if course is not None else "",
            )
            # "attempt:channel": a marker left by an earlier attempt does not count for this one
            self.redis.set(_marker(self.settings, push.id), f"{push.attempts}:{channel}", ex=MARKER_TTL)
            result = self.sender(channel).send(address, message)
            push.channel = channel
            if channel == "wechat_subscribe" and (result.ok or result.code == str(NOT_SUBSCRIBED)):
                subscriptions.used(session, self.settings, address, refused=not result.ok)
            if result.ok:
                push.text, push.vendor_message_id, push.sent_at = text, result.vendor_id, now
                log.info("push %s sent by %s to %s", push.id, channel, mask_phone(address) if channel == "sms" else address)
                return self._finish(push, SENT, now)
            errors.append(f"{channel}:{result.code} {result.error}".strip())
            retry = retry or result.retryable
        if retry and push.attempts < self.settings.push_max_attempts:
            delay = self.settings.push_retry_base_seconds * 2 ** (push.attempts - 1)
            push.next_attempt_at = now + timedelta(seconds=delay)
            log.warning("push %s: will retry in %.0fs (%s)", push.id, delay, "; ".join(errors))
            return self._finish(push, QUEUED, now, "; ".join(errors))
        log.warning("push %s failed after %s attempts: %s", push.id, push.attempts, "; ".join(errors))
        return self._finish(push, FAILED, now, "; ".join(errors))

    # -- recovery ------------------------------------------------------------------------------
    def recover(self, session: Session, now: datetime | None = None) -> dict[str, int]:
        """Settle rows whose worker died mid-send (lease expired): sent, re-queued or failed."""
        now = now or utcnow()
        rows = session.execute(
            select(Push, Labourer).join(Labourer, Labourer.id == Push.labourer_id)
            .where(Push.status == SENDING, Push.lease_until < now)
        ).all()
        counts = {SENT: 0, QUEUED: 0, FAILED: 0, SENDING: 0}
        for push, person in rows:
            outcome = self._recover_one(push, person, now)
            counts[outcome] += 1
        session.commit()
        if rows:
            log.warning("recovered %s interrupted pushes: %s", len(rows), counts)
        return counts

    def _recover_one(self, push: Push, person: Labourer, now: datetime) -> str:
        raw = self.redis.get(_marker(self.settings, push.id))
        marker = (raw.decode() if isinstance(raw, bytes) else str(raw or "")).split(":", 1)
        if len(marker) != 2 or marker[0] != str(push.attempts):
            push.attempts = max(push.attempts - 1, 0)
            self._finish(push, QUEUED, now, "worker stopped before sending; re-queued")
            return QUEUED
        channel = marker[1]
        lookup: Any = getattr(self.sender(channel), "lookup", None)
        address = person.phone if channel == "sms" else person.wechat_openid
        try:
            found: DeliveryResult | None = lookup(push.out_id, address) if lookup else None
        except Exception as exc:  # cannot tell now: leave it for the next recovery pass
            log.warning("push %s: vendor lookup failed (%s); will ask again", push.id, exc)
            return SENDING
        if found is not None:
            push.channel, push.sent_at = channel, push.sent_at or now
            self._finish(push, SENT, now)
            return SENT
        if lookup is not None:
            push.attempts = max(push.attempts - 1, 0)
            self._finish(push, QUEUED, now, "worker stopped before the vendor recorded it; re-queued")
            return QUEUED
        push.channel = channel
        self._finish(push, FAILED, now, "发送中断，无法确认是否已送达，请人工核实（不自动重发以免重复）")
        return FAILED


def mark_receipt(session: Session, push: Push, delivered: bool, detail: str, now: datetime | None = None) -> None:
    """Apply a vendor's delivery receipt to a push that was sent."""
    now = now or utcnow()
    if push.status not in (SENT, DELIVERED, FAILED):
        return
    if delivered:
        push.status, push.delivered_at, push.error = DELIVERED, now, None
    else:
        push.status, push.error = FAILED, f"回执：{detail}"[:500]
    push.updated_at = now
