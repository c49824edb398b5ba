"""Training a spaCy NER component on the analysts' corrections, with spaCy's own training.

The config is generated from the current pipeline's own config: every
component is sourced from it, all but ``ner`` frozen, so the trained model is
the current pipeline with a better NER (it still parses, so quotes are still
found). A pipeline without ``ner`` gets a fresh one on a blank pipeline of its
language. Training runs ``spacy.cli.train.train`` on DocBins of the records;
scores before and after come from the same held-out documents.
"""
from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import spacy
from spacy.language import Language

from core.errors import TrainingError
from core.evaluation import LabelScore, compare
from core.formats.record import DocumentRecord
from core.model import Layer
from core.nlp.docbin import docs_for_training
from core.nlp.pipeline import load_pipeline

# A small NER network for quick runs (tests, a first look): the default is sized
# for real corpora and takes minutes; this one trains on a few documents in seconds.
TINY_NER = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 16,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": 32,
            "depth": 1,
            "embed_size": 500,
            "window_size": 1,
            "maxout_pieces": 2,
            "subword_features": True,
        },
    }
}


# The name trained pipelines get in their meta.json (pre-annotations record it).
TRAINED_NAME = "byline_ner"


@dataclass(frozen=True)
class TrainingOptions:
    base: str | None = None  # a package name or folder; None: the default English pipeline
    fresh: bool = False  # a new NER on a blank pipeline instead of the base's
    tiny: bool = False  # the small network above (only with a fresh NER)
    max_steps: int = 0  # 0: no limit (epochs and patience decide)
    max_epochs: int = 30
    seed: int = 0


@dataclass(frozen=True)
class TrainingResult:
    model_dir: Path  # OUT_DIR/model-best
    base: str
    fresh: bool
    train_documents: int
    eval_documents: int
    before: tuple[LabelScore, ...]
    after: tuple[LabelScore, ...]


def train_ner(
    train: Sequence[DocumentRecord],
    held_out: Sequence[DocumentRecord],
    out_dir: Path,
    options: TrainingOptions,
    progress: TextIO | None = None,
) -> TrainingResult:
    """Train on ``train``, score the base pipeline and the trained one on ``held_out``.

    Writes OUT_DIR/corpus/{train,dev}.spacy, OUT_DIR/config.cfg, and spaCy's
    OUT_DIR/model-best and model-last. ``progress`` gets spaCy's training table.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = sorted({s.label for r in [*train, *held_out] for s in r.spans if s.layer is Layer.ENTITY})
    before_nlp = load_pipeline(options.base)
    fresh = options.fresh or "ner" not in before_nlp.pipe_names
    base_name = options.base or f"{before_nlp.meta.get('lang')}_{before_nlp.meta.get('name')}"
    before = score_ner(before_nlp, held_out)
    corpus = out_dir / "corpus"
    corpus.mkdir(exist_ok=True)
    docs_for_training(train).to_disk(corpus / "train.spacy")
    docs_for_training(held_out).to_disk(corpus / "dev.spacy")
    if fresh:
        config = _fresh_config(before_nlp.lang, labels, options.tiny)
    else:
        config = _sourced_config(before_nlp, labels, out_dir / "base")
    training = config["training"]
    training.update(
        {
            "max_steps": options.max_steps,
            "max_epochs": options.max_epochs,
            "seed": options.seed,
            "eval_frequency": max(1, min(200, len(train))),
            "patience": 1600,
        }
    )
    # model-best is chosen by entity F1 alone: the frozen components are not retrained,
    # and the held-out documents carry no tags or parses to score them on.
    training["score_weights"] = {name: None for name in training.get("score_weights", {})} | {"ents_f": 1.0}
    config["paths"]["train"] = str(corpus / "train.spacy")
    config["paths"]["dev"] = str(corpus / "dev.spacy")
    config_path = out_dir / "config.cfg"
    config.to_disk(config_path)
    from spacy.cli.train import train as spacy_train

    stream = progress or open(os.devnull, "w")  # noqa: SIM115 (closed below)
    try:
        with contextlib.redirect_stdout(stream):
            spacy_train(config_path, output_path=out_dir)
    except (ValueError, KeyError, OSError) as exc:
        raise TrainingError(f"spaCy could not train with {config_path}: {exc}") from exc
    except SystemExit as exc:  # spaCy's command-line helpers exit after printing the reason
        raise TrainingError(f"spaCy stopped training with {config_path} (see the messages above)") from exc
    finally:
        if progress is None:
            stream.close()
    model_dir = out_dir / "model-best"
    _name_pipelines(out_dir)
    after = score_ner(load_pipeline(str(model_dir)), held_out)
    return TrainingResult(model_dir, base_name, fresh, len(train), len(held_out), before, after)


def _name_pipelines(out_dir: Path) -> None:
    """Name the trained pipelines, so the suggestions they make say which model made them."""
    import json

    for folder in (out_dir / "model-best", out_dir / "model-last"):
        meta_path = folder / "meta.json"
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            meta["name"] = TRAINED_NAME
            meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")


def _fresh_config(lang: str, labels: list[str], tiny: bool):
    nlp = spacy.blank(lang)
    ner = nlp.add_pipe("ner", config=TINY_NER if tiny else {})
    for label in labels:
        ner.add_label(label)
    return nlp.config.copy()


def _sourced_config(base: Language, labels: list[str], base_dir: Path):
    """The base pipeline's own config with every component sourced from a copy of it
    and all but ``ner`` frozen. Labels the base NER lacks are added before the copy."""
    ner = base.get_pipe("ner")
    for label in labels:
        if label not in ner.labels:
            ner.add_label(label)
    try:
        base.to_disk(base_dir)
    except OSError as exc:
        raise TrainingError(f"cannot write the base pipeline to {base_dir}: {exc}") from exc
    config = base.config.copy()
    for name in base.pipe_names:
        config["components"][name] = {"source": str(base_dir)}
    config["training"]["frozen_components"] = [name for name in base.pipe_names if name != "ner"]
    config["training"]["annotating_components"] = []
    # The sourced vocab already holds the base's lookup tables and vectors; asking
    # to initialise them again would need spacy-lookups-data for nothing.
    config["initialize"]["lookups"] = None
    config["initialize"]["vectors"] = None
    config["initialize"]["init_tok2vec"] = None
    config["initialize"]["vocab_data"] = None
    return config


def score_ner(nlp: Language, records: Sequence[DocumentRecord]) -> tuple[LabelScore, ...]:
    """Precision, recall and F1 per label of ``nlp``'s entities against the records' (exact match)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    texts = [record.text for record in records]
    for record, doc in zip(records, nlp.pipe(texts), strict=True):
        predicted = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        final = [(s.start, s.end, s.label) for s in record.spans if s.layer is Layer.ENTITY]
        t, f_p, f_n, _corrections = compare(predicted, final)
        tp.update(t)
        fp.update(f_p)
        fn.update(f_n)
    return tuple(LabelScore(label, tp[label], fp[label], fn[label]) for label in sorted(set(tp) | set(fp) | set(fn)))


__all__ = ["TrainingOptions", "TrainingResult", "score_ner", "train_ner"]
