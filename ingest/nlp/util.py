"""Helpers the record components share: adding records, clauses, reading names."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from .resources import lexicon

RECORDS = "evidence_records"


def add_record(doc: Doc, type_: str, start: int, end: int, rule_id: str, anchor: int | None = None,
               **fields) -> dict:
    """Attach a record to the doc; `start`/`end` are the evidence's character offsets."""
    record = {"type": type_, "start": start, "end": end, "rule_id": rule_id,
              "anchor": start if anchor is None else anchor, **fields}
    doc.user_data.setdefault(RECORDS, []).append(record)
    return record


def records(doc: Doc) -> list[dict]:
    return doc.user_data.get(RECORDS, [])


def spans_in(doc: Doc, key: str, span: Span) -> list[Span]:
    """Spans of group `key` that lie inside `span`."""
    if key not in doc.spans:
        return []
    return [s for s in doc.spans[key] if s.start >= span.start and s.end <= span.end]


def sentence_index(doc: Doc) -> "SentenceIndex":
    """The doc's SentenceIndex, built once and shared by the components."""
    index = doc.user_data.get("evidence_sentence_index")
    if index is None or index.n_tokens != len(doc):
        index = doc.user_data["evidence_sentence_index"] = SentenceIndex(doc)
    return index


def contains_phrase(words: str, phrase: str) -> bool:
    """Whole-word phrase search in a space-joined, space-padded lower-case string."""
    return f" {phrase} " in words


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


def clauses(sent: Span) -> list[Span]:
    """Split a sentence at commas, semicolons and contrastive words."""
    breaks = set(lexicon()["clause_breaks"])
    doc = sent.doc
    out, start = [], sent.start
    for tok in sent:
        if tok.lower_ in breaks and tok.i > start:
            out.append(doc[start:tok.i])
            start = tok.i if tok.is_alpha else tok.i + 1
    if start < sent.end:
        out.append(doc[start:sent.end])
    return [c for c in out if len(c)]


def is_name_token(tok) -> bool:
    t = tok.text
    return len(t) > 1 and t[0].isupper() and not t.isupper() or (len(t) == 2 and t[1] == "." and t[0].isupper())


def read_name(doc: Doc, i: int, max_tokens: int = 5, organisation: bool = False) -> Span | None:
    """A person's name starting at token i: capitalised words and particles (van, de, ter).
    With `organisation`, 'en' may join capitalised words too (Cliëntenraad Werk en Inkomen)."""
    particles = set(lexicon()["name_particles"]) | ({"en", "&"} if organisation else set())
    if i >= len(doc) or not is_name_token(doc[i]) or doc[i].lower_ in ("gemeente", "de", "het"):
        return None
    j, last_cap = i, None
    while j < len(doc) and j - i < max_tokens:
        tok = doc[j]
        if is_name_token(tok) and tok.lower_ not in lexicon()["roles"]:
            last_cap = j
        elif tok.lower_ in particles and j + 1 < len(doc) and j > i - 1:
            # "Daan Kuipers van Wageningen University": after a full name, 'van' + an
            # organisation or a municipality says where the person works, not who they are.
            if not organisation and last_cap is not None and last_cap > i and _starts_place(doc, j + 1):
                break
        else:
            break
        if tok.whitespace_ == "" and j + 1 < len(doc) and not doc[j + 1].is_punct:
            break
        j += 1
    if last_cap is None:
        return None
    return doc[i:last_cap + 1]


def _starts_place(doc: Doc, i: int) -> bool:
    """Token i begins an organisation or a municipality mention."""
    return any(span.start == i for key in ("organisations", "municipalities") for span in doc.spans.get(key, []))


def is_heading(sent: Span) -> bool:
    """A title or heading: one short line of its own, with no closing punctuation."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?…:;\"”’»)" or len(sent) > 14:
        return False
    doc_text = text_of(sent.doc)
    before = doc_text[:sent.start_char].rstrip(" \t")
    after = doc_text[sent.start_char + len(sent.text.rstrip()):]
    return (not before or before.endswith("\n")) and (not after.strip(" \t") or after.lstrip(" \t").startswith("\n"))
