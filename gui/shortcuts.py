"""Every keyboard shortcut of the window except the label keys, defined once.

Label keys live with the labels (in the database) and are shown in the palette.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    keys: tuple[str, ...]
    text: str


COMMANDS: tuple[Command, ...] = (
    Command("delete_span", ("Delete", "Backspace"), "Delete the selected span"),
    Command("clear_selection", ("Escape",), "Clear the selection"),
    Command("resize_span", ("Ctrl+R",), "Move the selected span's boundaries to the selected words"),
    Command("mark_done", ("Ctrl+Return", "Ctrl+Enter"), "Mark the document done and open the next one"),
    Command("skip_document", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), "Skip the document and open the next one"),
    Command("next_document", ("Alt+Down",), "Open the next document"),
    Command("previous_document", ("Alt+Up",), "Open the previous document"),
    Command("export", ("Ctrl+E",), "Export annotations as JSONL"),
    Command("import", ("Ctrl+O",), "Import articles"),
    Command("quit", ("Ctrl+Q",), "Quit"),
)

BY_NAME = {command.name: command for command in COMMANDS}
