"""Translation status, and marking a reviewed translation up to date.

    python scripts/translations.py status            # table: page x language
    python scripts/translations.py mark pl/channels  # record the current English hash
    python scripts/translations.py mark pl           # ... for every page of a language

``make translations`` and ``make translated PAGE=pl/channels`` call these.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from playbook import translations  # noqa: E402
from playbook.errors import PlaybookError, closest  # noqa: E402
from site_config import site_languages  # noqa: E402


def read_docs(docs_dir: Path, default: str) -> translations.Docs:
    pages = {
        folder.name: {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}
        for folder in sorted(docs_dir.iterdir()) if folder.is_dir()
    }
    return translations.Docs(pages, default)


def status(docs_dir: Path, config_file: Path) -> int:
    languages, default = site_languages(config_file)
    docs = read_docs(docs_dir, default)
    states = translations.status(docs, languages)
    print(translations.status_table(states, [code for code in languages if code != default]))
    counts = {state: list(states.values()).count(state) for state in
              (translations.UP_TO_DATE, translations.OUT_OF_DATE, translations.MISSING)}
    print("\n" + ", ".join(f"{count} {state}" for state, count in counts.items()))
    return 0


def parse_target(target: str, languages: list[str], default: str) -> tuple[str, str]:
    """``pl/channels`` as ("pl", "channels"), ``pl`` as ("pl", ""); a name
    that could lead out of docs/<language>/ is refused before any file is read."""
    example = "as in PAGE=pl/channels (or PAGE=pl for every page of a language)"
    name = target.removesuffix(".md").rstrip("/")  # "pl/", as tab completion types it
    if not name.strip():
        raise PlaybookError(f"no page given: name the translation to mark, {example}.")
    parts = name.split("/")
    if target.startswith("/") or "\\" in name or any(part in ("", ".", "..") for part in parts):
        raise PlaybookError(
            f"{target[:80]!r} is not a page under docs/: give the language and the page's name "
            f"relative to docs/, without a leading '/', '.' or '..', {example}.")
    language, page = parts[0], "/".join(parts[1:])
    translated_languages = [code for code in languages if code != default]
    if language not in translated_languages:
        hint = closest(language, translated_languages)
        raise PlaybookError(
            f"{target[:80]!r}: {language[:80]!r} is not a translation language; use one of "
            f"{', '.join(translated_languages)}{f' (did you mean {hint!r}?)' if hint else ''}, {example}.")
    return language, page


def mark(targets: list[str], docs_dir: Path, config_file: Path) -> int:
    languages, default = site_languages(config_file)
    for target in targets:
        language, page = parse_target(target, languages, default)
        pages = [page] if page else [p.stem for p in sorted((docs_dir / language).glob("*.md"))]
        for name in pages:
            translated, english = docs_dir / language / f"{name}.md", docs_dir / default / f"{name}.md"
            # Also through a symbolic link, nothing outside the language folders is written.
            for path, folder in ((translated, language), (english, default)):
                if not path.resolve().is_relative_to((docs_dir / folder).resolve()):
                    raise PlaybookError(f"{path.relative_to(docs_dir.parent)} leads outside docs/{folder}/; "
                                        "mark a page that is a file in its language folder.")
            if not translated.exists():
                known = [p.stem for p in (docs_dir / language).glob("*.md")]
                hint = closest(name, known)
                raise PlaybookError(f"{translated.relative_to(docs_dir.parent)} does not exist; translate it first."
                                    + (f" Did you mean {language}/{hint}?" if hint else ""))
            if not english.exists():
                raise PlaybookError(f"{english.relative_to(docs_dir.parent)} does not exist; there is nothing to be up to date with.")
            new_hash = translations.source_hash(english.read_text(encoding="utf-8"))
            translated.write_text(translations.with_hash(translated.read_text(encoding="utf-8"), new_hash), encoding="utf-8")
            print(f"{translated.relative_to(docs_dir.parent)}: up to date with {english.relative_to(docs_dir.parent)} ({new_hash})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=REPO / "docs")
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="print every page and language: up to date, out of date, missing")
    marking = commands.add_parser("mark", help="mark reviewed translations up to date")
    marking.add_argument("targets", nargs="+", metavar="LANG[/PAGE]")
    args = parser.parse_args(argv)
    try:
        if args.command == "status":
            return status(args.docs, args.config)
        return mark(args.targets, args.docs, args.config)
    except PlaybookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
