"""``innograph_line_sentences_v1``: a line break that survived line joining ends a sentence.

Headings, address lines and list items stand on lines of their own; the text layer
keeps them apart with "\\n" (wrapped lines were joined before the pipeline ran).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component(
    "innograph_line_sentences_v1",
    assigns=["token.is_sent_start"],
)
def line_sentences(doc: Doc) -> Doc:
    """Start a sentence at the first token after any whitespace token holding a newline."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc
