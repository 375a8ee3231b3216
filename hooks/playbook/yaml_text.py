"""YAML as the hooks read it: safe, and parsed by libyaml when PyYAML has it
(several times faster than the pure-Python parser, and the same results)."""

from __future__ import annotations

from typing import Any, Iterator

import yaml

from .errors import PlaybookError
from .plain_text import forbidden_character, shown

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def load(text: str, source: str, loader=SafeLoader, first_line: int = 1) -> Any:
    """YAML that editors write (changelog entries, front matter), or a
    PlaybookError naming ``source`` and the line (``first_line`` is the line
    of ``source`` where ``text`` starts) with the fix.

    Aliases (``*name``) are refused before anything is built from the text,
    so that a few hundred bytes cannot expand to gigabytes; text that XML 1.0
    forbids is refused, because it would break the feeds."""

    def where(mark) -> str:
        return f"{source}:{mark.line + first_line}" if mark is not None else source

    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise PlaybookError(
                    f"{where(event.start_mark)}: the YAML alias *{shown(event.anchor)[1:-1]} repeats another value; "
                    "aliases are not allowed here. Write the value out in full."
                )
        reader = loader(text)
        try:
            node = reader.get_single_node()
            if node is None:
                return None
            for scalar in _scalars(node):
                bad = forbidden_character(scalar.value)
                if bad:
                    raise PlaybookError(
                        f"{where(scalar.start_mark)}: the text {shown(scalar.value)} contains the character "
                        f"{bad}, which pages and feeds cannot carry (it often comes along "
                        "when text is pasted from another program). Remove it."
                    )
            try:
                return reader.construct_document(node)
            except ValueError as error:
                # A date that does not exist (2026-02-30) matches YAML's date pattern but fails to build.
                bad = next((s for s in _scalars(node) if s.tag == _TIMESTAMP and not _builds(reader, s)), None)
                raise PlaybookError(
                    f"{where(bad.start_mark if bad else None)}: {shown(bad.value) if bad else 'a date'} is not a real "
                    f"date ({error}). Write a day that exists, as YYYY-MM-DD."
                ) from None
        finally:
            reader.dispose()
    except yaml.constructor.ConstructorError as error:
        raise PlaybookError(
            f"{where(error.problem_mark)}: not valid here ({error.problem}); only text, numbers, dates, lists "
            "and mappings are. Remove the tag (the word starting with '!')."
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "unreadable"
        if error.context and error.context_mark and error.problem_mark:
            # "while parsing a flow sequence", from the line where the [ opened
            problem += f" {error.context}, from line {error.context_mark.line + first_line}"
        raise PlaybookError(f"{where(mark)}: not valid YAML ({problem}). Check the indentation and quoting.") from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + first_line
        raise PlaybookError(
            f"{source}:{line}: the character U+{error.character:04X} is not allowed in YAML ({error.reason}). Remove it."
        ) from None


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _builds(reader, scalar) -> bool:
    try:
        reader.construct_yaml_timestamp(scalar)
        return True
    except ValueError:
        return False


def _scalars(node) -> Iterator[yaml.ScalarNode]:
    # A stack, not recursion: the nesting depth is the editor's to choose.
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)


def _mapping_at(text: str, path: tuple[str, ...]):
    """The node at a nested key, and the node of its last key (None, None when absent).
    Only the document's structure is read, so tags such as mkdocs.yml's
    ``!ENV`` need no constructor."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        try:  # libyaml refuses escapes such as "\ud800" that PyYAML, and so MkDocs, reads
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return None, None
    key_node = None
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None, None
        key_node, node = next(((k, v) for k, v in node.value if k.value == key), (None, None))
        if key_node is None:
            return None, None
    return key_node, node


def key_line(text: str, path: tuple[str, ...]) -> int | None:
    """The line (1-based) of a nested key such as ``("extra", "brand", "logo")``,
    for error messages; None when the key is not there."""
    key_node, _ = _mapping_at(text, path)
    return key_node.start_mark.line + 1 if key_node is not None else None


def repeated_key(text: str, path: tuple[str, ...]) -> tuple[str, int] | None:
    """The first key given twice in the mapping at ``path``, and the line of
    its second occurrence. YAML keeps the last one silently."""
    _, node = _mapping_at(text, path)
    if not isinstance(node, yaml.MappingNode):
        return None
    seen = set()
    for key, _ in node.value:
        if key.value in seen:
            return key.value, key.start_mark.line + 1
        seen.add(key.value)
    return None
