"""Sentence and paragraph boundaries for Dutch news and report text.

Newlines matter as much as full stops here: headings, bullet lists and table rows
are sentences of their own, while a PDF line that wraps mid-sentence is not.
Abbreviations (dr., o.a., bijv., nr.) never end a sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .resources import abbreviations

FINAL = {".", "!", "?", "…", "?!", "!?"}
CLOSERS = {"”", "’", "'", '"', "»", ")", "]", "“", "‘"}
BULLETS = {"•", "-", "–", "—", "*", "·", "▪", "◦", "●"}


def _starts_like_sentence(token) -> bool:
    first = token.text[0]
    return first.isupper() or first.isdigit() or first in "„“‘'\"«(•-–*·▪’"


@Language.factory("evidence_sentences")
def make_sentences(nlp: Language, name: str):
    return DutchSentencizer(abbreviations())


class DutchSentencizer:
    def __init__(self, abbreviations):
        self.abbreviations = abbreviations

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        starts = [False] * n
        starts[0] = True
        para_starts = [0]
        for i in range(1, n):
            prev, tok = doc[i - 1], doc[i]
            if tok.is_space:
                continue
            # Whitespace before this token (a whitespace token or the previous token's tail).
            gap = prev.text if prev.is_space else prev.whitespace_
            j = i - 1
            while j >= 0 and doc[j].is_space:
                j -= 1
            last = doc[j] if j >= 0 else None
            if "\n" in gap or (prev.is_space and "\n" in prev.text):
                blank = gap.count("\n") >= 2
                if blank:
                    para_starts.append(i)
                # A wrapped line continues in lower case after a non-final word.
                wrapped = (not blank and last is not None and last.text not in FINAL
                           and last.text[-1:] not in ":;" and tok.text[0].islower())
                if not wrapped:
                    starts[i] = True
                continue
            if last is None:
                continue
            k = j
            while k >= 0 and doc[k].text in CLOSERS:
                k -= 1
            if k < 0 or doc[k].text not in FINAL:
                continue
            # "dr. Jansen": the full stop belongs to an abbreviation.
            if doc[k].text == "." and k > 0 and (doc[k - 1].text.lower() + ".") in self.abbreviations \
                    and not doc[k - 1].whitespace_:
                continue
            if _starts_like_sentence(tok):
                starts[i] = True
        for i, tok in enumerate(doc):
            tok.is_sent_start = starts[i]
        bounds = para_starts + [n]
        doc.spans["paragraphs"] = [Span(doc, s, e) for s, e in zip(bounds, bounds[1:]) if e > s]
        return doc
