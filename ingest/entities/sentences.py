"""``innograph_line_sentences_v1``: every block of the layout starts a sentence.

The text was laid out before the pipeline ran (``innograph.ingest.reading``): wrapped
lines are joined, and each remaining line is a block — a heading, a list item, a
"Label: value" field or a paragraph. The component stores the blocks on the Doc
(``doc._.blocks``) and starts a sentence at each block's first token, so that no
sentence spans two blocks; the sentencizer or parser splits sentences inside a block.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

import innograph.ingest.reading.doc  # noqa: F401  (registers doc._.blocks)
from innograph.ingest.reading import read_blocks

# A dateline that opens a block ("date 2024-05 Het project ..."): the text after it is a
# new sentence, so its first word is capitalised as a sentence's, not as a name's.
_DATELINE = re.compile(r"date \d{4}(?:-\d{2}){0,2}\s+")


@Language.component(
    "innograph_line_sentences_v1",
    assigns=["token.is_sent_start"],
)
def line_sentences(doc: Doc) -> Doc:
    """Store the layout's blocks on the Doc and start a sentence at each one."""
    # Doc.text joins every token anew on each read: read it once, not once per block.
    text = doc.text
    blocks = read_blocks(text)
    doc._.blocks = blocks
    for block in blocks:
        span = doc.char_span(block.start, block.end, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
        dateline = _DATELINE.match(text, block.start, block.end)
        if dateline is not None:
            after = doc.char_span(dateline.end(), block.end, alignment_mode="expand")
            if after is not None and after.start > 0:
                doc[after.start].is_sent_start = True
    return doc
