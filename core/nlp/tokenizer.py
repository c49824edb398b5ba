"""Tokenising documents at import, with spaCy's English tokenizer.

The blank English tokenizer splits text exactly as ``en_core_web_sm`` does, so
spans snapped to these tokens are accepted by ``Doc.char_span`` downstream.
"""
from functools import lru_cache

import spacy
from spacy.language import Language

from core.model import Token


@lru_cache(maxsize=1)
def _blank_english() -> Language:
    return spacy.blank("en")


def tokenize(text: str) -> tuple[Token, ...]:
    """All tokens of ``text`` with character offsets, as spaCy numbers them."""
    doc = _blank_english().make_doc(text)
    return tuple(
        Token(token.idx, token.idx + len(token), bool(token.whitespace_), token.is_space) for token in doc
    )
