"""Quotes attributed by a signature line rather than a verb.

Web news embeds tweets and pull quotes whose source follows the text:

    ... carry out repairs. pic.twitter.com/abc — BC Hydro (@bchydro) December 21, 2018
    ... to cut education budgets. Justin Trudeau.
    "We were never asked about the new terminal." ― Ana Ruiz

A paragraph that ends in such a signature is a quote of the signed name.
These are found on the raw paragraph text; the name is checked against the
NER so that an ordinary short closing sentence is not mistaken for one.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from core.model import QuoteKind
from core.nlp.quote_rules import FoundQuote

_NAME = r"[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,4}"
# "... text. pic.twitter.com/x — Name (@handle) Date" / "... text https://t.co/x — Name (@handle)"
_TWEET = re.compile(r"^(?P<body>.+?)[\s.]*(?:(?:pic\.twitter\.com|https?://)\S*\s*)?[—–-]+\s*"
                    r"(?P<name>" + _NAME + r")\s*\(@\w+\)")
# "... text. Justin Trudeau." / "... text. Rod Peters, Lake Cowichan mayor."
_SIGNED = re.compile(r"^(?P<body>.+?[.!?])\s+(?P<name>" + _NAME + r")(?:,[^.]{0,60})?\.\s*$")
# `"..." ― Name`: a quotation signed with a dash (reader comments, pull quotes); some
# sites open such quotations with a closing mark
_DASHED = re.compile(r"^(?P<body>[“”\"«].+[”\"»])\s*(?P<dash>[―—–]+)\s*(?P<name>" + _NAME + r")[.,]?\s*$")
_LABELS = {"PERSON", "ORG"}


def _paragraphs(text: str):
    """(start, end) of each line of ``text``."""
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


# "Sen." / "Gov." / "U.S." / "John E.": a sentence ending in one of these runs on into
# the name ("... a rival, Sen. Bernie Sanders.")
_ABBREVIATION = re.compile(r"(?:^|[\s\-])(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])+|[A-Z]{1,2})\.$")


def _plain_signature(doc: Doc, m: re.Match, offset: int) -> bool:
    """A bare name line really signs the paragraph: the sentence before it ends
    there, and what follows the name is a description ("Rod Peters, Lake Cowichan
    mayor."), not a clause ("Bernie Sanders, who has won the race ...")."""
    if _ABBREVIATION.search(m.group("body")):
        return False
    tail = doc.char_span(offset + m.end("name"), offset + m.end(), alignment_mode="expand")
    return tail is None or not any(t.pos_ in ("VERB", "AUX") for t in tail)


def find_signed_quotes(doc: Doc) -> list[FoundQuote]:
    """Paragraphs closed by a tweet signature or a bare name line (indirect quotes), or
    a quotation signed with a dash (a direct quote)."""
    text = doc.text
    found = []
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        lead = len(para) - len(para.lstrip(" ."))
        para = para[lead:]
        if len(para) < 30:
            continue
        # cheap checks first: most paragraphs are neither
        m = (_TWEET.match(para) if "(@" in para else None) or \
            (_DASHED.match(para) if any(dash in para for dash in "―—–") else None) or \
            (_SIGNED.match(para) if para.rstrip().endswith(".") else None)
        if m is None:
            continue
        name_start = p_start + lead + m.start("name")
        name_end = p_start + lead + m.end("name")
        span = doc.char_span(name_start, name_end, alignment_mode="expand")
        # a tweet may be signed by an organisation; a bare closing name must be a person's
        labels = _LABELS if m.re is _TWEET else {"PERSON"}
        if span is None or not any(t.ent_type_ in labels or (m.re is _DASHED and t.pos_ == "PROPN") for t in span):
            continue
        if m.re is _SIGNED and not _plain_signature(doc, m, p_start + lead):
            continue
        body = m.group("body").rstrip(" .") if m.re is not _DASHED else m.group("body")
        if len(body.split()) < 5:
            continue
        b_start = p_start + lead + m.start("body")
        kind, cue = QuoteKind.INDIRECT, None
        if m.re is _DASHED:  # the dash is the cue
            kind, cue = QuoteKind.DIRECT, (p_start + lead + m.start("dash"), p_start + lead + m.end("dash"))
        found.append(FoundQuote(b_start, b_start + len(body), kind,
                                speaker=(name_start, name_end), cue=cue, speaker_head=span.end - 1))
    return found
