"""A small JSON Schema (2020-12) checker for the keywords the project's
schemas use: type, const, required, properties, additionalProperties,
items, oneOf, pattern, minLength. (jsonschema is not a pinned dependency;
an unsupported keyword fails loudly instead of passing silently.)"""

from __future__ import annotations

import re

SUPPORTED = {"$schema", "$id", "title", "description", "type", "const", "required", "properties",
             "additionalProperties", "items", "oneOf", "pattern", "minLength"}
TYPES = {"object": dict, "array": list, "string": str, "null": type(None), "boolean": bool}


def errors(value, schema: dict, path: str = "$") -> list[str]:
    unknown = set(schema) - SUPPORTED
    assert not unknown, f"{path}: the checker does not support {sorted(unknown)}"
    found = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(isinstance(value, TYPES[t]) and not (t != "boolean" and isinstance(value, bool)) for t in types):
            return [f"{path}: {value!r} is not of type {types}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "oneOf" in schema:
        matching = [option for option in schema["oneOf"] if not errors(value, option, path)]
        if len(matching) != 1:
            found.append(f"{path}: {value!r} matches {len(matching)} of the oneOf options, not one")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            found.append(f"{path}: {value!r} is shorter than {schema['minLength']}")
    if isinstance(value, dict):
        found += [f"{path}: '{key}' is required" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                found += errors(item, properties[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: '{key}' is not allowed")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += errors(item, schema["items"], f"{path}[{index}]")
    return found
