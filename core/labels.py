"""The default label set, read from ``resources/labels.json``."""
import json

from core.model import Label, Layer
from core.resources import RESOURCES_DIR


def default_labels() -> list[Label]:
    """Labels a new database starts with, in palette order."""
    data = json.loads((RESOURCES_DIR / "labels.json").read_text(encoding="utf-8"))
    return [
        Label(item["name"], Layer(item["layer"]), item["colour"], item["shortcut"], item.get("description", ""))
        for item in data["labels"]
    ]


# Light tints of colour-blind-safe hues (Okabe-Ito and Paul Tol's light scheme):
# black text stays readable on each, and neighbours differ in lightness too.
SAFE_COLOURS = (
    "#f5c77e", "#9fd3f2", "#8fdcc0", "#f7b3d6", "#e0d38a", "#c9b8e8", "#f2a98c", "#bbcc33",
    "#77aadd", "#ee8866", "#eedd88", "#ffaabb", "#99ddff", "#44bb99", "#aaaa00", "#dddddd",
)


def next_colour(used) -> str:
    """The first safe colour no label uses yet (cycling when all are taken)."""
    used = {colour.lower() for colour in used}
    for colour in SAFE_COLOURS:
        if colour not in used:
            return colour
    return SAFE_COLOURS[len(used) % len(SAFE_COLOURS)]
