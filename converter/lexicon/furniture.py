"""Page furniture as Chinese newspapers print it: page labels (folios) and the words of
a masthead. Patterns are fragments without groups, for the recognisers to embed."""
from __future__ import annotations

from .numerals import DIGITS, NUMERAL
from .zh import alternation

# Page labels: "A03", "B 12", "p08" (letters and digits); "第2版", "第十五版", "第5頁"; "02".
LETTERED_PAGE = rf"[A-Za-zＡ-Ｚ]{{1,2}}\s*{DIGITS}(?:\s*{DIGITS}){{0,2}}"
# Papers number pages 第N版 (Macau's also 第N頁); "第 N 页" numbers the sheets of a printout
# or PDF export, whose stories come from many pages: no page label.
PAGE_WORDS = ("版", "頁")
NUMBERED_PAGE = rf"第\s*{NUMERAL}\s*[{''.join(PAGE_WORDS)}]"
BARE_PAGE = rf"{DIGITS}{{1,2}}"
# The sheet number of such a printout: "第1页", "第 2 頁 共 4 頁", "- 3 -", "Page 2 of 4".
SHEET_NUMBER = (rf"第\s*{DIGITS}+\s*[页頁](?:\s*[，,/／]?\s*共\s*{DIGITS}+\s*[页頁])?"
                rf"|[-－—]\s*{DIGITS}+\s*[-－—]|[Pp]age\s+{DIGITS}+(?:\s+of\s+{DIGITS}+)?")
FOLIO = rf"(?:{LETTERED_PAGE}|{NUMBERED_PAGE}|{BARE_PAGE})"

# The masthead: the paper's name, who publishes it, its numbers and its price.
TITLE_ENDINGS = ("日报", "日報", "晚报", "晚報", "时报", "時報", "早报", "早報", "商报", "商報", "晨报", "晨報",
                 "报", "報", "文摘")  # "报刊文摘", "作家文摘": digest papers
ORGAN_ENDINGS = ("机关报", "機關報")  # "中共某市委机关报": under the title, never the title
PUBLISHER_CUES = ("编辑出版", "編輯出版", "主办", "主辦", "出版")  # "某某日报社出版", "主办：某某"
PUBLISHER_UNITS = ("单位", "單位")  # "主办单位：某某"
PAPER_OFFICE = "社"  # "某某日报社出版": the paper's own office publishes it
SCHEDULE_WORDS = ("每周", "每週", "每日", "每月", "逢")  # "每周二、四出版" says when, not who
SERIAL_CUES = ("国内统一连续出版物号", "國內統一連續出版物號")
POSTAL_CUES = ("邮发代号", "郵發代號")
PRICE_CUES = ("零售价", "零售價", "零售", "每份", "定价", "定價", "售价", "售價")
# The imprint: who publishes and prints the paper, under which permits, and how to reach
# its desks. Latin forms as papers abroad print them (permit numbers, postal statements).
IMPRINT_CUES = ("Published by", "published daily by", "published by", "Printed by", "printed by",
                "MCI (P)", "MCI(P)", "KDN PP", "PPS ", "postage paid", "POSTMASTER", "rights reserved",
                "社址", "承印", "广告经营许可证", "廣告經營許可證", "准印证", "准印證", "内部资料性", "內部資料性",
                "内部资料免费", "內部資料免費")
DESKS = ("新闻", "新聞", "读者", "讀者", "广告", "廣告", "刊登", "发行", "發行", "订阅", "訂閱", "报料", "報料")
HOTLINES = ("热线", "熱線", "专线", "專線")  # "新闻热线：96xxx", "公告刊登專線：（852）…"
# The fields of a furniture line an extractor may scatter over the page ("责任编辑：某" … "美编：某"):
# a piece goes back to the line of its own field (see rules.masthead.furniture_fields).
STAFF_ROLES = ("责任编辑", "責任編輯", "责编", "責編", "主编", "主編", "美编", "美編", "美术", "美術", "校对", "校對",
               "编辑", "編輯", "版式", "组版", "組版", "设计", "設計", "摄影", "攝影")
CONTACT_CUES = ("电话", "電話", "地址", "社址", "传真", "傳真", "邮编", "郵編", "承印", "印刷") + HOTLINES
ISSUE = r"(?:总|總)?第\s*[\d,，]+\s*[期号號]"
PAGE_COUNT = r"(?:今日|本期)(?:出刊)?\s*\d+\s*[版页頁]"  # "今日8版": pages in the issue
CN = r"CN\s*\d{2}\s*[-－]\s*\d{4}(?:/[A-Z]+)?"
ISSN = r"ISSN\s*\d{4}\s*[-－]\s*\d{3}[\dXx]"
SEPARATORS = "|｜·•●/／"  # between the items of a masthead or running-head line

SERIAL_PATTERN = alternation(SERIAL_CUES)
POSTAL_PATTERN = alternation(POSTAL_CUES)
