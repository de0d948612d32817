"""The layout of a plain text: which line breaks are wraps, and the blocks that remain.

Web pages and PDF excerpts reach the extractor as plain text in which a line is either
a whole block (a heading, a list item, a "Label: value" field, a paragraph) or a piece
of a paragraph that was wrapped at a fixed width. ``join_wrapped_lines`` joins only the
wraps; ``read_blocks`` then describes each remaining line of that text as a
:class:`Block` with its kind and character offsets, so that sentence boundaries and the
relation stage can follow the layout.

A break between two non-blank lines is a wrap when the first line does not end a
sentence and either the next line goes on in lower case (or opens a parenthesis), or
the first line ends on a word that cannot end a sentence or a heading (an article, a
preposition, a conjunction, a comma). A line that starts with a bullet, or a field
line, is never joined to the line before it; a list item or a field takes a wrapped
continuation only when it goes on in lower case or dangles. Length alone does not make
a wrap: on web pages a long line ending without a full stop is usually a heading or a
list item of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "field"]

_SPACES = re.compile(r"[ \t\u00a0]+")
# A list item: a bullet sign, "1." / "2)" or "a)" / "(b)", then a space.
_BULLET = re.compile(
    r"^(?:[-*•·–—▪▫●○◦■□►▶➢➤✓✔‣∙]|\d{1,2}[.)]|[a-zA-Z]\)|\([a-zA-Z0-9]{1,3}\))\s+\S"
)
# A field: a label of 1-4 words starting with a capital, a colon (French: " :"), a value.
_FIELD = re.compile(
    r"^(?P<label>[^\W\d_][\w'’&/().-]*(?:[ –-]{1,3}[\w'’&/().-]+){0,3}?)"
    r" ?:(?:\s+(?P<value>\S.*))?$"
)
# A sentence ends at . ! ? ; : … possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?;:…][\"'”’»)\]]*$")
# Closed-class words that cannot end a sentence or a heading: a line ending on one of
# them goes on in the next line whatever case that line starts with.
_DANGLING = frozenset(
    # English
    "a an the of and or by in for with to from on at as into onto than that which whose "
    "its their our his her"
    # Dutch
    " de het een van en of voor met op aan door bij uit naar tot om over te als dat die "
    "waar zijn haar hun ons onze"
    # German
    " der die das den dem des ein eine einer eines einem einen und oder von für mit im "
    "am an auf aus bei zu zum zur durch über sowie vom"
    # French
    " le la les un une des du de et ou pour avec à au aux en dans par sur sous entre "
    "qui que dont l’ l' d’ d'".split()
)
# A hard-wrapped text shows this many lower-case wraps, at most this wide.
MIN_WRAPS = 3
MAX_WRAP_WIDTH = 160
FULL_SHARE = 0.9
# A heading: a short line (this many characters at most) not ending with punctuation.
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a laid-out text: a line of ``join_wrapped_lines``'s output.

    ``start``/``end`` are character offsets in that text (``doc.text`` in the
    pipeline). ``kind`` is "heading", "item" (a list item, bullet included), "field"
    ("Label: value"; ``label`` is the label and ``value_start`` where the value
    begins) or "paragraph". ``heading`` is the index, in the same block list, of the
    heading this block sits under (the last heading before it), None if there is none
    or if the block is itself a heading.
    """

    kind: BlockKind
    start: int
    end: int
    label: str = ""
    value_start: int = -1
    heading: int | None = None


def is_bullet(line: str) -> bool:
    """A line that opens a list item ("- ", "• ", "1. ", "b) ")."""
    return bool(_BULLET.match(line.strip()))


def field_label(line: str) -> str:
    """The label of a "Label: value" line (1-4 words, capitalised), else ""."""
    m = _FIELD.match(line.strip())
    if not m or not m.group("value") or not m.group("label")[0].isupper():
        return ""
    label = m.group("label")
    # "10:30" and "https://" are not fields; a label is a name, not a clause.
    if label[-1].isdigit() and m.group("value")[0].isdigit():
        return ""
    return label


def ends_sentence(line: str) -> bool:
    """The line ends with sentence-final punctuation (quotes and brackets allowed after)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def _dangles(line: str) -> bool:
    """The line ends on a comma or on a word that cannot end a sentence or heading."""
    if line.endswith((",", "&")):
        return True
    last = line.rsplit(" ", 1)[-1]
    return last in _DANGLING or last[-2:] in {"l’", "l'", "d’", "d'"}


def _continues(line: str) -> bool:
    """The line reads as the rest of the line before: lower case or a parenthesis first."""
    first = line[:1]
    return first.islower() or first == "("


def _is_wrap(line: str, nxt: str, width: int = 0) -> bool:
    """Whether the break between two non-blank (stripped) lines is a soft wrap.

    ``width`` is the text's wrap width (0 if it is not hard-wrapped): a full line whose
    break the next line's first word would not have fitted before is a wrap too.
    """
    if is_bullet(nxt) or ends_sentence(line):
        return False
    dangling = _dangles(line)
    if field_label(nxt) and not dangling:
        return False
    if _continues(nxt) or dangling:
        return True
    # Proportional fonts: a line counts as full some characters short of the width.
    return width > 0 and len(line) + 1 + len(nxt.split(" ", 1)[0]) > FULL_SHARE * width


def wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped text was wrapped at, 0 if the text is not hard-wrapped.

    It is read off the unmistakable wraps (a line going on in lower case): a text with
    at least three of them, of similar length, was wrapped at their longest length.
    """
    wrapped = sorted(
        len(line)
        for line, nxt in zip(lines, lines[1:], strict=False)
        if line and nxt and not ends_sentence(line) and nxt[:1].islower() and not is_bullet(nxt)
    )
    if len(wrapped) < MIN_WRAPS:
        return 0
    # Wrapped lines fill the width: most of them are close to the longest.
    width = wrapped[-1]
    if width > MAX_WRAP_WIDTH or wrapped[len(wrapped) // 2] < 0.75 * width:
        return 0
    return width


def join_wrapped_lines(text: str) -> str:
    """Join the lines that wrap a sentence, and collapse runs of spaces.

    Headings, list items, "Label: value" fields and blank lines keep their breaks;
    only soft-wrapped prose is joined (see the module's docstring). Character offsets
    of the result refer to this text, not to the source text.
    """
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    width = wrap_width(lines)
    out = []
    for i, line in enumerate(lines[:-1]):
        nxt = lines[i + 1]
        wrap = bool(line) and bool(nxt) and _is_wrap(line, nxt, width)
        out.append(line + (" " if wrap else "\n"))
    out.append(lines[-1])
    return "".join(out)


def _is_heading(line: str, nxt: str) -> bool:
    """A short line without final punctuation, alone or before a line that starts anew."""
    if len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS:
        return False
    if line.endswith(":"):  # "Partners:" introduces what follows
        return len(line.split()) <= 4
    if ends_sentence(line) or line.endswith((",", ";")):
        return False
    return not nxt or not _continues(nxt)


def read_blocks(text: str) -> list[Block]:
    """The blocks of a text whose wraps are already joined: one per non-blank line."""
    blocks: list[Block] = []
    lines = text.split("\n")
    offset = 0
    heading: int | None = None
    for i, raw in enumerate(lines):
        start = offset + len(raw) - len(raw.lstrip())
        offset += len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        end = start + len(line)
        nxt = next((n.strip() for n in lines[i + 1 : i + 2]), "")
        if is_bullet(line):
            blocks.append(Block("item", start, end, heading=heading))
        elif label := field_label(line):
            value = line.index(":", len(label)) + 1
            value += len(line[value:]) - len(line[value:].lstrip())
            blocks.append(Block("field", start, end, label, start + value, heading))
        elif _is_heading(line, nxt):
            blocks.append(Block("heading", start, end))
            heading = len(blocks) - 1
        else:
            blocks.append(Block("paragraph", start, end, heading=heading))
    return blocks


def block_index(blocks: list[Block], char: int) -> int | None:
    """The index of the block that holds character offset ``char``, None if none does."""
    i = bisect_right([b.start for b in blocks], char) - 1
    if i >= 0 and char < blocks[i].end:
        return i
    return None
