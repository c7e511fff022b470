"""The bot's view of the other domains (knowledge base, registry, matcher), behind one small adapter.

Each backend is looked up when first needed; while a domain has not shipped its functions yet the
adapter says so (``*_ready`` is False) and the dialogue tells people the feature is being prepared.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from core.settings import Settings
from core.text import normalize

log = logging.getLogger(__name__)

ANSWER_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Answer:
    """The shape the bot needs from ``knowledge.service`` (``q, answer, fallback, sources``)."""

    q: str
    answer: str
    fallback: bool
    sources: list[Any] = field(default_factory=list)
    topic: str | None = None  # the clause discussed, so a follow-up (能给多少, 去哪办) is read against it
    choices: list[str] = field(default_factory=list)  # clause ids of "did you mean" choices, in order


@dataclass(frozen=True)
class JobLine:
    """One posting shown in chat: a title line and short reasons."""

    title: str
    reasons: list[str] = field(default_factory=list)
    posting_id: int | None = None  # so "1" after the list shows this posting


@dataclass(frozen=True)
class PostingView:
    """One posting in full for chat: what, where, pay, and how to apply."""

    id: int
    title: str
    employer: str
    place: str
    pay: str
    text: str  # description and tags, searched when the person asks 包住吗 or 几点上班
    apply: str
    open: bool
    county: str | None = None  # county code: "都太远了" sets aside the counties of the postings just shown


class RecordTaken(Exception):
    """The answers (name and phone) describe a registered person other than the follower's own record."""


def _bot_answer(res: Any, text: str) -> Answer:
    return Answer(
        q=getattr(res, "q", text),
        answer=str(getattr(res, "answer", "") or ""),
        fallback=bool(getattr(res, "fallback", False)),
        sources=list(getattr(res, "sources", None) or []),
        topic=getattr(res, "topic", None),
        choices=[str(getattr(c, "clause_id", c)) for c in (getattr(res, "suggestions", None) or [])],
    )


def optional(module: str, attr: str) -> Any:
    """``module.attr`` of one of our own domains.

    Not optional any more in what it tolerates: every domain ships with the service, so a failing
    import or a missing name is a bug that must fail loudly, not a bot quietly saying "being
    prepared". (Only a vendor SDK may be optional, and none is reached through here.)
    """
    return getattr(importlib.import_module(module), attr)


class Backends:
    """Knowledge answers (cached per normalised question) and registry/matcher calls for the bot."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._answerer: Any | None = None
        self._loaded = False  # the answerer was looked up (it may be absent: answers then fall back)
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, Answer] = OrderedDict()

    # --- knowledge ------------------------------------------------------------------------
    def _get_answerer(self) -> Any | None:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    get_answerer = optional("knowledge.service", "get_answerer")
                    try:
                        if get_answerer is not None:
                            self._answerer = get_answerer(self.settings)
                    finally:
                        self._loaded = True
        return self._answerer

    @property
    def knowledge_ready(self) -> bool:
        """True once the answerer was loaded (answers are then fast enough to reply in time)."""
        return self._loaded

    @property
    def knowledge_available(self) -> bool:
        """False while the knowledge base has no answerer to offer (module absent or index missing)."""
        return self._get_answerer() is not None

    def warm(self) -> None:
        """Fit the intent classifier and load the answerer (seconds on a cold start, before "ready")."""
        from bot.intents import get_classifier
        from core.pinyin_input import warm

        get_classifier()
        warm()  # the pinyin spellings (xuefei → 学费), built from jieba's dictionary in under a second
        try:
            self._get_answerer()
        except Exception:  # a broken index must not stop the bot: questions then fall back
            log.exception("knowledge answerer failed to load")

    def answer(self, text: str, *, key: str | None = None, topic: str | None = None,
               known: dict[str, Any] | None = None) -> Answer:
        """The knowledge base's cited answer; the same question (normalised: ``key``) after the same topic
        and with the same facts on record is answered once (both change the answer, so both are in the key)."""
        q = key if key is not None else normalize(text)
        slot = f"{q}\x00{topic or ''}\x00{sorted((known or {}).items())}"
        with self._lock:
            hit = self._cache.get(slot)
            if hit is not None:
                self._cache.move_to_end(slot)
                return hit
        answerer = self._get_answerer()
        if answerer is None:
            return Answer(q=text, answer="", fallback=True)
        ans = _bot_answer(answerer.answer(text, topic=topic, known=known), text)
        with self._lock:
            self._cache[slot] = ans
            if len(self._cache) > ANSWER_CACHE_SIZE:
                self._cache.popitem(last=False)
        return ans

    def answer_clause(self, clause_id: str, question: str = "") -> Answer:
        """The answer from one clause the person picked among "did you mean" choices."""
        answerer = self._get_answerer()
        if answerer is None:
            return Answer(q=question, answer="", fallback=True)
        return _bot_answer(answerer.answer_clause(clause_id, question), question)

    def topic_of(self, citation: str, ask: str) -> str | None:
        """The follow-up topic for a clause named by its citation (an entitlement just listed)."""
        answerer = self._get_answerer()
        index = getattr(answerer, "index", None)
        for clause in getattr(index, "clauses_", None) or []:
            if clause.citation == citation.split("；")[0]:
                return f"{clause.id}\t{ask[-60:]}"
        return None

    def record_unanswered(self, session: Session, *, question: str, openid: str) -> None:
        """Hand the question to the knowledge base's unanswered list (coordinators review it)."""
        record = optional("knowledge.service", "record_unanswered")
        if record is None:
            log.info("unanswered question (knowledge base not ready to record it): %s", question)
            return
        record(session, question=question, channel="wechat", openid=openid)

    def staff_answer(self, session: Session, *, question: str) -> str | None:
        """A coordinator's reply an admin made the answer to this question (the same question, asked again)."""
        from core.timeutil import fmt_china
        from knowledge.service import curated_reply

        row = curated_reply(session, question)
        if row is None or not row.reply:
            return None
        return (f"工作人员答复（{row.replied_by or '工作人员'}，{fmt_china(row.replied_at, '%Y年%m月%d日')}）：\n{row.reply}\n"
                "这是工作人员的答复，不是政策文件原文；还有疑问请回复“人工”。")

    # --- pushes -----------------------------------------------------------------------------
    def note_interaction(self, redis_client: Any, *, openid: str) -> None:
        """Tell the push side the user wrote (opens WeChat's 48-hour customer-service window)."""
        fn = optional("jobs_feed.push.service", "note_wechat_interaction")
        if fn is not None:
            fn(self.settings, redis_client, openid)

    def note_event(self, redis_client: Any, *, openid: str) -> None:
        """Tell the push side of a follow, scan or menu click (a one-minute allowance, not 48 hours)."""
        optional("jobs_feed.push.service", "note_wechat_event")(self.settings, redis_client, openid)

    def template_receipt(self, session: Session, *, msg_id: str, status: str) -> bool:
        """A TEMPLATESENDJOBFINISH event: the push side marks its delivery row."""
        fn = optional("jobs_feed.push.service", "record_wechat_receipt")
        return bool(fn(session, msg_id, status)) if fn and msg_id else False

    def subscription_event(self, session: Session, *, openid: str, event: str, items: list[dict[str, str]]) -> int:
        """A subscription-message event (同意/取消, or a send receipt): the push side records it."""
        return int(optional("jobs_feed.push.service", "record_subscription_event")(session, openid, event, items))

    # --- registry and matcher ---------------------------------------------------------------
    @property
    def registry_ready(self) -> bool:
        """True when ``matching.service`` offers what registration by chat needs."""
        return optional("matching.service", "upsert_labourer") is not None

    def find_person(self, session: Session, *, phone: str, name: str) -> int | None:
        """A person a coordinator already imported, by phone and name (to bind, not duplicate)."""
        fn = optional("matching.service", "find_labourer")
        person = fn(session, {"phone": phone, "name": name}) if fn else None
        return getattr(person, "id", None)

    def register(self, session: Session, *, profile: dict[str, Any], person_id: int | None = None) -> int | None:
        """Create or update the person from the chat answers; their id, or None if not ready."""
        upsert = optional("matching.service", "upsert_labourer")
        if upsert is None:
            return None
        from sqlalchemy import select

        from matching.models import Labourer

        person = dict(profile)
        row = session.get(Labourer, person_id) if person_id is not None else None
        if row is None and person.get("wechat_openid"):  # a coordinator may have linked the openid already
            row = session.scalars(select(Labourer).where(Labourer.wechat_openid == person["wechat_openid"])).first()
        find = optional("matching.service", "find_labourer")
        if row is not None and find is not None:
            # The registry finds people by phone and name too: a bound follower who types someone
            # else's must not turn their own update into a rewrite of that person's record.
            other = find(session, {**person, "external_id": row.external_id})
            if other is not None and other.id != row.id:
                raise RecordTaken(f"person {row.id} answers match person {other.id}")
        if row is not None:  # the registry matches on external id first: update this very person
            person["external_id"] = row.external_id
            person.pop("poverty_registered", None)  # a coordinator's record outranks what the chat says
        else:
            person.setdefault("poverty_registered", False)  # unknown until checked, never assumed
        from matching.importer import RowError

        try:
            with session.begin_nested():
                row, _ = upsert(session, person, source="wechat")
        except RowError as exc:  # the answers no longer fit the record's holder (another person's file id)
            raise RecordTaken(str(exc)) from exc
        return int(row.id)

    def linked_person(self, session: Session, *, openid: str) -> int | None:
        """The person a coordinator linked to this WeChat openid on the record, if any."""
        from sqlalchemy import select

        from matching.models import Labourer

        return session.scalar(select(Labourer.id).where(Labourer.wechat_openid == openid).limit(1))

    def phone_of(self, session: Session, *, person_id: int) -> str | None:
        """The phone number on record for a person (where a binding code is sent)."""
        from matching.models import Labourer

        row = session.get(Labourer, person_id)
        return row.phone if row is not None else None

    def send_code(self, *, phone: str, code: str, ref: str) -> bool:
        """Text a verification code through the configured SMS channel; False when it could not go."""
        from jobs_feed.senders import Message, get_sender

        if self.settings.sms_vendor != "log" and not self.settings.sms_code_template:
            log.warning("no JIUYE_SMS_CODE_TEMPLATE: verification codes cannot be sent")
            return False
        minutes = max(self.settings.otp_ttl // 60, 1)
        text = (f"【{self.settings.sms_sign_name}】验证码{code}，用于在微信上确认您的就业登记信息，"
                f"{minutes}分钟内有效。如非本人操作请忽略。")
        message = Message(text=text, out_id=f"otp-{ref}", params={"code": code},
                          template=self.settings.sms_code_template)
        try:
            result = get_sender(self.settings, "sms").send(phone, message)
        except Exception:  # a vendor SDK failing: the follower is told, the record stays unbound
            log.exception("verification code SMS failed")
            return False
        if not result.ok:
            log.warning("verification code SMS refused: %s %s", result.code, result.error)
        return bool(result.ok)

    def set_opt_out(self, session: Session, *, person_id: int, opt_out: bool | None = None,
                    sms: bool | None = None) -> None:
        """Mirror 退订/订阅 (all pushes) or 只要微信 (no SMS) on the registry row the push planner reads."""
        if not self.registry_ready:
            return
        from matching.models import Labourer

        row = session.get(Labourer, person_id)
        if row is not None and opt_out is not None:
            row.pushes_opted_out = opt_out
        if row is not None and sms is not None:
            row.sms_consent = sms

    def set_wechat(self, session: Session, *, person_id: int, openid: str | None) -> None:
        """"只要短信 微信别发": the registry row loses its WeChat address (pushes go by SMS); 订阅 restores it."""
        if not self.registry_ready:
            return
        from matching.models import Labourer

        row = session.get(Labourer, person_id)
        if row is not None:
            row.wechat_openid = openid

    def set_status(self, session: Session, *, person_id: int, status: str, note: str) -> bool:
        """找到工作了 / 又要找工作: the registry status the push planner reads (history kept); False if unchanged."""
        if not self.registry_ready:
            return False
        from matching.models import Labourer
        from matching.service import set_status

        row = session.get(Labourer, person_id)
        return row is not None and set_status(session, row, status, source="wechat", note=note[:60])

    # --- eligibility facts and the ledger (政策落实到人) ----------------------------------------
    def person_facts(self, session: Session, *, person_id: int, today: Any) -> dict[str, Any]:
        """What the registry knows of the person, as the entitlement rules read it."""
        from matching.facts import person_facts
        from matching.models import Labourer

        row = session.get(Labourer, person_id)
        return person_facts(row, today) if row is not None else {}

    def home_county(self, session: Session, *, person_id: int) -> str | None:
        """Where the person is now if known (a location sent), else the registered county."""
        from matching.models import Labourer

        row = session.get(Labourer, person_id)
        return (row.current_county_code or row.county_code) if row is not None else None

    def save_person_facts(self, session: Session, *, person_id: int, facts: dict[str, Any], today: Any) -> None:
        """Keep what the person told the bot: facts on the record, age and gender in their columns."""
        from jobs_feed.ledger.service import save_facts
        from matching.facts import FACT_KEYS
        from matching.models import Labourer

        row = session.get(Labourer, person_id)
        if row is None:
            return
        if "age" in facts and row.birth_date is None:
            row.age, row.age_recorded_on, row.birth_year = facts["age"], today, today.year - facts["age"]
        if facts.get("gender") in ("男", "女"):
            row.gender = facts["gender"]
        save_facts(session, row, {k: v for k, v in facts.items() if k in FACT_KEYS})

    def entitlements_told(self, session: Session, *, person_id: int, names: list[str], today: Any) -> None:
        """The bot listed these entitlements to the person: the ledger records them as told."""
        from jobs_feed.ledger.service import mark_told, refresh
        from matching.models import Labourer

        row = session.get(Labourer, person_id)
        if row is not None:
            refresh(session, row, today=today)
            mark_told(session, person_id, names)

    @property
    def matcher_ready(self) -> bool:
        return optional("matching.engine", "Matcher") is not None

    def set_place(self, session: Session, *, person_id: int, county_code: str) -> bool:
        """Where the person is now (from a location message), once the registry can store it."""
        fn = optional("matching.service", "set_current_county")
        if fn is None:
            return False
        fn(session, person_id=person_id, county_code=county_code)
        return True

    def matches(self, session: Session, *, person_id: int, limit: int = 3,
                wish: str = "") -> tuple[list[JobLine], str | None]:
        """Best current postings for the person, with reasons; or why there are none. ``wish``: what
        this request asks for ("有没有采茶的 远点也不怕"), searched with the wish on record."""
        from matching.models import Labourer
        from matching.service import labourer_to_record

        person = session.get(Labourer, person_id)
        if person is None:
            return [], None
        record = labourer_to_record(person)
        if wish:  # said last, so it is read after (and over) what was said before
            record = record | {"wishes": f"{record['wishes']} {wish}".strip(), "profile": None}
        return self.matches_for(session, record, limit=limit)

    def matches_for(self, session: Session, record: dict[str, Any], *, limit: int = 3) -> tuple[list[JobLine], str | None]:
        """Best current postings for a person described by ``record`` (a labourer line; it need not be
        registered: what a job request says is enough to look)."""
        from matching import live
        from matching.models import Posting

        fit = live.fitted(session, cache_dir=self.settings.data_dir / "matcher")
        if fit is None:
            return [], "目前没有在招的岗位"
        result = fit.matcher.query(record, top=limit)
        lines = []
        for m in result.matches:
            row = session.get(Posting, fit.posting_ids.get(m.posting_id, -1))
            if row is not None and row.status == "open":
                lines.append(_posting_line(row, m.reasons))
        return lines, result.note

    def posting(self, session: Session, *, posting_id: int) -> PostingView | None:
        """One posting in full (None when it is gone)."""
        from jobs_feed.push.templates import apply_text, pay_text, place_text
        from matching.models import Posting

        row = session.get(Posting, posting_id)
        if row is None:
            return None
        employer = row.employer_name or (row.employer.name if row.employer is not None else "")
        ages = (f"{row.age_min or 16}-{row.age_max}岁" if row.age_max else f"{row.age_min}岁以上" if row.age_min else "")
        text = " ".join(" ".join([row.description or "", " ".join(row.tags or []), row.salary_text or ""]).split())
        text += f"；年龄要求{ages}" if ages else ""
        text += f"；限{row.gender}性" if row.gender in ("男", "女") else "；男女不限"
        return PostingView(id=row.id, title=row.title, employer=employer, place=place_text(row) or row.location,
                           pay=pay_text(row), text=text, apply=apply_text(row, self.settings),
                           open=row.status == "open", county=row.county_code)

    def postings_like(self, session: Session, pieces: list[str], *, limit: int = 300) -> list[PostingView]:
        """Open postings whose title, place or employer holds one of ``pieces`` ("鞋厂", "龙海")."""
        from sqlalchemy import or_, select

        from matching.models import Posting

        like = [col.contains(p) for p in pieces for col in (Posting.title, Posting.location, Posting.employer_name)]
        rows = session.scalars(select(Posting).where(Posting.status == "open", or_(*like))
                               .order_by(Posting.id).limit(limit)).all()  # loaded once: posting() finds them in the session
        return [v for row in rows if (v := self.posting(session, posting_id=row.id)) is not None]

    def pushed(self, session: Session, *, person_id: int | None, limit: int = 5) -> list[JobLine] | None:
        """Postings already pushed to the person, newest first; None while pushes are not ready."""
        fn = optional("jobs_feed.push.service", "pushes_for")
        if fn is None:
            return None
        if person_id is None:
            return []
        from core.timeutil import fmt_china
        from matching.models import Posting

        lines = []
        for view in fn(session, person_id, limit * 3):
            if getattr(view, "posting_id", None) is None:  # a training offer, not a posting
                continue
            posting = session.get(Posting, view.posting_id)
            if posting is None or view.sent_at is None:  # still queued, or never reached them
                continue
            line = _posting_line(posting, [])
            lines.append(JobLine(title=f"{fmt_china(view.sent_at, '%m-%d')} {line.title}", reasons=[],
                                 posting_id=posting.id))
            if len(lines) >= limit:
                break
        return lines


def _posting_line(posting: Any, reasons: list[str]) -> JobLine:
    """"电焊工（泉州南安，6000-8000元/月）" with the matcher's reasons."""
    from jobs_feed.push.templates import pay_text, place_text

    where = "，".join(p for p in (place_text(posting), pay_text(posting)) if p)
    return JobLine(title=f"{posting.title}（{where}）" if where else posting.title, reasons=[str(r) for r in reasons],
                   posting_id=posting.id)
