"""One search index per language.

Material's search plugin and mkdocs-static-i18n write a single index with
every language in it, at the site root. The playbook writes one per language
instead, in the language's own folder (``pl/search/search_index.json``; the
default language's at ``search/search_index.json``), with that language's
word-form settings. A script in the theme (overrides/assets/javascripts/
playbook-search.js) makes each page load its own language's index.
"""

from __future__ import annotations

import json
from typing import Iterable, Mapping

from .errors import PlaybookError

INDEX_FILE = "search/search_index.json"

# A site language whose lunr language has another name: Norwegian Bokmål uses
# lunr's Norwegian ("no"). Polish and Slovenian have no lunr-languages support;
# the playbook ships its own light stemmers for them under
# overrides/assets/javascripts/lunr/min/.
LUNR_NAMES = {"nb": "no"}

# Words are split at white space and punctuation, so that an address such as
# "support@brightwater.example" or "dell'azienda" still yields searchable
# words; numbers stay whole ("24", "2.5"). Hyphenated words stay whole here:
# the search worker indexes them joined and as their parts ("e-mail": email,
# e, mail). The pipeline has no trimmer: the separator already removes
# punctuation, and lunr-languages' trimmers would also remove numbers such as
# reply times. The expression is JavaScript's.
SEPARATOR = r"[\s,:;!?=\[\]()\"/'’‘“”„«»–—…]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;"
PIPELINE = ["stopWordFilter", "stemmer"]


def lunr_language(language: str, available: Iterable[str], source: str = "mkdocs.yml") -> str:
    """The lunr language that gives ``language`` its stemmer and stop words.

    ``available`` lists the lunr languages the theme can load (``en`` is built
    into lunr; the others need ``assets/javascripts/lunr/min/lunr.<code>.min.js``).
    """
    name = LUNR_NAMES.get(language, language)
    if name == "en" or name in set(available):
        return name
    raise PlaybookError(
        f"{source}: search has no stemmer for the language '{language}' (lunr '{name}'). "
        f"Add overrides/assets/javascripts/lunr/min/lunr.{name}.min.js (see lunr.pl.min.js), "
        f"or map the language to a lunr language in LUNR_NAMES in hooks/playbook/search.py."
    )


def index_path(language: str, default: str) -> str:
    """Where a language's index lives, relative to the site (or version) root."""
    return INDEX_FILE if language == default else f"{language}/{INDEX_FILE}"


def language_entries(entries: Iterable[Mapping], language: str, default: str, languages: Iterable[str]) -> list[dict]:
    """The entries of one language's pages, by the folder their locations start with.

    Pages that are not translated yet are served in English under the
    language's folder, so they are part of that language's index.
    """
    if language != default:
        return [dict(entry) for entry in entries if entry["location"].startswith(f"{language}/")]
    others = tuple(f"{code}/" for code in languages if code != default)
    return [dict(entry) for entry in entries if not entry["location"].startswith(others)]


def index_json(entries: list[dict], lunr_name: str, fields: Mapping) -> str:
    """The index document Material's search worker reads, compact as Material writes it."""
    config = {"lang": [lunr_name], "separator": SEPARATOR, "pipeline": PIPELINE, "fields": dict(fields)}
    return json.dumps({"config": config, "docs": entries}, separators=(",", ":"), default=str)
