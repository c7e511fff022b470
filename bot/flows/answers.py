"""The registration questions, in order, and how each answer is read (a friendly retry when it cannot be)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.flows.fields import MAX_AGE, MIN_AGE, born_age, someone_else_before
from core.gazetteer import get_gazetteer
from core.text import cn_to_int

_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_NAME_PREFIX = re.compile(r"^(我叫|我是|姓名是?|名字是?|叫)")
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_YES = {"1", "同意", "是", "好", "好的", "可以", "要", "愿意"}
_NO = {"2", "不同意", "否", "不", "不要", "不用", "不愿意"}
_NONE = {"无", "没有", "不会", "没", "暂无"}

_NOT_NAME = re.compile(r"[我你他她要想吗呢啥么找报登问谁哪怎咋的了岁]|工作|名字|姓名")  # 我要报名 is not a name
_REFUSE = re.compile(r"不(?:要|用|同意|需要|想)|别发|莫发|不发")
_AGREE = re.compile(r"^(?:可以|行|好|嗯|发吧|同意|要|中|成|没问题|OK|ok)")
# "等一下 年龄打错了 是48岁", "电话写错了 应该是139…": a correction said in passing
_WRONG_FIELDS = ("年龄", "岁数", "名字", "姓名", "电话", "手机号", "手机", "性别", "县")
SAID_WRONG = re.compile(r"(" + "|".join(sorted(_WRONG_FIELDS, key=len, reverse=True))
                         + r")\S{0,3}?(?:(?:写|打|填|输|弄|说)?错了|不对|换了|变了)\S{0,4}?(?:是|应该是|改成|改为|为)?(.+)$")
# "我妈是53不是52", "不是52 是53": an age said instead of another
AGE_INSTEAD = re.compile(r"(\d{2})岁?[，,\s]*(?:不是|而不是)\d{2}岁?(?![\d岁])(?=$|\S{0,4}$)"
                         r"|不是\d{2}岁?[，,\s]*(?:是|而是)(\d{2})岁?(?=$|\S{0,4}$)")  # "是54 不是45 手滑了"
CHANGE_HINT = "要改哪项就回复，比如：“改年龄 46”“改意向 在县城做保洁”“改手机号 13900000000”。重新登记回复“登记”。"
TAKEN = "这个姓名和手机号已登记在另一份档案上，不能改到您的名下。如有疑问请回复 5 找工作人员。"
NUMBER_SAID = re.compile(r"(?:手机号?码?|电话号?码?|号码|身份证号?码?)?[是:：]?\s*\d[\d\s\-]{9,20}[\dXx]")  # a phone or ID number said in free text
Result = tuple[Any, str | None]  # (value, None) or (None, retry message)


_ASKING = re.compile(r"[吗呢么？?]$|[不没]$|能不能|可不可以|有没有|有冇|中不中|行不行|[啥咋怎]|多少|什么|哪")


_COURTESY = re.compile(r"谢谢|谢了|谢啦|多谢|拜拜|再见|辛苦|麻烦")  # "好的 谢谢" is thanks, whatever surname 谢 could be
_CONSENT = re.compile(r"行吧?|好吧?|好的|嗯+|那|那好|可以|中|ok|OK")


def read_name(text: str) -> Result:
    from bot.flows.fields import could_be_name
    from bot.flows.reading import is_question  # (reading imports the flows' answers)

    spaced = _NAME_PREFIX.sub("", text).strip("。，,.! ")
    # "行吧 范德明 三十三 高中毕业": a consent word, then the name, then other answers, apart by spaces
    words = [w for w in re.split(r"[\s，,。]+", spaced) if w and not _CONSENT.fullmatch(w)]
    if (len(re.split(r"[\s，,。]+", spaced)) >= 2 and words and 2 <= len(words[0]) <= 4 and _NAME.fullmatch(words[0])
            and not _NOT_NAME.search(words[0]) and not _COURTESY.match(words[0]) and could_be_name(words[0])
            and not is_question(spaced)):
        return words[0], None
    name = re.sub(r"\s+", "", spaced)  # "王 小明": a name typed with a space
    if _NAME.match(name) and not _NOT_NAME.search(name) and not (len(name) > 3 and (_ASKING.search(name) or is_question(name))):
        return name, None
    if len(name) > 6:  # a sentence, not a name: say how to leave instead of asking the same again
        return None, "这句话不像姓名。登记先要您的姓名，比如：张三。\n先不登记回复“等会儿再说”；看看能做什么回复“菜单”。"
    return None, "请只输入您的姓名（2到6个汉字），比如：张三"


def _gender(text: str) -> Result:
    t = text.strip("的性。")
    if t in ("1", "男") or (re.search(r"男|爷们|汉子", t) and "女" not in t):
        return "男", None
    if t in ("2", "女") or (re.search(r"女|妇|婆娘", t) and "男" not in t):
        return "女", None
    return None, "请回复 1 男 或 2 女"


def _age(text: str) -> Result:
    if (born := born_age(text)) is not None:  # "六八年的": the birth year said
        return born, None
    t = text.replace("今年", "").replace("周岁", "").replace("岁", "").strip()[:20]
    digits = re.search(r"\d{1,3}", t)
    if digits and someone_else_before(t, digits.start()):
        return None, f"请输入您自己的年龄数字（{MIN_AGE}到{MAX_AGE}），比如：45"
    age = int(digits.group()) if digits else cn_to_int(t)
    if age is None or not MIN_AGE <= age <= MAX_AGE:
        return None, f"请输入年龄数字（{MIN_AGE}到{MAX_AGE}），比如：45"
    return age, None


def read_county(text: str, choices: list[str] | None = None) -> Result:
    gaz = get_gazetteer()
    if choices and text.isdigit() and 1 <= int(text) <= len(choices):
        text = choices[int(text) - 1]
    county = gaz.resolve(text)
    if county is not None:
        return county.code, None
    close = gaz.suggest(text)
    if close:
        lines = "\n".join(f"{i} {name}" for i, name in enumerate(close, 1))
        return close, f"没有找到“{text}”。您是说：\n{lines}\n回复数字，或重新输入县名"
    return None, "没有找到这个县（市、区）。请输入福建省内的县名，比如：浦城县"


def read_free(text: str) -> Result:
    if re.fullmatch(r"\d{1,2}", text.strip()):  # "8" with no list open: no skill, no wish
        return None, f"没有第{text.strip()}项可以选。请直接打字回答，没有就回复“无”。"
    return ("" if text in _NONE else NUMBER_SAID.sub("", text)[:200]), None


# "电话号码能不能不填 怕被骗电话", "没有手机": the phone is not required (no phone, no SMS)
SKIP_PHONE = re.compile(r"(不|没)(想|愿意?|方便)?(填|给|留|告诉|说)|能不能不|可不可以不|可以不(填|给|留)|跳过|没有?手机|没电话|不用手机")


def _phone(text: str) -> Result:
    t = re.sub(r"[\s\-]", "", text)
    if _PHONE.match(t):
        return t, None
    if SKIP_PHONE.search(t) and not re.search(r"\d{5}", t):
        return "", None
    return None, "请输入11位手机号，比如：13800000000；不想留可以回复“不填”"


def _consent(text: str) -> Result:
    if re.search(r"要不要|[吗么？?]$|能不能|会不会", text):  # "他这岁数人家要不要" asks; it does not refuse
        return None, "同意给您发岗位短信吗？回复 1 同意 或 2 不同意"
    if text in _YES:
        return True, None
    if text in _NO or _REFUSE.search(text):
        return False, None
    if _AGREE.search(text):  # 可以发 / 发吧 / 行 都行
        return True, None
    return None, "同意给您发岗位短信吗？回复 1 同意 或 2 不同意"


UNSURE = re.compile(r"不晓得|不知道|不清楚|不确定|搞不清|说不准|是啥|是什么|啥意思|什么意思|咋查|怎么查|哪里查|是不是")


def _poor(text: str) -> Result:
    if UNSURE.search(text):  # "建档立卡是啥 我家是不是我也不晓得": a question, no answer ("是不是" holds 不是)
        return None, ("建档立卡贫困户是村里评定、登记在册的贫困家庭。不清楚的话可以问村委会或村里的劳动保障协理员；"
                      "先回复 2 也行，以后查清了回复“改建档立卡 是”。\n您家是建档立卡贫困户吗？回复 1 是 或 2 不是")
    if text in _YES or text in ("是的", "是贫困户", "建档立卡"):
        return True, None
    if text in _NO or text in ("不是", "没有", "不是贫困户") or re.search(r"不是|没评|不算|没有(?:建档|登记)", text):
        return False, None
    # "是的 但是村里说去年脱贫了": still a 建档立卡 household (脱贫 households keep the policies)
    if re.search(r"^(?:是|对|嗯|有(?!没|无|啥|什么|哪))|建档|贫困户|脱贫", text):  # "有没有拿回家做的" asks
        return True, None
    return None, "您家是建档立卡贫困户吗？回复 1 是 或 2 不是"


# (field, question, validator); the order is the conversation's order
STEPS: list[tuple[str, str, Callable[[str], Result]]] = [
    ("name", "请问您的姓名？", read_name),
    ("age", "您今年多大年纪（几岁）？", _age),  # asked next, as people expect after the name
    ("gender", "您的性别？回复 1 男 或 2 女", _gender),
    ("county", "您的户籍在哪个县（市、区）？比如：浦城县", read_county),
    ("skills", "您会什么、做过什么工作？比如：种地、做饭、开三轮。没有就回复“无”", read_free),
    ("wishes", "您想做什么工作、去哪里、每月工资想要多少？比如：想去福州进厂，4000以上", read_free),
    ("phone", "您的手机号？用来联系您、发岗位信息", _phone),
    ("sms_ok", "同意给您发岗位短信吗？回复 1 同意 或 2 不同意", _consent),
    # Self-reported until a coordinator checks it against the 扶贫 records (比对).
    ("poor", "最后一个问题：您家是建档立卡贫困户吗？回复 1 是 或 2 不是", _poor),
]
# Each question again in everyday words, for "啥意思 看不懂 说简单点".
PLAIN_QUESTIONS = {
    "name": "就是问您叫什么名字。直接打名字就行，比如：张三。",
    "age": "就是问您今年几岁。直接打数字就行，比如：52。",
    "gender": "就是问您是男的还是女的。男的回复1，女的回复2。",
    "county": "就是问您家在哪个县。打县的名字就行，比如：浦城。",
    "skills": "就是问您会干什么活、以前干过什么。比如：种地、开车、做饭。没有就回复“无”。",
    "wishes": "就是问您想干什么活、在哪干、一个月想挣多少。比如：在县城做保洁，3000左右。",
    "phone": "就是要您的手机号，有合适的活好告诉您。直接打11位号码；不想留就回复“不填”。",
    "sms_ok": "就是问：有合适的活，可不可以发短信告诉您？可以回复1，不要回复2。",
    "poor": "就是问您家是不是建档立卡的贫困户。是回复1，不是回复2。",
}
NOT_CLEAR = re.compile(r"啥意思|什么意思|看不懂|看不明白|听不懂|不明白|没看懂|说简单|简单点|说清楚点|说白点")
# "字太多了 看不懂 简单点说 能给多少钱": the complaint, so the question after it can be read on its own
NOT_CLEAR_SAID = re.compile(r"(?:字(?:太|好)多了?|太长了?|(?:我|俺)?(?:看不懂|看不明白|听不懂|不明白|没看懂)|(?:能不能|可以)?(?:说|讲)?简单(?:点|些|一点)?(?:说|讲)?"
                            r"|啥意思|什么意思|说清楚点|说白点)[，,。 啊呀哦]*")
FIELDS = [f for f, _, _ in STEPS]
FREE_TEXT = {f for f, _, v in STEPS if v is read_free}  # questions any words answer
QUESTIONS = {f: q for f, q, _ in STEPS}
VALIDATORS = {f: v for f, _, v in STEPS}
# words people use in corrections like "改年龄 45"
ALIASES = {
    "姓名": "name", "名字": "name", "性别": "gender", "年龄": "age", "户籍": "county", "县": "county",
    "户籍所在县": "county", "技能": "skills", "会什么": "skills", "意向": "wishes", "想做什么": "wishes",
    "手机": "phone", "手机号": "phone", "电话": "phone", "短信": "sms_ok", "贫困户": "poor", "建档立卡": "poor",
}  # fmt: skip
CORRECTION = re.compile(r"^(?:改|修改|更改)(" + "|".join(sorted(ALIASES, key=len, reverse=True)) + r")(?:为|成|是)?(.+)$")
