"""The company's branding, set in one place: ``extra.brand`` in ``mkdocs.yml``.

    brand:
      logo: assets/brand/logo.svg
      favicon: assets/brand/favicon.svg
      primary_color: "#1b5e7a"

The primary colour is checked to be a hex colour (so it can only ever be a
colour, never markup) and the colours derived from it are chosen for
readable contrast: the text on the header is white or black, whichever reads
better, and links are darkened (light scheme) or lightened (dark scheme)
until they reach WCAG AA against the page background.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .errors import PlaybookError

KEY = "extra.brand"
FIELDS = ("logo", "favicon", "primary_color")
EXAMPLE = {"logo": "assets/brand/logo.svg", "favicon": "assets/brand/favicon.svg", "primary_color": '"#1b5e7a"'}
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

# Material's page backgrounds: white (default scheme) and slate (dark scheme,
# hsl(225deg 15% 14%)).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"
AA_NORMAL_TEXT = 4.5
# A little above AA so that links stay readable on the tinted backgrounds of
# admonitions and tables too.
LINK_CONTRAST = 5.0


@dataclass(frozen=True)
class Brand:
    logo: str | None
    favicon: str | None
    primary_color: str | None
    on_primary: str | None = None          # text and icons on the primary colour
    primary_light: str | None = None
    primary_dark: str | None = None
    link_on_light: str | None = None       # link colour on the light scheme's background
    link_on_dark: str | None = None        # link colour on the dark scheme's background
    accent_on_light: str | None = None     # hover, focus and search highlights: a stronger link colour
    accent_on_dark: str | None = None
    on_accent_light: str | None = None     # text on the accent colour
    on_accent_dark: str | None = None


def load(value: Any, source: str = "mkdocs.yml", asset_exists: Callable[[str], bool] = lambda path: True,
         line_of: Callable[[str], int | None] = lambda key: None) -> Brand:
    """Validate ``extra.brand``; errors name the file, the line, the key and the fix.

    ``asset_exists(path)`` tells whether the theme or docs folder holds a file;
    ``line_of(field)`` finds the line of a field in ``source`` (None if unknown).
    """

    def where(field: str | None = None) -> str:
        line = line_of(field) if field else None
        return f"{source}:{line}" if line else source

    if value is None:
        return Brand(None, None, None)
    if not isinstance(value, dict):
        raise PlaybookError(
            f"{where()}: {KEY} must be a mapping with {', '.join(FIELDS)}, for example:\n"
            + "\n".join(f"    {name}: {example}" for name, example in EXAMPLE.items())
        )
    unknown = sorted(str(name) for name in value if name not in FIELDS)
    if unknown:
        raise PlaybookError(
            f"{where(unknown[0])}: {KEY} has the unknown key(s) {', '.join(unknown)}; the keys are {', '.join(FIELDS)}."
        )
    for name in ("logo", "favicon"):
        path = value.get(name)
        if path is None:
            continue
        if not isinstance(path, str) or not path.strip() or path.startswith(("/", "http:", "https:", "//")):
            raise PlaybookError(
                f"{where(name)}: {KEY}.{name} must be a file path inside the site, such as {EXAMPLE[name]}."
            )
        if not asset_exists(path.strip()):
            raise PlaybookError(
                f"{where(name)}: {KEY}.{name} '{path}' was not found in overrides/ or docs/. "
                f"Put the file at overrides/{path.strip()} or correct the path."
            )
    color = None
    if "primary_color" in value:
        color = parse_color(value["primary_color"], f"{where('primary_color')}: {KEY}.primary_color")
    logo = value.get("logo").strip() if value.get("logo") else None
    favicon = value.get("favicon").strip() if value.get("favicon") else None
    if color is None:
        return Brand(logo, favicon, None)
    link_on_light = with_contrast(color, LIGHT_BACKGROUND, LINK_CONTRAST, toward="#000000")
    link_on_dark = with_contrast(color, DARK_BACKGROUND, LINK_CONTRAST, toward="#ffffff")
    # Hover, focus and search highlights: further from the background, so
    # with still more contrast than the links.
    accent_on_light = mix(link_on_light, "#000000", 0.3)
    accent_on_dark = mix(link_on_dark, "#ffffff", 0.3)
    return Brand(
        logo=logo,
        favicon=favicon,
        primary_color=color,
        on_primary=readable_on(color),
        primary_light=mix(color, "#ffffff", 0.15),
        primary_dark=mix(color, "#000000", 0.15),
        link_on_light=link_on_light,
        link_on_dark=link_on_dark,
        accent_on_light=accent_on_light,
        accent_on_dark=accent_on_dark,
        on_accent_light=readable_on(accent_on_light),
        on_accent_dark=readable_on(accent_on_dark),
    )


def parse_color(value: Any, what: str) -> str:
    """A ``#rrggbb`` colour in lowercase, or an error that says how to write one."""
    if value is None or value == "":
        raise PlaybookError(
            f"{what} is empty. In YAML an unquoted # starts a comment: "
            f"write the colour in quotes, for example primary_color: {EXAMPLE['primary_color']}."
        )
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise PlaybookError(
            f"{what} is '{value}', which is not a hex colour. "
            f"Write it as \"#rrggbb\" in quotes, for example primary_color: {EXAMPLE['primary_color']}."
        )
    digits = value.strip()[1:].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _hex(rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(color: str) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way to ``other``."""
    return _hex(c + (o - c) * amount for c, o in zip(_rgb(color), _rgb(other)))


def readable_on(color: str) -> str:
    """White or black text, whichever contrasts more with ``color``."""
    return "#ffffff" if contrast(color, "#ffffff") >= contrast(color, "#000000") else "#000000"


def with_contrast(color: str, background: str, ratio: float, toward: str) -> str:
    """``color``, moved toward black or white only as far as needed to reach ``ratio``."""
    for step in range(0, 101):
        candidate = mix(color, toward, step / 100)
        if contrast(candidate, background) >= ratio:
            return candidate
    return toward
