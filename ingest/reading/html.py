"""The readable text of an HTML page: headings and paragraphs as lines, boilerplate gone.

Navigation, headers and footers of the site, sidebars, scripts, styles, forms and cookie
banners say nothing about the ecosystem but are full of organisation names (partner
logos, menus), so they are removed before extraction.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements that never hold the document's own text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "iframe",
    "svg",
    "canvas",
    "button",
    "select",
    "dialog",
    "object",
    "embed",
)
# Page-level header/footer: dropped unless they sit inside the main content.
_PAGE_FURNITURE = ("header", "footer")
_DROP_ROLES = ("navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu")
# class/id words of cookie banners, menus, share buttons and similar furniture.
_FURNITURE_WORDS = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|cookiebar|breadcrumbs?|navbar|nav|menu|"
    r"sidebar|share|sharing|social|newsletter|skip-link|popup|modal)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
# Consent managers name their banners in many ways ("CybotCookiebotDialog", "cmplz-...").
_CONSENT_MARKS = re.compile(r"cookie|consent|gdpr|cmplz|onetrust", re.IGNORECASE)
# Elements whose class/id is never used to drop them (a <body class="has-sidebar">).
_NEVER_DROP = {"html", "body", "main", "article"}
# Elements that start and end a line of text.
_BLOCK_TAGS = {
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_CELL_TAGS = {"td", "th"}
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def html_to_text(html: str) -> tuple[str, str | None]:
    """The text of ``html`` as lines (one per heading, paragraph, list item or table row)
    and the page title (``<title>`` or the first ``<h1>``), or None."""
    tree = LexborHTMLParser(html)
    title = _title(tree)
    _drop_furniture(tree)
    root = tree.css_first("main") or tree.body or tree.root
    if root is None:
        return "", title
    return _lines(root), title


def _title(tree: LexborHTMLParser) -> str | None:
    for selector in ("title", "h1"):
        node = tree.css_first(selector)
        if node is not None:
            text = _SPACES.sub(" ", node.text()).strip()
            if text:
                return text
    return None


def _inside_content(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in ("main", "article"):
            return True
        parent = parent.parent
    return False


def _drop_furniture(tree: LexborHTMLParser) -> None:
    for node in tree.css(", ".join(_DROP_TAGS)):
        node.decompose()
    for node in tree.css(", ".join(f'[role="{role}"]' for role in _DROP_ROLES)):
        if node.tag not in _NEVER_DROP:
            node.decompose()
    for node in tree.css(", ".join(_PAGE_FURNITURE)):
        if not _inside_content(node):
            node.decompose()
    for node in tree.css("[class], [id]"):
        if node.tag in _NEVER_DROP or node.parent is None:
            continue
        marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _FURNITURE_WORDS.search(marks) or _CONSENT_MARKS.search(marks):
            node.decompose()
    for node in tree.css("[hidden], [aria-hidden=true]"):
        if node.tag not in _NEVER_DROP:
            node.decompose()


def _lines(root: LexborNode) -> str:
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    # Explicit stack instead of recursion: real pages nest deeper than Python's limit.
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag or ""
        if not entering:
            if tag in _CELL_TAGS:
                current.append(" | ")
            elif tag in _BLOCK_TAGS:
                flush()
            continue
        if tag == "-text":
            current.append(node.text(deep=False) or "")
            continue
        if tag.startswith("-"):  # comments and other non-elements
            continue
        if tag == "br":
            flush()
            continue
        if tag == "img":
            continue
        if tag in _BLOCK_TAGS and tag not in _CELL_TAGS and tag != "tr":
            flush()
        elif tag == "tr":
            flush()
        stack.append((node, False))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True) for c in reversed(children))
    flush()
    return "\n".join(line.strip(" |") for line in lines if line.strip(" |"))
