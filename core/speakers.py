"""Naming speakers: from a mention in the text to the person it refers to (pure Python)."""
from __future__ import annotations

from collections.abc import Iterable

# Mentions that name nobody by themselves: they keep the quote's resolved speaker.
PRONOUNS = frozenset(
    "he she they it i we you him her them his hers their its one who".split()
)


def is_pronoun(mention: str) -> bool:
    return mention.strip().lower() in PRONOUNS


def resolve_name(mention: str, names: Iterable[str]) -> str | None:
    """The fullest name among ``names`` that ``mention`` refers to, or None for a pronoun.

    "Peskov" resolves to "Dmitry Peskov" when the article names him so; a
    mention no name matches resolves to itself.
    """
    mention = mention.strip()
    if not mention or is_pronoun(mention):
        return None
    last = mention.split()[-1].lower()
    matches = [name for name in names if name.split() and name.split()[-1].lower() == last]
    return max(matches, key=len) if matches else mention


# Words that introduce a name without being part of it ("Kremlin spokesperson
# Dmitry Peskov"): a variant may differ from the canonical name by these.
def _words(name: str) -> list[str]:
    return [word.strip(".,'’\"").lower() for word in name.split() if word.strip(".,'’\"")]


def group_speaker_names(counts: dict[str, int]) -> dict[str, str]:
    """Map each speaker name to the canonical name of its group, where that is safe.

    Names group when one ends with the other word for word: "Peskov", "Dmitry
    Peskov" and "Kremlin spokesperson Dmitry Peskov" all become "Dmitry
    Peskov" (the shortest name of at least two words that the others end
    with). A name that could belong to two different people ("Lee" with both
    "Mai Lee" and "Robert Lee") is left alone: merging is the analyst's call.
    ``counts`` maps names to quote counts; names absent from the result stay as they are.
    """
    names = [name for name in counts if _words(name)]
    full = [name for name in names if len(_words(name)) >= 2]
    mapping: dict[str, str] = {}
    for name in names:
        words = _words(name)
        # Full names this name ends with or that end with this name.
        related = [
            other
            for other in full
            if other != name
            and (_ends_with(words, _words(other)) or _ends_with(_words(other), words))
        ]
        if not related:
            continue
        # The people involved: the shortest full name each related name ends with.
        people = {_core_name(other, full) for other in related + ([name] if len(words) >= 2 else [])}
        if len(people) == 1:
            canonical = people.pop()
            if canonical != name:
                mapping[name] = canonical
    return mapping


def _ends_with(words: list[str], tail: list[str]) -> bool:
    return len(tail) <= len(words) and words[len(words) - len(tail):] == tail


def _core_name(name: str, full: list[str]) -> str:
    """The shortest full name that ``name`` ends with ("Dmitry Peskov" for the titled form)."""
    words = _words(name)
    candidates = [other for other in full if _ends_with(words, _words(other))]
    return min(candidates, key=lambda other: (len(_words(other)), other))
