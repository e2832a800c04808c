"""Hand-built editions for the EPUB tests: together they use every element of the
model, labelled and unlabelled pages, sections, an article continued over three
pages, figures, and script conversion both ways."""
from __future__ import annotations

from converter.model import (Article, Closer, Continuation, Edition, Figure, Furniture, ListBlock, ListItem,
                             Metadata, Page, Paragraph, Section, Span, Text)


# When these editions were "converted": what dcterms:modified says, unless SOURCE_DATE_EPOCH is set.
CONVERTED = "2026-01-02T03:04:06Z"  # even: a zip time counts in 2 s steps


def t(text: str, line: int = 1) -> Text:
    return Text(text, Span.of(line))


def p(text: str) -> Paragraph:
    return Paragraph(t(text))


def rich(script: str = "keep") -> Edition:
    """Simplified source, three labelled pages; the lead story runs A01 -> A02 -> A03."""
    lead = Article(
        "a1", "news", kicker=t("民生实事看落实"), head=t("城市更新首批42个项目集中开工"),
        subheads=(t("总投资186亿元 涉及老旧小区、背街小巷和工业遗存改造"),),
        dateline=t("本报讯"), byline=t("（记者林晓 通讯员祁东升）"),
        body=(p("3月13日，我市城市更新三年行动首批42个项目在南门老街集中开工，总投资186亿元。"),
              ListBlock((ListItem("1.", t("老旧小区改造项目19个；")), ListItem("（二）", t("背街小巷整治项目12个。")))),
              Figure("a1-f1", t("工人在南门老街对沿街建筑进行立面修缮。"), t("本报记者 林晓 摄"))),
        continued_to=Continuation("to", t("（下转A02版）"), page="A02", target="a1-m"),
        part="I", next="a1-m")
    middle = Article(
        "a1-m", "continuation",
        continued_from=Continuation("from", t("（上接A01版）"), page="A01", target="a1"),
        body=(p("此次开工的项目涵盖老旧小区改造、背街小巷整治、工业遗存活化利用和地下管网更新四大类。"),),
        continued_to=Continuation("to", t("（下转A03版）"), page="A03", target="a1-f"),
        part="M", prev="a1", next="a1-f")
    final = Article(
        "a1-f", "continuation", head=t("城市更新首批42个项目集中开工"),
        continued_from=Continuation("from", t("（上接A02版）"), page="A02", target="a1-m"),
        body=(p("据悉，我市城市更新三年行动计划共谋划项目316个，总投资超过900亿元。"),),
        part="F", prev="a1-m")
    notice = Article(
        "a3", "notice", head=t("关于召开2025年度工作会议的通知"),
        body=(p("各区人民政府，市政府各部门：定于3月20日召开年度工作会议，请准时参加。"),),
        closer=Closer((t("滨江市人民政府办公室"),), t("2025年3月14日"), "2025-03-14"))
    brief_untitled = Article(
        "a2", "brief",
        body=(p("为深刻汲取近期消防安全事故教训，近日，焦作黄河河务局举办消防安全讲座暨逃生演练活动。"),),
        source_note=t("（杨春玲）"))
    brief = Article("a4", "brief", head=t("地铁3号线周末延长运营时间"),
                    body=(p("自3月15日起，地铁3号线每周五、周六末班车时间延长至23时30分。"),))
    briefs = Section("s1", t("简讯"), (t("身边事"),),
                     (brief_untitled, brief, Figure("s1-f1", t("市民在地铁站候车。"), t("许诺 摄"))))
    commentary = Article(
        "a6", "feature", kicker=t("滨江时评"), head=t("让城市更新更有温度"), byline=t("本报评论员"),
        continued_from=Continuation("from", t("（上接A09版）"), page="A09"),
        body=(p("老街巷里的一砖一瓦，承载着几代人的记忆。"),))
    resolution = Article(
        "a7", "resolution", head=t("滨江市人民代表大会关于城市更新的决议"),
        subheads=(t("（2025年3月10日滨江市第十六届人民代表大会第三次会议通过）"),),
        body=(p("会议同意市人民政府提出的城市更新三年行动计划。"),
              ListBlock((ListItem("一、", t("坚持规划引领")), ListItem("二、", t("坚持民生优先"))))),
        closer=Closer((t("滨江市人民代表大会"),), t("2025年3月")))
    pages = (
        Page("A01", (Furniture("header", t("滨江日报")), Furniture("folio", t("A01 要闻"))),
             (lead, Figure("f1", t("3月13日，南门老街开工现场。"), t("陈啸虎 摄")), notice)),
        Page("A02", (Furniture("folio", t("A02")),), (briefs, middle)),
        Page("A03", (), (final, commentary, resolution, Figure("f3", None, t("本报记者 陶然 摄"), kind="graphic"))),
    )
    meta = Metadata(title="滨江日报", date="2025-03-14", edition="第12345期", publisher="滨江日报社", script=script,
                    converted=CONVERTED)
    return Edition(meta, pages)


def traditional(script: str = "keep") -> Edition:
    """Traditional source, pages labelled as printed ("第一版")."""
    story = Article("t1", "news", head=t("港鐵東涌綫延線工程展開"), dateline=t("【本報訊】"),
                    body=(p("港鐵公司宣布，東涌綫延線工程今日正式展開，預計二〇二九年完成。"),))
    notice = Article("t2", "notice", head=t("停水通告"), body=(p("本區將於三月十八日暫停供水八小時。"),),
                     closer=Closer((t("水務署"),), t("二〇二五年三月十四日")))
    pages = (Page("第一版", (), (story,)), Page("第二版", (), (notice,)))
    return Edition(Metadata(converted=CONVERTED, title="香江日報", date="2025-03-14", language="zh-Hant",
                            script=script), pages)


def sectioned() -> Edition:
    """No page breaks at all: one unlabelled page, cut into documents at its sections."""
    lead = Article("x1", "news", body=(p("新华社北京2月6日电 记者从科技部获悉，国家科技伦理委员会人工智能伦理分委员会近日编制了指引。"),))
    pages = (Page(None, (), (
        lead,
        Section("x-s1", t("简讯"), (), (Article("x2", "brief", head=t("消防安全讲座"), body=(p("举办消防安全讲座。"),)),)),
        Section("x-s2", None, (t("清风廉润满怀川"),), (Article("x3", "brief", body=(p("廉政文化进社区。"),)),)),
        Figure("x-f1", t("活动现场。"), None),
    )),)
    return Edition(Metadata(converted=CONVERTED, title="焦作日报", identifier="urn:isbn:9780000000002"), pages)


def unlabelled() -> Edition:
    """Form-feed pages without labels, Traditional text converted to Simplified."""
    pages = tuple(Page(None, (), (Article(f"u{n}", "news", head=t(f"第{n}則新聞標題"), body=(p("這是內文。"),)),))
                  for n in (1, 2))
    return Edition(Metadata(converted=CONVERTED, title="澳門日報", date="2025-03", language="zh-Hant", script="hans"), pages)


# name -> (edition, vertical): every one must pass EPUBCheck and Ace cleanly.
EDITIONS = {
    "rich": (rich, False),
    "rich-hant-vertical": (lambda: rich("hant"), True),
    "traditional-vertical": (traditional, True),
    "sectioned": (sectioned, False),
    "unlabelled-hans": (unlabelled, False),
}
