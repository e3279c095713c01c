"""Regenerate the two PDF fixtures of the blind evaluation set.

The tests do not run this script: the PDFs in docs/ are committed fixtures. It needs
fpdf2 (``pip install fpdf2``, not a project dependency) and the DejaVu TrueType fonts
(Debian ``fonts-dejavu-core``), which hold the Dutch quotation marks and ¹ – é ë.
Creation dates are fixed, so a rerun with the same fpdf2 version gives the same bytes.

    .venv/bin/python tests/blind/make_pdfs.py
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

DOCS = Path(__file__).parent / "docs"
FONTS = Path("/usr/share/fonts/truetype/dejavu")


class Doc(FPDF):
    """A4 document with a grey running head, page numbers and a few block helpers."""

    def __init__(self, running_head: str, author: str, created: datetime):
        super().__init__(format="A4")
        self.running_head = running_head
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVu", "I", str(FONTS / "DejaVuSans-Oblique.ttf"))
        self.set_author(author)
        self.set_creation_date(created)  # fixed: reproducible bytes
        self.set_margins(22, 18, 22)
        self.set_auto_page_break(True, margin=22)

    def header(self):
        self.set_font("DejaVu", "I", 8)
        self.set_text_color(120)
        self.cell(0, 5, self.running_head, align="L")
        self.ln(9)
        self.set_text_color(0)

    def footer(self):
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 5, f"Pagina {self.page_no()}", align="R")

    def text_block(self, text: str, size: float = 10, style: str = "", gap: float = 2.5):
        self.set_font("DejaVu", style, size)
        self.multi_cell(0, size * 0.5, text, align="L")
        self.ln(gap)

    def heading(self, text: str, size: float = 11.5):
        self.ln(1.5)
        self.text_block(text, size=size, style="B", gap=1)

    def bullets(self, items: list[str]):
        self.set_font("DejaVu", "", 10)
        for item in items:
            self.set_x(self.l_margin + 3)
            self.multi_cell(0, 5, "• " + item, align="L")
            self.ln(0.8)
        self.ln(1.5)

    def table_block(self, caption: str, rows: list[list[str]], widths: tuple, note: str = ""):
        self.text_block(caption, size=9.5, style="B", gap=1)
        self.set_font("DejaVu", "", 9)
        with self.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align="LEFT",
            line_height=5.5,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        ) as table:
            for row in rows:
                cells = table.row()
                for value in row:
                    cells.cell(value)
        if note:
            self.ln(1)
            self.text_block(note, size=8, style="I", gap=3)
        else:
            self.ln(3)


def kamerbrief() -> Doc:
    pdf = Doc("Ministerie van Sociale Zaken en Werkgelegenheid",
              "Ministerie van Sociale Zaken en Werkgelegenheid",
              datetime(2019, 7, 2, 9, 0, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.text_block("> Retouradres Postbus 90801 2509 LV Den Haag", size=7.5, gap=3)
    pdf.text_block("De Voorzitter van de Tweede Kamer\nder Staten-Generaal\nBinnenhof 1 A\n2513 AA DEN HAAG",
                   size=10, gap=5)
    pdf.text_block("Datum 2 juli 2019\nBetreft Voortgang experimenten Participatiewet\n"
                   "Onze referentie 2019-0000101827", size=9, gap=6)
    pdf.text_block("Geachte voorzitter,")
    pdf.text_block(
        "Met deze brief informeer ik uw Kamer over de voortgang van de experimenten op grond van "
        "het Tijdelijk besluit experimenten Participatiewet. Ik kom daarmee tegemoet aan mijn "
        "toezegging in het algemeen overleg van 14 maart 2019 (Kamerstuk 34 352, nr. 158)."
    )
    pdf.heading("1. Stand van zaken")
    pdf.text_block(
        "In zes gemeenten lopen sinds het najaar van 2017 experimenten: Groningen, Tilburg, "
        "Utrecht, Wageningen, Deventer en Nijmegen. Utrecht voert het experiment uit samen met "
        "de gemeente Zeist. De experimenten eindigen uiterlijk op 1 januari 2020; de "
        "eindevaluatie verschijnt in het najaar van 2020. Tabel 1 geeft per gemeente het aantal "
        "deelnemers dat is gestart en het aantal dat op 1 april 2019 nog actief was."
    )
    pdf.table_block(
        "Tabel 1. Deelnemers per experimentgemeente",
        [
            ["Gemeente", "Gestart", "Nog actief op 1 april 2019"],
            ["Groningen", "1.190", "1.121"],
            ["Tilburg", "802", "744"],
            ["Utrecht*", "779", "702"],
            ["Wageningen", "236", "221"],
            ["Deventer", "412", "388"],
            ["Nijmegen", "318", "297"],
            ["Totaal", "3.737", "3.473"],
        ],
        (45, 30, 55),
        "* inclusief deelnemers uit Zeist. Bron: opgave gemeenten, bewerking SZW.",
    )
    pdf.text_block(
        "Het verschil tussen het aantal gestarte en het aantal actieve deelnemers bestaat vooral "
        "uit mensen die de bijstand hebben verlaten, onder meer omdat zij werk hebben gevonden."
    )
    pdf.heading("2. Eerste bevindingen")
    pdf.text_block(
        "De tussenrapportages van gemeenten en onderzoekers laten een wisselend beeld zien. In "
        "Tilburg en Groningen werken deelnemers in de experimentgroepen vaker in deeltijd naast "
        "hun uitkering dan deelnemers in de controlegroep. Op uitstroom naar betaald werk zijn tot "
        "nu toe geen verschillen gevonden tussen de experimentgroepen en de controlegroepen. In "
        "Deventer en Nijmegen is de ervaren gezondheid van deelnemers licht gestegen ten opzichte "
        "van de nulmeting."
    )
    pdf.text_block(
        "Het CPB, dat de landelijke evaluatie verzorgt, benadrukt in zijn tussenbericht dat ‘op "
        "basis van deze voorlopige cijfers nog geen conclusies over effecten kunnen worden "
        "getrokken’. Ik onderschrijf dat. De definitieve uitkomsten wacht ik af voordat ik "
        "voorstellen doe voor aanpassing van de Participatiewet."
    )
    pdf.heading("3. Vergelijkbare initiatieven")
    pdf.text_block(
        "Naast de zes experimentgemeenten werken ook andere gemeenten, zoals Apeldoorn en Oss, "
        "met aanpakken die uitgaan van vertrouwen. Deze vallen niet onder het Tijdelijk besluit, "
        "omdat zij binnen de bestaande regels blijven. Ik volg deze initiatieven met belangstelling "
        "en betrek de uitkomsten bij de eindevaluatie."
    )
    pdf.heading("4. Vervolg")
    pdf.text_block(
        "Ik informeer uw Kamer over de eindresultaten zodra de evaluatie gereed is, naar "
        "verwachting in het najaar van 2020.", gap=6
    )
    pdf.text_block("De Staatssecretaris van Sociale Zaken\nen Werkgelegenheid,", gap=8)
    pdf.text_block("drs. M.J. Hiemstra")
    return pdf


def rapport_groningen() -> Doc:
    pdf = Doc("Bijstand in Balans – samenvatting eindrapport",
              "Rijksuniversiteit Groningen",
              datetime(2020, 6, 15, 12, 0, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.text_block("Bijstand in Balans", size=18, style="B", gap=1)
    pdf.text_block("Samenvatting van het eindrapport over het experiment Participatiewet in de gemeente Groningen",
                   size=11, gap=2)
    pdf.text_block("T. Brouwer, S. Mulder en A. Kaya\nRijksuniversiteit Groningen, Faculteit Economie en "
                   "Bedrijfskunde\nin opdracht van de gemeente Groningen, juni 2020", size=9, style="I", gap=6)

    pdf.heading("Het experiment")
    pdf.text_block(
        "Van januari 2018 tot en met december 2019 heeft de gemeente Groningen onder de naam "
        "Bijstand in Balans onderzocht welke regels in de bijstand mensen het beste helpen om "
        "(meer) te gaan werken en zich beter te voelen. Het experiment vond plaats op grond van "
        "het Tijdelijk besluit experimenten Participatiewet."
    )
    pdf.heading("Werving en deelname")
    pdf.text_block(
        "Van de ruim 9.000 bijstandsgerechtigden in de gemeente kwamen er 7.960 in aanmerking; zij "
        "ontvingen allemaal een uitnodiging. In totaal meldden 1.311 mensen zich aan. Na de intake "
        "zijn 1.190 deelnemers door loting verdeeld over vijf groepen. Inwoners van de voormalige "
        "gemeenten Haren en Ten Boer, die op 1 januari 2019 bij Groningen zijn gevoegd, konden niet "
        "meer instromen, omdat de loting toen al had plaatsgevonden."
    )
    pdf.bullets([
        "Vrijstelling: de deelnemers waren vrijgesteld van de arbeids- en "
        "re-integratieverplichtingen en bepaalden zelf hun route naar werk.",
        "Extra begeleiding: de deelnemers kregen intensieve ondersteuning van een vaste "
        "klantmanager met een kleinere caseload.",
        "Vrijlating: de deelnemers mochten 50 procent van hun inkomsten uit werk houden, tot "
        "maximaal 202 euro per maand.",
        "Combinatie: vrijstelling van de verplichtingen én een hogere vrijlating.",
        "Controlegroep: de gewone regels van de Participatiewet.",
    ])
    pdf.table_block(
        "Tabel 1. Deelnemers en uitkomsten na 18 maanden, per groep",
        [
            ["Groep", "n", "Deeltijdwerk (%)", "Uitstroom naar werk (%)"],
            ["Vrijstelling", "240", "21,3", "9,0"],
            ["Extra begeleiding", "236", "24,2", "10,2"],
            ["Vrijlating", "239", "26,8*", "8,8"],
            ["Combinatie", "238", "25,1*", "9,6"],
            ["Controlegroep", "237", "19,4", "9,4"],
            ["Totaal", "1.190", "23,4", "9,4"],
        ],
        (45, 20, 40, 50),
        "* verschil met de controlegroep statistisch significant (p < 0,05). Deeltijdwerk: betaald "
        "werk naast de uitkering. Uitstroom: de bijstand verlaten voor werk.",
    )
    pdf.heading("Belangrijkste uitkomsten")
    pdf.text_block(
        "Werk. Het aandeel deelnemers met deeltijdwerk naast de uitkering lag in de groepen "
        "Vrijlating en Combinatie significant hoger dan in de controlegroep: 26,8 en 25,1 procent "
        "tegen 19,4 procent. Ook in de groepen Vrijstelling en Extra begeleiding werkten meer "
        "mensen in deeltijd, maar die verschillen zijn niet significant. Op uitstroom naar werk "
        "vonden we in geen enkele groep een significant verschil met de controlegroep."
    )
    pdf.text_block(
        "Welbevinden en gezondheid. Deelnemers in de experimentgroepen beoordeelden hun "
        "welbevinden gemiddeld met een 6,9 en de controlegroep met een 6,5 (schaal 0–10); dit "
        "verschil is significant. Op ervaren gezondheid vonden we geen verschil met de "
        "controlegroep. Het zelfvertrouwen van deelnemers in de groep Vrijstelling nam toe ten "
        "opzichte van de nulmeting. Het vertrouwen in andere mensen bleef in alle groepen gelijk."
    )
    pdf.text_block(
        "Kosten. De uitvoeringskosten van de groep Extra begeleiding lagen ongeveer 1.450 euro per "
        "deelnemer hoger dan die van de controlegroep."
    )
    pdf.heading("Conclusie")
    pdf.text_block(
        "Minder regels leiden in Groningen niet tot meer uitstroom naar werk. Een hogere "
        "vrijlating helpt mensen wel om naast hun uitkering (meer) te gaan werken. Wij bevelen de "
        "gemeente aan de hogere vrijlating te behouden en de extra begeleiding gerichter in te "
        "zetten voor wie er het meest baat bij heeft."
    )
    return pdf


def main() -> None:
    for name, title, build in [
        ("kamerbrief_voortgang_2019.pdf", "Voortgang experimenten Participatiewet", kamerbrief),
        ("rapport_groningen_samenvatting.pdf", "Bijstand in Balans: samenvatting eindrapport",
         rapport_groningen),
    ]:
        pdf = build()
        pdf.set_title(title)
        pdf.output(str(DOCS / name))
        print("wrote", DOCS / name)


if __name__ == "__main__":
    main()
