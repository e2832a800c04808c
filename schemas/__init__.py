"""The project schema for news2tei TEI (RelaxNG + ISO Schematron), shipped as package data."""
