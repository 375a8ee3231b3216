"""The "service levels at a glance" table: generated from extra.company.sla,
in every language, with the value the prose shows (hooks/playbook/service_levels.py)."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, BuildFailed, build_site, project_sandbox
from html_pages import LANGUAGES, article, page_file
from playbook import quantities, variables
from test_quantities import real_units


def sla() -> dict:
    # mkdocs.yml has !ENV tags; only the company block is needed here.
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("  company:\n"):]
    return yaml.safe_load("extra:\n" + block)["extra"]["company"]["sla"]


def rows(site, page, language):
    table = article(page_file(site, page, language)).select_one("table")
    return [[" ".join(cell.get_text(" ").split()) for cell in row.select("th, td")] for row in table.select("tr")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_lists_every_service_level_with_its_value(real_site, language):
    units = real_units()
    found = rows(real_site, "service-levels", language)[1:]
    assert len(found) == len(sla())
    for (key, value), (channel, promise, shown) in zip(sla().items(), found):
        assert channel and promise, key
        if isinstance(value, dict):  # a text given per language
            assert shown == value.get(language, value["en"]), key
        else:
            assert shown == quantities.quantity(value, quantities.unit_of(key), language, units), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_channels_summary_is_the_same_table(real_site, language):
    assert rows(real_site, "channels", language) == rows(real_site, "service-levels", language)


def test_the_prose_shows_the_same_values_as_the_table(real_site):
    text = " ".join(article(page_file(real_site, "complaints", "pl")).get_text(" ").split())
    days = sla()["complaint_resolution_working_days"]
    assert f"w ciągu {days} dni roboczych" in text  # the genitive of the table's "10 dni roboczych"
    assert [f"{days} dni roboczych"] == [r[2] for r in rows(real_site, "service-levels", "pl") if r[2].startswith(f"{days} ")]


def test_a_service_level_without_labels_fails_the_build(tmp_path):
    root = project_sandbox(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      chat_reply_minutes: 2\n", "      chat_reply_minutes: 2\n      callback_hours: 4\n"), encoding="utf-8")
    with pytest.raises(BuildFailed) as error:
        build_site(tmp_path / "site", config_file=config)
    assert "overrides/interface.yml: the service level(s) sla_callback_hours_channel, " \
        "sla_callback_hours_promise have no label" in str(error.value)


def test_labels_are_text_in_the_table():
    table = variables.as_markdown_text  # the table escapes labels as the variables do
    assert table("<b>|x</b>") == "&#60;b&#62;&#124;x&#60;/b&#62;"


def test_markup_in_a_label_shows_as_text_in_the_table():
    from playbook import service_levels

    texts = {"service_levels_channel": "Channel", "service_levels_promise": "Promise", "service_levels_value": "Value",
             "sla_x_hours_channel": "<script>alert(1)</script>", "sla_x_hours_promise": "a | b [link](javascript:x)"}
    table = service_levels.table({"company.sla.x_hours": 1}, texts, "overrides/interface.yml",
                                 lambda path: "1 hour", variables.as_markdown_text)
    row = table.splitlines()[2]
    assert "<script>" not in row and "&#60;script&#62;" in row
    assert row.count(" | ") == 2  # the "|" in the label cannot split the row
    assert "](" not in row
