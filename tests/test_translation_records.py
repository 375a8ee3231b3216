"""Unit tests of the translation records (hooks/playbook/translations.py)."""

from playbook import translations


def test_hash_ignores_front_matter_and_trailing_spaces_but_not_text():
    base = translations.source_hash("# A\n\nText.\n")
    assert translations.source_hash("---\ntitle: x\n---\n# A  \n\nText.\n") == base
    assert translations.source_hash("# A\n\nOther text.\n") != base


def test_with_hash_adds_or_replaces_the_record_and_keeps_the_rest():
    added = translations.with_hash("# Tytuł\n", "abc123")
    assert added == "---\nsource_hash: abc123\n---\n\n# Tytuł\n"
    assert translations.recorded_hash(added) == "abc123"
    replaced = translations.with_hash("---\ntitle: T\nsource_hash: old\n---\n# Tytuł\n", "new456")
    assert replaced == "---\ntitle: T\nsource_hash: new456\n---\n# Tytuł\n"
    appended = translations.with_hash("---\ntitle: T\n---\n# Tytuł\n", "n")
    assert appended == "---\ntitle: T\nsource_hash: n\n---\n# Tytuł\n"


def test_page_state():
    english = "# A\n"
    current = translations.with_hash("# B\n", translations.source_hash(english))
    assert translations.page_state(english, current) == translations.UP_TO_DATE
    assert translations.page_state("# A changed\n", current) == translations.OUT_OF_DATE
    assert translations.page_state(english, "# B\n") == translations.OUT_OF_DATE  # never recorded
    assert translations.page_state(english, None) == translations.MISSING


def test_variables_in_code_do_not_count():
    assert translations.variables_used("{{ company.name }} `{{ company.x }}`\n```\n{{ company.y }}\n```\n") == {"company.name"}
