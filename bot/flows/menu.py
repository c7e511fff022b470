"""Welcome, menu and the short fixed replies. Short, plain, numbered: many users read poorly."""

from __future__ import annotations

MENU = (
    "请回复数字：\n"
    "1 问政策\n"
    "2 找工作\n"
    "3 登记/修改信息\n"
    "4 我的推荐\n"
    "5 找人工\n"
    "6 我能领什么补贴"
)
WELCOME = "您好，这里是就业帮扶助手（自动回复，找真人请回复“人工”）。\n" + MENU
ASK_HINT = "请直接打字问，比如：\n“参加培训有补贴吗？”\n“贫困家庭大学生毕业找工作有补贴吗？”"
VOICE_HINT = "没听清语音。请打字说，或回复“菜单”看功能。"
OTHER_HINT = "暂时只能看懂文字。请打字说，或回复“菜单”看功能。"
CANCELLED = "已取消。\n" + MENU
HANDOFF = "已转给工作人员，会尽快联系您（工作日 9:00-17:30）。"
HANDOFF_WITHDRAWN = "好的，已取消，不转人工了，工作人员不会为这件事联系您。您可以接着问；想找人时再回复“人工”。"
OPTED_OUT = "已退订，不再给您推送岗位。想恢复请回复“订阅”。"
OPTED_IN = "已恢复订阅，有合适的岗位会推送给您。退订请回复“TD”。"
YOU_ARE_WELCOME = "不客气！有事随时发消息，回复“菜单”看功能。"
NOT_UNDERSTOOD = "没看懂您的意思。可以直接打字说想找什么活、想问什么政策；回复“菜单”看功能，回复“人工”找工作人员。"
PREPARING = "这个功能正在准备中，过几天再试。\n回复 5 可以找工作人员。"

# menu buttons (``jiuye wechat menu``) send CLICK events with these keys
CLICK_KEYS = {"MENU_ASK": "1", "MENU_JOBS": "2", "MENU_REGISTER": "3", "MENU_MINE": "4", "MENU_HUMAN": "5",
              "MENU_BENEFITS": "6"}


def menu_definition() -> dict[str, object]:
    """The custom menu posted to WeChat (three top buttons at most, five sub-buttons each)."""
    return {
        "button": [
            {
                "name": "问政策",
                "sub_button": [
                    {"type": "click", "name": "问政策", "key": "MENU_ASK"},
                    {"type": "click", "name": "我能领什么补贴", "key": "MENU_BENEFITS"},
                ],
            },
            {
                "name": "找工作",
                "sub_button": [
                    {"type": "click", "name": "找工作", "key": "MENU_JOBS"},
                    {"type": "click", "name": "我的推荐", "key": "MENU_MINE"},
                    {"type": "click", "name": "登记/修改信息", "key": "MENU_REGISTER"},
                ],
            },
            {"type": "click", "name": "找人工", "key": "MENU_HUMAN"},
        ]
    }
SAY_MORE = "您好，请直接说您想办的事，比如“找工作”“培训有补贴吗”。回复“菜单”看能办什么，找真人回复“人工”。"
