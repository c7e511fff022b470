"""What a free-text registration message holds besides the answer asked for: the work wanted (轻活就行), a trade
told in passing (以前编过竹篮), another answer (电话留我的吧 …), and a correction of an earlier answer
(等一下 年龄打错了 是48岁, 刚才电话说错了 是138…54)."""

from __future__ import annotations

import re
from typing import Any

from bot.flows.answers import AGE_INSTEAD, ALIASES, CORRECTION, SAID_WRONG
from bot.flows.fields import name_said, read_fields, without_consent
from core.gazetteer import get_gazetteer
from core.numbers import numerals_to_digits, spoken_digits
from core.text import normalize
from matching import strain
from matching.certs import CLASS_SAID
from matching.kinds import get_families


def names_work(text: str) -> bool:
    """"种地 附近就行" names a kind of work (a trade to record); "轻活就行" names none."""
    return bool(kinds_named(text))


def kinds_named(text: str) -> str:
    """The words for each kind of work ``text`` names, once each ("想进厂 电子厂也行" → "进厂 电子厂")."""
    from matching.kinds import get_families

    return " ".join(dict.fromkeys(get_families().scan(text).values()))


# "打字慢", "字识无几个", "眼花看不清": how the person reads and types, never a trade
_ABOUT_READING = re.compile(r"打字|识字|字识|认字|不识|眼花|看不清|语音")


def trade_only(text: str, *, loose: bool = False) -> str:
    """The clauses of ``text`` that name a trade or work done ("以前种香菇 也会砍毛竹"), without talk about the
    chat itself ("那我打字", "看不到是吧"): a clause with 我/你 counts only when it says what was done or can be done.
    ``loose``: any other plain clause counts (in a whole registration, "剥笋晒笋干" is what was left to say)."""
    kept = [c for c in _CLAUSE.findall(text) if not _ABOUT_READING.search(c) and (DONE_BEFORE.search(c) or SKILL_SAID.search(c)
            or ((loose or names_work(c)) and not re.search(r"[我你吗呢？?]", c)))]
    return " ".join(kept)


WISH_ONLY = re.compile(r"就行|就好|就可以|附近|离家近|走不远|近点|近一点|轻活|轻松点|不累的|只能在|只要")
DONE_BEFORE = re.compile(r"(?:以前|之前|原来|年轻时候?|在家)?[会干做学当开编种修养带烧炒绣采摘砌焊织缝](?:过|了\d+年)|^会\S|以前(?:在|是|做|干)")
WANTS = re.compile(r"(?:想|要|只能|能|希望|打算)\S{0,10}?(?:做|干|找|上班|活|工作)")


# A clause about the work wanted rather than a trade: where, what pay, what conditions ("就想在平和做",
# "日结最好", "工资高点 五千以上", "要包吃住的", "不能爬山").
_OTHER_ANSWER = re.compile(r"电话|手机|号码|短信|建档立卡|贫困户|^\d+$")
_WISH_CLAUSE = re.compile(WANTS.pattern + "|" + WISH_ONLY.pattern + r"|最好|希望|[想要只就]在|想去|在家|家门口|不能|不想|不要|"
                          r"工资|日结|月结|包吃|包住|以上|一[天工]|\d{3,}|[一两二三四五六七八九][千万]|^在\S{1,8}(?:做|干|找|上班)|都行|都可以")
_CLAUSE = re.compile(r"[^\s，,。；;！!]+")


_SCHOOLED = re.compile(r"(?:小学|初中|高中|中专|职高|技校|大专|本科)(?:毕业|文化|学历|没读完|肄业)")


def split_skills(text: str) -> tuple[str, str]:
    """A skills answer that also says what work is wanted → (trade, wish): "会种蜜柚 开摩托 就想在平和做
    日结最好" → ("会种蜜柚 开摩托", "就想在平和做 日结最好"). A clause that is neither (孙子要带) goes with the
    one before it; a clause naming a trade is a skill unless it is worded as a wish."""
    kinds: list[str | None] = []
    clauses = [c for c in _CLAUSE.findall(text)  # "可以发短信", "家里是建档立卡户": other answers
               if not (_OTHER_ANSWER.search(c) and not SKILL_SAID.search(c) and not DONE_BEFORE.search(c))]
    for c in clauses:
        # "在家种菜" is a trade; "高中毕业" is schooling, kept with the trade (postings ask for it)
        skill = bool(DONE_BEFORE.search(c) or SKILL_SAID.search(c) or names_work(c) or _SCHOOLED.search(c))
        # "腰不行了 扛不动": a limit on the work, kept with the wish so no heavy work is pushed later
        # "这回别给我推保安了": a refusal names work too, and is a wish (never to be pushed it), not a skill
        wish = ((bool(_WISH_CLAUSE.search(c)) and not (skill and not WANTS.search(c))) or bool(strain.limits(c))
                or bool(get_families().scan_refused(normalize(c))))
        # "现在在厦门殿前这边租房子": where the person lives now is where work is wanted (for the wish)
        wish = wish or bool(_LIVES_AT.search(c) and get_gazetteer().find(c))
        kinds.append("wish" if wish else "skill" if skill else None)
    first = next((i for i, k in enumerate(kinds) if k), None)
    for i, k in enumerate(kinds):  # neither: with the clause before; before any, dropped ("喂喂 现在是我在讲")
        if k is None:
            kinds[i] = kinds[i - 1] if i else ("skip" if first is not None else "skill")
    skills = " ".join(c for c, k in zip(clauses, kinds, strict=True) if k == "skill")
    wishes = " ".join(c for c, k in zip(clauses, kinds, strict=True) if k == "wish")
    return skills, wishes


_LIVES_AT = re.compile(r"(?:现在|目前|如今)\S{0,2}(?:在|住)")


def about_others(found: dict[str, Any], rest: str) -> bool:
    """"电话留我的吧 13859012346 我爸不会看手机": a long message giving another answer is about that
    answer, not the work the person can do."""
    own = " ".join(w for w in rest.split() if not _ABOUT_PHONE.search(w))  # "我爸不会看手机" is no skill
    return bool(found.keys() & {"phone", "age", "county", "name"}) and len(rest) > 10 and not SKILL_SAID.search(own)


_ABOUT_PHONE = re.compile(r"电话|手机|号码|短信|消息|微信")


SKILL_SAID = re.compile(r"会|干过|做过|学过|当过|开过|有证|证书|驾照|驾驶证|(?<!身份)证(?!明)|" + CLASS_SAID.pattern)


def rest_of(text: str, found: dict[str, Any], current: str) -> str:
    """A free-text answer (numbers already out: ``read_free``) without the work wanted it also stated."""
    rest = without_consent(text) if "sms_ok" in found else text
    other = str(found.get("wishes") or "") if current != "wishes" else ""
    if other and other in rest and rest.replace(other, "").strip(" ，,。"):
        rest = rest.replace(other, " ")
    if current == "skills":
        rest = without_status(rest)
    return re.sub(r"\s+", " ", rest).strip(" ，,。")


def without_status(text: str) -> str:
    """"… 建档立卡户 还没脱贫": the household's status is no trade (it is read as the 建档立卡 answer)."""
    return re.sub(r"\s+", " ", _STATUS.sub(" ", text)).strip(" ，,。")


_STATUS = re.compile(r"(?:家里|我家|俺家)?(?:是)?(?:建档立卡|贫困|低保|特困)户?的?|(?:还|也)?(?:没|未|没有)脱贫|已经?脱贫了?|脱贫了")


_TYPO = re.compile(r"(?:打|写|输|说|弄|搞|填)错(?:字)?了|不是\S{1,4}是")


def correction(text: str) -> tuple[str, str] | None:
    """``改年龄 45`` or ``等一下 年龄打错了 是48岁`` → ("age", …); None when the text is not a correction."""
    t = normalize(text)
    m = CORRECTION.match(t)
    if m:
        return ALIASES[m.group(1)], m.group(2).strip()
    m = AGE_INSTEAD.search(numerals_to_digits(t))
    wrong = SAID_WRONG.search(t)
    # "电话说错了 是138…54 最后是54 不是45": the digits of a phone, not an age, when the phone is named
    if m and not (wrong and ALIASES.get({"岁数": "年龄", "手机": "手机号"}.get(wrong.group(1), wrong.group(1))) != "age"):
        return "age", m.group(1) or m.group(2)
    if _TYPO.search(t) and not SAID_WRONG.search(t):  # "打错字了 是南平的浦城": the value says which answer
        said = _NOT_THIS.sub(" ", normalize(text, keep_space=True))  # "不是屏南 是古田": the value after 是
        said = re.sub(r"[^\s，,。]*(?:户口|户籍)[^\s，,。]*", " ", said)  # "宁化是我户口那边 人现在住长汀": where one lives
        found = {k: v for k, v in read_fields(said).items() if k in ("county", "age", "phone", "name")}
        if len(found) == 1:
            field, value = found.popitem()
            county = get_gazetteer().get(str(value)) if field == "county" else None
            return field, county.full_name if county else str(value)
    m = SAID_WRONG.search(t)
    if m and m.group(2).strip():
        word = {"岁数": "年龄", "手机": "手机号"}.get(m.group(1), m.group(1))
        value = re.sub(r"^不是.+?(?=是)", "", m.group(2).strip()).removeprefix("是")  # 不是48 是58 → 58
        value = re.sub(r"(?<=\S)[\s，,]*(?:而)?不是\S*$", "", value)  # 是周宁不是寿宁 → 周宁
        value = re.sub(r"^(?:新的|新号码?|现在的?)(?:是|为)?", "", value)  # 手机号换了 新的是139…
        if ALIASES[word] == "phone" and (number := re.search(r"1[3-9]\d{9}", spoken_digits(value))):
            return "phone", number.group(0)  # "新号18750346921 旧的不用了"
        if ALIASES[word] == "name":
            return "name", name_said(value)  # 是林秀瑛 王字旁的瑛
        return ALIASES[word], numerals_to_digits(value) or value
    return None


_NOT_THIS = re.compile(r"不是[^\s，,。是]{1,8}")
_CHANGED = re.compile(r"换|改|不对|错了|不是|我自己的|新的|新号")


def restated(data: dict[str, Any], raw: str) -> tuple[str, str] | None:
    """"啊换一个 那个是我老公的 我自己的是158…": an answer already given, stated again with another value and
    a word of change, is a correction of it; None otherwise."""
    t = normalize(raw)
    if not data or not _CHANGED.search(t):
        return None
    stated = read_fields(raw)
    changed = [(k, v) for k, v in stated.items() if k in ("phone", "county") and data.get(k) not in (None, "", v)]
    if len(changed) != 1:
        return None
    field, value = changed[0]
    if field == "county":
        county = get_gazetteer().get(str(value))
        return field, county.full_name if county else str(value)
    return field, str(value)
