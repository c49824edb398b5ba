"""The cue lexicon (resources/cue_verbs.json) as an immutable object."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import LexiconError

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
    # a report of fewer words is taken for a topic ("mentioned Hawaii") and left out,
    # unless the attribution itself vouches for it ("Now, according to X, ...")
    min_report_words: int = 2

    @property
    def all_verbs(self) -> frozenset[str]:
        """Every verb that can be a cue, whatever content it takes."""
        return self.speech_verbs | self.object_content_verbs | self.object_control_verbs

    def is_phrase_cue(self, lemma: str, next_word: str) -> bool:
        """Whether a verb and the word right after it report speech together ("as she
        put it", "made clear that"), though the verb alone does not."""
        return next_word.lower() in self.phrase_verbs.get(lemma.lower(), ())


# The keys of a lexicon file and the shape of their values; keys starting with "_" are comments.
_WORD_LISTS = ("speech_verbs", "object_content_verbs", "object_control_verbs", "attribution_prepositions",
               "inanimate_subjects", "naming_verbs", "speech_nouns", "quotation_verbs")
_WORD_MAPS = ("particle_verbs", "phrase_verbs", "preposition_verbs")


def load_lexicon(path: str | Path | None = None) -> CueLexicon:
    """Read a cue lexicon JSON file (default: resources/cue_verbs.json of the repository).

    Raises LexiconError, naming the file and the key, when the file is missing, is
    not JSON, has a key the finder does not know (a typo would silently do nothing)
    or a value of the wrong shape.
    """
    p = Path(path) if path else DEFAULT_LEXICON_PATH
    data = _read(p, depth=0)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    def word_map(key: str) -> dict[str, frozenset[str]]:
        return {k.lower(): frozenset(w.lower() for w in v) for k, v in data.get(key, {}).items()}

    return CueLexicon(
        speech_verbs=words("speech_verbs"),
        object_content_verbs=words("object_content_verbs"),
        object_control_verbs=words("object_control_verbs"),
        particle_verbs=word_map("particle_verbs"),
        attribution_prepositions=frozenset(
            tuple(p.split()) for p in words("attribution_prepositions") if len(p.split()) == 2),
        inanimate_subjects=words("inanimate_subjects"),
        naming_verbs=words("naming_verbs"),
        speech_nouns=words("speech_nouns"),
        quotation_verbs=words("quotation_verbs"),
        phrase_verbs=word_map("phrase_verbs"),
        preposition_verbs=word_map("preposition_verbs"),
        min_report_words=data.get("min_report_words", 2),
    )


def _read(path: Path, depth: int) -> dict:
    """The checked contents of a lexicon file, with the file it ``extends`` merged in:
    a team's lexicon can name the default one and list only the words it adds."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise LexiconError(f"cannot read the cue lexicon {path}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LexiconError(f"the cue lexicon {path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"the cue lexicon {path} must be a JSON object with keys such as \"speech_verbs\"")
    base_name = data.pop("extends", None)
    if base_name is not None:
        if not isinstance(base_name, str) or depth >= 5:
            raise LexiconError(f"{path}: \"extends\" must name one lexicon file (and lexicons cannot extend in a circle)")
        _check(path, data, complete=False)
        base = _read(path.parent / base_name, depth + 1)  # relative to the extending file
        for key, value in data.items():
            if key in _WORD_LISTS:
                base[key] = sorted(set(base.get(key, [])) | set(value))
            elif key in _WORD_MAPS:
                merged = dict(base.get(key, {}))
                for verb, words in value.items():
                    merged[verb] = sorted(set(merged.get(verb, [])) | set(words))
                base[key] = merged
            else:  # comments and min_report_words replace the base's
                base[key] = value
        data = base
    _check(path, data)
    return data


def _check(path: Path, data: dict, complete: bool = True) -> None:
    """Raise LexiconError unless ``data`` has the shape of a cue lexicon."""
    def is_words(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)

    for key, value in data.items():
        if key.startswith("_"):
            continue
        if key in _WORD_LISTS:
            if not is_words(value):
                raise LexiconError(f"{path}: \"{key}\" must be a list of words")
        elif key in _WORD_MAPS:
            if not isinstance(value, dict) or not all(is_words(v) for v in value.values()):
                raise LexiconError(f"{path}: \"{key}\" must map each verb to a list of words")
        elif key == "min_report_words":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise LexiconError(f"{path}: \"min_report_words\" must be a whole number of at least 1")
        else:
            known = ", ".join(("extends",) + _WORD_LISTS + _WORD_MAPS + ("min_report_words",))
            raise LexiconError(f"{path}: unknown key \"{key}\" (the keys are {known})")
    if complete and not data.get("speech_verbs"):
        raise LexiconError(f"{path}: \"speech_verbs\" is missing or empty, so no quote could be attributed")
