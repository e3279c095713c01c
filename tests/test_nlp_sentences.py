import pytest


@pytest.mark.parametrize("text,expected", [
    ("Volgens dr. Jansen werkt het. Dat bleek o.a. uit cijfers.",
     ["Volgens dr. Jansen werkt het.", "Dat bleek o.a. uit cijfers."]),
    ("Zie bijv. de tabel op blz. 4 van het rapport. Daarna volgt nr. 7.",
     ["Zie bijv. de tabel op blz. 4 van het rapport.", "Daarna volgt nr. 7."]),
    ("Meer mensen aan het werk\n\nDe uitstroom steeg.",
     ["Meer mensen aan het werk", "De uitstroom steeg."]),
    ("De groepen waren:\n• extra begeleiding\n• geen sollicitatieplicht",
     ["De groepen waren:", "• extra begeleiding", "• geen sollicitatieplicht"]),
    ("Een regel die doorloopt\nop de volgende regel. Nieuwe zin.",
     ["Een regel die doorloopt\nop de volgende regel.", "Nieuwe zin."]),
    ("Hij zei: „Het werkt. Echt.” Daarna ging hij weg.",
     ["Hij zei: „Het werkt.", "Echt.”", "Daarna ging hij weg."]),
    ("Is dit de toekomst? Wij denken van wel!", ["Is dit de toekomst?", "Wij denken van wel!"]),
])
def test_sentence_boundaries(nlp, text, expected):
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == expected


def test_paragraphs_follow_blank_lines(nlp):
    doc = nlp("Kop\n\nEerste alinea. Nog een zin.\n\nTweede alinea.")
    assert [p.text.strip() for p in doc.spans["paragraphs"]] == ["Kop", "Eerste alinea. Nog een zin.", "Tweede alinea."]
