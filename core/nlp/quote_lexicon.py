"""The cue lexicon (resources/cue_verbs.json) as an immutable object."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_LEXICON_PATH = Path(__file__).resolve().parents[2] / "resources" / "cue_verbs.json"


@dataclass(frozen=True)
class CueLexicon:
    """Cue words (lower-case lemmas) by the content they take; see resources/cue_verbs.json."""

    speech_verbs: frozenset[str]
    object_content_verbs: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    particle_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    attribution_prepositions: frozenset[tuple[str, str]] = frozenset({("according", "to")})
    inanimate_subjects: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    phrase_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    quotation_verbs: frozenset[str] = frozenset()
    preposition_verbs: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def all_verbs(self) -> frozenset[str]:
        """Every verb that can be a cue, whatever content it takes."""
        return self.speech_verbs | self.object_content_verbs | self.object_control_verbs

    def is_phrase_cue(self, lemma: str, next_word: str) -> bool:
        """Whether a verb and the word right after it report speech together ("as she
        put it", "made clear that"), though the verb alone does not."""
        return next_word.lower() in self.phrase_verbs.get(lemma.lower(), ())


def load_lexicon(path: str | Path | None = None) -> CueLexicon:
    """Read a cue lexicon JSON file (default: resources/cue_verbs.json of the repository)."""
    p = Path(path) if path else DEFAULT_LEXICON_PATH
    with open(p, encoding="utf-8") as fh:
        data = json.load(fh)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    return CueLexicon(
        speech_verbs=words("speech_verbs"),
        object_content_verbs=words("object_content_verbs"),
        object_control_verbs=words("object_control_verbs"),
        particle_verbs={k.lower(): frozenset(v) for k, v in data.get("particle_verbs", {}).items()},
        attribution_prepositions=frozenset(
            tuple(p.split()) for p in words("attribution_prepositions") if len(p.split()) == 2),
        inanimate_subjects=words("inanimate_subjects"),
        naming_verbs=words("naming_verbs"),
        speech_nouns=words("speech_nouns"),
        quotation_verbs=words("quotation_verbs"),
        phrase_verbs={k.lower(): frozenset(w.lower() for w in v)
                      for k, v in data.get("phrase_verbs", {}).items()},
        preposition_verbs={k.lower(): frozenset(w.lower() for w in v)
                           for k, v in data.get("preposition_verbs", {}).items()},
    )
