"""Sentence and paragraph boundaries for Dutch news and report text.

Newlines matter as much as full stops here: headings, bullet lists and table rows
are sentences of their own, while a PDF line that wraps mid-sentence is not.
Abbreviations (dr., o.a., bijv., nr.) never end a sentence.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .doc_text import text_of
from .resources import abbreviations
from .span_keys import PARAGRAPHS, SENTENCES, attr

FINAL = {".", "!", "?", "…", "?!", "!?"}
CLOSERS = {"”", "’", "'", '"', "»", ")", "]", "“", "‘"}
# A line that ends without a full stop and is about as long as the text's typical long line
# (the median of lines of 40 characters or more) was wrapped, not ended: PDF text, hard-wrapped
# text files. Captions and headings are shorter; a text of one-line paragraphs has no such width.
WRAP_SHARE = 0.9
MIN_WRAP_WIDTH = 50
CAPTION = re.compile(r"(tabel|table|figuur|figure|grafiek|bijlage)\s+\d", re.I)  # a caption is its own line
BULLETS = {"•", "-", "–", "—", "*", "·", "▪", "◦", "●"}


def _starts_like_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in "„“‘'\"«(•-–*·▪’"


@Language.factory("evidence_sentences",
                  requires=[],
                  assigns=[SENTENCES, attr(PARAGRAPHS)])
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
        line_start = 0  # character offset where the current line starts
        text = text_of(doc)
        long_lines = sorted(n for n in map(len, text.split("\n")) if n >= 40)
        typical = long_lines[len(long_lines) // 2] if long_lines else 0
        wrap_width = max(MIN_WRAP_WIDTH, WRAP_SHARE * typical)
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
                # A wrapped line continues in lower case after a non-final word, or in any case
                # after a full-width line (a PDF or hard-wrapped text): headings are short.
                line_end = doc[last].idx + len(texts[last])
                wrapped = (newlines < 2 and texts[last] not in FINAL and texts[last][-1:] not in ":;"
                           and (texts[i][0].islower() or (line_end - line_start >= wrap_width
                                                          and not CAPTION.match(text[line_start:line_end]))))
                if not wrapped:
                    starts[i] = True
                line_start = doc[i].idx
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
        if not doc.has_annotation("SENT_START"):  # a trained parser or senter has set them
            flags = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype("int32").astype("uint64")
            doc.from_array([SENT_START], flags.reshape(-1, 1))
        bounds = para_starts + [n]
        doc.spans[PARAGRAPHS] = [Span(doc, s, e) for s, e in zip(bounds, bounds[1:]) if e > s]
        return doc
