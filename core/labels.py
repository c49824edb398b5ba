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
