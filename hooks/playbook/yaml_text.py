"""YAML as the hooks read it: safe, and parsed by libyaml when PyYAML has it
(several times faster than the pure-Python parser, and the same results)."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def key_line(text: str, path: tuple[str, ...]) -> int | None:
    """The line (1-based) of a nested key such as ``("extra", "brand", "logo")``,
    for error messages; None when the key is not there. Only the document's
    structure is read, so tags such as mkdocs.yml's ``!ENV`` need no constructor."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None
    key_node = None
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return None
        key_node, node = next(((k, v) for k, v in node.value if k.value == key), (None, None))
        if key_node is None:
            return None
    return key_node.start_mark.line + 1 if key_node is not None else None
