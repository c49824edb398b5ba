"""The label half of AnnotationStore: the label set the team owns (name, colour, key, layer)."""
from __future__ import annotations

from collections.abc import Iterable

from core.errors import InvalidSpanError, LabelError
from core.labels import next_colour
from core.model import Label, Layer


class LabelOperations:
    """Mixed into AnnotationStore; uses its ``db``, ``_write`` and ``_record``."""

    def _seed_labels(self, labels: Iterable[Label]) -> None:
        with self._write():
            self.db["labels"].insert_all(
                {
                    "name": label.name,
                    "layer": label.layer.value,
                    "colour": label.colour,
                    "shortcut": label.shortcut,
                    "description": label.description,
                    "position": index,
                }
                for index, label in enumerate(labels)
            )

    def labels(self) -> list[Label]:
        """The label set, in palette order."""
        return [
            Label(row["name"], Layer(row["layer"]), row["colour"], row["shortcut"] or "", row["description"] or "")
            for row in self.db.query("select * from labels order by position")
        ]

    def _label(self, name: str) -> Label:
        for label in self.labels():
            if label.name == name:
                return label
        raise InvalidSpanError(f"unknown label {name!r}")

    def add_label(self, label: Label, strict: bool = False) -> Label:
        """Add a label at the end of the palette.

        Pre-annotation adds labels a model predicts leniently; the label dialog
        passes ``strict=True`` to be told about a taken name or key.
        """
        labels = self.labels()
        if strict:
            self._check_free(labels, label.name, label.shortcut)
        if not label.colour:
            label = Label(label.name, label.layer, next_colour(l.colour for l in labels), label.shortcut,
                          label.description)
        with self._write():
            position = self.db.execute("select coalesce(max(position), -1) + 1 from labels").fetchone()[0]
            self.db["labels"].insert(
                {
                    "name": label.name,
                    "layer": label.layer.value,
                    "colour": label.colour,
                    "shortcut": label.shortcut,
                    "description": label.description,
                    "position": position,
                },
                ignore=True,
            )
            self._record("", "label-add", after={"name": label.name, "layer": label.layer.value})
        return label

    def update_label(self, name: str, colour: str | None = None, shortcut: str | None = None,
                     description: str | None = None) -> Label:
        """Recolour a label, give it another key (``""`` for none) or description."""
        current = self._label(name)
        if shortcut:
            self._check_free([l for l in self.labels() if l.name != name], None, shortcut)
        changes = {
            key: value
            for key, value in {"colour": colour, "shortcut": shortcut, "description": description}.items()
            if value is not None
        }
        with self._write():
            self.db["labels"].update(name, changes)
            self._record("", "label-update", before={"name": name, "colour": current.colour,
                                                     "shortcut": current.shortcut}, after={"name": name, **changes})
        return self._label(name)

    def rename_label(self, old: str, new: str) -> None:
        """Rename a label everywhere: the label set, the analysts' spans and the model's suggestions."""
        new = new.strip()
        self._label(old)
        if not new:
            raise LabelError("a label needs a name")
        if new == old:
            return
        self._check_free([l for l in self.labels() if l.name != old], new, None)
        with self._write():
            self.db.execute("update labels set name = ? where name = ?", [new, old])
            self.db.execute("update spans set label = ? where label = ?", [new, old])
            self.db.execute("update suggestions set label = ? where label = ?", [new, old])
            self._record("", "label-rename", before={"name": old}, after={"name": new})

    def label_usage(self, name: str) -> int:
        """How many of the analysts' spans carry the label."""
        return self.db.execute("select count(*) from spans where label = ?", [name]).fetchone()[0]

    def remove_label(self, name: str) -> int:
        """Remove a label and the spans that carry it; returns how many spans went.

        The model's suggestions keep the label, so measuring the model stays possible.
        """
        self._label(name)
        with self._write():
            rows = list(self.db.query("select id, doc_id from spans where label = ?", [name]))
            for row in rows:
                self.db.execute("delete from relations where head_id = ? or child_id = ?", [row["id"], row["id"]])
                self._record(row["doc_id"], "delete", row["id"], before={"label": name, "reason": "label removed"})
            self.db.execute("delete from spans where label = ?", [name])
            self.db.execute("delete from labels where name = ?", [name])
            self._record("", "label-remove", before={"name": name, "spans": len(rows)})
        return len(rows)

    @staticmethod
    def _check_free(others: list[Label], name: str | None, shortcut: str | None) -> None:
        if name is not None:
            if not name.strip():
                raise LabelError("a label needs a name")
            if any(label.name == name for label in others):
                raise LabelError(f"there is already a label called {name}")
        if shortcut:
            if len(shortcut) != 1:
                raise LabelError(f"a label's key is a single character, not {shortcut!r}")
            taken = next((label for label in others if label.shortcut.lower() == shortcut.lower()), None)
            if taken:
                raise LabelError(f"the key {shortcut.upper()} already belongs to {taken.name}")
