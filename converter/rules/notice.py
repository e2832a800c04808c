"""Field labels of official notices, each opening a paragraph: "主旨：…",
"依據：…", "公告事項：", "说明：", "联系人：…"."""
from __future__ import annotations


from ..lexicon.radicals import reads_radicals
from ..lexicon import zh
from ..patterncache import compiled

_FIELD = compiled(rf"^\s*(?:{'|'.join(zh.DOCUMENT_FIELDS)})\s*[：:]")


@reads_radicals
def document_field(line: str) -> bool:
    return bool(_FIELD.match(line))
