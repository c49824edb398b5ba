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
