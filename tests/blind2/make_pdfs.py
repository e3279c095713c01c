"""Builds docs/deventer_saxion_rapport.pdf with fpdf2 (run with .venv/bin/python make_pdfs.py).

The running header and footer are page furniture, not body text."""
from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONTB = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


class Report(FPDF):
    def header(self):
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110)
        self.cell(0, 6, "Saxion Lectoraat Armoede en Participatie  |  Eindrapport Zelf aan Zet, Deventer 2020", align="L")
        self.ln(10)
        self.set_text_color(0)

    def footer(self):
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(110)
        self.cell(0, 6, f"Pagina {22 + self.page_no()} van 64", align="C")
        self.set_text_color(0)


BODY1 = [
    ("h", "4  Resultaten"),
    ("h2", "4.1  Deelname"),
    ("p", "Aan Zelf aan Zet namen 610 Deventenaren deel. Tabel 4.1 geeft de verdeling over de groepen en de belangrijkste uitkomsten na 24 maanden. Tijdens de looptijd vielen 37 deelnemers af; zij zijn in de analyse meegenomen op basis van hun laatst bekende situatie."),
    ("cap", "Tabel 4.1  Uitkomsten na 24 maanden per groep, vergeleken met de controlegroep (percentages; * = significant verschil met de controlegroep, p < 0,05)"),
]
TABLE = [
    ["Groep", "N", "Uitstroom naar werk (%)", "Parttime werk (%)"],
    ["Vrijstelling", "122", "19,7", "26,2"],
    ["Intensieve begeleiding", "125", "15,2", "24,8"],
    ["Vrijlating", "121", "17,4", "34,1*"],
    ["Vrijstelling + vrijlating", "118", "21,2", "30,5"],
    ["Controlegroep", "124", "16,9", "25,0"],
]
BODY2 = [
    ("h2", "4.2  Uitstroom naar werk"),
    ("p", "De verschillen in uitstroom naar werk tussen de groepen zijn klein. Geen van de interventiegroepen verschilt significant van de controlegroep."),
    ("h2", "4.3  Welzijn en zelfvertrouwen"),
    ("p", "Deelnemers in de vrijstellingsgroep en in de combinatiegroep scoren significant hoger op zelfvertrouwen dan de controlegroep (gemiddeld 6,9 tegen 6,5 op een schaal van 1 tot 10). Op ervaren gezondheid is geen verschil gevonden."),
    ("p", "Een deelnemer uit de vrijstellingsgroep, Sandra Mulder, vertelde in een van de verdiepende interviews: “Ik voelde me voor het eerst geen nummer meer. Ik mocht zelf zeggen wat ik kon.”"),
    ("h2", "4.4  Kosten"),
    ("p", "De uitvoeringskosten per deelnemer lagen in de groep met intensieve begeleiding 640 euro hoger dan in de controlegroep. Voor de overige groepen waren de uitvoeringskosten vergelijkbaar met die van de controlegroep."),
]


def block(pdf, items):
    for kind, text in items:
        if kind == "h":
            pdf.set_font("DejaVu", "B", 14); pdf.multi_cell(0, 8, text); pdf.ln(2)
        elif kind == "h2":
            pdf.set_font("DejaVu", "B", 11); pdf.multi_cell(0, 7, text); pdf.ln(1)
        elif kind == "cap":
            pdf.set_font("DejaVu", "B", 9); pdf.multi_cell(0, 5, text); pdf.ln(2)
        else:
            pdf.set_font("DejaVu", "", 10); pdf.multi_cell(0, 5.5, text); pdf.ln(3)


def main():
    pdf = Report(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONTB)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    block(pdf, BODY1)
    pdf.set_font("DejaVu", "", 9)
    widths = [60, 20, 50, 50]
    for i, row in enumerate(TABLE):
        pdf.set_font("DejaVu", "B" if i == 0 else "", 9)
        for w, cell in zip(widths, row):
            pdf.cell(w, 7, cell, border=1, align="L" if w == 60 else "R")
        pdf.ln(7)
    pdf.ln(4)
    block(pdf, BODY2)
    pdf.output("docs/deventer_saxion_rapport.pdf")


if __name__ == "__main__":
    main()
