"""Words of the documents and postings asked about ("托底安置 是啥意思", "计件是啥", "啥叫两班倒"): said plainly.

Only words the documents use without defining them (托底安置) and a posting's words (计件, 两班倒):
a policy's own name (公益性岗位, 代缴, 就业见习) is answered from the documents, with their citation, so that
"说简单点" after it has an answer to shorten.
"""

from __future__ import annotations

import re

from bot.flows.posting_asks import PLAIN_WORDS

MEANINGS: dict[str, str] = {
    "托底安置": "通过市场实在找不到工作的贫困劳动力，由当地政府开发公益性岗位来安排就业，保证有活干、有收入"
               "（闽人社文〔2018〕258号 二（一））。",
    "五险一金": "养老、医疗、失业、工伤、生育五种社会保险，加上住房公积金。",
    **{word: plain + "。" for word, plain in PLAIN_WORDS.items()},
}
_TERMS = "|".join(sorted(map(re.escape, MEANINGS), key=len, reverse=True))
_ASKED = re.compile(rf"({_TERMS})\s?\S{{0,3}}?(?:是啥|是什么|啥意思|什么意思|是指|指的是|指啥|又是啥|是个啥)"
                    rf"|(?:啥叫|什么叫|什么是|咋叫)({_TERMS})")


def explain(text: str) -> str | None:
    """The plain meaning of each word the message asks about; None when it asks the meaning of none."""
    terms = list(dict.fromkeys(m.group(1) or m.group(2) for m in _ASKED.finditer(text or "")))
    if not terms:
        return None
    return "\n".join(f"{t}：{MEANINGS[t]}" for t in terms[:3])
