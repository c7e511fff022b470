"""Certificates and driving licences named in free text, with the licence classes' implications."""

from __future__ import annotations

import re
from functools import lru_cache

from matching.kinds import get_families
from matching.sounds import char_sound, fold_sound, sound_alikes, sound_table

# code → (name shown to people, patterns)
CERTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "electrician": ("电工证", (r"电工(特种)?(作业|操作|上岗|资格|进网|许可)*证",)),
    "welder": ("焊工证", (r"(电|气)?焊(工|接)?(特种)?(作业|操作|上岗|资格)*证", r"熔化焊接|焊接与热切割")),
    # N1 is the 叉车司机 item of the 特种设备作业人员证 (TSG Z6001)
    "forklift": ("叉车证", (r"叉车(操作|驾驶|司机|上岗|作业)*证", r"场内(专用)?机动车辆?(作业|操作|驾驶)?证",
                           r"(?<![A-Za-z])[Nn]1(?![0-9])[^，,。；;]{0,3}叉车|叉车[^，,。；;]{0,8}(?<![A-Za-z])[Nn]1(?![0-9])",
                           r"特种设备作业人员证[^，,。；;]{0,3}(?<![A-Za-z])[Nn]1(?![0-9])")),
    "excavator": ("挖掘机操作证", (r"(挖掘机|挖机|钩机|勾机)(操作|驾驶|上岗)?证",)),
    "loader": ("装载机操作证", (r"(装载机|铲车)(操作|驾驶|上岗|作业)?证",)),
    "chef": ("厨师证", (r"厨师(资格|上岗|等级)?证", r"(中式|西式)?(烹调|面点)师[^，,。；;]{0,3}([一二三四五1-5]级|证)")),
    "maternity": ("母婴护理证", (r"母婴护理(师|员)?证", r"月嫂证")),
    "infant": ("育婴师证", (r"育婴(师|员)证",)),
    "nursery": ("保育员证", (r"保育员?证",)),
    "carer": ("养老护理员证", (r"(养老)?护理员证", r"护工证")),
    "health": ("健康证", (r"健康证",)),
    "security": ("保安员证", (r"保安(员)?(上岗)?证",)),
    "height": ("高处作业证", (r"(登高|高处作业|高空作业)证", r"登高架设")),
}

LICENCES = ("A1", "A2", "A3", "B1", "B2", "C1", "C2")
# 准驾车型 (GA/T, 机动车驾驶证申领和使用规定): a higher class may drive the lower ones.
LICENCE_IMPLIES: dict[str, tuple[str, ...]] = {
    "A1": ("A3", "B1", "B2", "C1", "C2"),
    "A2": ("B1", "B2", "C1", "C2"),
    "A3": ("C1", "C2"),
    "B1": ("C1", "C2"),
    "B2": ("C1", "C2"),
    "C1": ("C2",),
    "C2": (),
}
ALL_CODES: tuple[str, ...] = tuple(CERTS) + LICENCES

_LICENCE = re.compile(r"(?<![A-Za-z0-9])([ABC][123])(?![0-9])")
# a licence class as people type it, either case ("A2本", "c1驾照"): for chat text read before normalising
CLASS_SAID = re.compile(r"(?<![A-Za-z0-9])[ABCabc][123](?![0-9])")
_LETTER_LICENCE = re.compile(r"(?<![A-Z0-9])([ABC])(照|本|牌)")  # "B照" as people say it
_LETTER = {"A": "A2", "B": "B2", "C": "C1"}
_ANY_LICENCE = re.compile(r"驾照|驾驶证|驾驶执照|驾证")
_COMPILED = {code: re.compile("|".join(pats)) for code, (_, pats) in CERTS.items()}
# Names written with a sound-alike character (汗工证, 焊工正): matched by sound, see matching.sounds.
_SPOKEN = {"电工证": "electrician", "焊工证": "welder", "电焊证": "welder", "叉车证": "forklift", "挖机证": "excavator",
           "厨师证": "chef", "月嫂证": "maternity", "育婴证": "infant", "保育证": "nursery", "护工证": "carer",
           "健康证": "health", "保安证": "security"}


@lru_cache(maxsize=1)
def _spoken_sounds() -> dict[str, list[str]]:
    return sound_table(_SPOKEN)


def cert_name(code: str) -> str:
    """Name for people: 叉车证, B2驾照 …"""
    return CERTS[code][0] if code in CERTS else f"{code}驾照"


@lru_cache(maxsize=1)
def _cue() -> re.Pattern[str]:
    """What every licence mention holds: 证 or a character sounding like it (汗工正), 照/本/牌 after a
    class letter, a class code, 驾, or the long names. Text without any is read in one regex search."""
    import unicodedata

    from pypinyin import pinyin_dict

    def toneless(py: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", py) if unicodedata.category(c) != "Mn")

    zheng = {char_sound(w[-1]) for w in _SPOKEN}
    heads = {z[0] for z in zheng}  # a syllable's first letter never carries a tone mark: a cheap first test
    like = sorted(chr(cp) for cp, pys in pinyin_dict.pinyin_dict.items()
                  if any(p[0] in heads and fold_sound(toneless(p)) in zheng for p in pys.split(",")))
    return re.compile("[" + "".join(like) + r"驾照本牌]|[ABCabc][123]|焊接|场内|熔化|烹调师|面点师|登高架设")


# The grade between a trade and its certificate: "养老护理员 五级（初级工）职业技能等级证书",
# "美发师四级/中级工职业资格证书" name the 养老护理员证 and the 美发师证.
_LEVEL = r"(?:[一二三四五六1-6]级(?:工)?|初级工?|中级工?|高级工?)"
_GRADE = re.compile(
    rf"[,，、\s]*(?:{_LEVEL}[/／]?)?(?:[（(](?:{_LEVEL}|(?:高级|预备)?技师)[）)][/／]?)?(?:{_LEVEL})?"
    r"(?:(?:国家)?职业(?:技能)?(?:资格|等级)|技能等级|等级)(?=证)"
    rf"|[,，、\s]*{_LEVEL}(?:[（(](?:{_LEVEL}|(?:高级|预备)?技师)[）)])?(?=证)"
)


def plain_grades(text: str) -> str:
    """The certificates of ``text`` with their grades left out (美发师五级证书 → 美发师证书)."""
    return _GRADE.sub("", text) if "级" in text or "资格" in text else text


def find_certs(text: str) -> list[str]:
    """Certificate codes named in ``text`` (normalised), in order; a bare 驾照 counts as C1."""
    found: list[str] = []
    text = plain_grades(text)
    if not _cue().search(text):
        return found
    for code, rx in _COMPILED.items():
        if rx.search(text):
            found.append(code)
    for word, *_ in sound_alikes(text, _spoken_sounds(), (3,)):
        if _SPOKEN[word] not in found:
            found.append(_SPOKEN[word])
    up = text.upper()
    classes = [m.group(1) for m in _LICENCE.finditer(up)]
    classes += [_LETTER[m.group(1)] for m in _LETTER_LICENCE.finditer(up)]
    found.extend(c for c in classes if c not in found)
    if not classes and _ANY_LICENCE.search(text):
        found.append("C1")
    return found


def with_implied(codes: list[str] | set[str]) -> set[str]:
    """Held certificates plus the licence classes they imply (A2 → B2, C1 …)."""
    out = set(codes)
    for c in list(out):
        out.update(LICENCE_IMPLIES.get(c, ()))
    return out


def lowest_licence(codes: list[str]) -> list[str]:
    """'A2/B2驾照' asks for either: keep the class every other listed class implies (B2)."""
    classes = [c for c in codes if c in LICENCE_IMPLIES]
    if len(classes) < 2:
        return codes
    for c in classes:
        if all(c == o or c in LICENCE_IMPLIES[o] for o in classes):
            return [x for x in codes if x not in classes or x == c]
    return codes


# "会开叉车，但是没有证" / "没驾照" / "证还没考" / "电工证快考出来了" / "叉车证，过期了": not held.
_NO_CERT = re.compile(
    r"(没有|没|无|未|还没考|没考|没去考|不会考)[^，,。；;]{0,6}?(证|照)|证(还)?(没|没有)(考|拿)|"
    r"[^，,。；;]{0,8}证(快|马上|正在|还在|准备|打算|就要|快要|还没|没)(要)?(考|拿|下来|出来|办)|"
    r"(正在|还在|准备|打算|想|快|要去|在)(考|学|办)[^，,。；;]{0,8}证|"
    r"[^，,。；;]{0,8}证[，,]?(已经|早就|早|都|也|但)?(过期|到期|失效|作废|被?吊销|被扣|没年审|没有年审)"
)


# 有证 / 证考了 / 考到证了 / 证拿到了: a licence held, of the trade named in this clause or the one before.
HAS_CERT = re.compile(
    r"有证|持证|证齐|证件齐|有操作证|有资格证|有上岗证|证都有|证(?:也|都)?有(?:的|了)?(?![没无])|证(已经|也|早就)?(考|拿|办)(了|到|下来|出来|好)|"
    r"(考|拿|办)(了|到|好|下|出)(了)?[^，,。；;没]{0,4}(证|照)"
)


def held_certs(text: str, clauses_families: list[dict[str, str]], clauses: list[str]) -> list[str]:
    """Licences a person holds: named in the text (not denied), or 有证 beside a trade with a licence."""
    held = find_certs(_NO_CERT.sub("，", text))
    fam = get_families()
    for i, clause in enumerate(clauses):
        if _NO_CERT.search(clause):
            continue
        if HAS_CERT.search(clause):
            # "开挖掘机八年，有证": the licence of the trade named here or just before
            for fams in (clauses_families[i], clauses_families[i - 1] if i else {}):
                certs = [fam.by_id[f].cert for f in fams if fam.by_id[f].cert]
                if certs:
                    held.extend(c for c in certs if c and c not in held)
                    break
    return sorted(with_implied(held))
