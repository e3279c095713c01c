"""Municipality mentions: the CBS gazetteer with aliases, adjective and inhabitant forms
(Wageningse, Utrechters), dissolved municipalities resolved to their successor, and
organisation names (Universiteit Utrecht, Tilburg University) kept out."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .doc_records import add_record
from .doc_text import sentence_index
from .names import is_name_token
from .resources import ambiguous_names, gazetteer, lexicon
from .rules import PatternSet
from .span_keys import MUNICIPALITIES, MUNICIPALITIES_WEAK, ORGANISATIONS, RECORDS, SENTENCES, attr


@Language.factory("evidence_municipalities",
                  requires=[SENTENCES],
                  assigns=[attr(ORGANISATIONS), attr(MUNICIPALITIES), attr(MUNICIPALITIES_WEAK), attr(RECORDS)])
def make_municipalities(nlp: Language, name: str):
    return MunicipalityRecognizer(nlp)


class MunicipalityRecognizer:
    def __init__(self, nlp: Language):
        self.forms = gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = sorted(self.forms)
        for form, pattern in zip(names, nlp.tokenizer.pipe(names)):
            self.matcher.add(form, [pattern])
        self.orgs = PatternSet(nlp, "organisations.jsonl")
        self.ambiguous = ambiguous_names()
        self.particles = {"van", "de", "der", "den", "ter", "ten", "te"} & set(lexicon()["name_particles"])
        # capitalised words that end a name-less phrase before 'van': "Universiteit van Amsterdam"
        self.not_first_names = set(lexicon()["roles"]) | {"universiteit", "hogeschool", "gemeente", "provincie"}

    def __call__(self, doc: Doc) -> Doc:
        orgs = self.orgs(doc)
        doc.spans[ORGANISATIONS] = orgs
        in_org = set()
        for span in orgs:
            in_org.update(range(span.start, span.end))
        found = []
        matches = self.matcher(doc)
        in_name = {start for _, start, _ in matches if self._in_person_name(doc, start)}
        # "Lotte van Houten … Van Houten zegt": once a surname, the same form after 'Van' stays one
        surnames = {doc.vocab.strings[m] for m, start, _ in matches if start in in_name}
        for match_id, start, end in matches:
            form = doc.vocab.strings[match_id]
            if any(i in in_org for i in range(start, end)):
                continue
            if form in self.ambiguous and not self._clear_context(doc, start, end):
                continue
            if start in in_name or (form in surnames and start and doc[start - 1].text == "Van"):
                continue
            code, rule = self.forms[form]
            found.append(Span(doc, start, end, label=code, span_id=rule))
        mentions = filter_spans(found)
        weak = []
        for span in orgs:
            # "Universiteit Utrecht" is not the municipality, but it hints where we are.
            for match_id, start, end in self.matcher(span.as_doc()):
                form = doc.vocab.strings[match_id]
                code, _ = self.forms[form]
                weak.append(Span(doc, span.start + start, span.start + end, label=code,
                                 span_id="municipality-in-organisation"))
        doc.spans[MUNICIPALITIES] = mentions
        doc.spans[MUNICIPALITIES_WEAK] = filter_spans(weak)
        seen = set()
        index = sentence_index(doc)
        for span in mentions:
            if span.label_ in seen:
                continue
            seen.add(span.label_)
            sent = index.sents[index.of_token(span.start)]
            add_record(doc, "municipality", sent.start_char, sent.end_char, span.id_,
                       anchor=span.start_char, municipality_code=span.label_,
                       fixed_municipality=True)
        return doc

    def _in_person_name(self, doc: Doc, start: int) -> bool:
        """'Lotte van Houten', 'zegt Van Houten': a surname, not the municipality."""
        k = start - 1
        while k >= 0 and doc[k].lower_ in self.particles:
            k -= 1
        if k == start - 1:
            return False
        if doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start:
            return True  # "Van Houten" in mid-sentence
        # one first name before 'van' ("Lotte van Houten"); after a full name ("Petra Noordhuis
        # van Apeldoorn") the place says where the person works
        if k < 0 or not is_name_token(doc[k]) or doc[k].is_sent_start or doc[k].lower_ in self.not_first_names:
            return False
        caps, j = 0, k
        while j >= 0 and (is_name_token(doc[j]) or doc[j].lower_ in self.particles):
            caps += is_name_token(doc[j])
            j -= 1
        return caps == 1

    @staticmethod
    def _clear_context(doc: Doc, start: int, end: int) -> bool:
        """An ambiguous name (Best, Buren) counts after 'gemeente', 'in', 'uit' or 'te' only,
        and never as part of a longer capitalised name."""
        if start == 0 or doc[start].is_sent_start:
            return False
        prev = doc[start - 1]
        if is_name_token(prev) or (end < len(doc) and is_name_token(doc[end])):
            return False
        return prev.lower_ in {"gemeente", "in", "uit", "te", "naar", "van"}
