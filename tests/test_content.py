"""The content module: traceable to the article, one-breath answers, speakable text."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest

from skill import content, replies
from tests.conftest import EN, ROOT, SAFETY_NET_SENTENCES

ARTICLE = ROOT.parent / "shared" / "source" / "muscle-twitching-article.txt"
MAX_WORDS = 45


def all_entries() -> Iterator[tuple[str, content.Entry]]:
    for key, topic in EN.topics.items():
        yield f"topics.{key}", topic
    for slot_topic in EN.slot_topics:
        for key, entry in slot_topic.entries.items():
            yield f"{slot_topic.slot_type}.{key}", entry


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


def test_no_answer_entry_is_outside_the_article() -> None:
    # The safety answers are the skill's own policy and live apart (EN.safety).
    outside = [key for key, entry in ENTRIES.items() if entry.section == content.SAFETY]
    assert outside == []
    assert {a.section for a in EN.safety.values()} == {content.SAFETY}


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_spoken_answer_fits_one_breath(key: str) -> None:
    entry = ENTRIES[key]
    assert len(entry.speech.split()) <= MAX_WORDS, entry.speech


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_follow_up_is_a_topic_with_an_offer(key: str) -> None:
    follow_up = ENTRIES[key].follow_up
    assert follow_up in EN.topics
    assert EN.topics[follow_up].offer.endswith("?")


def test_every_topic_can_be_offered() -> None:
    for topic_id, topic in EN.topics.items():
        assert topic.offer.endswith("?"), topic_id


@pytest.mark.parametrize("slot_topic", EN.slot_topics, ids=lambda t: t.intent)
def test_slot_topics_offer_a_topic(slot_topic: content.SlotTopic) -> None:
    assert slot_topic.offer_topic in EN.topics
    assert "{value}" in slot_topic.unknown
    assert "{value}" not in slot_topic.missing


@pytest.mark.parametrize("topic_id", [t for t, topic in EN.topics.items() if topic.items])
def test_list_chunks_are_at_most_four_and_cover_the_list(topic_id: str) -> None:
    topic = EN.topics[topic_id]
    offset, spoken = 0, []
    while True:
        reply = replies.list_chunk(EN, topic_id, offset)
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
    assert len(bullets) == len(EN.topics["medical_conditions"].items) == 11


def test_slot_tables_are_complete() -> None:
    # 11 conditions + 8 everyday causes, 4 remedies (+ supplements, asked about apart from
    # magnesium in food), 6 body parts: the interaction model's ids.
    assert len(EN.entries("CauseType")) == 19
    assert len(EN.entries("RemedyType")) == 5
    assert len(EN.entries("BodyPartType")) == 6


def test_ssml_escapes_special_characters() -> None:
    assert replies.ssml("salt & <pepper>") == "<speak>salt &amp; &lt;pepper&gt;</speak>"


def test_prompts_that_keep_the_session_open_ask_a_question() -> None:
    for name, value in EN.prompts.items():
        if value.reprompt:
            speech = value.speech
            for sentence in SAFETY_NET_SENTENCES:  # Fallback closes with one of them
                speech = speech.replace(sentence, "")
            assert speech.rstrip().endswith("?"), name


def test_fallback_ends_with_the_emergency_sentence() -> None:
    assert EN.prompts["fallback"].speech.endswith(EN.phrases["if_emergency"])


def test_no_entry_or_prompt_names_a_number_outside_the_safety_net() -> None:
    # Numbers are placeholders filled from the table; only the safety-net sentences and the
    # safety answers may use them.
    texts = [(k, f"{e.speech} {e.card}") for k, e in ENTRIES.items()]
    texts += [(n, v.speech) for n, v in EN.prompts.items()]
    texts += [(f"{t.intent}.unknown", t.unknown.replace("{value}", "")) for t in EN.slot_topics]
    texts += [(f"{t.intent}.missing", t.missing) for t in EN.slot_topics]
    from skill.safety_check import all_numbers

    for key, text in texts:
        for sentence in SAFETY_NET_SENTENCES:
            text = text.replace(sentence, "")
        assert "{" not in text, key
        assert not any(re.search(rf"\b{re.escape(n)}\b", text) for n in all_numbers()), key


def test_entries_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        EN.topics["about"].speech = "changed"  # type: ignore[misc]
