"""Documents are identified by a hash of their text, so the same article is the
same document on every analyst's machine."""
import hashlib


def document_id(text: str) -> str:
    """The sha256 of the UTF-8 text, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
