"""Exception types raised by ``core``; ``main.py`` and ``gui`` turn them into messages."""


class BylineError(Exception):
    """Base class: every error ``core`` raises on purpose derives from it."""


class StoreError(BylineError):
    """The database cannot be opened, read or written."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer Byline than this one."""


class NotFoundError(StoreError):
    """A document, span or label that was asked for does not exist."""


class InvalidSpanError(BylineError):
    """A span's offsets or label do not fit its document or label set."""


class InputFormatError(BylineError):
    """A file given to import cannot be read as what it claims to be."""


class ModelLoadError(BylineError):
    """The spaCy pipeline cannot be loaded."""


class LexiconError(BylineError):
    """A cue lexicon file is missing, is not JSON, or has keys or values the quote finder does not know."""


class LabelError(BylineError):
    """A label change that would break the label set (duplicate name or key, label in use)."""


class TrainingError(BylineError):
    """A model cannot be trained from the database (too few documents, a bad base pipeline)."""
