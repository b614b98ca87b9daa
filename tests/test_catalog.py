"""The locale catalogs: files a translator edits, checked against the skill's structure."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from skill import content

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
NUMBERS = set(content.NUMBER_FIELDS + content.NAME_FIELDS)


def texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize("locale", content.LOCALES)
def test_every_locale_loads(locale: str) -> None:
    cat = content.catalog(locale)
    assert cat.locale == locale
    assert set(cat.topics) == set(content.TOPICS)
    assert set(cat.safety) == set(content.SAFETY_ANSWERS)


@pytest.mark.parametrize("locale", content.LOCALES)
def test_placeholders_only_where_they_are_filled(locale: str) -> None:
    cat = content.catalog(locale)
    # Outside the safety answers, a number only within a safety-net sentence (Fallback's, an
    # unknown body part's).
    nets = [cat.phrases[name] for name in content.SAFETY_NET]
    for path, text in texts(json.loads((content.CATALOG_DIR / f"{locale}.json").read_text())):
        if path.startswith("notes"):
            continue
        if not (path.startswith("safety.") or path.startswith("phrases.")):
            for net in nets:
                text = text.replace(net, "")
        found = set(PLACEHOLDER.findall(text))
        if path.endswith(".unknown"):
            assert found <= {"value"}, path
        elif path == "phrases.screen_source":
            assert found == {"section"}, path
        elif path.startswith("safety.") or path in {"phrases.if_emergency", "phrases.red_flag_net"}:
            assert found <= NUMBERS, path
        else:
            assert not found, path
        assert "{" not in PLACEHOLDER.sub("", text), path


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-US", "en-US"), ("fr-FR", content.DEFAULT_LOCALE), (None, content.DEFAULT_LOCALE)],
)
def test_a_request_gets_its_locale_or_the_default(locale: str | None, expected: str) -> None:
    assert content.for_request(locale).locale == expected


@pytest.fixture
def catalog_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Any]]:
    shutil.copytree(content.CATALOG_DIR, tmp_path / "catalog")
    monkeypatch.setattr(content, "CATALOG_DIR", tmp_path / "catalog")
    content.catalog.cache_clear()

    def edit(change: Callable[[dict[str, Any]], None]) -> content.Catalog:
        path = tmp_path / "catalog" / "en-US.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
        content.catalog.cache_clear()
        return content.catalog("en-US")

    yield edit
    content.catalog.cache_clear()


def test_a_missing_text_is_an_error(catalog_copy: Callable[..., Any]) -> None:
    with pytest.raises(content.CatalogError, match=r"topics\.sleep\.offer"):
        catalog_copy(lambda data: data["topics"]["sleep"].pop("offer"))


def test_an_empty_text_is_an_error(catalog_copy: Callable[..., Any]) -> None:
    with pytest.raises(content.CatalogError, match=r"prompts\.help\.speech"):
        catalog_copy(lambda data: data["prompts"]["help"].update(speech=" "))


def test_an_unknown_text_is_an_error(catalog_copy: Callable[..., Any]) -> None:
    with pytest.raises(content.CatalogError, match=r"topics\.gluten"):
        catalog_copy(lambda data: data["topics"].update(gluten={"title": "Gluten"}))


def test_only_the_requested_locale_is_read() -> None:
    content.catalog.cache_clear()
    content.catalog("en-US")
    assert content.catalog.cache_info().currsize == 1
