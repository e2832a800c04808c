"""Bylines: "（记者李新和）" after a dateline, "本报记者 张 蕊" on a line of its own,
"记者 X 通讯员 Y", "記者王小明／台北報導"."""
from __future__ import annotations


from ..lexicon.equivalents import in_reading_form
from ..lexicon import zh
from . import LazyPattern, Match, solid, solid_len
from ..source import per_line
from ..patterncache import compiled

_ROLE = zh.REPORTER_ROLE_PATTERN
_NAME = rf"[{zh.CJK}](?:\s?[{zh.CJK}·]){{1,3}}(?:·[{zh.CJK}]{{1,6}})?"  # 张蕊, 阿依古丽·买买提
_NAMES = rf"{_NAME}(?:\s*[、，, ]\s*{_NAME})*"
_REPORT = "|".join(zh.BYLINE_VERBS)
_MARK = f"[{zh.BYLINE_MARKS}]"
_AUTHOR = zh.alternation(zh.AUTHOR_LABELS)
_COMMENTATOR = zh.alternation(zh.COMMENTATORS)
_STAFF = zh.alternation(zh.STAFF_TITLES)
_PHOTO = zh.alternation(zh.CREDIT_WORDS)
# How a byline may end: "/台北報導", "北京报道", "报道：", "文/摄" (wrote and photographed), a
# place right after the name ("本報記者X香港報道").
_REPORTED = (rf"(?:\s*[/／]?\s*[{zh.CJK}]{{2,6}}?(?:{_REPORT})|\s*(?:{_REPORT})\s*[:：]?"
             rf"|\s*文\s*[/／]\s*(?:{_PHOTO}|图|圖))?")
BRACKETED_OPENING = rf"[〔【\[]\s*(?:{_ROLE})"  # "〔記者王小明／台北報導〕" opens an article's text

# A bracketed byline naming the place reported from needs no role word: "【林佳穎／台北報導】".
_BRACKETED_PLACE = rf"\s*[〔【\[]\s*{_NAMES}\s*[/／]\s*[{zh.CJK}]{{2,6}}(?:{_REPORT})\s*[〕】\]]"

# A byline standing alone: role words and names only. Each is tried only on
# lines that open as it does (the `opening`), and compiled on first need.
_STANDALONE = (
    LazyPattern(rf"^{_BRACKETED_PLACE}$", opening=r"[〔【\[]"),
    LazyPattern(rf"^{_MARK}?\s*(?:(?:{_ROLE})\s*[:：]?\s*{_NAMES}\s*)+{_REPORTED}$", opening=rf"{_MARK}?\s*(?:{_ROLE})"),
    # an author's label: "作者：汪晓燕"; a name with its role in brackets: "郝文静（本报特约评论员）"
    LazyPattern(rf"^{_MARK}?\s*(?:{_AUTHOR})\s*[:：]\s*{_NAMES}$", opening=rf"{_MARK}?\s*(?:{_AUTHOR})"),
    LazyPattern(rf"^{_MARK}?\s*{_NAMES}\s*[（(]\s*(?:(?:本报|本報)?(?:{_COMMENTATOR})|{_ROLE})\s*[）)]$",
                opening=rf"{_MARK}?\s*{_NAMES}\s*[（(]"),
    LazyPattern(rf"^[□■◎]?\s*(?:文|图|圖)(?:\s*[/／]\s*(?:文|图|圖))?(?:\s*[/／:：]\s*|\s+)(?:(?:{_ROLE})\s*)?{_NAMES}"
                rf"(?:\s+(?:图|圖)\s*[/／:：]\s*(?:(?:{_ROLE})\s*)?{_NAMES})?$",
                opening=r"[□■◎]?\s*(?:文|图|圖)(?:\s*[/／]\s*(?:文|图|圖))?(?:\s*[/／:：]|\s)"),
    LazyPattern(rf"^[〔【\[]\s*(?:{_ROLE})\s*{_NAMES}\s*(?:[/／]\s*[{zh.CJK}]{{2,6}}(?:{_REPORT}))?\s*[〕】\]]$",
                opening=BRACKETED_OPENING),
    LazyPattern(rf"^(?:{_COMMENTATOR})(?:\s*{_NAMES})?$", opening=rf"(?:{_COMMENTATOR})"),
    # a columnist's name and staff title: "葉曉晴 本報投資理財主編", "林東 特約撰稿人"
    LazyPattern(rf"^{_MARK}?\s*{_NAME}(?:\s*(?:本报|本報)|\s+)[{zh.CJK}]{{0,6}}?(?:{_STAFF})$",
                opening=rf"{_MARK}?\s*{_NAME}(?:\s*(?:本报|本報)|\s)"),
    LazyPattern(rf"^[□■◎]\s*[{zh.CJK}](?:\s?[{zh.CJK}]){{1,2}}$",  # "□ 邰 冰": a mark and a short name
                opening=r"[□■◎]"),
)
# "记者追踪", "记者手记" (column names), "记者看到", "记者从…" (running text):
# a role word followed by these is no byline.
_NOT_A_NAME = compiled(rf"(?:{_ROLE})\s*(?:(?:{'|'.join(zh.REPORTER_COLUMNS)})$|{'|'.join(zh.REPORTER_VERBS)})")
# The same alone on its line, perhaps bracketed or marked: a column named over its story.
_REPORTER_COLUMN = compiled(rf"^[（(【〔\[■□◎]?\s*(?:{_ROLE})\s*(?:{'|'.join(zh.REPORTER_COLUMNS)})\s*[）)】〕\]]?$")
_CREDIT_END = compiled(rf"(?<!文[/／])(?:{'|'.join(zh.CREDIT_WORDS)})$")
# Names with the word for reporting, no role word: "林佳慧 报道", "报道：郭慧玲 摄影：崔诺磊".
_BY_REPORT = compiled(rf"^{_MARK}?\s*(?:{_NAMES}\s*(?:{_REPORT})|(?:{_REPORT})\s*[:：]\s*{_NAMES})"
                      rf"(?:\s*(?:{_PHOTO})\s*[:：]\s*{_NAMES})?$")
_BY_REPORT_MAX = 40  # characters: longer lines are running text
# A parenthetical byline at the start of the text that follows a dateline.
_PAREN = compiled(r"^\s*[（(]\s*([^（）()]{1,30}?)\s*[）)]")
_PAREN_ROLE = compiled(rf"(?:{_ROLE})")


@per_line
@in_reading_form
def standalone_byline(loose: str) -> Match | None:
    text = loose.strip()
    if not (any(p.match(text) for p in _STANDALONE)  # most lines fail at the opening
            or (len(text) <= _BY_REPORT_MAX and _has_report_word(text) and _BY_REPORT.match(text))):
        return None
    if _CREDIT_END.search(text) or _NOT_A_NAME.search(text) or solid(text) in zh.COLUMN_NAMES:
        return None  # "图 片 新 闻" is a column, not 图 by 片新闻
    return Match(tidy_names(text), solid_len(text))


def _has_report_word(text: str) -> bool:
    return any(w in text for w in zh.REPORT_VERBS)


_PERSON = rf"(?:{zh.alternation(zh.COMPOUND_SURNAMES)}|[{zh.SURNAMES}])[{zh.CJK}]{{1,2}}"
_NAMES_ALONE = compiled(rf"^{_MARK}?\s*{_PERSON}(?:\s*[、，,\s]\s*{_PERSON}){{0,3}}$")


@per_line
@in_reading_form
def name_line(loose: str) -> bool:
    """Names alone on a line ("陈默然", "■庄丽娜、苏志强"): an author's byline under a title
    on a literary page, or a name in a list; the labeller weighs which."""
    text = loose.strip()
    return len(text) <= 20 and bool(_NAMES_ALONE.match(text))


_ROLE_ALONE = compiled(rf"^{_MARK}?\s*[（(]?\s*(?:{_ROLE})\s*[:：]?$")


@per_line
@in_reading_form
def role_alone(loose: str) -> bool:
    """A reporter's role and nothing else ("本报记者", "（记者"): a byline whose names a
    change of font put on the next line, perhaps after a blank one."""
    return bool(_ROLE_ALONE.match(loose.strip()))


@in_reading_form
def byline_after_dateline(loose: str) -> Match | None:
    """The parenthetical right after a dateline: any short one is the byline;
    elsewhere only one naming a reporter role."""
    m = _PAREN.match(loose)
    if m:
        return Match(tidy_names(m.group(0).strip()), solid_len(m.group(0)))
    head = _ROLE_AND_NAMES.match(loose)
    if head and _PAREN_ROLE.match(head.group(1)):
        return Match(tidy_names(head.group(1)), solid_len(head.group(1)))
    return standalone_byline(loose)  # the rest of the line is the byline


# "记者 X" before the text, with how it ends when it follows ("記者 X 報道", "记者 X 文/摄").
_ROLE_AND_NAMES = LazyPattern(rf"^\s*((?:{_ROLE})\s*{_NAMES}{_REPORTED})(?=\s)", opening=rf"\s*(?:{_ROLE})")


def tidy_names(text: str) -> str:
    """Typographic spaces inside a name go ("张 蕊" -> "张蕊", "李 新和" ->
    "李新和"); one space stays between a role word and a name, and between
    two names ("本报记者 张蕊 王五")."""
    out: list[str] = []
    joined = False  # is out[-1] already a name put together from pieces?
    for token in text.split():
        if out and not joined and not _is_role(out[-1]) and not _is_role(token) \
                and min(len(out[-1]), len(token)) == 1 and len(out[-1]) + len(token) <= 3:
            out[-1] += token
            joined = True
        else:
            out.append(token)
            joined = False
    return " ".join(out)


def _is_role(token: str) -> bool:
    """A role word or a byline mark ("□"): never part of a name."""
    return bool(_ROLE_TOKEN.fullmatch(token))


_ROLE_TOKEN = compiled(rf"{_MARK}|{_MARK}?(?:{_ROLE})")


# A byline opening an article's text: "〔記者范姜雅筑／嘉義報導〕嘉義縣…", "記者X／台北報導 …".
_OPENING = (
    LazyPattern(rf"\s*[〔【\[]\s*(?:{_ROLE})\s*{_NAMES}\s*(?:[/／]\s*[{zh.CJK}]{{2,6}}(?:{_REPORT}))?\s*[〕】\]]",
                opening=rf"\s*[〔【\[]\s*(?:{_ROLE})"),
    LazyPattern(rf"\s*(?:{_ROLE})\s*{_NAMES}\s*[/／]\s*[{zh.CJK}]{{2,6}}(?:{_REPORT})",
                opening=rf"\s*(?:{_ROLE})"),
    LazyPattern(rf"\s*(?:{_ROLE})\s*{_NAMES}\s*(?:{_REPORT})\s*[:：]", opening=rf"\s*(?:{_ROLE})"),  # "记者卢敏报道："
    LazyPattern(_BRACKETED_PLACE, opening=r"\s*[〔【\[]"),
)


@in_reading_form
def opening_byline(loose: str) -> Match | None:
    """A byline at the very start of an article's text (no dateline before it)."""
    for pattern in _OPENING:
        m = pattern.match(loose)
        if m:
            return Match(tidy_names(m.group(0).strip()), solid_len(m.group(0)))
    return None


@per_line
@in_reading_form
def reporter_column(loose: str) -> bool:
    """"（记者手记）", "【記者觀察】": a reporter's column named over its story, not a byline."""
    return _REPORTER_COLUMN.match(loose.strip()) is not None
