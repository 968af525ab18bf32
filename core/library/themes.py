"""`lib.themes`: the theme taxonomy of a library.

Themes form a tree (parent_id); `position` orders siblings. Taxonomy order is the depth-first
walk of that tree. Each theme holds its own keyboard key 1-9 (or none) until the analyst changes
it (`set_key`): adding, nesting, reordering or retiring a theme never renumbers the others; a new
theme takes the lowest free key, or none when all nine are held. A retired theme keeps its key
(restoring it brings the key back); the key does nothing while it is retired. A theme is never
deleted while a tag uses it: retiring hides it from tagging and keeps every tag."""
from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING

from clausemark.core.errors import ConflictError, LibraryError, NotFoundError
from clausemark.core.library import schema
from clausemark.core.library.changes import ThemesChanged
from clausemark.core.library.records import Theme, theme_subtree
from clausemark.resources import default_themes as _default_theme_data

if TYPE_CHECKING:
    from clausemark.core.library.store import Store

ThemeRef = int | str

PALETTE = ["#2E86DE", "#C0392B", "#27AE60", "#8E44AD", "#E67E22", "#16A085", "#D35400",
           "#2C3E50", "#F1C40F", "#7F8C8D", "#E84393", "#00CEC9"]
MAX_NAME = 80
_COLUMNS = ("id, name, colour, position, parent_id, description, retired, created, cues, "
            "shortcut")
KEYS = range(1, 10)
FREE_KEY = object()  # add(): take the lowest free key


def normalise_colour(colour: str) -> str:
    """'#RRGGBB' in upper case from '#rrggbb', 'rrggbb' or '#rgb'."""
    text = (colour or "").strip().lstrip("#")
    if re.fullmatch(r"[0-9a-fA-F]{3}", text):
        text = "".join(c * 2 for c in text)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", text):
        raise LibraryError(f"not a colour: {colour!r} (use #RRGGBB, e.g. #C0392B)")
    return "#" + text.upper()


def name_key(name: str) -> str:
    """What two theme names must share to be the same theme: Unicode compatibility
    normalisation and full case folding ("Détention" = "DÉTENTION" = "De\u0301tention",
    "Straße" = "STRASSE"), spaces collapsed."""
    text = unicodedata.normalize("NFKC", " ".join(str(name).split()))
    return unicodedata.normalize("NFKC", text.casefold())


def default_themes() -> list[Theme]:
    """The default themes as records (ids 1-4, resources/default_themes.json), for suggesting
    without a library."""
    return [Theme(id=i + 1, name=t["name"], colour=t["colour"], position=i, parent_id=None,
                  description=t["description"], retired=False, created="", cues=tuple(t["cues"]))
            for i, t in enumerate(_default_theme_data())]


def _clean_name(name: str) -> str:
    text = unicodedata.normalize("NFC", " ".join((name or "").split()))
    if not text:
        raise LibraryError("a theme needs a name")
    if len(text) > MAX_NAME:
        raise LibraryError(f"theme name longer than {MAX_NAME} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise LibraryError(f"theme name {text!r} contains control characters")
    return text


class ThemeManager:
    """The taxonomy (ref = theme id or name, case-insensitive):

        list(include_retired=True) -> list[Theme]     taxonomy order, depth, its key 1-9
        get(ref) -> Theme;  id_of(ref) -> int
        subtree_ids(ref) -> list[int]                  the theme and all its sub-themes
        next_colour() -> str                           what add picks without a colour
        free_keys() -> list[int]                       keys 1-9 no theme holds
        add(name, colour=None, *, parent=None, description="", position=None, key=FREE_KEY)
        set_key(ref, key) -> (Theme, id of the theme that lost the key or None)
        rename(ref, name) / recolour(ref, "#RRGGBB") / describe(ref, text) -> Theme
        nest(ref, parent, position=None) -> Theme      parent None = top level
        move(ref, position) -> Theme                   position among its siblings, from 0
        retire(ref, retired=True) -> Theme             tags are kept; False restores
        delete(ref) -> Theme                           only when no tag or sub-theme uses it
    """

    def __init__(self, store: Store):
        self._store = store

    # -- reading -------------------------------------------------------------------------------

    def list(self, include_retired: bool = True) -> list[Theme]:
        rows = self._store.execute(f"SELECT {_COLUMNS}, (SELECT count(*) FROM tags t "
                             "WHERE t.theme_id = th.id) FROM themes th").fetchall()
        children: dict[int | None, list[tuple]] = {}
        for row in rows:
            children.setdefault(row[4], []).append(row)
        ordered: list[Theme] = []

        def walk(parent: int | None, depth: int, hidden: bool) -> None:
            for row in sorted(children.get(parent, []), key=lambda r: (r[3], r[1].lower())):
                retired = bool(row[6]) or hidden
                theme = Theme(id=row[0], name=row[1], colour=row[2], position=row[3],
                              parent_id=row[4], description=row[5], retired=bool(row[6]),
                              created=row[7], depth=depth, shortcut=row[9], tag_count=row[10],
                              cues=tuple(json.loads(row[8] or "[]")))
                if include_retired or not retired:
                    ordered.append(theme)
                walk(row[0], depth + 1, retired)

        walk(None, 0, False)
        return ordered

    def id_of(self, ref: ThemeRef) -> int:
        if isinstance(ref, Theme):
            ref = ref.id
        if isinstance(ref, int) and not isinstance(ref, bool):
            row = self._store.one("SELECT id FROM themes WHERE id = ?", (ref,))
        else:
            row = self._store.one("SELECT id FROM themes WHERE name = ? COLLATE NOCASE",
                                  (" ".join(str(ref).split()),))
            if row is None:
                row = self._by_key(str(ref))
        if row is None:
            names = ", ".join(r[0] for r in self._store.execute(
                "SELECT name FROM themes WHERE NOT retired ORDER BY position, name"))
            raise NotFoundError(f"no theme {ref!r} (themes: {names})")
        return row[0]

    def get(self, ref: ThemeRef) -> Theme:
        theme_id = self.id_of(ref)
        return next(t for t in self.list() if t.id == theme_id)

    def subtree_ids(self, ref: ThemeRef) -> list[int]:
        """The theme's id and the ids of all themes nested under it, at any depth."""
        return sorted(theme_subtree(self.list(), self.id_of(ref)))

    def next_colour(self) -> str:
        """The colour a new theme gets when none is given: the first palette colour not in use."""
        used = {r[0] for r in self._store.execute("SELECT colour FROM themes")}
        return next((c for c in PALETTE if c not in used),
                    PALETTE[self._store.one("SELECT count(*) FROM themes")[0] % len(PALETTE)])

    # -- writing -------------------------------------------------------------------------------

    def _by_key(self, name: str) -> tuple[int] | None:
        """The theme whose name is the same as `name` up to case and Unicode form."""
        key = name_key(name)
        return next(((theme_id,) for theme_id, other in
                     self._store.execute("SELECT id, name FROM themes")
                     if name_key(other) == key), None)

    def _check_name_free(self, name: str, except_id: int | None = None) -> None:
        row = self._by_key(name)
        if row and row[0] != except_id:
            raise ConflictError(f"a theme named {name!r} already exists")

    def _next_position(self, parent_id: int | None) -> int:
        return self._store.one("SELECT coalesce(max(position) + 1, 0) FROM themes WHERE parent_id IS ?",
                         (parent_id,))[0]

    def _renumber(self, parent_id: int | None, moving: int | None = None,
                  position: int | None = None) -> None:
        """Positions 0..n-1 among the siblings; `moving` is placed at `position`."""
        ids = [r[0] for r in self._store.execute(
            "SELECT id FROM themes WHERE parent_id IS ? ORDER BY position, name", (parent_id,))]
        if moving is not None:
            ids = [i for i in ids if i != moving]
            ids.insert(max(0, min(position if position is not None else len(ids), len(ids))),
                       moving)
        self._store.conn.executemany("UPDATE themes SET position = ? WHERE id = ?",
                              [(i, theme_id) for i, theme_id in enumerate(ids)])

    def free_keys(self) -> list[int]:
        """The keys 1-9 no theme holds (a retired theme still holds its key)."""
        held = {r[0] for r in self._store.execute(
            "SELECT shortcut FROM themes WHERE shortcut IS NOT NULL")}
        return [k for k in KEYS if k not in held]

    def add(self, name: str, colour: str | None = None, *, parent: ThemeRef | None = None,
            description: str = "", position: int | None = None, key=FREE_KEY,
            reuse_id: int | None = None) -> Theme:
        """A new theme at the end of its siblings (or at `position`). It takes the lowest free
        key 1-9 (none when all are held), or `key` (a free 1-9, or None). `reuse_id`: the id of a
        theme this one puts back (redo after undo), so later commands still find it."""
        name = _clean_name(name)
        with self._store.transaction():
            self._check_name_free(name)
            parent_id = self.id_of(parent) if parent is not None else None
            if colour is None:
                colour = self.next_colour()
            free = self.free_keys()
            if key is FREE_KEY:
                key = free[0] if free else None
            elif key is not None and key not in free:
                raise ConflictError(f"key {key} is taken by another theme")
            theme_id = self._store.execute(
                "INSERT INTO themes (id, name, colour, position, parent_id, description, created, "
                "shortcut) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (reuse_id, name, normalise_colour(colour), self._next_position(parent_id),
                 parent_id, description or "", schema.now(), key)).lastrowid
            if position is not None:
                self._renumber(parent_id, theme_id, position)
            self._store.record("theme_add", f"theme {name} added", theme=theme_id, name=name)
            self._store.announce(ThemesChanged(theme_id, "add"))
        return self.get(theme_id)

    def _update_theme(self, ref: ThemeRef, column: str, value, action: str, summary) -> Theme:
        with self._store.transaction():
            before = self.get(ref)
            self._store.execute(f"UPDATE themes SET {column} = ? WHERE id = ?", (value, before.id))
            self._store.record(action, summary(before), theme=before.id, old=getattr(before, column),
                         new=value)
            self._store.announce(ThemesChanged(before.id, action))
        return self.get(before.id)

    def rename(self, ref: ThemeRef, name: str) -> Theme:
        name = _clean_name(name)
        self._check_name_free(name, except_id=self.id_of(ref))
        return self._update_theme(ref, "name", name, "theme_rename",
                                  lambda t: f"theme {t.name} renamed {name}")

    def recolour(self, ref: ThemeRef, colour: str) -> Theme:
        colour = normalise_colour(colour)
        return self._update_theme(ref, "colour", colour, "theme_recolour",
                                  lambda t: f"theme {t.name} recoloured {colour}")

    def describe(self, ref: ThemeRef, description: str) -> Theme:
        return self._update_theme(ref, "description", description or "", "theme_describe",
                                  lambda t: f"theme {t.name} description changed")

    def set_key(self, ref: ThemeRef, key: int | None) -> tuple[Theme, int | None]:
        """Give a theme the key 1-9 (None: no key). A theme holding that key loses it; returns
        the theme and the id of the theme that lost the key (None if the key was free)."""
        if key is not None and key not in KEYS:
            raise LibraryError(f"theme keys are 1 to 9, not {key!r}")
        with self._store.transaction():
            theme = self.get(ref)
            holder = None
            if key is not None:
                row = self._store.one("SELECT id FROM themes WHERE shortcut = ? AND id != ?",
                                      (key, theme.id))
                holder = row[0] if row else None
            if holder is not None:
                self._store.execute("UPDATE themes SET shortcut = NULL WHERE id = ?", (holder,))
            self._store.execute("UPDATE themes SET shortcut = ? WHERE id = ?", (key, theme.id))
            self._store.record("theme_key", f"theme {theme.name} " + (
                f"gets key {key}" if key else "has no key"), theme=theme.id,
                old=theme.shortcut, new=key, displaced=holder)
            self._store.announce(ThemesChanged(theme.id, "theme_key"))
        return self.get(theme.id), holder

    def retire(self, ref: ThemeRef, retired: bool = True) -> Theme:
        word = "retired" if retired else "restored"
        return self._update_theme(ref, "retired", int(bool(retired)), "theme_retire",
                                  lambda t: f"theme {t.name} {word}")

    def nest(self, ref: ThemeRef, parent: ThemeRef | None,
                   position: int | None = None) -> Theme:
        """Move a theme under `parent` (None: top level), at `position` among its new siblings."""
        with self._store.transaction():
            theme = self.get(ref)
            parent_id = self.id_of(parent) if parent is not None else None
            if parent_id is not None and parent_id in self.subtree_ids(theme.id):
                raise ConflictError(f"cannot nest theme {theme.name} inside itself")
            old_parent = theme.parent_id
            self._store.execute("UPDATE themes SET parent_id = ?, position = ? WHERE id = ?",
                          (parent_id, self._next_position(parent_id), theme.id))
            self._renumber(old_parent)
            self._renumber(parent_id, theme.id, position)
            where = self.get(parent_id).name if parent_id else "top level"
            self._store.record("theme_nest", f"theme {theme.name} moved under {where}", theme=theme.id,
                         old=[old_parent, theme.position], new=[parent_id, position])
            self._store.announce(ThemesChanged(theme.id, "nest"))
        return self.get(theme.id)

    def move(self, ref: ThemeRef, position: int) -> Theme:
        """Reorder among siblings (position from 0); every theme keeps its key."""
        with self._store.transaction():
            theme = self.get(ref)
            self._renumber(theme.parent_id, theme.id, position)
            self._store.record("theme_move", f"theme {theme.name} moved to place {position + 1}",
                         theme=theme.id, old=theme.position, new=position)
            self._store.announce(ThemesChanged(theme.id, "move"))
        return self.get(theme.id)

    def delete(self, ref: ThemeRef) -> Theme:
        """Only for a theme nothing uses (e.g. undoing its creation); otherwise retire it."""
        with self._store.transaction():
            theme = self.get(ref)
            if theme.tag_count:
                raise ConflictError(f"theme {theme.name} has {theme.tag_count} tags; "
                                    "retire it instead of deleting it")
            if self._store.one("SELECT 1 FROM themes WHERE parent_id = ?", (theme.id,)):
                raise ConflictError(f"theme {theme.name} has sub-themes")
            self._store.execute("DELETE FROM themes WHERE id = ?", (theme.id,))
            self._renumber(theme.parent_id)
            self._store.record("theme_delete", f"theme {theme.name} deleted", theme=theme.id,
                         name=theme.name)
            self._store.announce(ThemesChanged(theme.id, "delete"))
        return theme
