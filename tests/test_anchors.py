"""Unit tests of the section-id rules (hooks/playbook/anchors.py)."""

import pytest

from playbook import anchors
from playbook.errors import PlaybookError

PAGE = """---
title: x
# not a heading
---
# Channels

## Email {#email-response}

```
## not a heading
```

### Phone { #phone-service-level }
"""


def test_headings_carry_their_ids_and_source_lines():
    found = anchors.headings(PAGE)
    assert [(h.level, h.title, h.id, h.line) for h in found] == [
        (1, "Channels", None, 5),
        (2, "Email", "email-response", 7),
        (3, "Phone", "phone-service-level", 13),
    ]


def test_a_clean_site_passes():
    result = anchors.check_site({"docs/en/channels.md": PAGE})
    assert anchors.section_ids(result["docs/en/channels.md"]) == ["email-response", "phone-service-level"]


def test_missing_id_names_file_line_and_suggests_one():
    with pytest.raises(PlaybookError) as error:
        anchors.check_site({"docs/en/a.md": "# A\n\n## Live chat\n"})
    assert "docs/en/a.md:3: the heading 'Live chat' has no id" in str(error.value)
    assert "'## Live chat {#live-chat}'" in str(error.value)


def test_duplicate_id_across_pages_names_both_places():
    with pytest.raises(PlaybookError) as error:
        anchors.check_site({
            "docs/en/a.md": "# A\n\n## One {#overview}\n",
            "docs/en/b.md": "# B\n\n\n### Two {#overview}\n",
        })
    assert "docs/en/b.md:4: the id 'overview' is already used at docs/en/a.md:3" in str(error.value)


def test_id_that_is_not_kebab_case_is_rejected():
    with pytest.raises(PlaybookError, match=r"a.md:3: the id 'Email_Reply' is not lowercase kebab-case; write it like 'email-reply'"):
        anchors.check_site({"docs/en/a.md": "# A\n\n## Email {#Email_Reply}\n"})
