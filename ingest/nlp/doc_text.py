"""Views of a doc computed once and shared by the components: its text, its lower-case
words, and which sentence holds a token or an offset."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span


def text_of(doc: Doc) -> str:
    """The doc's text, computed once: spaCy's Doc.text joins every token at each call."""
    cached = doc.user_data.get("evidence_text")
    if cached is None or cached[0] != len(doc):
        cached = doc.user_data["evidence_text"] = (len(doc), doc.text)
    return cached[1]


def lowers(doc: Doc) -> list[str]:
    """The doc's lower-case words, computed once: far cheaper than Token objects in loops."""
    words = doc.user_data.get("evidence_lowers")
    if words is None or len(words) != len(doc):
        words = doc.user_data["evidence_lowers"] = [t.lower_ for t in doc]
    return words


def padded_words(span) -> str:
    words = lowers(span.doc) if isinstance(span, Span) else lowers(span)
    start, end = (span.start, span.end) if isinstance(span, Span) else (0, len(span))
    return " " + " ".join(words[start:end]) + " "


def contains_phrase(words: str, phrase: str) -> bool:
    """Whole-word phrase search in a space-joined, space-padded lower-case string."""
    return f" {phrase} " in words


def sentence_index(doc: Doc) -> "SentenceIndex":
    """The doc's SentenceIndex, built once and shared by the components."""
    index = doc.user_data.get("evidence_sentence_index")
    if index is None or index.n_tokens != len(doc):
        index = doc.user_data["evidence_sentence_index"] = SentenceIndex(doc)
    return index


class SentenceIndex:
    """Which sentence (by index) holds a token or character offset."""

    def __init__(self, doc: Doc):
        self.n_tokens = len(doc)
        self.sents = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self.char_starts = [s.start_char for s in self.sents]

    def of_token(self, i: int) -> int:
        return bisect_right(self.starts, i) - 1

    def of_char(self, offset: int) -> int:
        return max(0, bisect_right(self.char_starts, offset) - 1)
