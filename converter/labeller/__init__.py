"""The line labeller: every source line gets a role, learned from data.

lines (SourceLine) -> features (one dict per line, `features.py`) -> labels (a linear-chain
CRF, python-crfsuite; `model.py`) -> the structure stage reads them. Roles and their
meaning are defined once, in `roles.py`; `align.py` turns gold files into labelled lines
for training (`python -m converter.train`)."""
