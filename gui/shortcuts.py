"""Every keyboard shortcut of the window except the label keys, defined once.

The help overlay (F1) lists these and the label keys (which live with the
labels in the database and show in the palette). Commands of the "Spans"
group, and the label keys, work while the article has the focus, so that
Return, Backspace or Shift+arrows typed into a search box stay there.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    keys: tuple[str, ...]
    text: str
    group: str


COMMANDS: tuple[Command, ...] = (
    Command("next_span", ("Tab",), "Select the next span", "Spans"),
    Command("previous_span", ("Shift+Tab", "Shift+Backtab"), "Select the previous span", "Spans"),
    Command("accept_span", ("Return", "Enter"), "Accept the selected suggestion as it is", "Spans"),
    Command("accept_all", ("Ctrl+Shift+A",), "Accept all remaining suggestions", "Spans"),
    Command("delete_span", ("Delete", "Backspace"), "Delete the selected span", "Spans"),
    Command("clear_selection", ("Escape",), "Clear the selection", "Spans"),
    Command("grow_end", ("Shift+Right",), "Extend the selected span by a word to the right", "Spans"),
    Command("shrink_end", ("Shift+Left",), "Shrink the selected span by a word from the right", "Spans"),
    Command("grow_start", ("Ctrl+Shift+Left",), "Extend the selected span by a word to the left", "Spans"),
    Command("shrink_start", ("Ctrl+Shift+Right",), "Shrink the selected span by a word from the left", "Spans"),
    Command("resize_span", ("Ctrl+R",), "Move the selected span to the selected words", "Spans"),
    Command("exclude", ("Ctrl+Shift+X",), "Mark the selected words as not part of the article", "Spans"),
    Command("include", ("Ctrl+Shift+I",), "Make the selected words part of the article again", "Spans"),
    Command("undo", ("Ctrl+Z",), "Undo", "Editing"),
    Command("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo", "Editing"),
    Command("mark_done", ("Ctrl+Return", "Ctrl+Enter"), "Mark the document done and open the next one", "Documents"),
    Command("skip_document", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), "Skip the document, open the next one",
            "Documents"),
    Command("next_document", ("Alt+Down", "Ctrl+PgDown"), "Open the next document", "Documents"),
    Command("previous_document", ("Alt+Up", "Ctrl+PgUp"), "Open the previous document", "Documents"),
    Command("find", ("Ctrl+F",), "Find in this article", "Finding"),
    Command("find_next", ("F3",), "Find the next match", "Finding"),
    Command("search", ("Ctrl+Shift+F",), "Search all articles", "Finding"),
    Command("labels", ("Ctrl+L",), "Edit the label set", "Other"),
    Command("statistics", ("Ctrl+Alt+S",), "Show the corpus statistics", "Other"),
    Command("speakers", ("Ctrl+Alt+P",), "Show the speakers across the corpus", "Other"),
    Command("import", ("Ctrl+O",), "Import articles", "Other"),
    Command("export", ("Ctrl+E",), "Export annotations or a quotes table…", "Other"),
    Command("help", ("F1", "?"), "Show these shortcuts", "Other"),
    Command("quit", ("Ctrl+Q",), "Quit", "Other"),
)

BY_NAME = {command.name: command for command in COMMANDS}
ARTICLE_GROUP = "Spans"

# Keys a label may not take, because a command or text navigation uses them.
RESERVED_LABEL_KEYS = frozenset({"?", " "})
