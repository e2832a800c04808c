"""The line labeller: every source line gets a role, learned from data.

lines (SourceLine) -> features (one dict per line, `features.py`) -> labels (a linear-chain
CRF, python-crfsuite; `model.py`) -> the structure stage reads them. Roles and their
meaning are defined once, in `roles.py`. Training (gold files aligned with their
lines, `corpus/align.py`) is the corpus tool's: `python -m corpus.train`."""
