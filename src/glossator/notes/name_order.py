"""Which part of an uninverted personal name is the family name.

A Western name puts it last ("Anthony Grafton"). Chinese, Korean and Vietnamese names,
and Japanese ones in much writing on Japan, put it first, and Chicago (8.14–8.16) keeps
that order: "Wang Gungwu" is Wang's book, found under W. Letters alone cannot tell
"Wang Gungwu" from "Anthony Grafton", so the rule asks for two pieces of evidence
together: the first word is one of the common romanised family names of those
languages, and every later word is built of romanised syllables (pinyin, Wade–Giles,
Cantonese, Hokkien, Revised Romanisation, McCune–Reischauer, Hepburn, Vietnamese),
which "Stanley" or "Child" are not, so "Kim Stanley Robinson" and "Lee Child" stay
Western. A name whose last word is also such a family name ("Jung Chang") is read the
Western way, as its book's title page prints it. Surname-initials order ("Мартенс Ф.
Ф.", "Martens F. F.") also puts the family first.
"""

from __future__ import annotations

import re
import unicodedata


def word_set(text: str) -> frozenset[str]:
    """A frozenset from a space-separated word list (long lists read better as prose)."""
    return frozenset(text.split())


# The commonest family names, romanised as publications in English print them.
_CHINESE = word_set(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang
    yu du ye cheng wei su lu ding ren shen yao jin fu zhong cui tan qiu jia xue yan hou lei
    long duan hao kong shao shi mao wan gu lai wen qian kang qin niu fan bai xiong meng qi
    yin tao xiang ouyang sima zhuge fei pang xi chang chou hsu kuo teng tsai tseng yeh wong
    lee chan cheung lau leung ng ho lam tse chow tan lim goh ong koh teo chiang kung chu
    chao hsieh hsiao sung tung tsao soong lo kwok fong mak yip tsang chin hsueh"""
)
_KOREAN = word_set(
    """kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang lim im han
    oh seo shin sin kwon hwang ahn song ryu yoo hong jeon chun ko moon mun yang son bae
    baek paik roh noh heo nam shim"""
)
_VIETNAMESE = word_set("nguyen tran pham hoang huynh phan vu vo dang bui ngo duong")
# Japanese names appear in both orders in English; a given name is rarely one of these.
_JAPANESE = word_set(
    """sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida
    yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda
    hashimoto yamashita ishikawa nakajima maeda fujita ogawa goto okada hasegawa murakami
    kondo ishii saito sakamoto endo aoki fujii nishimura fukuda ota miura fujiwara okamoto
    matsuda nakagawa nakano harada ono tamura takeuchi kaneko wada nakayama ishida ueda
    morita shibata sakai kudo yokoyama miyazaki miyamoto uchida takagi ando taniguchi
    maruyama imai takada fujimoto takeda murata ueno sugiyama masuda hirano otsuka chiba
    kubo matsui iwasaki sakurai kinoshita noguchi matsuo kikuchi nomura arai"""
)
FAMILY_FIRST = _CHINESE | _KOREAN | _VIETNAMESE | _JAPANESE

_SYLLABLE = (
    r"(?:chh|ch|sh|zh|ts|tz|hs|ng|kw|gw|ph|th|kh|tr|nh|[bpmfdtnlgkhjqxrzcsywv])?'?"
    r"(?:[aeiou]{1,3})(?:ng|nh|ch|[nmrlhptkw])?"
)
_ROMANISED = re.compile(rf"(?:{_SYLLABLE}){{1,4}}")
_INITIAL = re.compile(r"(?:[^\W\d_]\.-?)+")


def _plain(word: str) -> str:
    """Lower case without diacritics ("Nguyễn" → "nguyen", "Hsü" → "hsu")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def _romanised(word: str) -> bool:
    parts = _plain(word).replace("’", "'").split("-")
    return all(_ROMANISED.fullmatch(p) for p in parts)


def family_first(tokens: list[str]) -> bool:
    """True when the first of an uninverted name's words is its family name."""
    if len(tokens) < 2:
        return False
    rest = tokens[1:]
    if not _INITIAL.fullmatch(tokens[0]) and all(_INITIAL.fullmatch(t) for t in rest):
        return True  # "Мартенс Ф. Ф.": surname, then initials
    if len(rest) > 2 or _plain(tokens[0]) not in FAMILY_FIRST:
        return False
    if not all(t[:1].isupper() and _romanised(t) for t in rest):
        return False
    last = _plain(rest[-1])
    return len(rest) == 2 or "-" in rest[-1] or last not in FAMILY_FIRST
