"""The "service levels at a glance" table, generated from the company's
``sla`` variables, so that the table and the prose read the same value.

A page writes the line ``{{ service_levels_table }}``; it becomes a
Markdown table with one row per ``extra.company.sla`` key: the channel, the
promise and the value, with the labels of the reader's language from
``overrides/interface.yml`` (``sla_<key>_channel``, ``sla_<key>_promise``).
A service level without its labels fails the build, so none is left out.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping

from .errors import PlaybookError
from .markdown_text import prose_lines

MARKER = "service_levels_table"
_MARKER_LINE = re.compile(r"^\{\{\s*" + MARKER + r"\s*\}\}\s*$")
SLA_PREFIX = "company.sla."


def keys(values: Mapping[str, object]) -> list[str]:
    """The service-level keys, in the order mkdocs.yml lists them."""
    return [path[len(SLA_PREFIX):] for path in values if path.startswith(SLA_PREFIX)]


def expand(markdown: str, values: Mapping[str, object], texts: Mapping[str, str], interface_source: str,
           value_text: Callable[[str], str], as_text: Callable[[str], str]) -> str:
    """Replace each marker line with the table. ``value_text(path)`` gives a
    value as the prose writes it; ``as_text`` escapes a label for Markdown."""
    if MARKER not in markdown:
        return markdown
    lines = markdown.split("\n")
    for number, line, in_code in prose_lines(markdown):
        if not in_code and _MARKER_LINE.match(line):
            lines[number - 1] = table(values, texts, interface_source, value_text, as_text)
    return "\n".join(lines)


def table(values: Mapping[str, object], texts: Mapping[str, str], interface_source: str,
          value_text: Callable[[str], str], as_text: Callable[[str], str]) -> str:
    missing = [f"sla_{key}_{part}" for key in keys(values) for part in ("channel", "promise")
               if f"sla_{key}_{part}" not in texts]
    if missing:
        raise PlaybookError(
            f"{interface_source}: the service level(s) {', '.join(missing)} have no label, so the "
            "at-a-glance table cannot list them. Add each with all languages (the channel, and the "
            "promise without its figure, such as 'Reply within')."
        )

    cell = as_text  # escapes "|" too, so a label cannot split a row
    rows = [f"| {cell(texts['service_levels_channel'])} | {cell(texts['service_levels_promise'])} "
            f"| {cell(texts['service_levels_value'])} |", "| --- | --- | --- |"]
    for key in keys(values):
        rows.append(f"| {cell(texts[f'sla_{key}_channel'])} | {cell(texts[f'sla_{key}_promise'])} "
                    f"| {value_text(SLA_PREFIX + key)} |")
    return "\n".join(rows)
