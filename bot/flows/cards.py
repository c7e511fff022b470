"""ID and bank-card numbers typed into chat ("身份证拍给你了 看不到 那我打字 苏金花 350424197003152048").

Registration never asks for them, but people send them. A valid resident ID number says the birth
date, the gender and the 户籍 county: those are read from it, the number itself is dropped before
anything else reads, stores or logs the message, and the reply says so. A bank-card number is dropped
the same way. Nothing of either number is ever repeated back.
"""

from __future__ import annotations

import re
from datetime import date

from core.gazetteer import get_gazetteer
from matching.importer import id_checksum_ok

_ID = re.compile(r"(?<![\dA-Za-z])\d{6}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![\dA-Za-z])")
# 16-19 digits, maybe in groups of four ("6217 0016 5000 3398 127"); an 11-digit phone is not one
_CARD = re.compile(r"(?<![\d])(?:62|4\d|5[1-5]|3[57]|9\d)\d{2}(?:[ -]?\d{4}){2}[ -]?\d{4}(?:[ -]?\d{1,3})?(?![\d])")


def _from_id(number: str, today: date) -> tuple[str, list[str]]:
    """The words the number stands for in the message, and what the reply says was read."""
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    gender = "男" if int(number[16]) % 2 else "女"
    county = get_gazetteer().get(number[:6])
    words = [f"{gender}的", f"{age}岁"] + ([f"{county.full_name}的"] if county else [])
    told = [gender, f"{age}岁"] + ([county.name] if county else [])
    return " ".join(words), told


def read_out(text: str, today: date) -> tuple[str, str]:
    """``text`` with ID and bank-card numbers taken out (an ID number as the facts it states), and a
    note for the reply ('' when there were none)."""
    if not text or not re.search(r"\d{15}|\d{4}[ -]\d{4}", text):
        return text, ""
    notes: list[str] = []

    def id_words(m: re.Match[str]) -> str:
        number = m.group(0).upper()
        try:
            words, told = _from_id(number, today) if id_checksum_ok(number) else ("", [])
        except ValueError:  # not a real birth date: nothing read from it, dropped all the same
            words, told = "", []
        notes.append("身份证号不用发给我们，号码没有保存" + ("；按号码记下了：" + "、".join(told) if told else "") + "。")
        return f" {words} "

    out = _ID.sub(id_words, text)
    if _CARD.search(out):
        out = _CARD.sub(" ", out)
        notes.append("银行卡号请不要发给任何人，我们也用不到，这条号码已经删掉没有保存。")
    return re.sub(r"[ ]{2,}", " ", out).strip(), "".join(notes)
