"""Field labels of official notices, each opening a paragraph: "主旨：…",
"依據：…", "公告事項：", "说明：", "联系人：…"."""
from __future__ import annotations


from ..lexicon.equivalents import in_reading_form
from ..lexicon import zh
from ..patterncache import compiled

_FIELD = compiled(rf"^\s*(?:{'|'.join(zh.DOCUMENT_FIELDS)})\s*[：:]")


@in_reading_form
def document_field(line: str) -> bool:
    return bool(_FIELD.match(line))
