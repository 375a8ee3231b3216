"""Branding from one place (extra.brand in mkdocs.yml): logo, favicon and
primary colour, validated, and readable whatever the colour."""

from __future__ import annotations

import re

import pytest

from a11y import assert_no_serious_violations
from conftest import REPO, BuildFailed, StaticHost, build_site, project_copy
from html_pages import page_file, soup
from playbook import branding, yaml_text

SAMPLE_COLOR = "#1b5e7a"


def real_mkdocs_yml() -> str:
    return (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def with_brand_line(field: str, new_line: str) -> tuple[str, int]:
    """mkdocs.yml with the line of ``extra.brand.<field>`` replaced; returns the text and that line."""
    text = real_mkdocs_yml()
    line = yaml_text.key_line(text, ("extra", "brand", field))
    lines = text.split("\n")
    indent = re.match(r"\s*", lines[line - 1]).group(0)
    lines[line - 1] = indent + new_line
    return "\n".join(lines), line


def build_with(tmp_path, mkdocs_yml: str):
    config_file = project_copy(tmp_path / "project", mkdocs_yml)
    return build_site(tmp_path / "site", config_file=config_file)


def test_the_sample_brand_is_applied_to_every_page(real_site):
    for path in [page_file(real_site, "index"), page_file(real_site, "channels", "pl")]:
        html = soup(path)
        logo = html.select_one(".md-header .md-logo img")["src"]
        assert logo.endswith("assets/brand/logo.svg")
        assert html.select_one("link[rel='icon']")["href"].endswith("assets/brand/favicon.svg")
        assert html.body["data-md-color-primary"] == "custom"
        assert f"--md-primary-fg-color: {SAMPLE_COLOR};" in html.select_one("head style").get_text()
    for asset in ("logo.svg", "favicon.svg"):
        assert (real_site / "assets" / "brand" / asset).read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.browser
def test_the_header_shows_the_primary_colour(page, served_site):
    page.goto(f"{served_site}/channels/")
    background = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(27, 94, 122)"  # #1b5e7a
    assert page.locator(".md-header .md-logo img").evaluate("img => img.naturalWidth > 0")


def test_an_unquoted_colour_fails_saying_to_quote_it(tmp_path):
    # In YAML an unquoted "#..." is a comment, so the value arrives empty.
    text, line = with_brand_line("primary_color", "primary_color: #1b5e7a")
    with pytest.raises(BuildFailed) as error:
        build_with(tmp_path, text)
    assert f"mkdocs.yml:{line}: extra.brand.primary_color is empty" in str(error.value)
    assert 'write the colour in quotes, for example primary_color: "#1b5e7a"' in str(error.value)


def test_a_colour_that_is_not_hex_fails_naming_key_and_fix(tmp_path):
    text, line = with_brand_line("primary_color", "primary_color: teal")
    with pytest.raises(BuildFailed) as error:
        build_with(tmp_path, text)
    assert f"mkdocs.yml:{line}: extra.brand.primary_color is 'teal', which is not a hex colour" in str(error.value)
    assert 'Write it as "#rrggbb" in quotes' in str(error.value)


def test_markup_in_the_colour_never_reaches_the_page(tmp_path):
    text, line = with_brand_line("primary_color", "primary_color: '#fff;}</style><script>alert(1)</script>'")
    with pytest.raises(BuildFailed) as error:
        build_with(tmp_path, text)
    assert f"mkdocs.yml:{line}: extra.brand.primary_color is '#fff;}}</style>" in str(error.value)
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_missing_logo_fails_naming_the_file_to_add(tmp_path):
    text, line = with_brand_line("logo", "logo: assets/brand/our-logo.svg")
    with pytest.raises(BuildFailed) as error:
        build_with(tmp_path, text)
    assert (f"mkdocs.yml:{line}: extra.brand.logo 'assets/brand/our-logo.svg' was not found in overrides/ or docs/. "
            "Put the file at overrides/assets/brand/our-logo.svg or correct the path.") in str(error.value)


def test_an_unknown_brand_key_fails_listing_the_keys(tmp_path):
    text, line = with_brand_line("favicon", "favicon: assets/brand/favicon.svg\n    colour: '#000000'")
    with pytest.raises(BuildFailed) as error:
        build_with(tmp_path, text)
    assert (f"mkdocs.yml:{line + 1}: extra.brand has the unknown key(s) colour; "
            "the keys are logo, favicon, primary_color.") in str(error.value)


@pytest.mark.parametrize("color", ["#1b5e7a", "#ffeb3b", "#777777", "#ffffff", "#000000", "#0af"])
def test_derived_colours_are_readable_for_any_primary_colour(color):
    brand = branding.load({"primary_color": color})
    assert branding.contrast(brand.on_primary, brand.primary_color) >= branding.AA_NORMAL_TEXT
    assert branding.contrast(brand.link_on_light, branding.LIGHT_BACKGROUND) >= branding.LINK_CONTRAST
    assert branding.contrast(brand.link_on_dark, branding.DARK_BACKGROUND) >= branding.LINK_CONTRAST
    assert branding.contrast(brand.accent_on_light, branding.LIGHT_BACKGROUND) >= branding.LINK_CONTRAST
    assert branding.contrast(brand.accent_on_dark, branding.DARK_BACKGROUND) >= branding.LINK_CONTRAST


def test_a_colour_already_readable_is_kept_as_the_link_colour():
    assert branding.load({"primary_color": "#1B5E7A"}).link_on_light == "#1b5e7a"
    assert branding.load({"primary_color": "#0AF"}).primary_color == "#00aaff"


@pytest.mark.browser
def test_a_light_brand_colour_still_passes_axe(tmp_path, browser):
    # Yellow: white text and yellow links would fail; the derived colours must not.
    from mkdocs.config import load_config

    extra = dict(load_config(config_file=str(REPO / "mkdocs.yml")).extra)
    extra["brand"] = dict(extra["brand"], primary_color="#ffeb3b")
    site = build_site(tmp_path / "site", extra=extra)
    host = StaticHost(site)
    try:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            try:
                page = context.new_page()
                page.goto(f"{host.url}/channels/")
                assert page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 235, 59)"
                assert_no_serious_violations(page)
            finally:
                context.close()
    finally:
        host.close()
