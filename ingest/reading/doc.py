"""The reading's blocks on a spaCy Doc: ``doc._.blocks``, and the block or heading of a span.

Apart from ``reading`` itself so that reading files and text needs no spaCy.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from innograph.ingest.reading.layout import Block, block_index, read_blocks

__all__ = ["block_of", "doc_blocks", "heading_of"]

if not Doc.has_extension("blocks"):
    Doc.set_extension("blocks", default=None)


def doc_blocks(doc: Doc) -> list[Block]:
    """The Doc's blocks (set by the sentence component; read from the text if not)."""
    blocks: list[Block] | None = doc._.blocks
    if blocks is None:
        blocks = read_blocks(doc.text)
        doc._.blocks = blocks
    return blocks


def block_of(item: Span | Token) -> Block | None:
    """The block that a span or token starts in, None for whitespace between blocks."""
    doc = item.doc
    char = item.start_char if isinstance(item, Span) else item.idx
    blocks = doc_blocks(doc)
    i = block_index(blocks, char)
    return blocks[i] if i is not None else None


def heading_of(item: Span | Token) -> Block | None:
    """The heading block a span or token sits under (itself if it is in a heading)."""
    block = block_of(item)
    if block is None:
        return None
    if block.kind == "heading":
        return block
    return doc_blocks(item.doc)[block.heading] if block.heading is not None else None
