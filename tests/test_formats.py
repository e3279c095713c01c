"""One ingestor per format, and the bad input every format can meet."""

import pytest

from ingest.errors import InputError
from ingest.formats import iter_paths, parse_bytes, read_path

ARTICLE = """<!doctype html><html><head><meta charset="utf-8">
<meta property="og:title" content="Meer mensen aan het werk in Zwolle">
<meta property="article:published_time" content="2020-05-14T09:00:00+02:00">
<meta property="og:site_name" content="Gemeente Zwolle"></head><body>
<div class="cookie-banner">Wij gebruiken cookies. Lees meer over Amsterdam en Rotterdam.</div>
<nav><ul><li><a href="/a">Nieuws uit Almere</a></li><li><a href="/b">Enschede</a></li></ul></nav>
<header><p>Gemeente Zwolle — Home</p></header>
<main><article><h1>Meer mensen aan het werk in Zwolle</h1>
<p>De gemeente Zwolle maakt de resultaten bekend. Het welbevinden nam toe.</p>
<table><tr><th>Groep</th><th>Uitstroom</th></tr><tr><td>Extra begeleiding</td><td>24%</td></tr></table>
</article></main>
<aside class="related"><h2>Meer nieuws</h2><p>Nieuwe proef in Tilburg</p></aside>
<footer><p>Stadhuis, Grote Kerkplein 15, Zwolle. Bezoek ook Kampen.</p></footer>
<script>var x = "Deventer";</script></body></html>"""


def test_html_keeps_the_article_and_drops_the_furniture():
    doc = parse_bytes(ARTICLE.encode(), "zwolle.html")
    assert "De gemeente Zwolle maakt de resultaten bekend." in doc.text
    assert "Extra begeleiding | 24%" in doc.text
    for furniture in ("Amsterdam", "Almere", "Enschede", "Tilburg", "Kampen", "Deventer", "cookies"):
        assert furniture not in doc.text
    assert (doc.title, doc.published, doc.publisher) == (
        "Meer mensen aan het werk in Zwolle", "2020-05-14", "Gemeente Zwolle")


def test_html_in_a_declared_legacy_encoding():
    raw = ('<html><head><meta charset="windows-1252"></head><body><article><p>'
           'De cliënten in Zwolle waren tevreden over de coördinatie.</p></article></body></html>').encode("cp1252")
    assert "cliënten" in parse_bytes(raw, "oud.html").text


def test_txt_offsets_are_the_files_own_text(tmp_path):
    text = "Kop\n\nIn Zwolle nam het welbevinden toe. “Mooi,” zei iemand.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert read_path(str(path)).text == text


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"   \n\n ", "file is empty"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 20, "binary file"),
    ("latin1.txt", "De cliënten in Zwolle".encode("latin-1"), "not valid UTF-8"),
    ("fake.pdf", b"<html><body>not a pdf</body></html>", "not a PDF"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
])
def test_bad_input_is_named_with_its_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_path(str(path))
    assert err.value.source == str(path)
    assert reason in err.value.reason


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("De uitstroom nam toe. " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_path(str(path), max_bytes=1000)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(str(tmp_path / "nope.txt"))


def test_pdf_text_in_reading_order_with_pages(tmp_path):
    pdf = make_pdf(["Resultaten Zwolle", "Groep | n | uitstroom", "Extra begeleiding | 120 | 24%"],
                   ["Pagina twee: het welbevinden nam toe."])
    doc = parse_bytes(pdf, "rapport.pdf")
    assert doc.text.index("Resultaten Zwolle") < doc.text.index("Extra begeleiding") < doc.text.index("Pagina twee")
    assert doc.page_at(doc.text.index("Pagina twee")) == 2
    assert doc.page_at(doc.text.index("Resultaten")) == 1


def test_folders_are_read_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    for rel in ("b/2.txt", "a.html", "b/1.pdf", "notes.docx", ".hidden.txt"):
        (tmp_path / rel).write_text("x")
    # a format we cannot read is listed too, so that it is reported rather than silently left out
    assert [p[len(str(tmp_path)) + 1:] for p in iter_paths([str(tmp_path)])] == \
        ["a.html", "b/1.pdf", "b/2.txt", "notes.docx"]
    with pytest.raises(InputError, match=r"notes.docx: unsupported format \(.docx; readable are .txt, .html, .pdf\)"):
        read_path(str(tmp_path / "notes.docx"))


def make_pdf(*pages) -> bytes:
    """A minimal valid PDF with one text line per entry (Helvetica), written by hand."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = ["BT /F1 11 Tf 72 760 Td 14 TL"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream")
        content_no = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_no} 0 R >>")
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
