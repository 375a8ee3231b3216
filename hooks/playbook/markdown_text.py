"""Helpers to walk Markdown source while leaving code alone."""

from __future__ import annotations

import re
from typing import Callable, Iterator

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?P<ticks>`+)(?:.+?)(?P=ticks)", re.S)


def prose_lines(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """Yield ``(line_number, line, in_code)`` for each line (1-based).

    ``in_code`` is true for the lines of a fenced code block, fences included.
    """
    fence = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group("fence")
                yield number, line, True
            else:
                yield number, line, False
        else:
            if _closes(line, fence):
                fence = None
            yield number, line, True


def _closes(line: str, fence: str) -> bool:
    """A closing fence repeats the opening character, at least as often, alone."""
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) == {fence[0]}


def map_prose(markdown: str, transform: Callable[[str, int], str]) -> str:
    """Apply ``transform(text, line_number)`` to prose outside any code.

    Fenced blocks and inline code spans pass through untouched.
    """
    out = []
    for number, line, in_code in prose_lines(markdown):
        if in_code:
            out.append(line)
            continue
        pieces, last = [], 0
        for code in _INLINE_CODE.finditer(line):
            pieces.append(transform(line[last:code.start()], number))
            pieces.append(code.group(0))
            last = code.end()
        pieces.append(transform(line[last:], number))
        out.append("".join(pieces))
    return "\n".join(out)
