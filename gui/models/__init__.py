"""Thin Qt item models over core records (library, paragraph tree, themes) and tree filters."""
