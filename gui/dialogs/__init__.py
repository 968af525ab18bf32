"""Dialogs: reports, theme editing (with its add form and the cue-phrase field) and library
recovery."""
