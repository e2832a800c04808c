"""JSON export: valid against schemas/edition.schema.json, complete, in step with the model."""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import typing
from pathlib import Path

import jsonschema
import pytest

from converter import model
from converter.jsonexport import NOT_EXPORTED, TYPE_TAGS, edition_json, json_bytes
from converter.model import (Article, Closer, Continuation, Diagnostic, Edition, Figure, Furniture, ListBlock,
                             ListItem, Metadata, Page, Paragraph, Section, Span, Text)
from converter.pipeline import edition_from_bytes

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "edition.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
EDITIONS = [ROOT / "seeds" / "000_627fccb794dc0fc3.txt",
            *sorted(p for p in (ROOT / "tests" / "fixtures" / "editions").glob("*.txt")
                    if not p.name.endswith(".gold.txt"))]


def _t(text: str, first: int, last: int | None = None, breaks: tuple[int, ...] = ()) -> Text:
    return Text(text, Span.of(first, last), breaks)


RICH = Edition(
    Metadata(title="焦作日报", date="2024-02-06", edition="第12345期", publisher="焦作日报社", identifier="jzrb-1",
             source_name="x.txt", language="zh-Hans", script="hant", pages=("A01", "A02")),
    (Page("A01", (Furniture("header", _t("焦作日报", 1)),), (
        Section("p1-s1", _t("简讯", 2), (_t("——副题", 3),), (
            Article("p1-a1", "brief", body=(Paragraph(_t("为深刻汲取教训。", 4)),), source_note=_t("（杨春玲）", 5)),
            Figure("p1-f1", _t("图为现场", 6), _t("陈啸虎 摄", 7)))),
        Article("p1-a2", "resolution", _t("市十四届人大二次会议", 8), _t("关于发展的决议", 9, 10, (3,)),
                (_t("（2024年2月6日会议通过）", 11),), _t("本报讯", 12), _t("（记者李新和）", 12),
                Continuation("from", _t("（上接A02版①）", 13), "A02", "①", "p2-a1"),
                (Paragraph(_t("正文。", 14)), ListBlock((ListItem("1.", _t("完善设施", 15)),)),
                 Figure("p1-f2", None, _t("新华社发", 16), "graphic")),
                Closer((_t("主席团", 17),), _t("2024年2月6日", 18), "2024-02-06"), None,
                Continuation("to", _t("（下转A02版）", 19), "A02"), "I", None, "p2-a1"))),
     Page("A02", (), (Article("p2-a1", "continuation", part="F", prev="p1-a2"),))),
    (Diagnostic("headline-ambiguous", "warning", "two candidates", Span(((3, 4), (7, 7)))),
     Diagnostic("encoding", "info", "decoded as utf-8 (detected)")),
    line_count=19)


def test_hand_built_edition_with_every_element_validates():
    data = edition_json(RICH)
    VALIDATOR.validate(data)
    assert data["language"] == "zh-Hant" and data["meta"]["language"] == "zh-Hans"
    article = data["pages"][0]["items"][1]
    assert article["type"] == "article" and article["head"] == {
        "text": "关于发展的决议", "span": [[9, 10]], "breaks": [3], "reg": "關於發展的決議"}
    assert article["kicker"]["reg"] == "市十四屆人大二次會議"
    assert "reg" not in article["body"][0]["text"]  # 正文。 is the same in both scripts
    assert article["body"][1]["items"][0] == {"label": "1.", "text": {
        "text": "完善设施", "span": [[15, 15]], "breaks": [], "reg": "完善設施"}}
    assert [b["type"] for b in article["body"]] == ["paragraph", "list", "figure"]
    assert data["diagnostics"][0]["span"] == [[3, 4], [7, 7]]


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.stem)
def test_pipeline_output_validates(path):
    edition = edition_from_bytes(path.read_bytes())
    data = json.loads(json_bytes(edition))
    VALIDATOR.validate(data)
    assert data["line_count"] == edition.line_count and len(data["pages"]) == len(edition.pages)


def test_output_is_deterministic_utf8():
    edition = edition_from_bytes(EDITIONS[0].read_bytes())
    first = json_bytes(edition)
    assert first == json_bytes(edition_from_bytes(EDITIONS[0].read_bytes()))
    assert "脑机接口".encode() in first and first.endswith(b"}\n")


def test_schema_rejects_what_the_model_cannot_hold():
    data = edition_json(RICH)
    data["pages"][0]["items"][1]["kind"] = "editorial"
    assert not VALIDATOR.is_valid(data)
    data = edition_json(RICH)
    del data["pages"][0]["items"][1]["byline"]
    assert not VALIDATOR.is_valid(data)


def _schema_name(cls: type) -> str:
    return {"ListBlock": "list", "ListItem": "list_item", "Metadata": "meta",
            "FieldSource": "field_source"}.get(cls.__name__, cls.__name__.lower())


@pytest.mark.parametrize("cls", [c for c in vars(model).values()  # Counts: derived, a summary, not exported
                                 if dataclasses.is_dataclass(c) and c not in (Edition, Span, model.Counts)],
                         ids=lambda c: c.__name__)
def test_schema_lists_every_model_field(cls):
    """Fails when the model grows a field the schema (and so the JSON contract) does not know."""
    definition = SCHEMA["$defs"][_schema_name(cls)]
    expected = {f.name for f in dataclasses.fields(cls)} | ({"type"} if cls in TYPE_TAGS else set()) \
        | ({"uid"} if cls in (Article, Figure, Section) else set())
    assert set(definition["required"]) == expected
    assert set(definition["properties"]) - expected <= {"reg"}


def test_edition_fields_are_the_top_level():
    assert {f.name for f in dataclasses.fields(Edition)} - NOT_EXPORTED <= set(SCHEMA["required"])
    assert typing.get_args(model.ArticleKind) == tuple(SCHEMA["$defs"]["article"]["properties"]["kind"]["enum"])


def test_every_schema_property_is_described():
    def undescribed(node, path):
        for name, prop in node.get("properties", {}).items():
            if not prop.get("description"):
                yield f"{path}.{name}"
        for name, child in node.get("$defs", {}).items():
            yield from undescribed(child, name)

    assert list(undescribed(SCHEMA, "")) == []


def test_ids_are_unique_across_editions():
    """Two editions of one corpus both have a p1-a1: their uids differ."""
    from converter.conversion import ConvertOptions, convert_bytes

    outputs = [json.loads(convert_bytes(path.read_bytes(), ConvertOptions(formats=("json",))).outputs["json"])
               for path in EDITIONS[:2]]
    uids = [[a["uid"] for a in data["articles"]] for data in outputs]
    assert "p1-a1" in {a["id"] for a in outputs[0]["articles"]} & {a["id"] for a in outputs[1]["articles"]}
    assert set(uids[0]).isdisjoint(uids[1]) and all(len(set(u)) == len(u) for u in uids)
    assert outputs[0]["edition_id"].startswith("sha256-") and outputs[0]["edition_id"] != outputs[1]["edition_id"]
    assert outputs[0]["pages"][0]["items"][0]["uid"].startswith(outputs[0]["edition_id"] + "/")


def test_the_edition_id_is_the_given_identifier_and_the_generator_is_named():
    data = edition_json(RICH)
    assert data["edition_id"] == "jzrb-1" and data["articles"][0]["uid"] == "jzrb-1/p1-a1"
    assert data["generator"]["name"] == "news2tei" and data["generator"]["version"]


def test_flat_articles_hold_plain_converted_strings_with_their_page():
    articles = edition_json(RICH)["articles"]
    assert [(a["id"], a["page"], a["page_number"], a["section"]) for a in articles] == [
        ("p1-a1", "A01", 1, "簡訊"), ("p1-a2", "A01", 1, None), ("p2-a1", "A02", 2, None)]
    resolution = articles[1]
    assert resolution["headline"] == "關於發展的決議" and resolution["kicker"] == "市十四屆人大二次會議"
    assert resolution["subheads"] == ["（2024年2月6日會議通過）"] and resolution["byline"] == "（記者李新和）"
    assert resolution["text"] == "正文。\n1.完善設施"


JQ_RECIPE = re.search(r"jq -r '([^']+)'", (ROOT / "docs" / "cli.md").read_text(encoding="utf-8"))[1]


def _headlines(items) -> list[str]:
    """Every headline of the page tree, walked in Python: what the recipe must return."""
    found: list[str] = []
    for item in items:
        if isinstance(item, Section):
            found += _headlines(item.items)
        elif isinstance(item, Article) and item.head:
            found.append(item.head.text)
    return found


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.stem)
def test_the_documented_jq_recipe_returns_every_headline(path, tmp_path):
    edition = edition_from_bytes(path.read_bytes())
    expected = [h for page in edition.pages for h in _headlines(page.items)]
    data = json_bytes(edition)
    if shutil.which("jq"):
        result = subprocess.run(["jq", "-r", JQ_RECIPE], input=data, capture_output=True, check=True)
        returned = result.stdout.decode("utf-8").splitlines()
    else:  # the same path, in Python: .articles[] | select(.headline) | .headline
        assert JQ_RECIPE == ".articles[] | select(.headline) | .headline"
        returned = [a["headline"] for a in json.loads(data)["articles"] if a["headline"]]
    assert returned == expected and expected
