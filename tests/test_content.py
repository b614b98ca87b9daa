"""The content module: traceable to the article, one-breath answers, speakable text."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from skill import content, replies
from tests.conftest import ROOT

ARTICLE = ROOT.parent / "shared" / "source" / "muscle-twitching-article.txt"
MAX_WORDS = 45


def all_entries() -> Iterator[tuple[str, content.Entry]]:
    for table_name in ("TOPICS", "CAUSES", "REMEDIES", "BODY_PARTS"):
        for key, entry in getattr(content, table_name).items():
            yield f"{table_name}.{key}", entry


ENTRIES = dict(all_entries())


@pytest.fixture(scope="module")
def article_lines() -> list[str]:
    if not ARTICLE.exists():
        pytest.skip(f"source article not found at {ARTICLE}")
    return [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines()]


def test_every_article_section_is_a_line_of_the_article(article_lines: list[str]) -> None:
    for section in content.ARTICLE_SECTIONS:
        assert any(line.startswith(section) for line in article_lines), section


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_entry_names_a_known_section(key: str) -> None:
    allowed = {*content.ARTICLE_SECTIONS, content.SAFETY}
    assert ENTRIES[key].section in allowed


def test_only_the_emergency_is_outside_the_article() -> None:
    outside = [key for key, entry in ENTRIES.items() if entry.section == content.SAFETY]
    assert outside == ["TOPICS.emergency"]


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_spoken_answer_fits_one_breath(key: str) -> None:
    entry = ENTRIES[key]
    assert len(entry.speech.split()) <= MAX_WORDS, entry.speech


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_follow_up_is_a_topic_with_an_offer(key: str) -> None:
    follow_up = ENTRIES[key].follow_up
    if key == "TOPICS.emergency":
        assert follow_up is None  # the emergency answer ends the session
    else:
        assert follow_up in content.TOPICS
        assert content.TOPICS[follow_up].offer.endswith("?")


def test_every_topic_but_the_emergency_can_be_offered() -> None:
    for topic_id, topic in content.TOPICS.items():
        assert bool(topic.offer) == (topic_id != "emergency"), topic_id


@pytest.mark.parametrize("topic_id", [t for t, topic in content.TOPICS.items() if topic.items])
def test_list_chunks_are_at_most_four_and_cover_the_list(topic_id: str) -> None:
    topic = content.TOPICS[topic_id]
    offset, spoken = 0, []
    while True:
        reply = replies.list_chunk(topic_id, offset)
        in_chunk = [i.spoken for i in topic.items if i.spoken.lower() in reply.speech.lower()]
        assert 1 <= len(in_chunk) <= replies.CHUNK
        spoken += in_chunk
        if reply.pending is None or "list" not in reply.pending:
            break
        offset = reply.pending["offset"]
    assert spoken == [item.spoken for item in topic.items]


def test_medical_conditions_list_matches_the_article(article_lines: list[str]) -> None:
    start = article_lines.index(
        "Muscle twitching can have various causes. Muscle twitching "
        "can occur in the following conditions:"
    )
    bullets = []
    for line in article_lines[start + 1 :]:
        if not line.startswith("- "):
            break
        bullets.append(line[2:])
    assert len(bullets) == len(content.TOPICS["medical_conditions"].items) == 11


def test_slot_tables_are_complete() -> None:
    # 11 conditions + 8 everyday causes, 4 remedies, 6 body parts: the interaction model's ids.
    assert len(content.CAUSES) == 19
    assert len(content.REMEDIES) == 4
    assert len(content.BODY_PARTS) == 6


def test_ssml_escapes_special_characters() -> None:
    assert replies.ssml("salt & <pepper>") == "<speak>salt &amp; &lt;pepper&gt;</speak>"


def test_prompts_that_keep_the_session_open_ask_a_question() -> None:
    for name, value in vars(content).items():
        if isinstance(value, content.Prompt) and value.reprompt:
            assert value.speech.rstrip().endswith("?"), name


def test_entries_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.TOPICS["about"].speech = "changed"  # type: ignore[misc]
