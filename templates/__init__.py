"""Jinja2 templates for the EPUB and the inspect page, shipped as package data."""
