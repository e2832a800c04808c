"""The roles a source line can have: the one place a label's meaning is defined.

A label is ROLE-B (the line starts an element of that role) or ROLE-I (it continues
one). A line holding several elements (a dateline, its byline and the first words of
the body) is labelled by the element its first character belongs to."""
from __future__ import annotations

ROLES: dict[str, str] = {
    "furniture": "page furniture: masthead lines, running heads, folios, editor lines, small print",
    "section": "a section banner or column name over several items (简讯, 要闻) and its subtitle",
    "kicker": "the line printed above a headline that gives its context (引题)",
    "head": "the main headline",
    "sub": "a subheadline under the headline (副题)",
    "dateline": "where and how the story came (本报讯, 新华社北京6月1日电)",
    "byline": "who wrote it (本报记者 张三, （记者 李四）)",
    "p": "body text: a paragraph",
    "item": "a numbered or bulleted list item",
    "jump": "a continuation marker ((上接A01版①), (下转第3版))",
    "closer": "the signature block of a notice or letter: signer lines and date",
    "source": "a brief's trailing source note ((杨春玲))",
    "caption": "a photo caption",
    "credit": "a photo credit (张三 摄, 资料图片)",
}

LABELS: tuple[str, ...] = tuple(f"{role}-{edge}" for role in ROLES for edge in "BI")
HEADING_ROLES = ("kicker", "head", "sub")  # the roles of a heading stack's lines, in their order


def label(role: str, starts: bool) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    return f"{role}-{'B' if starts else 'I'}"


def role_of(label: str) -> str:
    return label.rsplit("-", 1)[0]


def starts(label: str) -> bool:
    return label.endswith("-B")
