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
    "a headline left without a story after a fragment joined the story before it": (
        "师德教育，学习师德模范，涵养廉\n洁文化。该校先后荣获了“焦作\n市党建示范校”“焦作市廉洁从家\n简/\n\n"
        "出发示范基地”等殊荣。\n\n筑牢育人工程，厚植“清\n廉”根基。为加强新时代清廉文\n化建设，弘扬崇廉拒腐社会风\n"
        "尚，该校坚持“五育并举，德育\n为先”，将清廉教育贯穿于学生培\n养全过程，把清廉文化融入思想\n\n简\n\n"
        "政治课、综合素养课和文化教育\n课，使清廉理念入耳、入脑、入\n心、入行。该校立足学科课堂，"),
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_no_character_is_lost(text):
    assert conservation_problems(text, edition_from_text(text)) == {}
