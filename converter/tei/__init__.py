"""TEI P5: the archival master. `writer.tei_bytes` (model -> TEI) and
`reader.read_tei` (TEI -> model) are exact inverses; docs/encoding.md is the encoding."""
