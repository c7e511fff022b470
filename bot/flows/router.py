"""Routes one message to its step: events, commands that work anywhere, the open flow, else a question."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from bot import intents, service
from bot.flows import (
    account,
    ask,
    benefits,
    cards,
    concerns,
    erase,
    events,
    follow_ups,
    freetext,
    glossary,
    grievance,
    meanwhile,
    menu,
    minors,
    named,
    picks,
    prefs,
    private,
    record,
    referral,
    register,
    registering,
    safety,
    told,
    verification,
)
from bot.flows.acts import act, unsure
from bot.flows.answers import NOT_CLEAR, NOT_CLEAR_SAID
from bot.flows.context import Ctx, leave_flow
from bot.flows.fields import proxy_for
from bot.flows.reading import (
    ASKS_WORK,
    asks_person,
    fragment,
    guarded,
    heard,
    interrupts,
    is_question,
    normalize,
    story_then_ask,
)
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.text import expand_shorthand, without_emoji_codes
from knowledge.message import QUESTION, split_message
from knowledge.personal import told_over

Reply = tuple[dict[str, Any], str]

ALREADY_REGISTERED = ("您已经登记过了。找工作回复“找工作”；想报名哪个岗位，回复它的序号或说“报名”；"
                      "改信息直接说，比如“改年龄 46”；要从头重新登记，回复“重新登记”。")
SELF_AGAIN = "好的，家人的登记先放着（已记下的都保留，回复“接着帮家人登记”继续）。\n"
CANCEL_WORDS = {"取消", "退出", "算了", "不登记了"}
# a registration given up in words: 算了不登了, 不登了 麻烦, 不想登记了 (not "算了 以后别发了", which goes on)
_GIVING_UP = re.compile(r"^(?:算了|那)?\s*(?:不登了|不登记了|不想登记了?|不弄了|不填了|先不登记?了?)")
ANYWHERE = {"menu", "greeting", "human", "opt_out", "opt_in"}  # exact commands that work even inside a flow
LEAVE_CHECK = {"register", "job_search", "update_info", "my_info", "my_pushes"}  # commands that end the check
# Read by the classifier inside a flow, these interrupt it; anything else is an answer to the question asked.
PLAIN_REQUEST = 10  # an entitlement request this short names no subsidy of its own
REGISTRATION_FIELDS = 3  # a message stating this many registration answers is a registration
AGREE = {"是", "是的", "好", "好的", "可以", "行", "嗯", "要", "更新", "对", "中"}
CONSULT_BELOW = 0.6  # a reading this unsure, with a policy question second, asks the knowledge base first
_BACK = {"返回", "上一步", "返回上一步", "退回", "上一页", "返回列表"}  # back to the list just shown, not the menu
_TRAILING = re.compile(r"[。.!！~～]+$")
# a message cut off before what it is about: an opening, a verb waiting for its object
_FRAGMENT = re.compile(r"^(?:那个|这个|就是|嗯|喂)?(?:(?:我|俺|阮|涯)(?:想|要|想要|想问一?下?|问一?下|是)"
                       r"|请问|想问一?下|问一?下|咨询一?下|打听一?下|麻烦(?:问)?一?下|是这样的?|那个|这个|就是)[,，.。…、]*$")
_FACTS = {"name", "gender", "age", "county", "poor"}
# "what is there?" naming nothing: 有啥, 都有什么呢 (有啥活 and 有啥补贴 name what they ask for)
_BARE_WHAT = re.compile(r"^(?:那|还|都|你们)?(?:有啥|有什么|有哪些|有啥子|有些啥|有些什么)(?:呢|啊|呀|哇|嘛)?[?？]*$")
WHAT_NEXT = "您是想找活，还是想知道能领哪些补贴？回复“找工作”或“我能领什么补贴”。"
# a label sent alone, its value in the next message ("电话" / "13859912345", "有啥" / "白天干的活")
_HELD = re.compile(r"^(?:电话|手机|手机号码?|电话号码?|号码|短信|年龄|岁数|名字|姓名|一个月|每个月|有啥|有什么)$")
HOLDING = "嗯，您接着说。"
LISTENING = "您请说，我在听。想找活、问政策，直接打字说就行；回复“菜单”看能做什么。"


def dispatch(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """One message in, the new state and the reply text out ("" means no reply). An ID or bank-card
    number typed in is taken out first (an ID number as the age, gender and county it states)."""
    if msg.kind in ("text", "voice") and msg.text:
        text, note = cards.read_out(msg.text, register.today(ctx))
        if note:
            state, reply = _dispatch(ctx, state, dataclasses.replace(msg, text=text or "嗯"))
            return state, f"{note}\n{reply}" if reply else note
        after, reply = _dispatch(ctx, state, msg)
        return _keep_told(ctx, state, after, msg), reply
    return _dispatch(ctx, state, msg)


def _keep_told(ctx: Ctx, before: dict[str, Any], after: dict[str, Any], msg: Inbound) -> dict[str, Any]:
    """Facts about the writer told with a question ("我林水生 男的 四十七 平和的 … 养老保险是真的吗") are
    kept for a registration begun later, so they are not asked again."""
    if (said := benefits.deciding_facts(msg.text or "")) and not after.get("flow") == "benefits":
        # "我今年技校毕业的 … 想找个工作": the graduation year is not asked again by a later answer's verdict
        after = after | {"told_facts": told_over(after.get("told_facts") or {}, said)}
    if "register" in (before.get("flow"), after.get("flow")):
        return after
    facts = told.about_writer(msg.text or "", dict(after.get("paused") or {}))
    if not facts or service.get_user(ctx.session, msg.openid).person_id:
        return after
    return after | {"paused": dict(after.get("paused") or {}) | facts}


def _dispatch(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    if msg.kind == "event":
        return events.on_event(ctx, state, msg)
    if msg.kind == "location":
        return account.location(ctx, state, msg)
    if msg.kind == "voice" and not msg.text:
        return state, menu.VOICE_HINT
    if msg.kind not in ("text", "voice"):
        return state, menu.OTHER_HINT
    # "[疑问]就业创业证有啥用", "那我登计一下": emoji names read past, the service's own words heard right
    msg = dataclasses.replace(msg, text=heard(expand_shorthand(without_emoji_codes(msg.text or ""))))  # gz → 工资
    text = normalize(msg.text)
    word = _TRAILING.sub("", text).lower()
    if not word:
        return state, menu.WELCOME
    in_flow = state.get("flow") == "register"
    if _FRAGMENT.match(word) and not state.get("flow"):  # "我想" / "那个": the rest is still being typed
        return state, LISTENING
    if state.get("held"):  # "电话" then "13859912345": one thought sent in two messages
        held, state = state["held"], {k: v for k, v in state.items() if k != "held"}
        if word not in intents.COMMANDS:
            msg = dataclasses.replace(msg, text=f"{held}{msg.text}")
            text = normalize(msg.text)
            word = _TRAILING.sub("", text).lower()
    elif _HELD.match(word) and not (_BARE_WHAT.match(word) and (state.get("posting") or state.get("pick"))):
        return state | {"held": word}, HOLDING
    if word in CANCEL_WORDS or (in_flow and _GIVING_UP.match(word)):  # "算了不登了 麻烦" gives it up too
        return verification.drop(leave_flow(state)), menu.CANCELLED
    if state.get("erase"):  # "确认删除" after "把我的信息删了"; anything else keeps the data
        state = {k: v for k, v in state.items() if k != "erase"}
        if erase.confirmed(text):
            return erase.erase(ctx, state, msg)
        if erase.declined(text):  # "算了还是不删了": nothing more to read in it
            return state, erase.NOT_ERASED
    if state.get("stopped"):  # only the message right after pushes were stopped
        state = {k: v for k, v in state.items() if k != "stopped"}
        if account.HOW_BACK.search(text.replace(" ", "")):
            return state, account.COME_BACK
    if erase.asks(text) and not (in_flow and private.refusal(text)):  # 不要留我的电话 mid-registration skips it
        return erase.start(state)
    exact = intents.COMMANDS.get(word)
    if word in _BACK and (again := ask.shorter_list(ctx, state)):  # "返回" from a posting opened off the list
        listed_again = again.replace("简单说，适合您的有这几个", "刚才的岗位") + "\n回复“菜单”回主菜单。"
        off = {k: v for k, v in state.items() if k != "posting"}
        return meanwhile.resume(state, (leave_flow(off), listed_again)) if in_flow else (off, listed_again)
    if exact in ANYWHERE:
        return act(ctx, state, msg, exact)
    if account.NO_PERSON.search(text) and not exact and (withdrawn := account.withdraw_handoff(ctx, state, msg)):
        return meanwhile.resume(state, withdrawn) if in_flow else withdrawn
    if "人工" in text and not exact and (wants := intents.read_intent(msg.text or "")).intent == "human" and wants.score >= 0.8:
        return act(ctx, state, msg, "human")  # "我不会弄这个 找个人工跟我说吧": the menu's own word, before any posting ask
    if not exact:  # "包工头姓黄" right after a wage complaint was handed over: added to it
        state, added = grievance.follow_up(ctx, state, msg)
        if added is not None:
            return state, added
        if grievance.wants_person(text):  # "我已经转了他300了 能要回来吗", "那个外卖的你们能让人查查吗"
            return act(ctx, state, msg, "human")
    if state.get("ask_posting"):  # the answer to "您说的是哪个岗位？"
        state = {k: v for k, v in state.items() if k != "ask_posting"}
        described = None if exact else named.answer_which(ctx, state, msg)
        if described is not None:
            return described
    reassured = concerns.money_or_cards(ctx, state, msg, text, in_flow)  # "要不要交钱 要我银行卡号吗"
    if reassured is not None:
        return reassured
    if private.fears_being_found(text):  # "他会不会查到 村里会不会告诉他": that first, then what else was asked
        if in_flow:
            return meanwhile.resume(state, (leave_flow(state), private.SAFE_FROM_OTHERS))
        if _FINDS_WORK.search(text) or meanwhile.WANTS_WORK.search(text):
            state, jobs = act(ctx, state, msg, "job_search")
            return state, f"{private.SAFE_FROM_OTHERS}\n——\n{jobs}"
        return state, private.SAFE_FROM_OTHERS
    filled = named.reported_filled(ctx, leave_flow(state) if in_flow else state, msg)  # "那个菌棒厂招满了 你们更新一下"
    if filled is not None:
        return meanwhile.resume(state, filled) if in_flow else filled
    who = safety.identity(text) or private.asks_privacy(text) or glossary.explain(text)  # "你是真人吗"; "托底安置是啥意思"
    if who:
        return meanwhile.resume(state, (leave_flow(state), who)) if in_flow else (state, who)
    if _FOR_DISABLED.search(text):  # "有没有专门给残疾人的岗位": none is set aside; whom to ask, and what fits
        found = meanwhile.jobs(ctx, state, msg) if in_flow else act(ctx, state, msg, "job_search")
        return (found[0], f"{NOT_SET_ASIDE}\n——\n{found[1]}") if found else (state, NOT_SET_ASIDE.rsplit("。", 1)[0] + "。")
    if minors.too_young(text):  # "我16岁 能不能先去打工": no posting, the law's limit and technical school
        return meanwhile.resume(state, (leave_flow(state), minors.TOO_YOUNG)) if in_flow else (state, minors.TOO_YOUNG)
    if in_flow and registering.checks_kept(msg.text or ""):  # "我电话记对了吧": read back
        return meanwhile.resume(state, (leave_flow(state), registering.kept_so_far(state)))
    if account.PUSH_STATUS.search(text) and len(text) <= 20:
        status = account.push_status(ctx, state, msg)
        return meanwhile.resume(state, status) if in_flow else status
    if account.asks_reminder(msg.text or ""):
        reminded = account.remind(ctx, state, msg)
        return meanwhile.resume(state, reminded) if in_flow else reminded
    pref = prefs.request(text)  # "短信少发点", "只在微信上发": not a full opt-out
    if pref in ("place", "home") and picks.points_into_list(state, text):
        pref = None  # "离家近的那个": a posting of the list
    if pref and _whole_registration(msg.text or ""):
        pref = None  # "叶细妹 女 四十四 … 我只要扶贫车间的活 别的莫推": the wish of a whole registration
    if pref in ("place", "home") and in_flow:  # the registration's own wish changed, its question asked again
        return prefs.handle(ctx, state, msg, pref)
    if pref == "sms_off" and in_flow:  # "短信别发 我只看微信" while registering: the SMS question answered
        data = dict(state.get("data") or {}) | {"sms_ok": False}
        return meanwhile.resume(state | {"data": data}, (leave_flow(state), "好的，不发短信了，合适的岗位只在微信里推送给您。"))
    if pref and not (in_flow and state.get("step") == "sms_ok"):
        handled = prefs.handle(ctx, leave_flow(state) if in_flow else state, msg, pref)
        return meanwhile.resume(state, handled) if in_flow else handled
    back = register.self_again(state, text)  # "好了 说我自己 我的信息看一下": the relative's registration set aside
    if back is not None:
        state, rest = back
        if len(rest) < 2:
            return state, SELF_AGAIN + "您自己想办什么？回复“菜单”看能办的事。"
        new_state, said = dispatch(ctx, state, dataclasses.replace(msg, text=rest))
        return new_state, SELF_AGAIN + said
    aside = (registering.next_relative(ctx, state, msg) or registering.writer_aside(state, msg.text or "") or registering.another_person(state, msg.text or "")
             or registering.send_here(state, msg.text or ""))
    if aside is not None:
        return aside
    own = register.as_said(state, msg)  # registering a relative: "她叫陈秀英" is the person's own name
    if own is not msg:
        msg, text = own, normalize(own.text)
    fix = freetext.correction(text) or (freetext.restated(state.get("data") or {}, msg.text or "") if in_flow else None)
    if fix:
        return record.correct(ctx, state, msg, *fix)
    choices = state.get("fix_choices")
    if choices and word.isdigit() and 1 <= int(word) <= len(choices):  # picking a suggested county
        return record.correct(ctx, state, msg, "county", choices[int(word) - 1])
    state = {k: v for k, v in state.items() if k != "fix_choices"}
    if state.get("flow") == "benefits":
        interrupt = interrupts(msg.text) or (exact if exact in LEAVE_CHECK else None)  # "登记" typed as a command
        if interrupt == "job_search" and not exact and benefits.told_facts(msg.text or "").get("wants_training"):
            interrupt = None  # "我想去学个月嫂的手艺 学好了出去做工": a plan that answers the check
        if interrupt:
            return act(ctx, leave_flow(state), msg, interrupt)
    if _BARE_WHAT.match(word) and ((state.get("pick") or {}).get("kind") == "jobs" or state.get("posting")):
        # "有啥", "有什么呢" with postings on screen: those postings (mid-registration too)
        shown = meanwhile.jobs(ctx, state, msg, refine=True) if in_flow else act(ctx, state, msg, "job_search")
        if shown is not None:
            return shown
    if (in_flow and not exact and not named.COMPARE.search(text) and len(re.findall(r"[那这](?:个|家|份)", text)) == 1
            and (focused := named.focus(ctx, state, msg)) is not None):
        return meanwhile.resume(state, focused)  # "浦城那个护林员 我能报吗 咋报" mid-registration: that posting
    if in_flow:
        return registering.registering(ctx, state, msg, text, act)
    if state.get("verify"):  # a code texted to the phone on record is awaited (kept across other messages)
        reply = verification.step(ctx, state, msg, word)
        if reply is not None:
            return reply
    if state.get("flow") == "benefits":
        reply = benefits.step(ctx, state, msg)
        if reply is not None:
            return reply
        topic = benefits.follow_up_topic(ctx, state, text)
        state = leave_flow(state) | ({"topic": topic} if topic else {})  # not a pick: handled as usual
    offered = state.pop("wish_offer", None)  # only the next message can accept it
    if offered and word in AGREE:
        state, said = record.correct(ctx, state, msg, "wishes", str(offered))
        state, jobs = account.find_jobs(ctx, state, msg)
        return state, said + "\n" + jobs
    listed = state.get("pick") or {}
    if listed.get("kind") == "jobs" and account.MORE.match(text):
        return account.more_jobs(ctx, state, msg)
    compared = None if exact else (named.compare(ctx, state, msg)  # "鞋厂那个比电子厂那个多多少"
                                   or named.best_of(ctx, state, msg)  # "哪个钱最多 哪个离沙县最近"
                                   or account.nearer(ctx, state, msg)  # "涵江太远 孩子在仙游读书要接送"
                                   or named.apply_both(ctx, state, msg))  # "两个都想去 能都报不"
    if compared is not None:
        return compared
    n = picks.pick_number(text, len(listed.get("ids") or []))
    if n is None and not exact and not word.isdigit():  # "那个电子线束的 几点上班": named, listed or not
        reply = named.focus(ctx, state, msg)
        if reply is not None:
            return reply
    n = n or picks.described(ctx, state, text, msg.openid)
    if n is not None and listed.get("kind") == "intents" and 1 <= n <= len(listed.get("ids", [])):
        chosen = listed["ids"][n - 1]  # an answer to "您是想：1 找工作 2 问政策"
        state = {k: v for k, v in state.items() if k != "pick"}
        return (state, menu.ASK_HINT) if chosen == "policy_question" else act(ctx, state, msg, chosen)
    if n is not None and listed and (n <= len(listed.get("ids", [])) or not word.isdigit()):
        reply = picks.pick(ctx, state, msg, n)  # a number after a list picks from that list
        if reply is not None:
            return reply
    size = len(listed.get("ids") or [])
    if (word.isdigit() and size and int(word) > max(size, len(events.MENU_INTENTS) + 1)
            and listed.get("kind") in ("jobs", "clauses", "intents")):
        # "7" after three postings: no seventh, and no menu item either (a 4 is the menu's 我的推荐)
        which = "回复1看它的详情" if size == 1 else f"请回复1到{size}的序号"
        return state, f"刚才列出的只有{size}个，{which}；要用菜单功能，请先回复“菜单”。"
    if not listed and not state.get("posting") and picks.refers_to_list(text):
        return state, picks.NO_LIST  # "第二个咋报名" days later: nothing on screen to pick from
    if word in {"1", "2", "3", "4", "5", "6"}:
        return events.menu_choice(ctx, state, msg, word)
    reply = picks.about_posting(ctx, state, msg) or picks.about_list(ctx, state, msg)
    if reply is not None:
        return reply
    if exact:
        return act(ctx, state, msg, exact)
    if asks_person(text):  # "再帮我找个人工 要打字的": the reply's own word for a person
        return act(ctx, state, msg, "human")
    if account.complains(text):  # "发的什么破工作 乱发一通": an apology and a way to better postings
        return account.complaint(ctx, state, msg)
    facts_only = None if state.get("flow") or listed.get("kind") not in (None, "intents") else told.only_answers(msg.text or "", dict(state.get("paused") or {}))
    if (facts_only and {"name", "phone"} & set(facts_only) and set(facts_only) <= _FACTS | {"phone"}
            and state.get("paused") and not service.get_user(ctx.session, msg.openid).person_id):
        return register.start(ctx, state, msg)  # "我叫洪水生 电话… 拜拜" after a registration set aside: taken up again
    if facts_only and set(facts_only) <= _FACTS and not service.get_user(ctx.session, msg.openid).person_id:
        # "五十三 女的 建档立卡户" and nothing else: kept for what comes next, and asked what that is
        said = register.told_back(facts_only) + ("，建档立卡户" if facts_only.get("poor") else "")
        return state, f"记下了：{said.strip('，')}。\n{WHAT_NEXT}"
    reading = guarded(intents.read_intent(msg.text or text), text)
    reading = story_then_ask(msg.text or text, reading)
    if reading.intent not in ("job_search", "human", "opt_out") and reading.score < 0.5 and ASKS_WORK.search(text):
        reading = intents.Reading("job_search", intents.CLARIFY_BELOW, reading.intent)  # "你先说说屏南有啥活 我62了 …"
    if _BARE_WHAT.match(word):  # "有啥" with no postings on screen: asked back, not guessed
        reading = intents.Reading(reading.intent, min(reading.score, intents.CLARIFY_BELOW - 0.01), reading.second)
    if NOT_CLEAR.search(text) and len(rest := NOT_CLEAR_SAID.sub("", text).strip(" ，,")) >= 3 and is_question(rest):
        if state.get("topic") and not listed and not state.get("posting"):
            # "看不懂 你就说我每年还要不要自己掏钱" after a policy answer: that answer again, read for this ask
            ans = ask.lookup(ctx, state, dataclasses.replace(msg, text=rest), rest)
            if not ans.fallback and not ans.choices:
                return ask.reply_with(ctx, state, msg, rest, ans)
            if plain := ask.plainer(ctx, state, msg):
                return plain
        return _dispatch(ctx, state, dataclasses.replace(msg, text=rest))  # "简单点说 能给多少钱": the question
    followed = follow_ups.after_reply(ctx, state, msg, text, reading, listed, exact)
    if followed is not None:  # "去哪报名", "那我老婆呢", "我现在还吃低保" after a policy answer; "字太多了" after a list
        return followed
    if _LOCAL_POSTS.search(text) and not ask.ASKS_POLICY.search(text) and get_gazetteer().find(text):
        return act(ctx, state, msg, "job_search")  # "我们屏南现在有哪些公益岗": the postings there, not the policy
    if benefits.is_request(text) and len(text) <= PLAIN_REQUEST:  # "我能领啥补贴" names nothing: the check
        return benefits.start(ctx, state, msg)
    if benefits.is_request(text) or (reading.intent == "entitlements" and not fragment(text)):
        # "毕业生那个2000块我能领不" names one subsidy: the documents answer it; "我能领什么补贴" is the check
        ans = ask.lookup(ctx, state, msg, text)
        # one close clause is a better reply than fifteen questions unless the whole check was asked for
        if (not ans.fallback and not ans.choices) or (ask.usable(ans) and not benefits.is_request(text)):
            return ask.reply_with(ctx, state, msg, text, ans)
        if ans.fallback and not ans.choices and referral.reply(text):  # 孙子上学有没有补助: whom to ask
            return ask.reply_with(ctx, state, msg, text, ans)
        return benefits.start(ctx, state, msg)
    if _whole_registration(msg.text or ""):  # name, age, phone … in one message
        return meanwhile.after_wish(ctx, state, register.from_message(ctx, state, msg), msg, keep=True)
    if not exact and proxy_for(text) is not None and re.search(r"登记|报名", text) and reading.intent in ("register", "update_info"):
        return act(ctx, state, msg, "register")  # "再登记我奶奶 张月娇 女的 63": her registration, not a choice
    if ask.learning_asked(text) and not _FINDS_WORK.search(text) and (
            reading.intent != "policy_question" or not ask.usable(ans := ask.lookup(ctx, state, msg, text))):
        # "学门手艺 不要钱的那种有没", "考个挖机证 政府出钱不": the training policy, asked in the words of the trade
        training, ans = ask.as_training(ctx, state, msg)
        if ask.usable(ans):
            return ask.reply_with(ctx, state, training, training.text or "", ans)
    if _ONE_TO_ONE.search(text) and not (paired := ask.lookup(ctx, state, msg, text)).fallback:
        # "有没有人能一对一帮我找工作": the documents' 一对一 帮扶 (a 协理员 paired with the person), not a list
        return ask.reply_with(ctx, state, msg, text, paired)
    if picks.hurt_at_work(text) and is_question(text):  # "工地上干活摔了 有没有保险": 工伤保险, not a job search
        ans = ask.lookup(ctx, state, msg, text)
        if ask.usable(ans):
            return ask.reply_with(ctx, state, msg, text, ans)
    if _EMPLOYER.search(text):  # "我这还缺两个编竹篮的 想在你们这发个招工 找谁"
        return state, EMPLOYER_HINT
    if reading.unsure:
        return unsure(ctx, state, msg, text, reading)
    if reading.score < CONSULT_BELOW and reading.second == "policy_question" and reading.intent != "opt_out":
        # Two learned readers disagree at the margin: a question the documents answer confidently
        # ("打工十年 想回来开个小饭店 政府有没有扶持") is answered rather than taken as a job request.
        ans = ask.lookup(ctx, state, msg, text)
        if ask.usable(ans):
            return ask.reply_with(ctx, state, msg, text, ans)
    if reading.intent == "human" and not _WANTS_PERSON.search(text) and (hint := referral.reply(text)):
        return state, hint  # "能不能借点钱给我": who handles it, not a ticket nobody here can act on
    if reading.intent == "human" and not _WANTS_PERSON.search(text) and account.NOT_REACHED.search(text):
        reading = dataclasses.replace(reading, intent="my_pushes")  # "打了电话没人接": an apology and a way on
    if (reading.intent == "register" and not exact and proxy_for(text) is None
            and service.get_user(ctx.session, msg.openid).person_id):
        return state, ALREADY_REGISTERED  # "我想报石狮那个" from someone registered: not a fresh start
    besides = ask.also_asked(ctx, state, msg) if reading.intent == "job_search" else ""
    new_state, said = act(ctx, state, msg, reading.intent)
    return new_state, (f"{besides}\n——\n{said}" if besides else said)


# someone to help the person one to one (一对一, 结对, 专人): a service the documents describe
_ONE_TO_ONE = re.compile(r"一对一|结对|帮扶计划|专人(?:帮|负责|对接|跟)")
# "想找个活干 顺便问下培训补贴咋领": work asked for too, so the job search answers both
_FINDS_WORK = re.compile(r"找\S{0,4}(?:活|工作|工|事做)")
# an employer asking how to post a vacancy: not a job search
_EMPLOYER = re.compile(r"(?:想|要|能|可以|怎么|咋|去哪)\S{0,6}?(?:发|登|挂|发布|贴)(?:个|一个|条|一条)?招工|招工(?:信息|启事)\S{0,4}(?:怎么|咋|在哪|找谁)"
                       r"|(?:我|我们)(?:这|这边|厂|店|车间|公司)\S{0,6}(?:缺|要招|想招|招)\S{0,6}(?:人|工)\S{0,8}(?:找谁|怎么|咋|在哪)")
EMPLOYER_HINT = ("招工信息由工作人员审核后发布：回复“人工”留下单位名称、要招什么人、几个人和联系电话，工作人员会联系您；"
                 "也可以找县人社局或乡镇（街道）劳动保障所登记用工需求。")
# posts reserved for disabled people: the two documents set none aside
_FOR_DISABLED = re.compile(r"(?:专门|专给|专为|只招|照顾)\S{0,4}残疾|残疾人?\S{0,2}(?:专门|专属|专用)\S{0,2}(?:岗位|工作|活)")
NOT_SET_ASIDE = ("两份就业扶贫文件里没有专门留给残疾人的岗位。残疾人就业可以问县残联或人社部门（就业服务中心），"
                 "也可以回复“人工”请协理员帮您问。下面是按您说的情况找到的岗位：")
# postings of a kind asked for in a place: "屏南现在有哪些公益岗", "古田有没有扶贫车间"
_LOCAL_POSTS = re.compile(r"(?:有哪些|有什么|有啥|有没有|有无|是否有)\S{0,4}(?:公益岗|公益性岗位|扶贫车间|岗位)")  # 是否有此类岗位在招


# words that ask for a person or complain outright: a ticket even when the need is someone else's
_WANTS_PERSON = re.compile(r"人工|客服|工作人员|真人|投诉|找人|领导|协理员|打电话给我|联系我")




def _whole_registration(raw: str) -> bool:
    """"俺叫邱水生 男的 五十岁 建宁县 电话…" is a registration; "我是建档立卡的 女的 今年48 … 培训有补贴不"
    states as much about the writer but asks a question: a story, answered as one."""
    found = register.read_fields(raw)
    return (len(found) >= REGISTRATION_FIELDS and bool({"name", "phone"} & found.keys())
            and not QUESTION.search(split_message(raw).ask)
            and not account.FOUND_JOB.search(normalize(raw)))  # "我是刘德胜 手机… 找到工作了 不用发了": no registration


def run_turn(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """``dispatch``, then commit what the step wrote; on any error (``Defer`` too) roll back and re-raise."""
    try:
        out = dispatch(ctx, state, msg)
    except BaseException:
        ctx.close(commit=False)
        raise
    ctx.close(commit=True)
    return out
