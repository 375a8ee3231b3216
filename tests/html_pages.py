"""Reading built HTML in tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

PAGES = [
    "index", "scope", "standards", "service-levels", "channels", "requests", "escalation", "complaints",
    "feedback", "communication", "charter", "training", "editors-guide", "faq", "changelog", "print",
]
LANGUAGES = ["en", "it", "sl", "nb", "pt", "pl"]


def page_file(site: Path, page: str, language: str = "en") -> Path:
    prefix = site if language == "en" else site / language
    return prefix / "index.html" if page == "index" else prefix / page / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path) -> BeautifulSoup:
    """The page's own content, without navigation and footer."""
    return soup(path).select_one("article.md-content__inner")


def prose_text(node) -> str:
    """Visible text without code elements (which may show syntax literally)."""
    copy = BeautifulSoup(str(node), "html.parser")
    for code in copy.find_all(["code", "pre"]):
        code.decompose()
    return copy.get_text(" ")
