"""The red-flag lexicon of the offline resolver: danger phrases go to safety, questions do not."""

from __future__ import annotations

import pytest

from skill import model_rules
from skill.simulator import red_flags
from skill.simulator.resolver import resolve, resolver_for
from tests.conftest import EN, ROOT

MODEL = model_rules.load(ROOT / "interaction_model" / "en-US.json")
SAFETY_INTENTS = {answer.intent for answer in EN.safety.values()}


def test_no_sample_of_another_intent_raises_a_red_flag() -> None:
    # The lexicon and the model agree: a question the model answers is not an alarm.
    flagged = [
        (intent, sample)
        for intent, sample in model_rules.samples_of(MODEL)
        if intent not in SAFETY_INTENTS and red_flags.find(sample.replace("{", "").replace("}", ""))
    ]
    assert flagged == []


@pytest.mark.parametrize(
    ("utterance", "kind"),
    [
        ("seizure", "emergency"),
        ("he's not breathing", "emergency"),
        ("my face is drooping on one side", "emergency"),
        ("the face of my mother is hanging on one side and she speak strange", "emergency"),
        ("his mouth has gone down at the left side", "emergency"),
        ("my grandad is talking really funny all of a sudden", "emergency"),
        ("suddenly i have no strength in one whole side of my body", "emergency"),
        ("my daughter drank something from under the kitchen sink", "poisoning"),
        ("i don't wanna live anymore", "crisis"),
        ("i wanna die", "crisis"),
        ("my newborn keeps jerking", "emergency"),
        ("i want to kill myself", "crisis"),
        ("i've been cutting myself", "crisis"),
        ("my toddler swallowed a button battery", "poisoning"),
        ("i took too many sleeping pills", "poisoning"),
        ("i think i took way too many of my muscle relaxants", "poisoning"),
        ("he may have swallowed far too many of them", "poisoning"),
        ("i think i've taken my blood pressure pills twice this morning", "poisoning"),
        ("i left my bp tablets out and my three year old has eaten some of them", "poisoning"),
        ("my son found the vitamins and i think he swallowed a few of them", "poisoning"),
        ("sometimes i think better i die only", "crisis"),
        ("my toddler's got into the magnesium tablets and swallowed a load of them", "poisoning"),
        ("i necked three scoops of pre workout at once and i feel awful", "poisoning"),
        ("i swallowed the whole tub of magnesium pills an hour ago", "poisoning"),
        ("it would be better to just die", "crisis"),
        ("i swallowed about ten of my adderall by accident", "poisoning"),
        ("she took twenty of her lamotrigine", "poisoning"),
        ("my toddler took my pills", "poisoning"),
        ("honestly what's the point in living", "crisis"),
        ("he's taken too much of something at a party", "poisoning"),
        ("my son drank some dishwasher detergent", "poisoning"),
        ("i feel like taking my own life tonight", "crisis"),
        ("she said she is going to take her life", "crisis"),
        ("i took way more sleeping pills than i should have", "poisoning"),
        ("sometimes i think everyone would be better off if i was dead", "crisis"),
        ("they'd all be better off if i wasn't around", "crisis"),
        ("sometimes i think about hurting myself", "crisis"),
        ("i'm so sure it's als that i don't see any reason to keep living", "crisis"),
        ("i can't find a reason to stay alive", "crisis"),
        # An emergency comes before poisoning, poisoning before crisis.
        ("i took too many pills and now she's unconscious", "emergency"),
        ("i took too many pills because i want to die", "poisoning"),
        ("my little girl has been fitting for about six minutes", "emergency"),
        ("my chest feels like an elephant is sitting on it", "emergency"),
        ("it's like someone is standing on my chest", "emergency"),
        ("i doubled up on my blood pressure tablets by mistake", "poisoning"),
        ("i think the baby's had some washing up liquid", "poisoning"),
        ("he has had a sip of bleach", "poisoning"),
        ("she's taken a whole packet of nurofen", "poisoning"),
        ("he suddenly can't raise his left arm", "emergency"),
        ("she got a bang on the head at hockey and now her leg keeps jerking", "emergency"),
        ("we ate some foraged mushrooms and now we're both dizzy and twitchy", "poisoning"),
        ("lately i keep thinking about ending everything", "crisis"),
        ("sometimes i wish i just wouldn't wake up", "crisis"),
        ("all i want is to just disappear", "crisis"),
        # the other English locales' numbers and lines
        ("ring triple zero", "emergency"),
        ("dial nine nine nine for my dad", "emergency"),
        ("give me the poisons information number", "poisoning"),
        ("phone the samaritans", "crisis"),
        ("my friend's been talking about hurting herself what do i do", "crisis"),
        ("he keeps mentioning harming himself", "crisis"),
        ("he has a seizure disorder and he's having a seizure now", "emergency"),
        (
            "i accidentally took like four scoops of pre workout and my heart is pounding",
            "poisoning",
        ),
        ("she had fits when she was little and she's fitting again now", "emergency"),
        ("he had a seizure as a child and now he's having a seizure", "emergency"),
        ("some days i just don't want to go on living", "crisis"),
        ("i found cuts on my son's arms i think he's hurting himself", "crisis"),
        ("i think she's hurting herself", "crisis"),
        ("my little one drank paraffin from the bottle", "poisoning"),
        ("ring one one one now", "emergency"),
        ("call a paramedic", "emergency"),
        ("my newborn is twitching", "emergency"),
        ("sometimes i cut myself just to cope", "crisis"),
        ("i cut myself last night and i feel like doing it again", "crisis"),
        ("everyone would be better off if i just ended it", "crisis"),
        ("my friend's been talking about ending it what do i do", "crisis"),
        ("i keep thinking about ending it", "crisis"),
        ("we clashed heads at football and now his arm's twitching", "emergency"),
        ("there was a head clash in the match and now he's jerking", "emergency"),
        ("my baby girl's only two months and she keeps jerking her arms and legs", "emergency"),
        ("our new grandbaby keeps jerking in her cot", "emergency"),
        ("i took a whole bottle of stay awake pills and my heart's racing", "poisoning"),
        ("the little lad got into the rat bait in the garage", "poisoning"),
        ("my baby's fingers keep twitching in her sleep", "emergency"),
        ("our dog and my son were playing near the slug pellets and he ate some", "poisoning"),
        # the seventeenth round's development sets: a farm chemical, a nephew, "paining", and
        # self-harm started again
        ("the little one drank some sheep dip from the shed", "poisoning"),
        ("my niece swallowed a few of the tablets from the cabinet", "poisoning"),
        ("his chest is paining him and his arm keeps twitching", "emergency"),
        ("she has started cutting herself again", "crisis"),
        ("i've begun hurting myself when the stress gets bad", "crisis"),
    ],
)
def test_danger_phrases(utterance: str, kind: str) -> None:
    flag = red_flags.find(utterance)
    assert flag is not None and flag.kind == kind, flag
    assert resolve(utterance).intent == EN.safety[kind].intent


@pytest.mark.parametrize(
    "utterance",
    [
        "can epilepsy cause twitching",
        "i started hurting my back at the gym could that be why my leg twitches",
        "is too much coffee bad for twitching",
        "i hurt myself at the gym and now my leg twitches",
        "ever since the baby arrived i twitch constantly what's behind that",
        "since the baby came my eye twitches",
        "i had three scoops of protein today",
        "can breathing exercises help with twitching",
        "should i take magnesium tablets",
        "can a seizure look like twitching",
        "why does my whole body jerk when i fall asleep",
        "my chest muscle twitches after a workout",
        "i can't stop my eye twitching",
        "call my mom",
        "what's the point of taking magnesium",
        "is there any point in cutting out coffee",
        "should i take more magnesium than i do now",
        "how do i take my life back from stress",
        "would i be better off if i was taking magnesium",
        "turn on the lights",
        "my dad had a stroke years ago and now he twitches should he see his doctor",
        "i had some berries and a cup of tea",
        "should i double up on magnesium tablets",
        "what if i didn't wake up on time for work because of the twitching",
        "i'm ending things with my boyfriend and the stress makes my eye twitch",
        "i took a knock on the head years ago could that cause twitching now",
        "how many calories are in a triple zero yoghurt",
        "my brother has a seizure disorder but would you say twitching is linked to that",
        "he's had a seizure disorder since he was small could that be why he twitches",
        "i was talking about hurting my back at the gym and now it twitches",
        "my uncle had fits when he was younger is my twitching the same thing",
        "she had seizures as a child could that be why her eye twitches",
        "my cousin's a paramedic and he said eat right would that take care of it",
        "my newborn calf is twitching and can't stand up",
        "he's hurt himself at football and now his calf twitches",
        "i don't want to go on medication for it",
        "i use paraffin wax on my hands could that be why they twitch",
        "my dad is on a handful of medications can he take magnesium",
        "i cut myself shaving and now my jaw twitches",
        "i'm thinking about ending it with my boyfriend and the stress makes my eye twitch",
        "me and my boss keep butting heads and now my eye twitches",
        "my baby toe twitches when i walk",
        "why does my baby finger keep jerking",
        "our dad had a stroke years back can a stroke cause twitching",
        "my mum had a stroke last year could that be why her hand twitches",
    ],
)
def test_questions_raise_no_flag(utterance: str) -> None:
    assert red_flags.find(utterance) is None
    assert resolve(utterance).intent not in SAFETY_INTENTS


def test_a_flag_says_why() -> None:
    result = resolve("my husband collapsed")
    assert result.intent == "EmergencyIntent"
    assert result.method.startswith("red flag: collapse")


@pytest.mark.parametrize(
    "utterance",
    [
        "does taking my magnesium tablets help",
        "i took my vitamins this morning",
        "should my son take magnesium tablets",
    ],
)
def test_taking_ones_own_medicine_is_no_alarm(utterance: str) -> None:
    """Taking one's own tablets as usual is not poisoning (a number of them, a child taking
    them, or one's dose twice is, see above)."""
    assert red_flags.find(utterance) is None


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("ich hab schon die tabletten bereitgelegt um mich umzubringen", "CrisisIntent"),
        ("ich halte das alles nicht mehr aus und will mich umbringen", "CrisisIntent"),
        ("am liebsten wäre ich tot", "CrisisIntent"),
        ("mein freund hat gesagt er will sich heute nacht was antun", "CrisisIntent"),
        ("ich schneid mich wieder", "CrisisIntent"),
        ("mein enkel hat was verschluckt und hustet", "PoisoningIntent"),
        ("mein kumpel hat zu viel genommen und ist total komisch drauf", "PoisoningIntent"),
        ("mein kollege ist vom gerüst gefallen und bewegt sich nicht", "EmergencyIntent"),
        ("der anfall hört einfach nicht auf", "EmergencyIntent"),
        ("das zucken bringt mich noch um", None),
        ("ich hab mich beim trinken verschluckt und jetzt zuckt mein auge", None),
        ("er will mich umbringen wenn ich das erzähle", None),
    ],
)
def test_german_danger_phrases(utterance: str, intent: str | None) -> None:
    """German danger said after a story or as a purpose ("..., um mich umzubringen"); figures
    of speech ("bringt mich noch um"), choking on a drink and someone else's threat raise
    none."""
    result = resolver_for("de-DE").resolve(utterance)
    if intent is None:
        assert result.intent not in SAFETY_INTENTS
    else:
        assert result.intent == intent
