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
import os
from typing import Iterable, Mapping

import yaml

from . import yaml_text
from .errors import PlaybookError, closest

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


def index_json(entries: list[dict], lunr_name: str, fields: Mapping, synonyms: Mapping | None = None) -> str:
    """The index document Material's search worker reads, compact as Material
    writes it, with the language's synonyms for the playbook's ranking
    (overrides/assets/javascripts/lunr/playbook-ranking.js)."""
    config = {"lang": [lunr_name], "separator": SEPARATOR, "pipeline": PIPELINE, "fields": dict(fields)}
    if synonyms:
        config["synonyms"] = dict(synonyms)
    boosts = page_boosts(entries)
    if boosts:
        config["boosts"] = boosts
    return json.dumps({"config": config, "docs": entries}, separators=(",", ":"), default=str)


BOOST_RANGE = (0.1, 10.0)


def check_boost(value, source: str, text: str) -> float:
    """A page's ``search: boost:`` (Material's front matter, which the
    playbook's ranking multiplies its sections' scores by), or an error that
    names the file (``source``, whose ``text`` gives the line) and the fix."""
    low, high = BOOST_RANGE
    if not isinstance(value, bool) and isinstance(value, (int, float)) and low <= value <= high:
        return float(value)
    line = next((number for number, content in enumerate(text.splitlines(), 1)
                 if content.strip().startswith("boost:")), 1)
    raise PlaybookError(
        f"{source}:{line}: 'search: boost: {value!r}' is not a search weight. "
        f"Fix: a number from {low:g} (found last) to {high:g} (found first); 1 is the default.")


def page_boosts(entries: Iterable[Mapping]) -> dict[str, float]:
    """``{page location: factor}`` for the pages whose front matter sets
    ``search: boost:`` to other than 1 (the changelog and the editors' guide
    weigh less: they are about the playbook, not its rules), for the
    playbook's ranking, in the whole index and in its pieces alike."""
    return {str(entry["location"]).split("#", 1)[0]: float(entry["boost"])
            for entry in entries if "boost" in entry and entry["boost"] != 1}


# Synonyms -----------------------------------------------------------------

SYNONYMS_DIR = "search/synonyms"  # beside mkdocs.yml: search/synonyms/<language>.yml
SYNONYMS_EXAMPLE = "canned responses: saved replies\n  agent: [representative, employee]"


def synonym_files(root: str) -> dict[str, str]:
    """``{language: path}`` of the synonym files in ``root``/search/synonyms/."""
    folder = os.path.join(root, SYNONYMS_DIR)
    if not os.path.isdir(folder):
        return {}
    return {name[:-len(".yml")]: os.path.join(folder, name)
            for name in sorted(os.listdir(folder)) if name.endswith(".yml")}


def _phrase(text: str) -> str:
    return " ".join(text.lower().split())


def parse_synonyms(text: str, source: str, language: str, languages: Iterable[str]) -> dict[str, list[str]]:
    """One language's synonyms: ``{"words agents type": ["the playbook's words", ...]}``.

    Each key is what a reader types (a word or several), each value the word,
    words or list of them that the pages use instead. An unknown language, a
    key given twice, or an empty key or value fails with the file and line.
    """
    languages = list(languages)
    if language not in languages:
        near = closest(language, languages)
        hint = f" Did you mean {near}.yml?" if near else ""
        raise PlaybookError(
            f"{source}:1: '{language}' is not a language of the site ({', '.join(languages)}); "
            f"name the file after one, e.g. {SYNONYMS_DIR}/{languages[-1]}.yml.{hint}"
        )
    try:
        root = yaml.compose(text, Loader=yaml_text.SafeLoader)
    except yaml.YAMLError as error:
        raise PlaybookError(f"{source}: not valid YAML: {error}") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise PlaybookError(f"{source}:{root.start_mark.line + 1}: expected what agents type and the playbook's words, "
                            f"one a line, like\n  {SYNONYMS_EXAMPLE}")
    synonyms: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        key = _phrase(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
        if not key:
            raise PlaybookError(f"{source}:{line}: an entry has no words before the colon; write what agents type, like\n"
                                f"  {SYNONYMS_EXAMPLE}")
        if key in first_line:
            raise PlaybookError(f"{source}:{line}: '{key}' is given twice (first on line {first_line[key]}); "
                                f"put all its words in one list, like\n  {key}: [word, other words]")
        values = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        words = [_phrase(node.value) if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null" else ""
                 for node in values]
        if not words or not all(words):
            raise PlaybookError(f"{source}:{value_node.start_mark.line + 1}: '{key}' has an empty synonym; "
                                f"give the playbook's word or words, like\n  {key}: [word, other words]")
        first_line[key] = line
        synonyms[key] = list(dict.fromkeys(word for word in words if word != key))
    return synonyms


def read_synonyms(root: str, languages: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    """Every language's synonyms, checked: ``{language: {typed: [words]}}``."""
    languages = list(languages)
    found = {}
    for language, path in synonym_files(root).items():
        source = os.path.relpath(path, root).replace(os.sep, "/")
        with open(path, encoding="utf-8-sig") as handle:
            found[language] = parse_synonyms(handle.read(), source, language, languages)
    return found
