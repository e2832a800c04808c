"""The labeller's features are built for speed; this pins them to the plain definition
they replaced. The shipped model was trained on exactly these attributes, in this order
(CRFsuite sums a line's weights in attribute order, so the order fixes the last bits of
every probability): any change here must be made in both, and the model retrained."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import median

import pytest

from converter.labeller import features
from converter.words import shared_words
from converter.labeller.model import labeller, pages_of
from converter.lexicon import zh
from converter.normalize import split_lines
from converter.rules.masthead import furniture_kind
from converter.unwrap import display_width, ends_sentence, loose_line

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("tests/fixtures/editions/*.txt"), *ROOT.glob("tests/fixtures/corpus/*.txt"),
                *ROOT.glob("seeds/*.txt")])

# ---- the reference: one feature dict per line, as first written, then CRFsuite's attributes

SHORT_EDGES = (0.5, 1.5, 2.5, 3.5)
_NEIGHBOUR_KEYS = ("len", "rel", "short", "end", "first", "indent", "c0", "c9", "bracket", "gap_blank")
_NEIGHBOUR_RULES = tuple("rule:" + name for name in features.NEIGHBOUR_RULES)


def _bucket(value, edges):
    for edge in edges:
        if value <= edge:
            return f"<={edge:g}"
    return f">{edges[-1]:g}"


def _char_class(c):
    if not c:
        return "none"
    for name, chars in (("terminal", zh.TERMINALS), ("closer", zh.CLOSERS + zh.BRACKET_CLOSERS),
                        ("opener", zh.OPENERS + zh.BRACKET_OPENERS),
                        ("comma", "，、,"), ("bullet", zh.ITEM_BULLETS)):
        if c in chars:
            return name
    if c.isdigit():
        return "digit"
    if c.isascii() and c.isalpha():
        return "latin"
    return "han" if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" else "other"


def _line(text, column):
    solid = "".join(text.split())
    f = {
        "bias": 1.0,
        "len": _bucket(len(solid), (1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60)),
        "rel": _bucket(display_width(solid) / column, (0.3, 0.5, 0.7, 0.85, 0.95, 1.05, 1.3, 2.0)),
        "short": _bucket(column - display_width(solid), SHORT_EDGES),
        "first": _char_class(solid[:1]), "last": _char_class(solid[-1:]),
        "end": _char_class(solid[-1:]) if solid[-1:] not in "”’」』）)" else "close+" + _char_class(solid[-2:-1]),
        "indent": ("ideographic" if text[:1] == "\u3000" else "spaces" if text[:2] == "  "
                   else "space" if text[:1] == " " else "none"),
        "c0": solid[:1], "c9": solid[-1:],
        "gaps": _bucket(len(re.findall(r"(?<=\S)\s+(?=\S)", text.strip())), (0, 1, 2, 4)),
        "punct": _bucket(sum(c in zh.SENTENCE_PUNCT for c in solid), (0, 1, 2, 4)),
        "digits": _bucket(sum(c.isdigit() for c in solid) / len(solid), (0, 0.2, 0.5)),
        "latin": _bucket(sum(c.isascii() and c.isalpha() for c in solid) / len(solid), (0, 0.3)),
        "date": bool(re.search(r"\d{1,4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日"
                               r"|[一二三四五六七八九十〇]+月[一二三四五六七八九十]+日", text)),
        "bracket": _bracket(solid),
    }
    if solid[:1] in zh.ITEM_BULLETS + zh.OPENERS + "—-▶►":
        f["first_mark"] = solid[:1]
    if solid[-1:] in zh.CLOSERS + "摄攝版":
        f["last_mark"] = solid[-1:]
    loose = loose_line(text)
    f.update((f"rule:{name}", 1.0) for name, recognise in features.RECOGNISERS.items() if recognise(loose))
    if furniture_kind(text):
        f["rule:furniture"] = furniture_kind(text)
    f.update((f"cue:{name}", 1.0) for name, words in features.CUES.items() if any(w in solid for w in words))
    return f


def _bracket(solid):
    depth, unopened = 0, False
    for c in solid:
        if c in zh.BRACKET_OPENERS:
            depth += 1
        elif c in zh.BRACKET_CLOSERS:
            unopened |= depth == 0
            depth = max(depth - 1, 0)
    return {(True, True): "both", (True, False): "closes", (False, True): "opens"}.get((unopened, depth > 0))


def _shape(text):
    return re.sub(r"\d+", "0", "".join(text.split()))


def _page(lines, repeated):
    filled = [(i, line) for i, line in enumerate(lines) if not line.blank]
    widths = [display_width("".join(line.text.split())) for _, line in filled]
    rows = []
    for k, (i, line) in enumerate(filled):
        near = sorted(widths[max(0, k - 8):k + 9])
        column = median(near[len(near) // 2:]) or 1.0
        f = _line(line.text, column)
        before = i - filled[k - 1][0] - 1 if k else -1
        after = filled[k + 1][0] - i - 1 if k + 1 < len(filled) else -1
        f["blank_before"] = "top" if before < 0 else _bucket(before, (0, 1))
        f["blank_after"] = "bottom" if after < 0 else _bucket(after, (0, 1))
        f["gap_blank"] = f"{f['blank_before']}/{f['blank_after']}"
        f["from_top"] = _bucket(k, (0, 1, 2, 4, 8))
        f["from_bottom"] = _bucket(len(filled) - 1 - k, (0, 1, 2, 4))
        if k:
            f["vs_prev"] = _bucket(widths[k] / (widths[k - 1] or 1.0), (0.5, 0.8, 1.25, 2.0))
            near = sorted(widths[max(0, k - 9):k + 8])
            previous = filled[k - 1][1].text
            ending = "closes" if ends_sentence(previous) else \
                "bare" if not any(c in zh.SENTENCE_PUNCT for c in "".join(previous.split())) else "runs"
            f["turn"] = "/".join((ending, _bucket((median(near[len(near) // 2:]) or 1.0) - widths[k - 1], SHORT_EDGES),
                                  f["short"], "blank" if before > 0 else "solid"))
        if k + 1 < len(filled):
            f["vs_next"] = _bucket(widths[k] / (widths[k + 1] or 1.0), (0.5, 0.8, 1.25, 2.0))
        if repeated[_shape(line.text)] > 1:
            f["repeats"] = 1.0
        if 0 < k < len(filled) - 1 and f["punct"] == "<=0" and ends_sentence(filled[k - 1][1].text) \
                and widths[k] < 0.9 * column and widths[k + 1] >= 0.9 * column:
            f["between_sentences"] = 1.0
        f.update(_echo(filled, k))
        rows.append(f)
    vocabulary = set().union(*(_words(line.text) for _, line in filled))
    for k in range(len(filled) - 1):
        (i, a), (j, b) = filled[k], filled[k + 1]
        if j <= i + 2:
            joined = loose_line(a.text) + loose_line(b.text)
            for name, recognise in features.WRAPPING.items():
                m = recognise(joined)
                if m and m.size > len("".join(a.text.split())) and not recognise(loose_line(b.text)):
                    _mark_wrap(rows, k, name, j == i + 1)
            for name, whole in features.WRAPPING_WHOLE.items():
                if whole(joined) and not whole(loose_line(a.text)):
                    _mark_wrap(rows, k, name, j == i + 1)
            last, start = re.findall("[\u3400-\u9fff]", a.text)[-1:], re.findall("[\u3400-\u9fff]", b.text)[:1]
            near = sorted(widths[max(0, k - 8):k + 9])
            if last and start and widths[k] < 0.9 * (median(near[len(near) // 2:]) or 1.0):
                joint = "word" if last[0] + start[0] in vocabulary else "none"
                rows[k][f"joint={joint}>"] = rows[k + 1][f"joint={joint}<"] = 1.0
    own = [dict(f) for f in rows]
    for k, f in enumerate(rows):
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if not 0 <= j < len(rows):
                f[f"{offset:+d}:edge"] = 1.0
                continue
            keys = _NEIGHBOUR_KEYS + ((*_NEIGHBOUR_RULES, "between_sentences", "echo_after", "echo_before", "turn")
                                      if abs(offset) == 1 else ())
            f.update((f"{offset:+d}:{key}", own[j][key]) for key in keys if key in own[j])
    return [[name if value == 1.0 and not isinstance(value, str) else f"{name}={value}"
             for name, value in f.items() if value] for f in rows]


def _words(text):
    han = "".join(re.findall("[\u3400-\u9fff]", text))
    return {han[k:k + 2] for k in range(len(han) - 1)} | {w.lower() for w in re.findall("[A-Za-z]{3,}", text)}


def _echo(filled, k):
    """The share of a line's words found in the 40 lines after it, and in the 40 before it."""
    words = _words(filled[k][1].text)
    if len(words) < 2:
        return {}
    after = set().union(*(_words(line.text) for _, line in filled[k + 1:k + 41]))
    before = set().union(*(_words(line.text) for _, line in filled[max(0, k - 40):k]))
    edges = (0, 0.25, 0.5, 0.75)
    return {"echo_after": _bucket(len(words & after) / len(words), edges),
            "echo_before": _bucket(len(words & before) / len(words), edges)}


def _mark_wrap(rows, k, name, adjacent):
    kind = "wrap" if adjacent else "bridge"
    rows[k][f"{kind}:{name}>"] = 1.0
    rows[k + 1][f"{kind}:{name}<"] = 1.0


def _reference(lines):
    pages = pages_of(lines)
    repeated = Counter(shape for page in pages for shape in {_shape(line.text) for line in page if not line.blank})
    return [_page(page, repeated) for page in pages]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_features_are_those_of_the_plain_definition(path):
    lines, _ = split_lines(path.read_text(encoding="utf-8"))
    pages = pages_of(lines)
    shapes = features.edition_shapes(pages)
    assert [features.page_features(page, shapes) for page in pages] == _reference(lines)


def test_unusual_lines_too():
    text = ("①②③ 2025年3月14日\n\n\n  “引文”\n\u3000（记者 张三）\nABC abc １２３\n— 副题\n"
            "A3 | 经济 | 责编 李四\n\f\n\n12月5日 星期五\n第12345期\n")
    lines, _ = split_lines(text)
    pages = pages_of(lines)
    shapes = features.edition_shapes(pages)
    assert [features.page_features(page, shapes) for page in pages] == _reference(lines)


def test_labelling_compiles_no_pattern_of_chinese_text_as_it_goes(monkeypatch):
    """Every CJK pattern the labeller's recognisers use is compiled once, from the pattern
    cache; `re` compiling one when first called costs milliseconds in every process."""
    asked = []
    compile_ = re._compile
    monkeypatch.setattr(re, "_compile", lambda pattern, flags: asked.append(pattern) or compile_(pattern, flags))
    lines, _ = split_lines((ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8"))
    labeller().label(lines)
    monkeypatch.undo()
    assert not [p for p in asked if isinstance(p, str) and re.search("[\u3400-\u9fff]", p)]


@pytest.mark.parametrize("first, second, found", [
    ("中華民國114年5", "月14日", ("date_line",)),  # a notice's closing date, wrapped
    ("信衡資產管理股份", "有限公司", ("issuer",)),  # the second line alone would be an issuer too
    ("本报记者", "邵磊 通讯员 贾", ("byline",)),
    ("…环境。（摘自10月30日《申江健康", "报》作者：李明）", ("source",)),
    ("角柱石", "東海日報訊", ()),  # the second line is a dateline of its own
    ("2025年4月1日", "星期二", ()),  # the first line is a whole date already
])
def test_elements_going_on_into_the_next_line(first, second, found):
    assert features._wrapped(first, second) == found


def test_a_blank_line_inside_an_element_bridges_it():
    text = "本报记者\n\n邵磊 通讯员 贾俊磊\n今天上午，全市召开会议，部署工作。\n"
    lines, _ = split_lines(text)
    (page,) = pages_of(lines)
    first, second, _ = features.page_features(page)
    assert "bridge:byline>" in first and "bridge:byline<" in second
    assert not any(a.startswith("wrap:") for a in first + second)


def test_a_paragraphs_first_line_stands_two_ems_short():
    text = "人们在这里读书、写字，度过了\n愉快的一天。\n有人问，现在信息这么\n多，手机上什么都能查到，\n为什么还要读书呢？\n"
    lines, _ = split_lines(text)
    (page,) = pages_of(lines)
    rows = features.page_features(page)
    assert "short=<=2.5" in rows[2] and "+1:short=<=2.5" in rows[1] and "-1:short=<=2.5" in rows[3]
    assert "short=<=0.5" in rows[0] and "short=<=0.5" in rows[3]


def test_the_turn_into_a_line_is_one_attribute_for_a_paragraphs_start():
    text = "人们在这里读书、写字，度过了\n愉快的一天。\n\n有人问，现在信息这么\n多，手机上什么都能查到，\n小标题\n为什么还要读书呢？\n"
    lines, _ = split_lines(text)
    (page,) = pages_of(lines)
    turns = [[a for a in row if a.startswith("turn=")] for row in features.page_features(page)]
    assert turns[0] == [] and turns[1] == ["turn=runs/<=0.5/>3.5/solid"]
    assert turns[2] == ["turn=closes/>3.5/<=2.5/blank"]  # a short sentence end, a blank, an indent
    assert turns[3] == ["turn=runs/<=2.5/<=0.5/solid"] and turns[5] == ["turn=bare/>3.5/<=3.5/solid"]


def test_a_line_sees_how_the_text_turns_into_the_next():
    text = ("展覽展出作品八十餘件，展期至下月底，免費\n開放。→A10\n長者醫療券金額明年調高\n"
            "　　衞生部門宣布，明年起醫療補貼\n計劃的金額由每人六百元調高至八百元。\n")
    lines, _ = split_lines(text)
    (page,) = pages_of(lines)
    rows = features.page_features(page)
    turn = [next(a for a in row if a.startswith("turn=")) for row in rows[1:]]
    assert turn[2].startswith("turn=bare/")  # a one-line "paragraph" without punctuation: a headline
    assert "+1:" + turn[2] in rows[2] and "-1:" + turn[2] in rows[4]


def test_a_line_break_inside_a_word_of_the_page_is_told_from_one_between_phrases():
    text = "冬季流感\n衞生部\n門：流感疫苗接種人數增兩成\n衞生部門昨日公布，流感疫苗接種人數按年增加兩成。\n"
    lines, _ = split_lines(text)
    (page,) = pages_of(lines)
    joints = [[a for a in row if a.startswith("joint=")] for row in features.page_features(page)]
    assert joints[0] == ["joint=none>"]  # "感衞" is no word of the page: a kicker over its headline
    assert joints[1] == ["joint=none<", "joint=word>"]  # "部門" is one: the headline goes on
    assert joints[2] == ["joint=word<", "joint=none>"]


def _paragraphs(indent: str, count: int) -> str:
    """`count` paragraphs of two full lines and a short last one, each first line led by `indent`."""
    full = "市民在这里读书写字度过愉快的一天"
    return "".join(f"{indent}{full[len(indent):]}\n{full}\n第{k}段完。\n" for k in range(count))


def test_a_page_without_paragraph_indents_is_told_where_paragraphs_start():
    (page,) = pages_of(split_lines(_paragraphs("", 6))[0])
    assert features.unindented_starts(page) == {3, 6, 9, 12, 15}  # each line after a "第k段完。"
    (page,) = pages_of(split_lines(_paragraphs("　　", 6))[0])  # indented: the model knows
    assert features.unindented_starts(page) == set()
    (page,) = pages_of(split_lines(_paragraphs("", 3))[0])  # too few paragraph ends to tell
    assert features.unindented_starts(page) == set()
    # three that agree tell; a crosshead after a paragraph's end has no say
    (page,) = pages_of(split_lines(_paragraphs("", 4) + "小标题\n" + _paragraphs("", 1))[0])
    assert features.unindented_starts(page) == {3, 6, 9, 12}
    (page,) = pages_of(split_lines(_paragraphs("", 3) + _paragraphs("　　", 1))[0])  # they disagree
    assert features.unindented_starts(page) == set()


def test_a_title_between_sentences():
    text = "人们在这里读书、写字，度过了愉快的一天。\n读书是一场漫长的对话\n有人问，现在信息这么多，手机上什么\n都能查到。\n"
    lines, _ = split_lines(text)
    (page,) = pages_of(lines)
    rows = features.page_features(page)
    assert "between_sentences" in rows[1] and "-1:between_sentences" in rows[2]
    assert "between_sentences" not in rows[2]


def test_a_headlines_words_come_back_in_its_story():
    text = ("眉山春见柑橘上市\n近日，眉山市丹棱县、东坡区等地的春见\n柑橘陆续成熟上市，果农忙着采摘。\n"
            "据了解，今年全县种植面积达十万亩。\n")
    lines, _ = split_lines(text)
    (page,) = pages_of(lines)
    title, first, _, last = features.page_features(page)
    assert "echo_after=<=0.75" in title and "echo_before=<=0" in title  # 4 of its 7 bigrams
    assert "echo_after=<=0" in first and "-1:echo_after=<=0.75" in first
    assert "echo_after=<=0" in last and "echo_before=<=0" in last


def test_shared_words_are_han_bigrams_and_latin_words():
    assert shared_words("春见 柑橘") == shared_words("春见柑橘") and len(shared_words("春见柑橘")) == 3
    assert shared_words("Page 2 of 4") == {"page"}
    assert not shared_words("春，") and shared_words("春见") <= shared_words("眉山春见")
