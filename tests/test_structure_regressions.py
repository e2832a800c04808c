"""Inputs on which the structure stage once lost characters (found by fuzzing):
each must now keep every non-whitespace character."""
import pytest

from conservation import conservation_problems
from converter.pipeline import edition_from_text

CASES = {
    "byline closing the page": "正文到此结束。\n\n本报记者 张 蕊",
    "jump marker in a lone title": "简（下转A03版）",
    "jump marker in a title over a body ending with one": "简（下转A03版）\n（下转A03版）",
    "issuer paragraph before a date that closes nothing": (
        "\n训 2 万人次\n10. 开展就业技能培\n澄湖市第十五届人民代表\n难场所\n2025年1月16日\n"
        "大会第三次会议主席团\n12. 建设城市应急避\n11. 推进农贸市场标\n\n准化改造\n现予公告。"),
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_no_character_is_lost(text):
    assert conservation_problems(text, edition_from_text(text)) == {}
