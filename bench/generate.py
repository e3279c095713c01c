"""Synthetic Dutch press releases for benchmarks: deterministic (seeded), varied, and
built from templates unrelated to the seed documents."""

from __future__ import annotations

import random

PLACES = ["Zwolle", "Tilburg", "Almere", "Leiden", "Amersfoort", "Enschede", "Arnhem", "Breda", "Delft",
          "Haarlem", "Zeist", "Oss", "Epe", "Venlo", "Gouda", "Heerlen", "Assen", "Emmen", "Hoorn", "Ede"]
PROJECTS = ["Samen Sterk", "Ruimte voor Regie", "Werk Loont Meer", "Eigen Kracht", "Vertrouwen Voorop"]
PEOPLE = ["Anna de Vries", "Pieter Bakker", "Fatima El Amrani", "Joost van Dijk", "Sanne Visser", "Ruben Smit"]
ROLES = ["wethouder", "onderzoeker", "projectleider", "consulent"]
ARMS = ["intensieve begeleiding", "vrijstelling van de sollicitatieplicht", "een hogere inkomstenvrijlating",
        "extra coaching", "meer vrijheid"]
MEASURES = ["de uitstroom naar werk", "het welbevinden", "de zelfredzaamheid", "het aantal mensen met parttime werk",
            "de ervaren gezondheid", "de tevredenheid over de dienstverlening", "het zelfvertrouwen"]
CHANGES = ["nam duidelijk toe", "steeg licht", "bleef gelijk", "daalde", "verbeterde niet", "was hoger dan in de controlegroep"]

SENTENCES = [
    "In {place} liep van 2017 tot 2019 het experiment {project}.",
    "In totaal deden {n} bijstandsgerechtigden mee, verdeeld over drie groepen en een controlegroep.",
    "De eerste groep kreeg {arm}, de tweede groep kreeg {arm2}.",
    "Volgens de onderzoekers {measure} {change}.",
    "In de groep met {arm} vond {p} procent van de deelnemers werk, tegen {q} procent in de controlegroep.",
    "„We zien dat mensen weer zelf keuzes durven te maken in hun leven,” zegt {role} {person}.",
    "De gemeente benaderde bijna {m} mensen met een brief over de proef.",
    "Bij de start van het onderzoek waren de verwachtingen hoog, maar de resultaten zijn wisselend.",
    "Het college stuurt de resultaten naar de gemeenteraad en bespreekt ze met de staatssecretaris.",
    "Ook {measure} {change}, al is het effect niet statistisch significant.",
]


def document(i: int) -> str:
    rng = random.Random(i)
    slots = lambda: {  # noqa: E731
        "place": rng.choice(PLACES), "project": rng.choice(PROJECTS), "n": rng.randint(120, 1500),
        "arm": rng.choice(ARMS), "arm2": rng.choice(ARMS), "measure": rng.choice(MEASURES),
        "change": rng.choice(CHANGES), "p": rng.randint(8, 40), "q": rng.randint(5, 30),
        "role": rng.choice(ROLES), "person": rng.choice(PEOPLE), "m": f"{rng.randint(2, 12)}.000",
    }
    paragraphs = [f"Resultaten bijstandsexperiment {rng.choice(PLACES)}"]
    for _ in range(rng.randint(3, 6)):
        paragraphs.append(" ".join(rng.choice(SENTENCES).format(**slots()) for _ in range(rng.randint(2, 5))))
    return "\n\n".join(paragraphs) + "\n"


def corpus(n: int):
    return (document(i) for i in range(n))
