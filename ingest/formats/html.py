"""HTML: the article body only. Menus, cookie banners, sidebars and footers name other
municipalities and must never reach the extractor."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, UnicodeDammit

from ..document import Document
from ..errors import InputError
from .dates import normalise_date
from .encoding import trust_the_bytes
from .facts import without_byline_word

# Elements that are page furniture wherever they appear.
DROP_TAGS = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside",
             "form", "button", "iframe", "svg", "select", "input", "menu", "dialog"]
# class/id fragments that mark furniture in the wild.
FURNITURE = re.compile(
    r"(^|[-_ ])(cookie|consent|banner|gdpr|nav|navbar|menu|breadcrumbs?|sidebar|side-bar|"
    r"related|gerelateerd|meer-nieuws|more-news|share|social|footer|header|skip|newsletter|"
    r"nieuwsbrief|comments?|reacties|widget|advert|advertentie|pagination|tags|sitemap)($|[-_ ])",
    re.I,
)
BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
          "li", "blockquote", "tr", "table", "ul", "ol", "dl", "dt", "dd", "figcaption",
          "pre", "address", "br", "hr"}
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


def _meta(soup, *names):
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return tag["content"].strip()
    return None


def _trafilatura_metadata(markup: str) -> dict:
    """trafilatura's reading of title, date, site and author (meta tags, JSON-LD, bylines)."""
    from trafilatura import extract_metadata

    try:
        # No extensive date search: a date in the body (the start of an experiment) is
        # not the publication date.
        meta = extract_metadata(markup, date_config={"original_date": True, "extensive_search": False})
    except Exception:  # its heuristics have bugs of their own; they must not cost us the document
        return {}
    return {"title": meta.title, "published": meta.date, "publisher": meta.sitename, "author": meta.author}


_SITE_SUFFIX = re.compile(r"^(.{12,}?)\s+[|–—-]\s+([^|–—-]{2,60})$")


def without_site_name(title: str | None, publisher: str | None) -> str | None:
    """'Experiment afgerond | Gemeente Wageningen' -> 'Experiment afgerond': a page title
    ends with the site's name after a bar or dash when it names the publisher or is a
    short name (at most five words, each capitalised or a small word)."""
    if not title:
        return title
    m = _SITE_SUFFIX.match(title.strip())
    if not m:
        return title.strip()
    head, tail = m.group(1).strip(), m.group(2).strip()
    words = tail.split()
    named = publisher and (publisher.lower() in tail.lower() or tail.lower() in publisher.lower())
    short_name = len(words) <= 5 and all(w[0].isupper() or w.lower() in SMALL_WORDS or not w[0].isalpha()
                                         for w in words)
    return head if named or short_name else title.strip()


SMALL_WORDS = {"de", "het", "van", "en", "&", "der", "voor", "of", "the", "for", "and"}


def _is_furniture(tag) -> bool:
    if tag.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    marks = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
    return bool(FURNITURE.search(marks))


def _drop_furniture(soup) -> None:
    """Remove furniture from the tree, top down, without looking inside what is removed:
    one pass, linear in the size of the page however deeply it is nested."""
    stack = [soup]
    while stack:
        for child in list(stack.pop().children):
            if getattr(child, "name", None) is None:
                continue
            if child.name in DROP_TAGS or (child.attrs and _is_furniture(child)):
                child.decompose()
            else:
                stack.append(child)


def _main_element(soup):
    for selector in ("article", "main", "[role=main]", "#content", ".content"):
        found = soup.select(selector)
        if found:
            # The largest match: some sites wrap teasers in <article> too.
            return max(found, key=lambda t: len(t.get_text(" ", strip=True)))
    # No semantic markup: the element holding the most paragraph text.
    best, best_len = soup.body or soup, 0
    for tag in soup.find_all(["div", "section", "td"]):
        length = sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p", recursive=False))
        if length > best_len:
            best, best_len = tag, length
    return best


def _render(node, out: list[str]) -> None:
    """Walk the tree, writing text with blank lines between blocks and ' | ' between cells.
    Iterative, with an explicit stack: a page nested thousands deep is read in linear time
    and cannot exhaust Python's recursion limit."""
    stack = [(child, False) for child in reversed(list(node.children))]
    while stack:
        child, closing = stack.pop()
        if closing:  # the text after a block's children
            out.append(child)
            continue
        if isinstance(child, Comment):
            continue
        name = getattr(child, "name", None)
        if name is None:
            out.append(_WS.sub(" ", str(child)).replace("\n", " "))
            continue
        after = None
        if name in ("td", "th"):
            out.append(" | ")
        elif name == "li":
            out.append("\n\n• ")
            after = "\n\n"
        elif name in BLOCKS:
            after = "\n\n" if name not in ("tr", "br") else "\n"
            out.append(after)
        if after is not None:
            stack.append((after, True))
        stack.extend((grandchild, False) for grandchild in reversed(list(child.children)))


def html_to_text(node) -> str:
    out: list[str] = []
    _render(node, out)
    text = "".join(out)
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith("|"):
            line = line.lstrip("| ").strip()
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def parse(raw: bytes, path: str) -> Document:
    dammit = UnicodeDammit(raw, is_html=True)
    if dammit.unicode_markup is None:
        raise InputError(path, "cannot determine the character encoding of this HTML")
    markup = trust_the_bytes(raw, dammit.unicode_markup)
    soup = BeautifulSoup(markup, "html.parser")
    if soup.find(["html", "body", "p", "div", "article"]) is None:
        raise InputError(path, "no HTML elements found (is it really HTML?)")
    title = _meta(soup, "og:title", "twitter:title", "dc.title")
    if not title and soup.title and soup.title.string:
        title = soup.title.string.strip()
    published = _meta(soup, "article:published_time", "og:published_time", "datePublished",
                      "dcterms.created", "dc.date", "date", "publication_date")
    if not published:
        time_tag = soup.find("time")
        if time_tag:
            published = time_tag.get("datetime") or time_tag.get_text(" ", strip=True)
    publisher = _meta(soup, "og:site_name", "publisher", "dc.publisher")
    author = _meta(soup, "author", "article:author", "dc.creator")
    url = _meta(soup, "og:url")
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        url = canonical["href"]
    found = {"title": title, "published": normalise_date(published), "publisher": publisher, "author": author}
    if not all(found.values()):
        # Only the fields the meta tags left empty: those tags are the page's own statement.
        extra = _trafilatura_metadata(markup)
        found = {key: value or extra.get(key) for key, value in found.items()}
    _drop_furniture(soup)
    main = _main_element(soup)
    h1 = main.find("h1")
    headline = _WS.sub(" ", h1.get_text(" ", strip=True)).strip() if h1 else ""
    # The article's own headline; the page title often carries the site's name ("… | Gemeente X")
    found["title"] = headline or without_site_name(found["title"], found["publisher"])
    text = html_to_text(main)
    if title and not text.lstrip().startswith(title[:40]):
        h1 = main.find("h1")
        if h1 is None:
            text = title + "\n\n" + text
    return Document(path=path, text=text, format="html", content_hash="", title=found["title"],
                    published=normalise_date(found["published"]), publisher=found["publisher"],
                    author=without_byline_word(found["author"]), source_url=url)
