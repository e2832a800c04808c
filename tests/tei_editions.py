"""Hand-built editions for the TEI tests, covering every element of the model.

`SOURCE` is a small seed-style source text (two pages); `rich_edition()` is the model
a careful reader makes of it, each Text built from (line, piece) pairs, so spans
and line breaks are consistent with the source (the diplomatic tests rely on that)."""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from converter.model import (Article, Closer, Continuation, Edition, FieldSource, Figure, Furniture, ListBlock, ListItem,
                             Metadata, Page, Paragraph, Section, Span, Text)

SOURCE = """\
焦作日报
2024年2月7日 星期三 第12345期
简讯
●为深刻汲取近期消防安

全事故教训，近日举办消防
安全讲座。（杨春玲）

新华社北京2
月6日电（记者胡
喆） 记者从科技
部获悉，国家科
技伦理委员会编制了指引。（下转A02版）
 清 风 廉 润 满 怀 川
——我市深入推进清廉焦作建设之清廉学校篇
本报讯（记者李新和）新春
佳节即将到来，温县祥云镇
村小学重新描绘上色。
温县祥云镇村小学
以“清”育美德 用“廉”润心田
1月5日，武陟县仰韶小学组织党员参观。陈啸
虎 摄
A01
焦作日报
A02
（上接A01版①） 李亦博要求，
各级各部门要抓好落实。
市十四届人大二次会议
关于2024年民生实事的决议
（2024年2月6日焦作市第十四届人民代表大会第二次会议通过）
会议决定2024年办好以下民生实事：
1.完善中小学校基础设施
2.提升居家和社区基本养
老服务能力
焦作市第十四届人民代表大会第二次会议主席团
2024年2月6日
祥正宣 摄
""".splitlines()


def T(*pieces: tuple[int, str]) -> Text:
    """Text from consecutive (source line, text on that line) pieces."""
    text = "".join(piece for _, piece in pieces)
    ends = [sum(len(p) for _, p in pieces[:i + 1]) for i in range(len(pieces) - 1)]
    return Text(text, Span.from_lines([line for line, _ in pieces]), tuple(ends))


def rich_edition(script: str = "keep", language: str = "zh-Hans") -> Edition:
    brief = Article("p1-a1", "brief",
                    body=(Paragraph(T((4, "●为深刻汲取近期消防安"), (6, "全事故教训，近日举办消防"), (7, "安全讲座。"))),),
                    source_note=T((7, "（杨春玲）")))
    jump = Article("p1-a2", "news", dateline=T((9, "新华社北京2"), (10, "月6日电")),
                   byline=T((10, "（记者胡"), (11, "喆）")),
                   body=(Paragraph(T((11, "记者从科技"), (12, "部获悉，国家科"), (13, "技伦理委员会编制了指引。"))),),
                   continued_to=Continuation("to", T((13, "（下转A02版）")), "A02", None, "p2-a1"),
                   part="I", next="p2-a1")
    school = Article("p1-a3", "feature", kicker=T((19, "温县祥云镇村小学")), head=T((20, "以“清”育美德 用“廉”润心田")),
                     dateline=T((16, "本报讯")), byline=T((16, "（记者李新和）")),
                     body=(Paragraph(T((16, "新春"), (17, "佳节即将到来，温县祥云镇"), (18, "村小学重新描绘上色。"))),
                           Figure("p1-f1", T((21, "1月5日，武陟县仰韶小学组织党员参观。")), T((21, "陈啸"), (22, "虎 摄")))))
    continued = Article("p2-a1", "continuation",
                        continued_from=Continuation("from", T((26, "（上接A01版①）")), "A01", "①", "p1-a2"),
                        body=(Paragraph(T((26, "李亦博要求，"), (27, "各级各部门要抓好落实。"))),), part="F", prev="p1-a2")
    resolution = Article(
        "p2-a2", "resolution", kicker=T((28, "市十四届人大二次会议")), head=T((29, "关于2024年民生实事的决议")),
        subheads=(T((30, "（2024年2月6日焦作市第十四届人民代表大会第二次会议通过）")),),
        body=(Paragraph(T((31, "会议决定2024年办好以下民生实事："))),
              ListBlock((ListItem("1.", T((32, "完善中小学校基础设施"))),
                         ListItem("2.", T((33, "提升居家和社区基本养"), (34, "老服务能力")))))),
        closer=Closer((T((35, "焦作市第十四届人民代表大会第二次会议主席团")),), T((36, "2024年2月6日")), "2024-02-06"))
    pages = (
        Page("A01", (Furniture("header", T((1, "焦作日报"))), Furniture("header", T((2, "2024年2月7日 星期三 第12345期"))),
                     Furniture("pageNum", T((23, "A01")))),
             (Section("p1-s1", T((3, "简讯")), (), (brief,)), jump,
              Section("p1-s2", T((14, "清风廉润满怀川")), (T((15, "——我市深入推进清廉焦作建设之清廉学校篇")),), (school,)))),
        Page("A02", (Furniture("header", T((24, "焦作日报"))), Furniture("folio", T((25, "A02")))),
             (continued, resolution, Figure("p2-f1", None, T((37, "祥正宣 摄"))))),
    )
    meta = Metadata(title="焦作日报", date="2024-02-07", date_printed="2024年2月7日", weekday="星期三",
                    edition="第12345期", publisher="焦作日报社", pub_place="焦作", cn="CN41-0038",
                    licence="https://creativecommons.org/licenses/by/4.0/", identifier="jzrb-2024-02-07",
                    source_name="jzrb 2024-02-07.txt", converted="2026-01-02T03:04:05Z", language=language,
                    script=script, sources=(FieldSource("title", Span.of(1)), FieldSource("date", Span.of(2)),
                                            FieldSource("weekday", Span.of(2)), FieldSource("edition", Span.of(2))))
    return Edition(meta, pages, line_count=len(SOURCE))


def catalogued_edition() -> Edition:
    """Every other header field: a digital publisher, a licence in words, subtitle, ISSN, price, lunar date."""
    meta = Metadata(title="香江日報", subtitle="晚報", date="2025-03-14", date_printed="中華民國114年3月14日",
                    lunar_date="乙巳年二月十五", issn="1234-5678", price="每份港幣八元", digital_publisher="某大學圖書館",
                    licence="僅供研究使用", language="zh-Hant", sources=(FieldSource("price", Span.of(1)),))
    return Edition(meta, (Page(None, (), (Article("p1-a1", body=(Paragraph(T((1, "第一段。"))),)),)),))


def unlabelled_edition() -> Edition:
    """No metadata, no page labels: the header must say only what is known."""
    article = Article("p1-a1", body=(Paragraph(T((1, "第一段。"))),))
    return Edition(Metadata(), (Page(None, (), (article,)), Page(None, (), (Figure("p2-f1", T((2, "图片说明")), None),))))


def without_breaks(value):
    """`value` with every Text's line breaks dropped (what the non-diplomatic TEI keeps)."""
    if isinstance(value, Text):
        return replace(value, breaks=())
    if isinstance(value, tuple):
        return tuple(without_breaks(v) for v in value)
    if is_dataclass(value):
        return replace(value, **{f.name: without_breaks(getattr(value, f.name)) for f in fields(value) if f.init})
    return value
