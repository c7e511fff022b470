"""Fear of fraud, asked plainly: "要不要交钱 要我银行卡号吗", "收到短信了 是真的吗 不是骗子吧".

Rural followers are told to beware of job scams; a policy clause about bank cards is no answer. The reply
says what this service never asks for, and what to do when an employer asks for money.
"""

from __future__ import annotations

import re

# what scams ask for; 交钱/收费 only about this service (培训要交钱不 asks about the policy, and is answered so)
_MONEY = re.compile(r"银行卡|卡号|密码|押金|保证金|中介费|服装费|(你们|登记|推送|短信|这个|找工作)[^，,。]{0,6}(交钱|收费|收钱|要钱|花钱)")
# 是真的吗 about this service or its messages only ("听说培训免费 是真的吗" asks about the policy)
_SCAM = re.compile(r"骗子|骗人|诈骗|被骗|是不是假的|不会是骗|(短信|消息|你们|这个号|公众号|这个|这是)[^。]{0,8}(是真的吗|真的假的|靠谱吗|可靠吗|正规吗|可信吗)")
_ASKING = re.compile(r"吗|么|嘛|不|没|要不要|是不是|会不会|[?？]")

NEVER_ASKED = "就业帮扶服务找工作、登记、推送岗位都不收任何费用，也不会向您要银行卡号或密码。"
SAFE = ("放心：" + NEVER_ASKED + "招工的单位要您先交钱（押金、报名费、培训费、服装费），不要交，回复“人工”告诉我们。\n"
        "想确认消息真假，可以问当地村（社区）劳动保障协理员，或拨打12333。")


def concern(text: str) -> bool:
    """The message asks whether money or bank details are wanted, or whether this is a scam."""
    return bool((_MONEY.search(text) and _ASKING.search(text)) or _SCAM.search(text))
