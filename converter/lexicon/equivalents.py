"""Characters an extractor may give for the ones printed, and the reading form that
reads each as the character it stands for (one character for one).

- CJK radicals and strokes: some PDFs map a glyph to a radical's code point rather than
  the ideograph's ("⼈⺠⽇报" for 人民日报): the page prints 日, the extracted text holds
  U+2F47 KANGXI RADICAL SUN. The table is Unicode's Equivalent_Unified_Ideograph property
  (UCD 15.0, EquivalentUnifiedIdeograph.txt, as Debian's unicode-data package installs
  it), written out as pairs: each radical or stroke, then its ideograph.
- CJK compatibility ideographs (U+F900…, U+2F800…) are the unified ideographs of their
  canonical decompositions; vertical presentation forms of punctuation (U+FE10…,
  U+FE30…: "︒" for 。, "﹁" for 「, from a page set vertically) are the forms their
  decompositions name, full-width where that is an ASCII sign ("︵" is "（"); the Chinese
  dash and middle dot as other code pages give them ("―" is "—", "‧" is "·").

The structure stage reads text in `reading_form` (every recogniser, `in_reading_form`;
the labeller's features; the words headlines and bodies share); the text itself keeps
what was extracted, and the writers give both (TEI <choice><orig/><reg/>, see script.py)."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from ..patterncache import compiled
from ..source import per_line

P = ParamSpec("P")
R = TypeVar("R")

_KANGXI = (  # Kangxi Radicals (U+2F00..U+2FD5)
    "⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十"
    "⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工"
    "⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾戶⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日"
    "⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉"
    "⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸"
    "⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行"
    "⾐衣⾑襾⾒見⾓角⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長"
    "⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾻骨⾼高⾽髟⾾鬥⾿鬯"
    "⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿔龜⿕龠"
)
_SUPPLEMENT = (  # CJK Radicals Supplement (U+2E80..U+2EF3)
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌"
    "⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓"
    "⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝"
    "⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_STROKES = (  # CJK Strokes (U+31C0..U+31E3)
    "㇆𠃌㇏乀㇐一㇑丨㇒丿㇓丿㇔丶㇕𠃍㇖乛㇗𠃊㇘𠃎㇙𠄌㇚亅㇛𡿨㇜𠃋㇝乀㇞𠃑㇟乚㇠乙㇡𠄎"
)

EQUIVALENT_IDEOGRAPHS: dict[str, str] = {
    pairs[i]: pairs[i + 1] for pairs in (_KANGXI, _SUPPLEMENT, _STROKES) for i in range(0, len(pairs), 2)}
_COMPATIBILITY_BLOCKS = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_VERTICAL_BLOCKS = ((0xFE10, 0xFE19), (0xFE30, 0xFE4F))


def _decomposed(blocks: tuple[tuple[int, int], ...], tag: str) -> dict[str, str]:
    """Each character of `blocks` whose decomposition (tagged `tag`, "" for canonical) is
    one character: that character, an ASCII sign as its full-width form."""
    found = {}
    for first, last in blocks:
        for code in range(first, last + 1):
            *tags, target = unicodedata.decomposition(chr(code)).split() or ("", "")
            if tags == ([tag] if tag else []) and target:
                value = int(target, 16)
                found[chr(code)] = chr(value + 0xFEE0 if 0x21 <= value <= 0x7E else value)
    return found


# The Chinese dash and middle dot as other code pages map them: CP936 gives U+2015 for the
# dash GB 18030 gives as U+2014 ("——"), Big5 U+2027 for the dot in a transcribed name
# ("阿依古丽·买买提"); Japanese fonts' U+30FB is the same dot.
ENCODING_VARIANTS = {"\u2015": "\u2014", "\u2027": "\u00b7", "\u30fb": "\u00b7"}
EQUIVALENTS: dict[str, str] = EQUIVALENT_IDEOGRAPHS | _decomposed(_COMPATIBILITY_BLOCKS, "") \
    | _decomposed(_VERTICAL_BLOCKS, "<vertical>") | ENCODING_VARIANTS
_READING = str.maketrans(EQUIVALENTS)
# the blocks they come from: most text has none of them
_BLOCKS = compiled("[\u2015\u2027\u30fb\u2e80-\u2fdf\u31c0-\u31ef\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe4f"
                   "\U0002f800-\U0002fa1f]")


@per_line  # the same texts are read by one recogniser after another
def reading_form(text: str) -> str:
    """`text` with every character of `EQUIVALENTS` read as the one it stands for, one
    character for one: positions and lengths stay."""
    return text.translate(_READING) if _BLOCKS.search(text) else text


def in_reading_form(recogniser: Callable[Concatenate[str, P], R]) -> Callable[Concatenate[str, P], R]:
    """A recogniser that reads its text (the first argument) in `reading_form`: every
    recogniser does, so a page extracted with radicals reads as one with ideographs.
    (Inside a line cache: a line asked again is not read again.)"""
    @wraps(recogniser)
    def read(text: str, *args: P.args, **kwargs: P.kwargs) -> R:
        return recogniser(reading_form(text), *args, **kwargs)
    _AS_GIVEN[read] = recogniser
    return read


_AS_GIVEN: dict[Callable, Callable] = {}


def as_given(recogniser: Callable[Concatenate[str, P], R]) -> Callable[Concatenate[str, P], R]:
    """The recogniser without its reading: for a caller whose text is in reading form
    already (the labeller's features ask every recogniser of every line)."""
    return _AS_GIVEN.get(recogniser, recogniser)
