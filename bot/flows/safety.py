"""Fear of fraud, asked plainly: "要不要交钱 要我银行卡号吗", "收到短信了 是真的吗 不是骗子吧".

Rural followers are told to beware of job scams; a policy clause about bank cards is no answer. The reply
says what this service never asks for, and what to do when an employer asks for money.
"""

from __future__ import annotations

import re

# what scams ask for; 交钱/收费 only about this service (培训要交钱不 asks about the policy, and is answered so)
_MONEY = re.compile(r"银行卡|卡号|密码|押金|保证金|中介费|服装费|(你们|登记|推送|短信|这个|找工作|找个?活)[^，,。]{0,6}(交钱|收费|收钱|要钱|花钱)")
# 是真的吗 about this service or its messages only ("听说培训免费 是真的吗" asks about the policy)
_SCAM = re.compile(r"骗子|骗人|诈骗|被骗|是不是假的|不会是骗|(短信|消息|你们|这个号|公众号|这个|这是)[^。]{0,8}(是真的吗|真的假的|靠谱吗|可靠吗|正规吗|可信吗)")
_ASKING = re.compile(r"吗|么|嘛|不|没|要不要|是不是|会不会|[?？]|吧$")  # "找个活还要收钱吧": a suspicion

NEVER_ASKED = "就业帮扶服务找工作、登记、推送岗位都不收任何费用，也不会向您要银行卡号或密码。"
SAFE = ("放心：" + NEVER_ASKED + "招工的单位要您先交钱（押金、报名费、培训费、服装费），不要交，回复“人工”告诉我们。\n"
        "想确认消息真假，可以问当地村（社区）劳动保障协理员，或拨打12333。")


# with postings on screen a fee is the job's ("这些要交钱吗 报名费啥的"), not a policy's
_FEE = re.compile(r"(?:交|收|要|花|掏|付)\S{0,2}(?:钱|费)|报名费|体检费|介绍费")


# "帮我找个正规的 不用交钱的": a condition of the work wanted, not a question about money
_NO_FEE_WANTED = re.compile(r"(?:不用|不要|不收|无需|免)\S{0,2}(?:交钱|收钱|花钱|交费|押金|钱)的")


def without_fee_condition(text: str) -> str:
    """The message without "不用交钱的" when it is said as a condition, not asked ("…不用交钱的吗" is asked)."""
    return text if re.search(r"[吗么?？]", text) else _NO_FEE_WANTED.sub(" ", text)


def concern(text: str, *, about_jobs: bool = False) -> bool:
    """The message asks whether money or bank details are wanted, or whether this is a scam."""
    text = without_fee_condition(text)
    money = _MONEY.search(text) or (about_jobs and _FEE.search(text))
    return bool((money and _ASKING.search(text)) or _SCAM.search(text))


def asks_money(text: str) -> bool:
    """The message names money or bank details asked for (a fee in a pasted notice is one)."""
    return bool(_MONEY.search(text) or re.search(r"[交收付]\S{0,8}(?:费|钱)", text))


# "你是真人吗", "你們是政府的嗎 還是仲介": who answers here — said plainly before anything is asked of them
_WHO = re.compile(r"你是(不是)?(真人|真的人|人|机器人|机器|ai|谁)[吗么嘛吧呀啊?？]*$|是不是(真人|机器人)|^(真人|机器人)[吗么]"
                  r"|你是?(?:男的?(?:还是)?女的?|女的?(?:还是)?男的?)[吗么呀啊?？]*$")  # "你是男的女的"
_WHOSE = re.compile(r"(你们|这里|这个号|这个公众号|你)是(不是)?(政府|官方|哪里|哪个单位|什么单位|啥单位|中介|仲介|干什么|干啥|做什么)"
                    r"|(你们|这里|你)(是不是|是)?(跟|和)(中介|仲介|骗子)")  # "你们是不是跟中介一伙的"
BOT = ("我是自动回复的就业帮扶助手，不是真人。想找真人请回复“人工”，工作人员会联系您；"
       "也可以找村里的劳动保障协理员。")
WHOSE = ("这里是就业帮扶助手：按福建省人社厅的扶贫政策（闽人社文〔2018〕258号、闽人社文〔2017〕251号），为建档立卡"
         "贫困劳动力免费提供求职登记、岗位推荐和政策咨询，不是收费的中介。" + NEVER_ASKED)


# "那不登记 以后还能来问政策吗", "没登记能问吗": asking needs no registration
_ASK_FREELY = re.compile(r"(?:不登记|没登记|不注册|没注册|不留信息|删了|删掉)\S{0,8}(?:能|可以|还能|还可以)\S{0,3}(?:问|咨询)"
                         r"|以后\S{0,2}(?:还能|还可以|能|可以)\S{0,2}(?:来)?(?:问|咨询)\S{0,4}[吗么不嘛]")
ASK_FREELY = "可以。不登记也能随时来问政策，直接打字问就行；登记了才能给您推送合适的岗位。"


# "在你们这登记找工作 低保会不会给取消掉": the documents say nothing of it; 民政 decides 低保
_DIBAO_LOST = re.compile(r"低保\S{0,12}(?:取消|停掉|停了|没了|不给|受影响|影响)|(?:取消|停掉|影响)\S{0,6}低保")
DIBAO_LOST = ("就业扶贫的两份文件里没有说登记找工作会取消低保。低保由民政部门按当地规定审核，上班以后收入变了怎么算，"
              "请问村委会或乡镇民政办。在这里登记找工作不收任何费用。")
# "听说这两天要下霜了 永安冷不冷 你那边呢": small talk about the weather, not a question about a posting
_WEATHER = re.compile(r"天气|下霜|打霜|下雪|下雨|降温|台风|气温|几度|冷空气|寒潮|回南天")
WEATHER = "天气我这里查不到，可以看手机上的天气预报。找活、问政策的事，您接着问我就行。"


def identity(text: str) -> str | None:
    """The reply to a question about who is answering or what the service asks of them; None for any other message."""
    t = text.lower()
    if _ASK_FREELY.search(t):
        return ASK_FREELY
    if _DIBAO_LOST.search(t) and re.search(r"登记|找工作|找活|上班|打工|干活|推送", t):
        return DIBAO_LOST
    if _WEATHER.search(t) and not re.search(r"冷库|车间|室内|室外|户外|岗位|活|厂|工地|上班|上工|做工|工资|补贴", t):
        return WEATHER
    if _WHOSE.search(t):
        return WHOSE
    if _WHO.search(t):
        return BOT
    return None
