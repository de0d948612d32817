"""Reading: files of every format to clean text, and text that keeps its structure.

``formats`` reads files (text, Markdown, HTML, PDF, DOCX; ``read_document``) into a
``SourceText``; ``language`` detects its language. Wrapped lines are joined while
headings, items and fields are kept:

``join_wrapped_lines(text)`` gives the text the pipeline analyses; ``read_blocks`` its
blocks (:class:`Block`: kind "heading" / "item" / "field" / "paragraph", character
offsets, a field's label, the heading above). In the pipeline the sentence component
stores the blocks on the Doc: ``doc._.blocks`` (``list[Block]``, in text order, offsets
in ``doc.text``); ``reading.doc.block_of(span)`` gives the block a span or token starts
in and ``heading_of(span)`` the heading block above it.
"""

from __future__ import annotations

from innograph.ingest.reading.layout import (
    Block,
    BlockKind,
    block_index,
    ends_sentence,
    field_label,
    is_bullet,
    join_wrapped_lines,
    read_blocks,
)

__all__ = [
    "Block",
    "BlockKind",
    "block_index",
    "ends_sentence",
    "field_label",
    "is_bullet",
    "join_wrapped_lines",
    "read_blocks",
]
