"""删除个人信息: a person's own request (made in WeChat or in person) carried out by a coordinator.

The row stays, anonymous, so counts and the status history hold; what identifies or describes the
person is cleared, pushes stop and the WeChat follower is unlinked. A re-import of the county's
建档立卡 list may bring the official fields back: that list is the 扶贫 office's, not ours.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.models import HandoffTicket, WechatUser
from core.errors import InvalidInput
from matching.models import Labourer
from matching.service import set_status
from service.models import User

ERASED_NAME = "（已删除）"
ERASED_TEXT = "（本人要求删除个人信息，内容已清除）"


def erase_person(db: Session, *, user: User, person: Labourer, confirm: str) -> None:
    """Clear the person's data; ``confirm`` must repeat the name shown, so a slip cannot do it."""
    if person.name == ERASED_NAME:
        raise InvalidInput("already erased", message_zh="此人的个人信息已经删除过了")
    if confirm.strip() != person.name:
        raise InvalidInput("confirm", message_zh="请输入此人的姓名确认删除")
    set_status(db, person, "not_seeking", source="console",
               note=f"本人要求删除个人信息，{user.display_name or user.username}办理")
    person.name = ERASED_NAME
    if person.wechat_openid:  # what they told staff and the bot goes too; the tickets stay, for the counts
        db.execute(update(HandoffTicket).where(HandoffTicket.openid == person.wechat_openid)
                   .values(text=ERASED_TEXT, conversation=None))
    for field in ("phone", "id_number", "birth_date", "township", "village", "wechat_openid", "profile"):
        setattr(person, field, None)
    person.skills = person.wishes = ""
    person.facts = {}
    person.sms_consent = False
    person.pushes_opted_out = True
    db.execute(update(WechatUser).where(WechatUser.person_id == person.id)
               .values(person_id=None, draft=None, push_opt_out=True))
    db.flush()
