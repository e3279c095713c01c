"""Sentence and paragraph boundaries for Dutch news and report text.

Newlines matter as much as full stops here: headings, bullet lists and table rows
are sentences of their own, while a PDF line that wraps mid-sentence is not.
Abbreviations (dr., o.a., bijv., nr.) never end a sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .resources import abbreviations

FINAL = {".", "!", "?", "…", "?!", "!?"}
CLOSERS = {"”", "’", "'", '"', "»", ")", "]", "“", "‘"}
BULLETS = {"•", "-", "–", "—", "*", "·", "▪", "◦", "●"}


def _starts_like_sentence(text: str) -> bool:
    first = text[0]
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
        # Plain lists: far cheaper than creating Token objects in the loop.
        texts, spaces, is_space = [], [], []
        for t in doc:
            texts.append(t.text)
            spaces.append(t.whitespace_)
            is_space.append(t.is_space)
        starts = [False] * n
        starts[0] = True
        para_starts = [0]
        last = -1  # index of the last non-space token before i
        for i in range(n):
            if is_space[i]:
                continue
            if i == 0 or last < 0:
                last = i
                continue
            prev = i - 1
            gap = texts[prev] if is_space[prev] else spaces[prev]
            if "\n" in gap:
                newlines = sum(texts[k].count("\n") if is_space[k] else spaces[k].count("\n")
                               for k in range(last, i))
                if newlines >= 2:
                    para_starts.append(i)
                # A wrapped line continues in lower case after a non-final word.
                wrapped = (newlines < 2 and texts[last] not in FINAL and texts[last][-1:] not in ":;"
                           and texts[i][0].islower())
                if not wrapped:
                    starts[i] = True
                last = i
                continue
            k = last
            while k >= 0 and texts[k] in CLOSERS:
                k -= 1
            if k >= 0 and texts[k] in FINAL and _starts_like_sentence(texts[i]):
                # "dr. Jansen": the full stop belongs to an abbreviation.
                if not (texts[k] == "." and k > 0 and not spaces[k - 1]
                        and (texts[k - 1].lower() + ".") in self.abbreviations):
                    starts[i] = True
            last = i
        flags = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype("int32").astype("uint64")
        doc.from_array([SENT_START], flags.reshape(-1, 1))
        bounds = para_starts + [n]
        doc.spans["paragraphs"] = [Span(doc, s, e) for s, e in zip(bounds, bounds[1:]) if e > s]
        return doc
