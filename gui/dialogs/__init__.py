"""Dialogs: reports, theme editing (with its forms and cue editor) and library recovery."""
