"""Plain text from Markdown: the syntax stripped lightly, the words and lines kept."""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST_MARK = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CODE = re.compile(r"`+([^`]+)`+")
# Emphasis markers around words; "_" only at word edges so snake_case survives.
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """The text of a Markdown document, line by line, and its first heading (or None)."""
    text = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"), count=1)
    title: str | None = None
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _TABLE_SEPARATOR.match(line) and "-" in line and "|" in line:
            continue
        if _RULE.match(line) or _LINK_DEFINITION.match(line):
            out.append("")
            continue
        if _SETEXT_UNDERLINE.match(line) and out and out[-1].strip():
            title = title or out[-1].strip()
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
            title = title or _inline(line).strip() or None
        line = _QUOTE.sub("", line)
        line = _LIST_MARK.sub(r"\1", line)
        if line.strip().startswith("|") or line.count("|") >= 2:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = " | ".join(c for c in cells if c)
        out.append(_inline(line).rstrip())
    return "\n".join(out), title


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    for pattern in (_STRONG, _STRIKE):
        line = pattern.sub(r"\2" if pattern is _STRONG else r"\1", line)
    line = _EMPHASIS_STAR.sub(r"\1", line)
    line = _EMPHASIS_UNDERSCORE.sub(r"\1", line)
    return line
