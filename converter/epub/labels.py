"""Words the EPUB adds around the edition's own text (headings of the navigation,
page names, the accessibility summary), in Simplified and Traditional Chinese.

The edition's text is converted by OpenCC; these strings are written per script
instead, so "目录" never depends on a converter's phrase table."""
from __future__ import annotations

import re

LABELS: dict[str, dict[str, str]] = {
    "Hans": {
        "toc": "目录",
        "landmarks": "导览",
        "page_list": "版面页码",
        "cover": "封面",
        "title_page": "扉页",
        "body": "正文",
        "pages": "本期版面",
        "parts": "本期内容",
        "page": "{label}版",
        "page_n": "第{n}版",
        "untitled": "（无标题）",
        "section": "栏目",
        "figure": "图片说明：",
        "continued": "（续）",
        "printed_on": "（以下原载{page}）",
        "date": "{y}年{m}月{d}日",
        "month": "{y}年{m}月",
        "year": "{y}年",
        "summary_book": "本书为《{title}》的文字版，收录{articles}篇文章，按原版阅读顺序排列，设有目录和结构化标题。",
        "summary_pages": "版面页码列表对应印刷版的{count}个版面（{first}至{last}）。",
        "summary_joined": "跨版连续的文章合为一篇，位于其首个部分所在的版面。",
        "summary_figures": "原版图片未收录，保留图片说明与署名。",
    },
    "Hant": {
        "toc": "目錄",
        "landmarks": "導覽",
        "page_list": "版面頁碼",
        "cover": "封面",
        "title_page": "扉頁",
        "body": "正文",
        "pages": "本期版面",
        "parts": "本期內容",
        "page": "{label}版",
        "page_n": "第{n}版",
        "untitled": "（無標題）",
        "section": "欄目",
        "figure": "圖片說明：",
        "continued": "（續）",
        "printed_on": "（以下原載{page}）",
        "date": "{y}年{m}月{d}日",
        "month": "{y}年{m}月",
        "year": "{y}年",
        "summary_book": "本書為《{title}》的文字版，收錄{articles}篇文章，按原版閱讀順序排列，設有目錄和結構化標題。",
        "summary_pages": "版面頁碼列表對應印刷版的{count}個版面（{first}至{last}）。",
        "summary_joined": "跨版連續的文章合為一篇，位於其首個部分所在的版面。",
        "summary_figures": "原版圖片未收錄，保留圖片說明與署名。",
    },
}

_ISO_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
_PRECISION = ("year", "month", "date")  # by the number of parts given


def labels_for(language: str) -> dict[str, str]:
    return LABELS["Hant" if language.startswith("zh-Hant") else "Hans"]


def page_name(labels: dict[str, str], label: str | None, number: int) -> str:
    """"A01" -> "A01版"; a label already naming the page ("第二版") stays as printed."""
    if label is None:
        return labels["page_n"].format(n=number)
    return label if label.endswith(("版", "面")) else labels["page"].format(label=label)


def date_text(labels: dict[str, str], iso: str) -> str:
    """"2025-03-14" -> "2025年3月14日", "2025-03" -> "2025年3月"; other forms stay as given."""
    match = _ISO_DATE.fullmatch(iso)
    if not match:
        return iso
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    return labels[_PRECISION[len(parts) - 1]].format(**parts)
