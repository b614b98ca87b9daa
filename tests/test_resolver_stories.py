"""The resolver's rules for how people really ask: a story before the question, negation,
out-of-domain lines that share the domain's words, the model's Fallback sensitivity, and the
development sets 3 and 4 (written by other authors, tuned on: floors, not blind figures)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from skill.evaluation.nlu import intent_of
from skill.simulator.evaluate import evaluate, load_cases
from skill.simulator.resolver import (
    DEFAULT_MODEL_PATH,
    FALLBACK,
    SENSITIVITY,
    THRESHOLD,
    Resolver,
    default_resolver,
    resolve,
)

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("utterance", "intent", "slots"),
    [
        # The question after a story decides; a value said in the story fills its slot.
        (
            "i was out with friends on friday and had a lot of beer is that why i'm twitching",
            "CauseCheckIntent",
            {"cause": "alcohol"},
        ),
        (
            "my doctor started me on statins a month ago could that be the cause",
            "CauseCheckIntent",
            {"cause": "medication"},
        ),
        (
            "i've been doing double shifts all month and now my eyelid keeps going",
            "BodyPartIntent",
            {"body_part": "eye"},
        ),
        (
            "my forearm twitches every evening after i get home from the warehouse",
            "BodyPartIntent",
            {"body_part": "arm"},
        ),
        ("i have had this for weeks now what can i do", "RemediesIntent", {}),
        # A count before a value is no other name ("three monsters a day"); "b twelve" is.
        (
            "i've been drinking three monsters a day lately could that be it",
            "CauseCheckIntent",
            {"cause": "coffee"},
        ),
        # "the" and the value's last word point back at the story's value.
        (
            "i picked up a cold last week and now my calf twitches could the cold do that",
            "CauseCheckIntent",
            {"cause": "infection"},
        ),
        (
            "ever since we moved house my left thumb has been twitching",
            "BodyPartIntent",
            {"body_part": "hand"},
        ),
        # A part that would leave unknown a value the whole line names is not taken ("bed
        # help" asks about no remedy called "bed") ...
        (
            "would a bit of box breathing before bed help",
            "RemedyDetailIntent",
            {"remedy": "relaxation"},
        ),
        (
            "i drink about six coffees a day at work should i cut back",
            "RemedyDetailIntent",
            {"remedy": "avoid_stimulants"},
        ),
        # ... but a new thing the part names after the story's is the one asked about.
        (
            "my son is glued to his tablet every evening and now his eye twitches could the"
            " screen be doing it",
            "CauseCheckIntent",
            {},
        ),
    ],
)
def test_a_story_before_the_question(utterance: str, intent: str, slots: dict[str, str]) -> None:
    result = resolve(utterance)
    assert result.intent == intent, result.reason
    assert result.slot_ids() == slots, result


def test_a_part_is_no_question_inside_a_clause() -> None:
    # "is twitching" is a verb, "that would help" a relative clause.
    assert resolve("my pinky is twitching what is going on").intent == "BodyPartIntent"
    result = resolve("any tips to calm down that would help the twitching")
    assert result.intent == "RemedyDetailIntent", result.reason


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("what causes are not serious", "EverydayCausesIntent"),
        ("what causes twitching that isn't something serious", "EverydayCausesIntent"),
        ("twitching that's not down to anything serious what's it from", "EverydayCausesIntent"),
        ("what day to day things set it off", "EverydayCausesIntent"),
        ("can twitching come from a nervous system disease", "MedicalConditionsIntent"),
        ("which causes aren't anything serious", "EverydayCausesIntent"),
        ("what are the serious causes", "MedicalConditionsIntent"),
        ("what are the less serious reasons", "EverydayCausesIntent"),
        ("tell me the causes that are not dangerous", "EverydayCausesIntent"),
    ],
)
def test_negated_seriousness_is_harmless(utterance: str, intent: str) -> None:
    assert resolve(utterance).intent == intent


@pytest.mark.parametrize(
    "utterance",
    [
        "my cat twitches her whiskers",
        "why does my budgie twitch",
        "who streams on twitch tonight",
        "where is magnesium found in nature",
        "find me a coffee shop that is open late",
        "why do i get cramps in my feet",
        "what is a tic",
        "open twitch and play something",
        "what should my blood pressure be at my age",
        "how do i make iced coffee",
        "is magnesium a metal",
        "is there a yoga class near me on saturday",
        "is alcohol bad for your liver",
        "is coffee bad for your teeth",
        "is coffee good for weight loss",
    ],
)
def test_out_of_domain_lines_with_a_domain_word(utterance: str) -> None:
    result = default_resolver().explain(utterance)
    assert result.resolution.intent == FALLBACK, result.candidates[:2]
    assert "Fallback" in result.reason


@pytest.mark.parametrize(
    ("utterance", "reason"),
    [
        # another topic where a sample has twitching or "it"
        ("how do i get rid of wasps", "another topic"),
        ("how do i get rid of a verruca", "another topic"),
        ("how do i stop a nosebleed", "another topic"),
        # things that twitch, and other symptoms said without twitching
        ("my car's steering wheel twitches at high speed", "a thing"),
        ("why is my living room light flickering", "a thing"),
        ("i've got a rash on my arm", "another symptom"),
        ("my lower back aches after gardening what helps", "another symptom"),
        ("why do my knees click when i squat", "another symptom"),
    ],
)
def test_not_about_the_speakers_twitching(utterance: str, reason: str) -> None:
    result = default_resolver().explain(utterance)
    assert result.resolution.intent == FALLBACK, result.candidates[:2]
    assert reason in result.reason


#: (utterance, intent): lines read by one rule each (the comment above each group names it).
READINGS = [
    # whether twitches go away on their own is how long they last, not how to stop them
    ("do the twitches go away on their own", "AboutTwitchingIntent"),
    ("are they meant to go away by themselves", "AboutTwitchingIntent"),
    ("does this need a doctor or will it just go away on its own", "SeeDoctorIntent"),
    # nearly asleep and starting to fade out are falling asleep
    ("why does my whole body jump when i'm nearly asleep", "SleepTwitchIntent"),
    ("every time i start to fade out my muscles twitch", "SleepTwitchIntent"),
    ("what's the best way to deal with muscle twitches", "RemediesIntent"),
    # annoyance said of "it" tells nothing; "whether" is "if"
    ("please what can i do it's driving me mad", "RemediesIntent"),
    ("can you just tell me whether i need to worry", "SeeDoctorIntent"),
    ("will living a healthier life help", "RemedyDetailIntent"),
    # more parts the model has no value for, said with "me" too; a likeness is no question
    ("my lats are twitching", "BodyPartIntent"),
    ("me tongue's got a wee flutter in it", "BodyPartIntent"),
    ("there's a twitch in me earlobe would you believe", "BodyPartIntent"),
    ("my left pec jumps around like there's a little bug under the skin", "BodyPartIntent"),
    # a kind of remedy before "would that help" is asked about; "grand so" opens a line
    ("what about a hot bath would that help", "RemedyDetailIntent"),
    ("grand so what causes it", "CausesIntent"),
    ("is twitching common in folk my age", "AboutTwitchingIntent"),
    # other symptoms and more dogs by breed stay out
    ("how do i stop my stomach rumbling", "AMAZON.FallbackIntent"),
    ("my toddler's nose is runny", "AMAZON.FallbackIntent"),
    ("what's good for arthritis in my knees", "AMAZON.FallbackIntent"),
    ("my kelpie twitches in his sleep is he dreaming", "AMAZON.FallbackIntent"),
    ("why is my windshield wiper twitching", "AMAZON.FallbackIntent"),
    ("why do they call it curtain twitching", "AMAZON.FallbackIntent"),
    ("how do you treat a pulled muscle", "AMAZON.FallbackIntent"),
    # the foreign-topic rule leaves the domain alone
    ("how do i get rid of it", "RemediesIntent"),
    ("is alcohol bad for twitching", "RemedyDetailIntent"),
    ("will a massage help", "RemedyDetailIntent"),
    ("should i go straight to a neurologist", "SeeDoctorIntent"),
    ("i'm breastfeeding can i take magnesium", "RemedyDetailIntent"),
    # the vetoes leave the speaker's twitching alone
    # ... and whether an unlisted thing is the cause is a cause check (the guide's table)
    ("i stare at a screen all day could that cause twitching", "CauseCheckIntent"),
    ("my eye twitches when i look at a screen", "BodyPartIntent"),
    ("my leg twitches and aches", "BodyPartIntent"),
    ("is it worth going to urgent care for twitching", "SeeDoctorIntent"),
    # the verb belongs to the question the line opened with: no part starts there
    ("how many grams of fat should i eat a day", "AMAZON.FallbackIntent"),
    ("how many rest days should i take a week", "AMAZON.FallbackIntent"),
    # a line that opens with its question and then tells something
    ("how do i make it stop it's so annoying", "RemediesIntent"),
    ("could it be als i'm only thirty", "CauseCheckIntent"),
    # going to sleep, or sleep kicking in, is falling asleep
    ("why do i jolt awake just as i'm going to sleep", "SleepTwitchIntent"),
    # worried about the twitching is a doctor question (worry the cause is stress); a gp is a
    # doctor; flicking is twitching; on one's own is by oneself, not a muscle's "on its own"
    ("i'm a bit worried about this twitching", "SeeDoctorIntent"),
    ("should i see a gp about my twitching", "SeeDoctorIntent"),
    ("my little toe keeps flicking", "BodyPartIntent"),
    ("can i treat it by myself", "RemediesIntent"),
    ("can she sort it out herself", "RemediesIntent"),
    ("he's worried sick about his twitching", "SeeDoctorIntent"),
    ("what makes a muscle twitch on its own", "CausesIntent"),
    # a son or a daughter is someone, not a body part; to leave is not the leaves of a plant
    ("should i be worried about my daughter's twitching", "SeeDoctorIntent"),
    ("could the flu leave your muscles twitching", "CauseCheckIntent"),
    # a word the model does not know that describes one it does is not another topic
    ("can an underlying disease be the reason", "MedicalConditionsIntent"),
    # starting out with twitching is not starting the streaming site
    ("which illnesses start with twitching", "MedicalConditionsIntent"),
    # the article's word for twitches, and casual contractions said in full
    ("is there any self help for fasciculations", "RemediesIntent"),
    ("i'm gonna need a doctor for this right", "SeeDoctorIntent"),
    # phrasings read as the samples say them
    ("is twitching when dozing off anything to worry about", "SleepTwitchIntent"),
    ("when is twitching a reason to worry", "SeeDoctorIntent"),
    ("is my muscle twitching anything to be worried about", "SeeDoctorIntent"),
    ("can worry make you twitch", "CauseCheckIntent"),
    ("what everyday stuff sets it off", "EverydayCausesIntent"),
    ("okay so what are the scary causes", "MedicalConditionsIntent"),
    ("so what are the not so scary causes", "EverydayCausesIntent"),
    ("no i meant the everyday ones", "EverydayCausesIntent"),
    ("what are fashy culations", "AboutTwitchingIntent"),
    ("is twitch down right now", FALLBACK),
    ("my hand shakes when i hold a cup", FALLBACK),
    # built-in phrases said in a row (and one-word ones that must not chain)
    ("forget it cancel that", "AMAZON.CancelIntent"),
    ("sorry i missed that can you say it again", "AMAZON.RepeatIntent"),
    ("okay i've heard enough you can stop now", "AMAZON.StopIntent"),
    ("what can i do to make it stop", "RemediesIntent"),
    ("what helps", "RemediesIntent"),
    # hedges before a question and tags after it
    ("i read somewhere that magnesium helps with twitching is that true", "RemedyDetailIntent"),
    ("is it true that stress can cause twitching", "CauseCheckIntent"),
    ("in your opinion should i see a doctor", "SeeDoctorIntent"),
    ("i'm trying to work out if coffee makes me twitch", "CauseCheckIntent"),
    ("is that true", "AMAZON.FallbackIntent"),
    # a one-word built-in phrase opening a longer one, and a built-in with "wait" / "oh"
    ("help what can i ask", "AMAZON.HelpIntent"),
    ("stop that is enough", "AMAZON.StopIntent"),
    ("oh hang on say that again", "AMAZON.RepeatIntent"),
    ("that will do for now", "AMAZON.StopIntent"),
    # ... but not one whose question word asks something else
    ("so what should i be doing about it", "RemediesIntent"),
    ("ag never mind", "AMAZON.CancelIntent"),
    ("ja please", "AMAZON.YesIntent"),
    # what sticks around lasts; the edge of sleep is falling asleep; not scary is harmless
    ("how long do these things stick around like seconds or days", "AboutTwitchingIntent"),
    ("my arms twitch right on the edge of sleep is that normal", "SleepTwitchIntent"),
    ("could you run me through the not so scary causes", "EverydayCausesIntent"),
    ("i twisted my ankle playing football what should i do", "AMAZON.FallbackIntent"),
    ("is it daft to go to the doctor about a twitch", "SeeDoctorIntent"),
    # a built-in phrase beside an aside that names nothing of the domain (not help, whose
    # phrases take what one needs help with)
    ("sorry say that again the kettle was on", "AMAZON.RepeatIntent"),
    ("sorry can you say that again my mum didn't catch it", "AMAZON.RepeatIntent"),
    ("sweet as that's all cheers", "AMAZON.StopIntent"),
    # ... or said last after an aside that asks nothing
    ("sorry the blender was on say that again", "AMAZON.RepeatIntent"),
    # an answer word before a way to leave is that way to leave; Scots and Irish words
    ("nah forget it", "AMAZON.CancelIntent"),
    ("no stop", "AMAZON.StopIntent"),
    ("no thanks", "AMAZON.NoIntent"),
    ("ach never mind", "AMAZON.CancelIntent"),
    ("naw ye're all right", "AMAZON.NoIntent"),
    ("what can ye do then", "AMAZON.HelpIntent"),
    ("i need help finding a care home for my mum", "AMAZON.FallbackIntent"),
    ("say that again about magnesium", "RemedyDetailIntent"),
    ("and what about giving up the booze altogether", "RemedyDetailIntent"),
    (
        "i'm a software engineer sitting twelve hours a day and these twitches are driving me mad"
        " what can i do about them",
        "RemediesIntent",
    ),
    ("oh sorry i'm a bit lost help", "AMAZON.HelpIntent"),
    ("hang on what was that can you say it again", "AMAZON.RepeatIntent"),
    # a twitch one feels: "buzzing" beside another word of the domain, not alone
    ("how do i get rid of this buzzing in my muscles", "RemediesIntent"),
    ("my phone keeps buzzing", "AMAZON.FallbackIntent"),
    # another topic as the last word, where the sample has "it"; the site; birdwatchers' slang
    ("how do you treat shingles", "AMAZON.FallbackIntent"),
    ("how do i stop sneezing", "AMAZON.FallbackIntent"),
    ("how do i stop it", "RemediesIntent"),
    ("how do you treat fasciculations", "TherapyIntent"),
    ("can i watch twitch on my echo show", "AMAZON.FallbackIntent"),
    ("my uncle went twitching at the weekend and saw an owl", "AMAZON.FallbackIntent"),
    # a muscle "going off", small spasms under the skin, a soft word of twitching by a value
    ("my legs go off like popcorn", "BodyPartIntent"),
    ("how come muscles just go off on their own like that", "CausesIntent"),
    ("the alarm went off and i jumped", "AMAZON.FallbackIntent"),
    ("i get little spasms under the skin on my arm", "BodyPartIntent"),
    ("my back went into spasm", "AMAZON.FallbackIntent"),
    ("is sleep apnea dangerous", "AMAZON.FallbackIntent"),
    ("the big toe keeps flickering", "BodyPartIntent"),
    # another symptom of one's own body part is not a twitch, even with an "it" in the line
    ("my wrist aches whenever it gets cold", "AMAZON.FallbackIntent"),
    ("my eyelid twitches and it aches a bit", "BodyPartIntent"),
    # "a twitch down" is no site that is down; a question of one telling word after a story
    ("how do i calm this twitch down", "RemediesIntent"),
    ("is twitch down", "AMAZON.FallbackIntent"),
    ("my sister keeps fretting about it what conditions could it be", "MedicalConditionsIntent"),
    # the dull causes are the everyday ones, the scary stuff the serious ones; "randomly" is no
    # body part
    ("what dull ordinary stuff can make you twitch", "EverydayCausesIntent"),
    ("what scary stuff can be behind twitching", "MedicalConditionsIntent"),
    ("is it normal for muscles to twitch randomly", "AboutTwitchingIntent"),
    # the formal register
    ("what is the aetiology of fasciculations", "CausesIntent"),
    ("can low blood sugar induce involuntary muscle contractions", "CauseCheckIntent"),
    ("which pathologies manifest as fasciculations", "MedicalConditionsIntent"),
    ("does persistent twitching warrant a medical assessment", "SeeDoctorIntent"),
    ("how do muscle contractions work", "AMAZON.FallbackIntent"),
    # where one sees a doctor is seeing a doctor
    ("should i phone the surgery", "SeeDoctorIntent"),
    ("is it worth going to the walk in clinic about my twitching eye", "SeeDoctorIntent"),
    # where and when something is bought or done is no other topic
    ("can i get magnesium tablets at the pharmacy", "RemedyDetailIntent"),
    ("should i cut out wine in the evenings", "RemedyDetailIntent"),
    # other words for the same thing: a nerve specialist, a sickness
    ("do i need a nerve specialist for this twitching", "SeeDoctorIntent"),
    ("what sicknesses can cause muscle twitching", "MedicalConditionsIntent"),
    # falling asleep: the whole body asked why, and a limb an out-of-domain sample came near;
    # but not a limb that fell asleep, nor twitching when already sound asleep
    ("the second i start drifting to sleep my legs jump what's the reason", "SleepTwitchIntent"),
    ("just as i'm going under my arm flings out why", "SleepTwitchIntent"),
    ("my hand fell asleep and it's all pins and needles", "AMAZON.FallbackIntent"),
    ("his arms jerk all night long when he's fast asleep", "AMAZON.FallbackIntent"),
    # a kind of doctor is which doctor; run of the mill and regular causes are everyday ones,
    # and so are those left when "the disease ones" are set aside
    ("what sort of doctor do you go to about twitching", "SeeDoctorIntent"),
    ("what are the run of the mill causes of twitches", "EverydayCausesIntent"),
    ("just tell me the regular reasons", "EverydayCausesIntent"),
    ("tell me the causes but not the disease ones", "EverydayCausesIntent"),
    # a cause pointed at with "do it"; bringing it up with the doctor is seeing one
    ("i hardly slept all week could lack of sleep do it", "CauseCheckIntent"),
    ("is this something i should bring up with the doctor", "SeeDoctorIntent"),
    # what is making someone twitch asks the cause; twitches that hang around last; a rabbit
    # hole online is no animal; a lip that keeps going twitches
    ("what could be making my mum twitch like that", "CausesIntent"),
    ("how long do they usually hang around", "AboutTwitchingIntent"),
    (
        "i fell down a youtube rabbit hole and now i'm scared what diseases cause twitching",
        "MedicalConditionsIntent",
    ),
    ("his lip keeps going when he plays the trumpet", "BodyPartIntent"),
    # a thing someone recommends is what "that" stands for
    ("my coach recommended foam rolling would that help", "RemedyDetailIntent"),
    # more things that twitch or buzz, and stage fright, are not the speaker's twitching
    ("our suv twitches when it idles", "AMAZON.FallbackIntent"),
    ("the strings on my guitar keep buzzing", "AMAZON.FallbackIntent"),
    ("how can i get over my stage fright", "AMAZON.FallbackIntent"),
    # driving one totally nuts is annoyance, not nuts the food; shutting them up is stopping
    # them; "wicked bad" is really bad
    ("it's driving me totally nuts how do i make it quit", "RemediesIntent"),
    ("how can i shut them up", "RemediesIntent"),
    ("i've had a wicked bad cold could that be why my leg twitches", "CauseCheckIntent"),
]


@pytest.mark.parametrize(("utterance", "intent"), READINGS)
def test_readings(utterance: str, intent: str) -> None:
    assert resolve(utterance).intent == intent


@pytest.mark.parametrize(
    ("utterance", "slot", "value"),
    [
        ("should i try potassium supplements", "remedy", None),
        ("would tonic water help", "remedy", None),
        ("my bum cheek keeps twitching", "body_part", None),
        ("would eating kiwis help the twitching", "remedy", None),
        ("would drinking ginger tea help", "remedy", None),
        ("would eating more help the twitching", "remedy", "magnesium"),
        # a remedy's carrier says what it does to the twitch, pointed back to
        ("can chamomile tea calm it down", "remedy", None),
        ("should i put a hot water bottle on it", "remedy", None),
        ("should i try magnesium supplements", "remedy", "magnesium_supplements"),
        ("my left cheek keeps twitching", "body_part", "face"),
    ],
)
def test_a_value_inside_a_longer_unknown_name(utterance: str, slot: str, value: str | None) -> None:
    result = resolve(utterance)
    assert result.slots[slot].id == value, result.reason
    assert result.slots[slot].value


def test_a_body_word_of_ones_own_is_an_unknown_body_part() -> None:
    """ "my tummy" in a line about twitching stands where a sample has {body_part}."""
    result = resolve("there's a twitch in my tummy muscles that just won't quit")
    assert result.intent == "BodyPartIntent", result.reason
    assert result.slots["body_part"].value == "tummy"
    assert result.slots["body_part"].id is None
    assert resolve("why can i hear my pulse in my ear at night").intent == FALLBACK


def test_an_unknown_part_is_not_what_it_does() -> None:
    """The value echoed back is the part, not the part and its twitch ("left pec jumps
    around")."""
    result = resolve("my left pec jumps around like there's a little bug under the skin")
    assert result.intent == "BodyPartIntent", result.reason
    assert result.slots["body_part"].value == "left pec"
    assert result.slots["body_part"].id is None


def test_a_twitching_clause_about_someone_elses_body() -> None:
    result = resolve("my wife has a twitch in her lower back that comes and goes")
    assert result.intent == "BodyPartIntent", result.reason
    assert result.slots["body_part"].id is None


def test_a_twitching_clause_that_goes_on() -> None:
    # "uvula" is no body word the lexicon lists (one would open the domain gate by itself)
    result = resolve("my uvula twitches kinda randomly")
    assert result.intent == "BodyPartIntent", result.reason
    assert result.slots["body_part"].value == "uvula"
    assert result.slots["body_part"].id is None
    assert "up to its word of twitching" in result.reason


def test_a_twitching_word_beside_a_body_word_opens_the_gate() -> None:
    for line in (
        "my scalp twitches kinda randomly",
        "my husband's got this weird flickering in his tongue",
    ):
        result = resolve(line)
        assert result.intent == "BodyPartIntent", result.reason
        assert result.slots["body_part"].id is None


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("hey why would a twelve year old be twitching", "CausesIntent"),
        ("could lack of sleep make my teenager twitch", "CauseCheckIntent"),
    ],
)
def test_a_question_about_twitching_opens_the_gate(utterance: str, intent: str) -> None:
    assert resolve(utterance).intent == intent


@pytest.mark.parametrize(
    "utterance", ["is it just nerves", "could it just be nerves", "or is it probably nerves"]
)
def test_nerves_said_alone_are_stress(utterance: str) -> None:
    result = resolve(utterance)
    assert result.intent == "CauseCheckIntent", result.reason
    assert result.slots["cause"].id == "stress"


@pytest.mark.parametrize(
    "utterance",
    ["is twitching a symptom of any particular diseases", "can some kind of disease cause it"],
)
def test_a_kind_left_unnamed_is_no_cause(utterance: str) -> None:
    result = resolve(utterance)
    assert result.intent == "MedicalConditionsIntent", result.reason


def test_an_out_of_domain_line_for_any_value_is_no_line_that_twitches() -> None:
    # "why are my eyelashes falling out" stands for any body part, but an arm that flicks
    # out as one drifts off is a twitch
    result = resolve("every time i start to drift off my arm flicks out is that anything")
    assert result.intent == "SleepTwitchIntent", result.reason
    assert resolve("why are my toenails falling out").intent == FALLBACK


def test_twitching_questions_about_other_things_stay_out() -> None:
    assert resolve("why does my dog twitch in his sleep").intent == FALLBACK
    assert resolve("translate twitch into hindi").intent == FALLBACK


@pytest.mark.parametrize(
    ("utterance", "cause"),
    [
        ("is it a sign of a l s", "als"),
        ("could it be m s", "multiple_sclerosis"),
        ("is it cos i've been overdoing it at the gym", "overexertion"),
    ],
)
def test_spoken_forms_of_a_cause(utterance: str, cause: str) -> None:
    assert resolve(utterance).slots["cause"].id == cause


def test_a_question_that_begins_with_a_gerund_after_a_story() -> None:
    result = resolve(
        "i've been running every single day for a marathon could overtraining be causing this"
    )
    assert result.intent == "CauseCheckIntent", result.reason
    assert result.slots["cause"].id == "overexertion"


def test_a_sound_before_the_launch_phrase() -> None:
    assert resolve("um start the muscle twitch guide").kind == "launch"


@pytest.mark.parametrize("part", ["back", "neck", "tongue", "belly"])
def test_a_body_part_without_a_value_stays_a_body_part(part: str) -> None:
    result = resolve(f"my {part} keeps twitching")
    assert result.intent == "BodyPartIntent", result.reason
    assert result.slots["body_part"].value == part
    assert result.slots["body_part"].id is None


@pytest.mark.parametrize("utterance", ["is it from dehydration", "is it because of my thyroid"])
def test_a_connective_of_cause_frames_an_unknown_cause(utterance: str) -> None:
    result = resolve(utterance)
    assert result.intent == "CauseCheckIntent", result.reason
    assert result.slots["cause"].value and result.slots["cause"].id is None


def test_letters_said_apart_stay_apart_unless_they_spell_a_name() -> None:
    assert resolve("i have a b c twitching").intent != "CauseCheckIntent"


def test_a_word_of_twitching_keeps_an_animal_story_about_the_speaker() -> None:
    result = resolve("my dog jumped at me and now my hand keeps twitching")
    assert result.intent == "BodyPartIntent", result.reason


def test_fallback_sensitivity_raises_the_threshold() -> None:
    model: dict[str, Any] = json.loads(Path(DEFAULT_MODEL_PATH).read_text(encoding="utf-8"))
    levels = {}
    for level in ("LOW", "MEDIUM", "HIGH"):
        document = copy.deepcopy(model)
        config = {"fallbackIntentSensitivity": {"level": level}}
        document["interactionModel"]["languageModel"]["modelConfiguration"] = config
        levels[level] = Resolver(document).threshold
    assert levels == {level: THRESHOLD + SENSITIVITY[level] for level in levels}
    assert levels["LOW"] < levels["MEDIUM"] < levels["HIGH"]
    assert default_resolver().fallback_sensitivity == "MEDIUM"


#: (file, intent, slot, Fallback precision, Fallback recall): floors a little under the
#: figures in docs/nlu-evaluation.md; every one of these sets was tuned on.
DEV_SETS = [
    ("dev_en_3.tsv", 0.95, 0.90, 0.88, 0.88),
    ("dev_en_4.tsv", 0.93, 0.88, 0.85, 0.90),
    ("dev_en_6.tsv", 0.93, 0.88, 0.85, 0.80),
    ("dev_en_7.tsv", 0.93, 0.90, 0.82, 0.88),
    ("dev_en_8.tsv", 0.90, 0.85, 0.82, 0.80),
    ("dev_en_9.tsv", 0.90, 0.88, 0.82, 0.80),
    ("dev_en_10.tsv", 0.95, 0.93, 0.90, 0.92),
    ("dev_en_11.tsv", 0.95, 0.93, 0.92, 0.85),
    ("dev_en_12.tsv", 0.91, 0.86, 0.82, 0.90),
    ("dev_en_13.tsv", 0.93, 0.87, 0.78, 0.90),
    # a shortened "open twitch guide" now reaches Fallback (the site), not a body part
    ("dev_en_14.tsv", 0.92, 0.87, 0.86, 0.85),
    ("dev_en_16.tsv", 0.92, 0.90, 0.82, 0.82),
    ("dev_en_17.tsv", 0.94, 0.90, 0.80, 0.90),
    # the third round's sets (2026-12-05), each scored once before it was tuned on
    ("dev_en_18.tsv", 0.93, 0.86, 0.82, 0.97),
    ("dev_en_19.tsv", 0.94, 0.94, 0.91, 0.88),
    ("dev_en_20.tsv", 0.95, 0.94, 0.88, 0.94),
    ("dev_en_21.tsv", 0.96, 0.95, 0.86, 0.94),
    ("dev_en_22.tsv", 0.94, 0.93, 0.78, 0.97),
    ("dev_en_23.tsv", 0.94, 0.93, 0.84, 0.91),
    ("dev_en_24.tsv", 0.90, 0.87, 0.79, 0.88),
    ("dev_en_25.tsv", 0.94, 0.89, 0.84, 0.97),
    ("dev_en_26.tsv", 0.95, 0.96, 0.87, 0.94),
    ("dev_en_27.tsv", 0.91, 0.89, 0.88, 0.91),
    ("dev_en_28.tsv", 0.88, 0.78, 0.64, 0.91),
    ("dev_en_29.tsv", 0.95, 0.94, 0.86, 0.91),
    # the fourth round's sets (2026-12-05), each scored once before it was tuned on
    ("dev_en_30.tsv", 0.95, 0.92, 0.87, 0.94),
    ("dev_en_31.tsv", 0.93, 0.90, 0.89, 0.89),
    ("dev_en_32.tsv", 0.92, 0.89, 0.85, 0.94),
    ("dev_en_33.tsv", 0.93, 0.90, 0.95, 0.93),
    ("dev_en_34.tsv", 0.93, 0.87, 0.89, 0.94),
    ("dev_en_35.tsv", 0.93, 0.92, 0.89, 0.94),
    # the fifth round's sets (2026-12-05), each scored once before it was tuned on
    ("dev_en_36.tsv", 0.88, 0.82, 0.75, 0.95),
    ("dev_en_37.tsv", 0.95, 0.93, 0.95, 0.95),
    ("dev_en_38.tsv", 0.90, 0.86, 0.91, 0.80),
    ("dev_en_39.tsv", 0.93, 0.91, 0.86, 0.86),
    ("dev_en_40.tsv", 0.93, 0.91, 0.94, 0.85),
    ("dev_en_41.tsv", 0.96, 0.91, 0.89, 0.92),
    ("dev_en_42.tsv", 0.91, 0.87, 0.85, 0.92),
    ("dev_en_43.tsv", 0.90, 0.78, 0.82, 0.89),
    # the sixth round's sets (2026-12-05), each scored once before it was tuned on
    ("dev_en_44.tsv", 0.94, 0.93, 0.92, 0.95),
    ("dev_en_45.tsv", 0.88, 0.75, 0.80, 0.87),
    ("dev_en_46.tsv", 0.95, 0.96, 0.96, 0.91),
    ("dev_en_47.tsv", 0.91, 0.90, 0.84, 0.84),
    # Fallback precision 0.83 -> 0.82 in the seventh round: one row already missed (a story
    # about a newborn, then "will sleeping properly help") now misses to Fallback instead of
    # BodyPartIntent.
    ("dev_en_48.tsv", 0.91, 0.85, 0.82, 0.92),
    ("dev_en_49.tsv", 0.92, 0.83, 0.77, 0.98),
    # the seventh round's sets (2026-12-05), each scored once before it was tuned on
    ("dev_en_50.tsv", 0.90, 0.82, 0.72, 0.92),
    ("dev_en_51.tsv", 0.94, 0.94, 0.89, 0.92),
    ("dev_en_52.tsv", 0.95, 0.90, 0.92, 0.95),
    ("dev_en_53.tsv", 0.95, 0.94, 0.92, 0.92),
    ("dev_en_54.tsv", 0.91, 0.88, 0.83, 0.96),
    ("dev_en_55.tsv", 0.94, 0.89, 0.77, 0.95),
    ("dev_en_56.tsv", 0.95, 0.98, 0.98, 0.91),
    # the eighth round's sets (2026-12-06), each scored once before it was tuned on
    ("dev_en_57.tsv", 0.92, 0.89, 0.83, 0.95),
    ("dev_en_58.tsv", 0.96, 0.92, 0.98, 0.95),
    ("dev_en_59.tsv", 0.95, 0.87, 0.86, 0.98),
    ("dev_en_60.tsv", 0.91, 0.92, 0.94, 0.88),
    ("dev_en_61.tsv", 0.95, 0.94, 0.95, 0.95),
    ("dev_en_62.tsv", 0.95, 0.96, 0.86, 0.95),
    ("dev_en_63.tsv", 0.94, 0.93, 0.91, 0.95),
    ("dev_en_64.tsv", 0.96, 0.97, 0.91, 0.91),
    # the ninth round's sets (2026-12-06), each scored once before it was tuned on
    ("dev_en_65.tsv", 0.94, 0.91, 0.95, 0.98),
    ("dev_en_66.tsv", 0.94, 0.92, 0.83, 0.95),
    ("dev_en_67.tsv", 0.94, 0.87, 0.86, 0.98),
    ("dev_en_68.tsv", 0.92, 0.91, 0.91, 0.91),
    ("dev_en_69.tsv", 0.96, 0.95, 0.98, 0.93),
    # the tenth round's sets (2026-12-06), each scored once before it was tuned on
    ("dev_en_70.tsv", 0.91, 0.87, 0.89, 0.98),
    ("dev_en_71.tsv", 0.91, 0.88, 0.83, 0.95),
    ("dev_en_72.tsv", 0.95, 0.93, 0.89, 0.98),
    ("dev_en_73.tsv", 0.91, 0.81, 0.72, 0.95),
    ("dev_en_74.tsv", 0.92, 0.87, 0.95, 0.85),
    # the eleventh round's sets (2026-12-06), each scored once before it was tuned on
    ("dev_en_75.tsv", 0.94, 0.92, 0.86, 0.98),
    ("dev_en_76.tsv", 0.92, 0.89, 0.83, 0.91),
    ("dev_en_77.tsv", 0.93, 0.95, 0.84, 0.98),
    ("dev_en_78.tsv", 0.95, 0.96, 0.98, 0.93),
    ("dev_en_79.tsv", 0.92, 0.88, 0.86, 0.95),
    # the twelfth round's sets (2026-12-06), each scored once before it was tuned on
    ("dev_en_80.tsv", 0.95, 0.94, 0.91, 0.91),
    ("dev_en_81.tsv", 0.95, 0.93, 0.92, 0.95),
    ("dev_en_82.tsv", 0.92, 0.87, 0.97, 0.90),
    ("dev_en_83.tsv", 0.94, 0.93, 0.84, 0.98),
    ("dev_en_84.tsv", 0.94, 0.92, 0.88, 0.91),
    # the thirteenth round's sets (2026-12-07), each scored once before it was tuned on
    ("dev_en_85.tsv", 0.94, 0.94, 0.74, 0.95),
    ("dev_en_86.tsv", 0.89, 0.88, 0.83, 0.91),
    ("dev_en_87.tsv", 0.93, 0.89, 0.86, 0.95),
    ("dev_en_88.tsv", 0.92, 0.92, 0.94, 0.86),
    ("dev_en_89.tsv", 0.95, 0.96, 0.81, 0.98),
    # the fourteenth round's sets (2026-12-07), each scored once before it was tuned on
    ("dev_en_90.tsv", 0.95, 0.93, 0.88, 0.95),
    ("dev_en_91.tsv", 0.92, 0.90, 0.81, 0.98),
    ("dev_en_92.tsv", 0.93, 0.92, 0.86, 0.98),
    ("dev_en_93.tsv", 0.92, 0.94, 0.80, 0.91),
    ("dev_en_94.tsv", 0.96, 0.93, 0.94, 0.98),
    # the fifteenth round's sets (2026-12-07), each scored once before it was tuned on
    ("dev_en_95.tsv", 0.94, 0.95, 0.91, 0.94),
    ("dev_en_96.tsv", 0.92, 0.87, 0.80, 0.94),
    ("dev_en_97.tsv", 0.93, 0.92, 0.86, 0.98),
    ("dev_en_98.tsv", 0.94, 0.94, 0.90, 0.98),
    ("dev_en_99.tsv", 0.96, 0.91, 0.91, 0.98),
    ("dev_en_100.tsv", 0.94, 0.91, 0.89, 0.98),
    ("dev_en_101.tsv", 0.92, 0.91, 0.83, 0.91),
    ("dev_en_102.tsv", 0.91, 0.86, 0.79, 0.91),
    ("dev_en_103.tsv", 0.91, 0.89, 0.88, 0.88),
    ("dev_en_104.tsv", 0.94, 0.91, 0.92, 0.94),
    # the seventeenth round's sets (2026-12-07), each scored once before it was tuned on
    ("dev_en_105.tsv", 0.92, 0.93, 0.84, 0.92),
    ("dev_en_106.tsv", 0.92, 0.92, 0.84, 0.92),
    ("dev_en_107.tsv", 0.93, 0.90, 0.92, 0.95),
    ("dev_en_108.tsv", 0.93, 0.84, 0.90, 0.98),
]


@pytest.mark.parametrize(("name", "intent", "slot", "precision", "recall"), DEV_SETS)
def test_development_set_floors(
    name: str, intent: float, slot: float, precision: float, recall: float
) -> None:
    report = evaluate(load_cases(DATA / name))
    misses = [(case.utterance, got) for case, got, _ in report.misses]
    assert report.intent_accuracy >= intent, misses
    assert report.slot_accuracy >= slot, misses
    fallback = report.score(FALLBACK)
    assert (fallback.precision or 0.0) >= precision, misses
    assert (fallback.recall or 0.0) >= recall, misses


@pytest.mark.parametrize(
    ("utterance", "value"),
    [
        ("could not getting enough sleep cause twitching", "sleeplessness"),
        ("is it because i'm not sleeping enough", "sleeplessness"),
        ("could sleep deprivation be the reason", "sleeplessness"),
        ("is it because i haven't been sleeping", "sleeplessness"),
        ("i think it's because i'm a bit dehydrated", "dehydration"),
        ("i've only been getting five hours a night is that why", "sleeplessness"),
        ("could it be because i'm running on four hours sleep", "sleeplessness"),
        ("can not getting enough kip make you twitch", "sleeplessness"),
    ],
)
def test_too_little_sleep_or_water_is_an_unknown_cause(utterance: str, value: str) -> None:
    """Not sleeping enough (not the sleep remedy) and being dehydrated are causes the article
    does not list, each named by one word the reply can repeat."""
    result = resolve(utterance)
    assert result.intent == "CauseCheckIntent", result.reason
    assert result.slots["cause"].value == value
    assert result.slots["cause"].id is None


def test_more_sleep_stays_a_remedy() -> None:
    result = resolve("would getting more sleep help the twitching")
    assert result.intent == "RemedyDetailIntent", result.reason
    assert result.slots["remedy"].id == "healthy_lifestyle"


@pytest.mark.parametrize(
    ("utterance", "intent", "slot", "value"),
    [
        (
            "i smoked a bit of weed at a party can that cause twitching",
            "CauseCheckIntent",
            "cause",
            "drugs",
        ),
        (
            "the doctor put me on antidepressants could they be giving me twitches",
            "CauseCheckIntent",
            "cause",
            "medication",
        ),
        (
            "i've heard about autogenic training does that work for twitches",
            "RemedyDetailIntent",
            "remedy",
            "relaxation",
        ),
        # a part that is a sample as said keeps the story's value in its slot
        (
            "i've been smoking a fair bit of weed could that be it",
            "CauseCheckIntent",
            "cause",
            "drugs",
        ),
        # values said together are one thing ("take magnesium" + "tablets")
        (
            "the pharmacist told me to take magnesium tablets would that help",
            "RemedyDetailIntent",
            "remedy",
            "magnesium_supplements",
        ),
        # the body part that twitches is no value of the question's own
        (
            "my gp thinks i have a trapped nerve in my back could that make my leg twitch",
            "CauseCheckIntent",
            "cause",
            "pinched_nerve",
        ),
        # the question names its own value: the story's does not replace it
        (
            "my dad has had a flickering calf on and off for a month could that be als",
            "CauseCheckIntent",
            "cause",
            "als",
        ),
    ],
)
def test_a_pointing_word_stands_for_the_value_the_story_named(
    utterance: str, intent: str, slot: str, value: str
) -> None:
    result = resolve(utterance)
    assert result.intent == intent, result.reason
    assert result.slots[slot].id == value


@pytest.mark.parametrize(
    ("utterance", "cause"),
    [
        (
            "my sister's been on the energy drinks all week is that why her arm keeps jumping",
            "coffee",
        ),
        ("i've been so anxious at work lately could that be what's making my lip twitch", "stress"),
        (
            "we had a few glasses of wine last night might this be why my legs are twitching",
            "alcohol",
        ),
        ("is stress why my eyelid keeps flickering", "stress"),
        (
            "i'm getting through six mugs a day at the office could all that caffeine be what's"
            " making my eyelid flicker",
            "coffee",
        ),
    ],
)
def test_why_after_is_that_completes_the_question(utterance: str, cause: str) -> None:
    """ "Could that be why ..." asks whether the thing told is the reason: its "why" opens no
    question of its own, so the line is no general question about causes."""
    result = resolve(utterance)
    assert result.intent == "CauseCheckIntent", result.reason
    assert result.slots["cause"].id == cause


def test_a_body_part_in_the_story_is_not_what_that_points_to() -> None:
    result = resolve("my husband's calf keeps jumping at night is that something to worry about")
    assert result.intent == "SeeDoctorIntent", result.reason


@pytest.mark.parametrize(
    ("utterance", "cause"),
    [("alcohol and twitching", "alcohol"), ("twitching with parkinson's", "parkinsons_disease")],
)
def test_a_value_of_another_type_is_no_unknown_value(utterance: str, cause: str) -> None:
    """A cause said where a sample has a body part ("{body_part} twitching") is that cause."""
    result = resolve(utterance)
    assert result.intent == "CauseCheckIntent", result.reason
    assert result.slots["cause"].id == cause


def test_a_bum_cheek_is_no_cheek_of_the_face() -> None:
    result = resolve("my bottom cheek keeps twitching")
    assert result.intent == "BodyPartIntent", result.reason
    assert result.slots["body_part"].id is None


def test_a_word_beside_a_value_must_describe_it() -> None:
    """A sample of slot and function words takes one more word only before the value."""
    assert resolve("what about my morning coffee").slot_ids() == {"cause": "coffee"}
    assert resolve("it's boiling today so how do i make iced coffee").intent == FALLBACK


def test_a_body_word_in_a_sample_stays_an_unknown_body_part() -> None:
    """ "should i cut back on {remedy}" uses "back" in another sense: "my back" is still a body
    part the model does not know."""
    result = resolve("my back keeps twitching")
    assert result.intent == "BodyPartIntent", result.reason
    assert result.slots["body_part"].value == "back"
    assert result.slots["body_part"].id is None
    assert resolve("should i cut back on coffee").slot_ids() == {"remedy": "avoid_stimulants"}


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        (
            "i really want to understand what twitching even is at its simplest",
            "AboutTwitchingIntent",
        ),
        ("could all this twitching of mine mean some nerve illness", "MedicalConditionsIntent"),
    ],
)
def test_a_line_plainly_about_twitching_is_matched_loosely(utterance: str, intent: str) -> None:
    """No sample covers enough of these words, but the twitch says the domain: the best sample
    is taken with a lower share covered and a lower threshold."""
    result = resolve(utterance)
    assert (result.intent, result.method) == (intent, "loose"), result.reason


@pytest.mark.parametrize(
    "utterance",
    ["my car jerks when i brake", "how many muscles are in the human body"],
)
def test_a_soft_word_of_twitching_or_a_muscle_alone_is_not_plainly_twitching(
    utterance: str,
) -> None:
    result = resolve(utterance)
    assert result.intent == FALLBACK, result.reason


@pytest.mark.parametrize(
    "utterance",
    [
        "yo start muscle twitch guide real quick",
        "well open muscle twitch guide again",
        "ask muscle twitch guide a question",
        "alexa open the muscle twitch guide na",
        "start muscle twitch guide lah",
    ],
)
def test_a_launch_with_a_sound_before_and_a_word_after(utterance: str) -> None:
    assert resolve(utterance).kind == "launch"


@pytest.mark.parametrize(
    ("utterance", "intent", "slot"),
    [
        ("could the heat be doing this", "CauseCheckIntent", "cause"),
        ("would a hot shower do anything", "RemedyDetailIntent", "remedy"),
        ("zinc any good", "RemedyDetailIntent", "remedy"),
        # a thing where a sample has a remedy may stray a little further from its wording
        ("would kneading the muscle help", "RemedyDetailIntent", "remedy"),
        # a thing said first and then asked about as "that" is the question's value
        ("acupuncture would that help", "RemedyDetailIntent", "remedy"),
        ("and chamomile tea does that work", "RemedyDetailIntent", "remedy"),
        ("i haven't been sleeping much could that be the reason", "CauseCheckIntent", "cause"),
    ],
)
def test_an_unknown_value_pointed_at_the_twitch(utterance: str, intent: str, slot: str) -> None:
    """A short unknown value is a cause when the carrier points it at the twitch after it
    ("could ... be doing this"), and a remedy when it says what it does ("do anything")."""
    result = resolve(utterance)
    assert result.intent == intent, result.reason
    assert result.slots[slot].value is not None
    assert result.slots[slot].id is None


@pytest.mark.parametrize(
    "utterance",
    [
        "i dozed off in front of the telly and my leg kicked out what was that",
        "my daughter says her arms jump when she goes to sleep",
        "when i start to sleep my foot jerks",
        "why does my hand twitch just before sleeping",
        "my legs give a little spasm as soon as i start to doze",
        "right before i conk out my arm jumps",
        "my girlfriend reckons i jerk right as i'm going off to sleep",
        "my wife says my leg twitches whenever i start to drift",
    ],
)
def test_a_body_part_twitching_as_one_falls_asleep(utterance: str) -> None:
    """The falling-asleep question, whichever part of the body jerks (a baby aside)."""
    result = resolve(utterance)
    assert result.intent == "SleepTwitchIntent", result.reason


def test_a_body_part_twitching_at_night_is_still_that_part() -> None:
    result = resolve("my calf twitches at night when i'm lying in bed reading")
    assert result.intent != "SleepTwitchIntent", result.reason


@pytest.mark.parametrize(
    "utterance",
    [
        "i've had twitching for ages and now i'm also getting this weird tingling should i go to"
        " the doctor",
        "my arm twitches and lately my grip is weaker too should i get it checked",
    ],
)
def test_a_closing_question_of_one_telling_word(utterance: str) -> None:
    """A whole question that ends a story is scored even when it says one word that tells its
    intent ("doctor"), so the story's first clause does not answer for it."""
    result = resolve(utterance)
    assert result.intent == "SeeDoctorIntent", result.reason


def test_no_question_inside_a_statement_or_a_question() -> None:
    assert resolve("my partner snores so loudly i can't sleep what can we do about it").intent == (
        FALLBACK
    )
    assert resolve("my grandad has a sore throat what's good for it").intent == FALLBACK


@pytest.mark.parametrize(
    ("utterance", "slot", "value"),
    [
        ("could it be the alcohol or the stress", "cause", "stress"),
        ("is it my nerves or all the caffeine", "cause", "coffee"),
        ("my calf and my thumb both keep twitching", "body_part", "hand"),
        ("should i try meditation or magnesium tablets", "remedy", "magnesium_supplements"),
        ("my thumb no sorry i mean my elbow is twitching", "body_part", "arm"),
        ("does stress um wait actually does alcohol cause it", "cause", "alcohol"),
    ],
)
def test_of_two_alternatives_the_last(utterance: str, slot: str, value: str) -> None:
    """One slot holds one value: of two joined by "or" or "and", the one the speaker ends on."""
    result = resolve(utterance)
    assert result.slots[slot].id == value, result.reason


def test_one_value_said_twice_is_not_an_alternative() -> None:
    result = resolve("is it coffee or is it just too much caffeine")
    assert result.slots["cause"].id == "coffee", result.reason


@pytest.mark.parametrize(
    "utterance",
    [
        "would a glass of tonic water before bed help the twitching",
        "would a sports massage help with the twitching",
        "is coconut water good for twitching",
    ],
)
def test_the_name_of_another_thing_holds_no_value(utterance: str) -> None:
    """Tonic water is no water and a sports massage no sport: an unknown remedy."""
    result = resolve(utterance)
    assert result.intent == "RemedyDetailIntent", result.reason
    assert result.slots["remedy"].value is not None
    assert result.slots["remedy"].id is None, result.reason


@pytest.mark.parametrize(
    ("utterance", "slot", "value"),
    [
        ("no not my calf my wrist keeps twitching", "body_part", "hand"),
        ("can coffee not stress cause twitching", "cause", "coffee"),
    ],
)
def test_a_value_taken_back_leaves_the_slot_to_the_other(
    utterance: str, slot: str, value: str
) -> None:
    result = resolve(utterance)
    assert result.slots[slot].id == value, result.reason


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        (
            "i've had a rotten fortnight at work and i can't work out why so what are the"
            " possible causes",
            "CausesIntent",
        ),
        (
            "my teenage son has been twitching since his exams and i can't decide if i should"
            " take him in or just wait",
            "SeeDoctorIntent",
        ),
    ],
)
def test_the_question_after_a_story_outranks_its_statements(utterance: str, intent: str) -> None:
    """A statement of the story ("my cheek keeps twitching") does not answer for the question
    the line goes on to ask, when that question matches a sample well."""
    result = resolve(utterance)
    assert result.intent == intent, result.reason


def test_a_form_of_be_inside_a_statement_asks_nothing() -> None:
    result = resolve("after a long walk my calf and my thigh are both twitching")
    assert result.intent == "BodyPartIntent", result.reason


@pytest.mark.parametrize(
    ("utterance", "intent", "slots"),
    [
        ("we never drink coffee or alcohol so what else might be behind it", "CausesIntent", {}),
        ("besides stress what else could be making me twitch", "CausesIntent", {}),
        ("what else can i try apart from the magnesium tablets", "RemediesIntent", {}),
        ("it isn't stress so why would my calf twitch", "BodyPartIntent", {"body_part": "leg"}),
        ("it's never as i fall asleep it's in the daytime so what causes it", "CausesIntent", {}),
        # A denied value after the question, a lack, and a denial with no question stay.
        ("why couldn't it be the coffee", "CauseCheckIntent", {"cause": "coffee"}),
        (
            "could not having enough magnesium be why i am twitching",
            "CauseCheckIntent",
            {"cause": "magnesium_deficiency"},
        ),
        ("i don't drink coffee anymore", "RemedyDetailIntent", {"remedy": "avoid_stimulants"}),
        # Serious causes set aside leave the everyday ones.
        (
            "besides the bad diseases what other things can cause twitching",
            "EverydayCausesIntent",
            {},
        ),
        ("apart from the scary illnesses what else can cause it", "EverydayCausesIntent", {}),
        ("other than the serious conditions what causes twitches", "EverydayCausesIntent", {}),
    ],
)
def test_a_value_set_aside_before_an_open_question(
    utterance: str, intent: str, slots: dict[str, str]
) -> None:
    """What the speaker sets aside ("i don't drink coffee so what else") is not what they ask
    about: the open question after it is."""
    result = resolve(utterance)
    assert (result.intent, result.slot_ids()) == (intent, slots), result.reason


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("i've been twitching on and off all week what's the reason for that", "CausesIntent"),
        ("why would my muscles flicker like that", "CausesIntent"),
        # ... but "could that be why" asks whether *that* is the reason: its "why" opens nothing
        ("could that be why", "CauseCheckIntent"),
        ("could that be it", "CauseCheckIntent"),
    ],
)
def test_a_reason_question_that_names_no_cause(utterance: str, intent: str) -> None:
    """A cause-check question opened by "why" or "what" that names no cause is the open
    question of causes."""
    result = resolve(utterance)
    assert result.intent == intent, result.reason
    assert ("names no cause" in result.reason) == (intent == "CausesIntent")


def test_the_and_a_remedy_name_is_that_remedy() -> None:
    """ "The magnesium tablets" is the supplements remedy, not magnesium named with a word
    beside it (which made it the cause "magnesium deficiency")."""
    result = default_resolver().resolve("what about the magnesium tablets")
    assert result.intent == "RemedyDetailIntent"
    assert result.slots["remedy"].id == "magnesium_supplements"


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        # The verb of a wh-question after a story belongs to it: the part begins at "how"...
        ("say it turns out to be ms how do doctors treat the twitching", "TherapyIntent"),
        (
            "my mum has parkinson's what therapy will the doctors give her for the twitching",
            "TherapyIntent",
        ),
        # ... and "how" before a verb asks anew; it completes no "be ms" question.
        ("if it's a pinched nerve how do they treat it", "TherapyIntent"),
        # A wh-word repeated begins its question again; "what about" asks nothing yet.
        ("what diseases sorry what diseases cause it", "MedicalConditionsIntent"),
        ("what about tea could that do it too", "CauseCheckIntent"),
        # An embedded question ("what she can do") is still a question of its own verb.
        (
            "my wife has been bothered by her twitching and she wants to find out what she can do"
            " to make it go away",
            "RemediesIntent",
        ),
    ],
)
def test_a_question_after_a_story_begins_at_its_wh_word(utterance: str, intent: str) -> None:
    result = resolve(utterance)
    assert result.intent == intent, result.reason


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("oh never mind darling cancel that", "AMAZON.CancelIntent"),
        ("what can this thing actually do how do i use it", "AMAZON.HelpIntent"),
        ("hiya alexa could you open muscle twitch guide for me", "LaunchRequest"),
        ("what kinds of things can i ask you", "AMAZON.HelpIntent"),
        ("never mind just leave it", "AMAZON.CancelIntent"),
        ("that's brilliant thanks bye", "AMAZON.StopIntent"),
    ],
)
def test_built_ins_and_launches_with_words_of_address(utterance: str, intent: str) -> None:
    result = resolve(utterance)
    assert intent_of(result) == intent, result.reason


def test_a_recommended_thing_that_holds_a_value_word_is_that_thing() -> None:
    """ "Tonic water" is no water: recommended, it is what "that" stands for (an unknown
    remedy), not the drinking-water advice and not the open remedies question."""
    result = resolve("my gran swore by tonic water does that help twitching")
    assert result.intent == "RemedyDetailIntent", result.reason
    assert result.slots["remedy"].value and result.slots["remedy"].id is None


@pytest.mark.parametrize(
    "utterance",
    [
        "would a heat pack on my thigh help",
        "can lavender oil calm the twitching",
        "should i try acupuncture for it",
        "does a warm compress settle my eyelid twitching",
    ],
)
def test_a_yes_no_question_whether_an_unlisted_thing_helps(utterance: str) -> None:
    """Not the open "what helps" question, nor a body-part question: the thing asked about is
    an unknown remedy (rule 2 of the labelling guide)."""
    result = resolve(utterance)
    assert result.intent == "RemedyDetailIntent", result.reason
    assert result.slots["remedy"].value and result.slots["remedy"].id is None


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("would seeing a neurologist help", "SeeDoctorIntent"),
        ("does a hot bath help a leg cramp", FALLBACK),
        ("would magnesium help my calf twitching", "RemedyDetailIntent"),
    ],
)
def test_a_thing_that_helps_leaves_known_things_and_vetoes_alone(
    utterance: str, intent: str
) -> None:
    result = resolve(utterance)
    assert result.intent == intent, result.reason
    if intent == "RemedyDetailIntent":
        assert result.slots["remedy"].id == "magnesium"


@pytest.mark.parametrize(
    "utterance",
    [
        "could it be my thyroid",
        "can a lack of vitamin d do that",
        "is it because of the menopause",
        "could my diabetes be behind it",
    ],
)
def test_a_yes_no_question_whether_an_unlisted_kind_of_cause_is_the_reason(
    utterance: str,
) -> None:
    result = resolve(utterance)
    assert result.intent == "CauseCheckIntent", result.reason
    assert result.slots["cause"].value and result.slots["cause"].id is None


@pytest.mark.parametrize(
    "utterance", ["is tea ok to drink", "could it be the weather", "is my thyroid in my neck"]
)
def test_a_kind_of_cause_without_a_question_of_reasons_is_not_one(utterance: str) -> None:
    result = resolve(utterance)
    assert result.intent != "CauseCheckIntent", result.reason
