"""YAML as the hooks read it: safe, and parsed by libyaml when PyYAML has it
(several times faster than the pure-Python parser, and the same results)."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
