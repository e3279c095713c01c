"""Regenerate the PDF fixtures of the second evaluation corpus.

Not run by the tests: the generated files in docs/ are committed as fixtures.
Needs fpdf2 (``pip install fpdf2``) and the DejaVu TrueType fonts (Debian package
``fonts-dejavu-core``), which cover the Dutch quotation marks „ ” ‘ ’.

    python tests/corpus/make_pdfs.py
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

DOCS = Path(__file__).parent / "docs"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class Report(FPDF):
    """A4 page with a running header and page numbers, as reports have."""

    def __init__(self, running_head: str, created: datetime, author: str):
        super().__init__(format="A4")
        self.running_head = running_head
        self.set_author(author)
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)
        # a fixed date keeps the bytes reproducible
        self.set_creation_date(created)

    def header(self):
        self.set_font("DejaVu", "I", 8)
        self.set_text_color(110)
        self.cell(0, 6, self.running_head, align="R")
        self.ln(10)
        self.set_text_color(0)

    def footer(self):
        self.set_y(-15)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 6, f"{self.page_no()}", align="C")

    def title_block(self, title: str, subtitle: str):
        self.set_font("DejaVu", "B", 16)
        self.multi_cell(0, 8, title, align="L")
        self.ln(1)
        self.set_font("DejaVu", "", 10)
        self.multi_cell(0, 5, subtitle, align="L")
        self.ln(4)

    def heading(self, text: str):
        self.ln(2)
        self.set_font("DejaVu", "B", 12)
        self.multi_cell(0, 6, text, align="L")
        self.ln(1)

    def para(self, text: str):
        self.set_font("DejaVu", "", 10)
        self.multi_cell(0, 5, text, align="L")
        self.ln(2)

    def bullet(self, text: str):
        self.set_font("DejaVu", "", 10)
        self.set_x(self.l_margin + 4)
        self.multi_cell(0, 5, "• " + text, align="L")
        self.ln(1)

    def grid(self, caption: str, rows: list[list[str]], col_widths: tuple, note: str = ""):
        self.set_font("DejaVu", "B", 10)
        self.multi_cell(0, 5, caption, align="L")
        self.ln(1)
        self.set_font("DejaVu", "", 9)
        with self.table(
            col_widths=col_widths,
            text_align="LEFT",
            line_height=6,
            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
            width=sum(col_widths),
            align="LEFT",
        ) as table:
            for row in rows:
                r = table.row()
                for cell in row:
                    r.cell(cell)
        if note:
            self.set_font("DejaVu", "I", 8)
            self.multi_cell(0, 4, note, align="L")
        self.ln(3)


def nijmegen_report() -> Report:
    pdf = Report("Radboud Universiteit – Evaluatie experiment Meedoen Zonder Drempels",
                 datetime(2020, 9, 21, tzinfo=timezone.utc), "Radboud Universiteit")
    pdf.add_page()
    pdf.title_block(
        "Meedoen Zonder Drempels: eindrapport evaluatie",
        "Samenvatting\nL. van Dijk, R. Hendriks en M. Öztürk\nRadboud Universiteit, Nijmegen, september 2020",
    )
    pdf.heading("1. Achtergrond")
    pdf.para(
        "De gemeente Nijmegen heeft van december 2017 tot en met december 2019 een experiment "
        "uitgevoerd op grond van het Tijdelijk besluit experimenten Participatiewet. Het "
        "experiment, Meedoen Zonder Drempels, onderzocht of minder verplichtingen, meer begeleiding "
        "of een ruimere vrijlating van inkomsten leiden tot meer uitstroom naar werk en tot een "
        "beter welbevinden van bijstandsgerechtigden."
    )
    pdf.heading("2. Opzet en deelname")
    pdf.para(
        "Van de 2.410 aangeschreven bijstandsgerechtigden meldden 356 zich aan. Na controle op de "
        "voorwaarden zijn 302 deelnemers door loting verdeeld over drie experimentgroepen en een "
        "controlegroep. In de groep ‘Regelluw’ vervielen de sollicitatieplicht en de verplichting "
        "om aan re-integratie deel te nemen. De groep ‘Intensieve coaching’ kreeg maandelijks een "
        "gesprek met een vaste klantmanager. De groep ‘Hogere vrijlating’ mocht 25 procent van de "
        "inkomsten uit werk houden, met een maximum van 199 euro per maand. Tabel 1 geeft de omvang "
        "van de groepen en de uitstroom naar werk na twee jaar."
    )
    pdf.grid(
        "Tabel 1. Omvang van de groepen en uitstroom naar werk na 24 maanden",
        [
            ["Groep", "Deelnemers (n)", "Uitstroom naar werk (%)"],
            ["Regelluw", "76", "17,1"],
            ["Intensieve coaching", "75", "19,8"],
            ["Hogere vrijlating", "77", "18,4"],
            ["Controlegroep", "74", "16,2"],
            ["Totaal", "302", "17,9"],
        ],
        (60, 40, 55),
        "Bron: gemeentelijke uitkeringsadministratie, bewerking Radboud Universiteit.",
    )
    pdf.heading("3. Belangrijkste uitkomsten")
    pdf.para(
        "In alle drie experimentgroepen lag de uitstroom naar werk iets hoger dan in de "
        "controlegroep (16,2 procent): 17,1 procent in de groep ‘Regelluw’, 19,8 procent bij "
        "‘Intensieve coaching’ en 18,4 procent bij ‘Hogere vrijlating’. Geen van deze verschillen "
        "is statistisch significant."
    )
    pdf.para(
        "Deelnemers in de groep ‘Regelluw’ rapporteerden een significant hoger welbevinden dan de "
        "controlegroep, gemiddeld 0,4 punt op een schaal van 1 tot 10. Op zelfredzaamheid vonden wij "
        "geen verschillen tussen de experimentgroepen en de controlegroep. Het vertrouwen van "
        "deelnemers in andere mensen nam in alle groepen licht toe ten opzichte van de nulmeting."
    )
    pdf.heading("4. Conclusie")
    pdf.para(
        "Het experiment heeft in Nijmegen niet geleid tot aantoonbaar meer uitstroom naar werk, "
        "maar wel tot een beter welbevinden in de regelluwe groep. Deze uitkomsten komen overeen "
        "met die van de experimenten in Tilburg en Deventer. Wij bevelen aan de ervaringen met de "
        "vaste klantmanager te benutten bij de herziening van de dienstverlening."
    )
    return pdf


def national_summary() -> Report:
    pdf = Report("Synthese experimenten Participatiewet – samenvatting",
                 datetime(2020, 10, 23, tzinfo=timezone.utc), "Centraal Planbureau")
    pdf.add_page()
    pdf.title_block(
        "Experimenten Participatiewet: synthese van de effecten",
        "Samenvatting van de landelijke evaluatie\nCentraal Planbureau, in opdracht van ZonMw, oktober 2020",
    )
    pdf.heading("Doel en opzet")
    pdf.para(
        "In zes gemeenten is tussen 2017 en 2020 geëxperimenteerd met andere regels in de bijstand. "
        "In elke gemeente zijn deelnemers door loting verdeeld over experimentgroepen en een "
        "controlegroep. Bij het ontwerp was uitgegaan van ruim 7.000 deelnemers. In totaal zijn de "
        "gegevens van 3.906 deelnemers geanalyseerd. Deze synthese vergelijkt steeds de "
        "experimentgroepen met de controlegroep in dezelfde gemeente."
    )
    pdf.grid(
        "Tabel 1. Effecten per gemeente ten opzichte van de controlegroep",
        [
            ["Gemeente", "Deelnemers (n)", "Voltijds werk", "Welbevinden"],
            ["Groningen", "1.142", "geen sign. effect", "hoger (sign.)"],
            ["Tilburg", "1.089", "geen sign. effect", "geen sign. effect"],
            ["Utrecht (met Zeist)", "761", "geen sign. effect", "gemengd"],
            ["Wageningen", "219", "geen sign. effect", "geen sign. effect"],
            ["Deventer", "398", "geen sign. effect", "geen sign. effect"],
            ["Nijmegen", "297", "geen sign. effect", "hoger (sign.)"],
        ],
        (42, 30, 52, 46),
        "sign. = statistisch significant op het 5%-niveau.",
    )
    pdf.heading("Belangrijkste bevindingen")
    pdf.para(
        "In geen enkele gemeente is een statistisch significant effect op de uitstroom naar "
        "voltijds werk gevonden. Ook over alle gemeenten samen is het effect op voltijds werk niet "
        "significant."
    )
    pdf.para(
        "Op deeltijdwerk vonden Groningen, Tilburg en Utrecht wel een significant positief effect "
        "ten opzichte van de controlegroep. Het welbevinden nam in Groningen en Nijmegen significant "
        "toe ten opzichte van de controlegroep; in Utrecht was het beeld gemengd."
    )
    pdf.heading("Kanttekeningen")
    pdf.para(
        "De groepen zijn klein en de looptijd was kort, zodat kleine effecten niet konden worden "
        "aangetoond. Vergelijkingen met bijstandsgerechtigden die niet deelnamen, zoals gemeenten "
        "die soms publiceerden, zijn in deze synthese niet gebruikt."
    )
    return pdf


def tilburg_factsheet() -> Report:
    pdf = Report("Gemeente Tilburg | Tilburg University – factsheet",
                 datetime(2019, 10, 15, tzinfo=timezone.utc), "Gemeente Tilburg")
    pdf.add_page()
    pdf.title_block(
        "Factsheet tussenstand Vertrouwen en Zelfregie",
        "Peildatum 1 oktober 2019",
    )
    pdf.heading("Over het experiment")
    pdf.para(
        "Sinds november 2017 onderzoekt de gemeente Tilburg samen met Tilburg University of "
        "bijstandsgerechtigden beter af zijn met meer vertrouwen en minder regels. Deelnemers zijn "
        "door loting ingedeeld in drie experimentgroepen – zonder sollicitatieplicht (‘Zelf aan "
        "zet’), met extra begeleiding (‘Extra ondersteuning’) of met een hogere vrijlating van "
        "bijverdiensten (‘Meer overhouden’) – en een controlegroep. De onderzoekers "
        "verzamelen elk half jaar gegevens over werk, inkomen, gezondheid en welbevinden. Deze "
        "factsheet geeft de stand van zaken halverwege; de definitieve resultaten volgen in 2020."
    )
    pdf.heading("Deelname")
    pdf.para(
        "Van de 1.106 gestarte deelnemers waren er op de peildatum nog 1.042 actief in het "
        "experiment. De overigen zijn gestopt, verhuisd of hebben de bijstand verlaten."
    )
    pdf.grid(
        "Tabel 1. Deelnemers met parttime werk naast de uitkering, per groep",
        [
            ["Groep", "Gestart (n)", "Met parttime werk (%)"],
            ["Zelf aan zet", "281", "23"],
            ["Extra ondersteuning", "276", "25"],
            ["Meer overhouden", "277", "31"],
            ["Controlegroep", "272", "19"],
        ],
        (60, 35, 50),
    )
    pdf.heading("Eerste uitkomsten")
    pdf.bullet(
        "In de groep ‘Meer overhouden’ heeft 31 procent van de deelnemers parttime werk naast de "
        "uitkering, tegen 19 procent in de controlegroep."
    )
    pdf.bullet(
        "Ook de groepen ‘Zelf aan zet’ (23 procent) en ‘Extra ondersteuning’ (25 procent) liggen "
        "boven de controlegroep."
    )
    pdf.bullet(
        "Welbevinden (rapportcijfer, alle deelnemers): 6,9 bij de start, 7,3 op de peildatum."
    )
    pdf.para(
        "Let op: dit zijn voorlopige cijfers. Of de verschillen statistisch significant zijn, wordt "
        "pas bij de eindmeting in 2020 bepaald."
    )
    pdf.heading("Uit de praktijk")
    pdf.para(
        "„Ik durf weer dingen te proberen zonder dat ik bang ben dat het meteen misgaat met mijn "
        "uitkering.” – Anouk Verschuren, deelnemer in de groep ‘Meer overhouden’"
    )
    return pdf


def main() -> None:
    for name, title, build in [
        ("eindrapport_nijmegen_samenvatting.pdf",
         "Meedoen Zonder Drempels: eindrapport evaluatie (samenvatting)", nijmegen_report),
        ("synthese_landelijke_evaluatie.pdf",
         "Experimenten Participatiewet: synthese van de effecten", national_summary),
        ("factsheet_tilburg_tussenstand.pdf",
         "Factsheet tussenstand Vertrouwen en Zelfregie", tilburg_factsheet),
    ]:
        pdf = build()
        pdf.set_title(title)
        pdf.output(str(DOCS / name))
        print("wrote", DOCS / name)


if __name__ == "__main__":
    main()
