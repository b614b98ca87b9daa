"""Every word Muscle Twitch Guide says, as data.

Medical statements come only from the source article
(``shared/source/muscle-twitching-article.txt``); each entry names the article
section it comes from in ``section``, and ``tests/test_content.py`` checks that
every section named here is a heading of that article.  Where an entry adds a
clarification the article does not make (a common synonym, "talk to your
pharmacist"), it is conservative, well established and marked in a comment.

Speech is plain text: the reply layer escapes it for SSML.  A spoken answer
fits in one breath (at most 45 words); the card carries the longer text.

This module imports nothing from the rest of the skill, so handlers depend on
content and never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- Article sections (each is a heading or the opening line of the article) ---
INTRO = "Twitching in the eye or in the leg?"
WHAT = "Muscle twitching: That’s what’s behind"  # noqa: RUF001 (the article's own apostrophe)
CAUSES_SECTION = "Possible causes"
REMEDIES_SECTION = "You can do that"
SLEEP_SECTION = "Muscle twitching when falling asleep"
DOCTOR_SECTION = "When to see the doctor?"
#: Not from the article: the skill's own safety policy (emergencies, disclaimers).
SAFETY = "Safety policy of the skill"
#: Not from the article: how the skill itself works (welcome, help, goodbye).
SKILL = "Skill interface"

ARTICLE_SECTIONS = (INTRO, WHAT, CAUSES_SECTION, REMEDIES_SECTION, SLEEP_SECTION, DOCTOR_SECTION)


# --- Safety numbers (the skill's own policy, not the article) ------------------------
@dataclass(frozen=True)
class SafetyNumbers:
    """The numbers a locale's safety answers give, written as they are dialled.

    Speech and cards name them only through the placeholders ``{emergency}``,
    ``{crisis}`` and ``{poison}``; the reply layer fills them in (spoken as a
    telephone number, shown as digits on the card), so every number lives here
    once and a check can compare each answer with this table.
    """

    emergency: str
    crisis: str
    poison: str
    #: The services' names, as spoken after the number ("988, the Suicide and Crisis Lifeline").
    crisis_line: str
    poison_line: str


#: One row per locale. en-US, verified 2026-12:
#: emergency 911 (FCC, "911 Emergency Communications");
#: crisis 988, the 988 Suicide and Crisis Lifeline, call or text (SAMHSA, 988lifeline.org);
#: poison 1-800-222-1222, Poison Help, free and open 24 hours (HRSA, poisonhelp.hrsa.gov).
SAFETY_NUMBERS: dict[str, SafetyNumbers] = {
    "en-US": SafetyNumbers(
        emergency="911",
        crisis="988",
        poison="1-800-222-1222",
        crisis_line="the Suicide and Crisis Lifeline",
        poison_line="Poison Help",
    ),
}
#: The locale whose numbers a request with any other locale gets (the skill is published
#: in en-US only; a locale gets its own row when it is published).
DEFAULT_LOCALE = "en-US"
#: The placeholders that stand for a number (spoken as a telephone number) ...
NUMBER_FIELDS = ("emergency", "crisis", "poison")
#: ... and those that stand for a service's name.
NAME_FIELDS = ("crisis_line", "poison_line")


def numbers_for(locale: str | None) -> SafetyNumbers:
    """The safety numbers for ``locale`` (the default locale's for any other)."""
    return SAFETY_NUMBERS.get(locale or "", SAFETY_NUMBERS[DEFAULT_LOCALE])


@dataclass(frozen=True)
class Entry:
    """One answer: spoken text, card text and where it comes from."""

    title: str
    speech: str
    card: str
    section: str
    #: Topic id (a key of ``TOPICS``) offered as a follow-up question, if any.
    follow_up: str | None = None


@dataclass(frozen=True)
class ListItem:
    """One item of a spoken list; the card may use a fuller name."""

    spoken: str
    card: str


@dataclass(frozen=True)
class Topic(Entry):
    """An answer reachable by an intent without a slot.

    A topic with ``items`` is a list: ``speech`` introduces it, the items are
    spoken in chunks of at most four, and ``outro`` closes the last chunk.
    """

    intent: str = ""
    #: The yes/no question that offers this topic ("Would you like to hear ...?").
    offer: str = ""
    items: tuple[ListItem, ...] = field(default_factory=tuple)
    outro: str = ""


@dataclass(frozen=True)
class Prompt:
    """Something the skill says that is not a medical answer, with its reprompt."""

    speech: str
    reprompt: str | None = None
    title: str = "Muscle Twitch Guide"


# --- Sentences shared by several answers -------------------------------------------
SEE_DOCTOR_IF = "If it happens often or comes with other symptoms, see a doctor."
NOT_ALWAYS_SERIOUS = (
    "But twitching is not always a sign of serious illness. If it happens often or comes "
    "with other symptoms, see a doctor; a visit to a neurologist is recommended."
)
#: Everyday reasons named on body-part answers: the article's list, without calling any of
#: them harmless (drugs, low blood sugar and medicines are not).
EVERYDAY_REASONS_CARD = (
    "Twitching is not always a sign of serious illness. Reasons can also be mental stress "
    "and strain, drugs, alcohol, coffee, magnesium deficiency, overexertion, low blood sugar "
    "or certain medicines."
)
RELAXATION_HELPS = (
    "Relaxation methods such as autogenic training, but also sport or yoga, "
    "help against stress and overexertion."
)
MAGNESIUM_FOODS = "Whole grain products, green vegetables and nuts can cover your needs."
CARD_FOOTER = (
    "Muscle Twitch Guide gives general information only. It is not a substitute for "
    "professional medical advice. If twitching occurs frequently or with other symptoms, "
    "see a doctor."
)

# --- Disclaimers, welcome, help and the other prompts ------------------------------
DISCLAIMER_FULL = (
    "I give general information from a health article. "
    "I can't diagnose you, and I'm not a substitute for professional medical advice."
)
DISCLAIMER_SHORT = (
    "Remember, this is general information, not a substitute for professional medical advice."
)
WHAT_TO_ASK = "You can ask what causes muscle twitching, what helps, or when to see a doctor."
WHAT_WOULD_YOU_LIKE = "What would you like to know?"
REPROMPT = "What would you like to know? For example, ask: what causes muscle twitching?"

WELCOME_NEW = Prompt(
    speech=f"Welcome to Muscle Twitch Guide. {DISCLAIMER_FULL} {WHAT_TO_ASK} {WHAT_WOULD_YOU_LIKE}",
    reprompt=REPROMPT,
    title="Welcome to Muscle Twitch Guide",
)
WELCOME_RETURNING = Prompt(
    speech=f"Welcome back to Muscle Twitch Guide. {DISCLAIMER_SHORT} {WHAT_WOULD_YOU_LIKE}",
    reprompt=REPROMPT,
    title="Welcome back",
)
HOME = Prompt(
    speech=f"Okay, let's start over. {WHAT_TO_ASK} {WHAT_WOULD_YOU_LIKE}",
    reprompt=REPROMPT,
)
HELP = Prompt(
    speech=(
        "I answer questions about muscle twitching. Try asking: can coffee cause twitching? "
        "Why does my eye keep twitching? Or: when should I see a doctor? "
        f"{WHAT_WOULD_YOU_LIKE}"
    ),
    reprompt=REPROMPT,
    title="Help",
)
#: Safety policy, not the article: the one sentence that may name the emergency number in
#: an answer that is not a safety answer. It closes Fallback, where a frightened caller who
#: was not understood may land.
IF_EMERGENCY = "If this is an emergency, call {emergency}."
#: Safety policy: what an answer about a body part the skill knows nothing about adds, since
#: the article says nothing about twitching there (heart, chest, throat, tongue, a baby).
RED_FLAG_NET = "If there is chest pain, or trouble breathing or swallowing, call {emergency} now."
#: The sentences above: the only places a non-safety answer may say a safety number.
SAFETY_NET_SENTENCES = (IF_EMERGENCY, RED_FLAG_NET)

FALLBACK = Prompt(
    speech=(
        "Sorry, I can't help with that. I can tell you what muscle twitching is, its everyday "
        "and medical causes, what helps, why you twitch when falling asleep, and when to see "
        f"a doctor. {WHAT_WOULD_YOU_LIKE} {IF_EMERGENCY}"
    ),
    reprompt=REPROMPT,
)
GOODBYE = Prompt(speech="Goodbye, and take care.")
WHAT_ELSE = Prompt(
    speech=f"Okay. {WHAT_TO_ASK} What else would you like to know?", reprompt=REPROMPT
)
ASK_AWAY = Prompt(speech=f"Sure. {WHAT_TO_ASK} {WHAT_WOULD_YOU_LIKE}", reprompt=REPROMPT)
NOTHING_TO_REPEAT = Prompt(
    speech=f"I haven't said anything to repeat yet. {WHAT_TO_ASK} {WHAT_WOULD_YOU_LIKE}",
    reprompt=REPROMPT,
)
NO_LIST = Prompt(
    speech=f"There's no list to continue right now. {WHAT_TO_ASK} {WHAT_WOULD_YOU_LIKE}",
    reprompt=REPROMPT,
)
ERROR = Prompt(
    speech="Sorry, I had trouble with that. Please ask again, for example: what causes twitching?",
    reprompt=REPROMPT,
)
MORE = "Want to hear more?"
MORE_REPROMPT = "Want to hear more of the list? Please say yes or no."
#: Joins the last item of a spoken list ("a, b and c").
AND = "and"

#: Answers to a slot value the skill does not know. ``{value}`` is what the user said
#: (escaped before it is spoken); the ``*_MISSING`` forms are for an empty slot.
UNKNOWN_CAUSE = (
    "I don't have information about {value} as a cause of muscle twitching. "
    "I know about everyday causes like stress, coffee and alcohol, "
    "and about conditions like epilepsy and multiple sclerosis."
)
MISSING_CAUSE = (
    "I didn't catch which cause you mean. I know about everyday causes like stress, "
    "coffee and alcohol, and about conditions like epilepsy and multiple sclerosis."
)
UNKNOWN_REMEDY = (
    "I don't have information about {value}. What helps against twitching, according to "
    "my source, is relaxation, enough magnesium, avoiding alcohol, drugs and coffee, "
    "and a healthy lifestyle."
)
MISSING_REMEDY = (
    "I didn't catch which remedy you mean. What helps against twitching, according to my "
    "source, is relaxation, enough magnesium, avoiding alcohol, drugs and coffee, "
    "and a healthy lifestyle."
)
# The article covers the arms, legs, eyes and face only: about anywhere else it says nothing,
# so nothing here may reassure (no "usually painless"); it points to a doctor, and to the
# emergency number for the red flags a twitch in the chest, throat or a baby may come with.
UNKNOWN_BODY_PART = (
    "I don't have anything specific about twitching in the {value}, so please ask a doctor "
    f"about it. {RED_FLAG_NET}"
)
MISSING_BODY_PART = (
    "I didn't catch where the twitching is. It often happens in the arms and legs, or in the "
    "face, for example around the eyes."
)

# --- Topics reached by intents without slots ----------------------------------------
TOPICS: dict[str, Topic] = {
    "about": Topic(
        intent="AboutTwitchingIntent",
        title="What is muscle twitching?",
        offer="Would you like to know what muscle twitching is?",
        speech=(
            "Muscle twitches, also called fasciculations, are involuntary movements of small "
            "bundles of muscle. You can sometimes see them under the skin, but they don't move "
            "the body part. They often happen in the arms, legs, eyes or face, and are usually "
            "painless."
        ),
        card=(
            "Muscle twitches are involuntary movements of muscle bundles (very small muscle "
            "groups). They are sometimes visible under the skin but do not move the body part. "
            "They are also called fasciculations. They often occur in the muscles of the arms "
            "and legs or in the face, for example around the eyes, and are usually painless."
        ),
        section=WHAT,
        follow_up="causes",
    ),
    "causes": Topic(
        intent="CausesIntent",
        title="Causes of muscle twitching",
        offer="Would you like to hear what causes it?",
        speech=(
            "Muscle twitching can have various causes. It isn't always a sign of serious "
            "illness, and it's often over after a short time. Everyday reasons include stress, "
            "coffee, alcohol and a lack of magnesium. It can also occur in conditions such as "
            "epilepsy or multiple sclerosis."
        ),
        card=(
            "Muscle twitching can have various causes. It is not always associated with serious "
            "illness, and the twitches are often over after a short time.\n"
            "Everyday reasons: mental stress and strain, drugs, alcohol, coffee, magnesium "
            "deficiency, overexertion, low blood sugar (hypoglycemia) and certain medicines.\n"
            "Conditions in which twitching can occur: epilepsy, multiple sclerosis, Tourette's "
            "syndrome, ALS, Parkinson's disease, Alzheimer's disease, brain tumours, cerebral "
            "hemorrhages, circulatory disorders, pinched and irritated nerves, and viral or "
            "bacterial infections."
        ),
        section=CAUSES_SECTION,
        follow_up="everyday_causes",
    ),
    "everyday_causes": Topic(
        intent="EverydayCausesIntent",
        title="Everyday causes of muscle twitching",
        offer="Would you like to hear the everyday causes?",
        speech=(
            "Twitching is not always a sign of serious illness, and it's often over after a "
            "short time. Everyday reasons include"
        ),
        card=(
            "Muscle twitching is not always associated with serious illness; often the twitches "
            "are over after a short time. Reasons can also be:"
        ),
        items=(
            ListItem("mental stress and strain", "Mental stress and strain"),
            ListItem("drugs", "Drugs"),
            ListItem("alcohol", "Alcohol"),
            ListItem("coffee", "Coffee"),
            ListItem("a lack of magnesium", "Magnesium deficiency"),
            ListItem("overexertion", "Overexertion"),
            ListItem("low blood sugar", "Low blood sugar (hypoglycemia)"),
            ListItem("certain medicines", "Certain medicines"),
        ),
        outro="Often, you can do something about these yourself.",
        section=CAUSES_SECTION,
        follow_up="remedies",
    ),
    "medical_conditions": Topic(
        intent="MedicalConditionsIntent",
        title="Conditions in which muscle twitching can occur",
        offer="Would you like to hear which medical conditions it can occur in?",
        speech="Muscle twitching can occur in these conditions:",
        card="Muscle twitching can occur in the following conditions:",
        items=(
            ListItem("epilepsy", "Epilepsy"),
            ListItem("multiple sclerosis", "Multiple sclerosis"),
            ListItem("Tourette's syndrome", "Tourette's syndrome"),
            ListItem("ALS", "Amyotrophic lateral sclerosis (ALS)"),
            ListItem("Parkinson's disease", "Parkinson's disease (shaking palsy)"),
            ListItem("Alzheimer's disease", "Alzheimer's disease"),
            ListItem("brain tumours", "Brain tumours"),
            ListItem("bleeding in the brain", "Cerebral hemorrhages (bleeding in the brain)"),
            ListItem("circulatory disorders", "Circulatory disorders"),
            ListItem("pinched or irritated nerves", "Pinched and irritated nerves"),
            ListItem("viral or bacterial infections", "Viral diseases and bacterial infections"),
        ),
        outro=f"But twitching is not always a sign of serious illness. {SEE_DOCTOR_IF}",
        section=CAUSES_SECTION,
        follow_up="see_doctor",
    ),
    "remedies": Topic(
        intent="RemediesIntent",
        title="What you can do about muscle twitching",
        offer="Would you like to hear what you can do about it?",
        speech=(
            "If no serious illness is the cause, you can do some things yourself: relax, for "
            "example with autogenic training, sport or yoga. Get enough magnesium. Avoid alcohol, "
            "drugs and coffee. And lead a healthy lifestyle."
        ),
        card=(
            "If no serious illness is the cause, you can do some things yourself:\n"
            "- Relaxation methods such as autogenic training, but also sport or yoga, help "
            "against stress and overexertion.\n"
            "- Consume enough magnesium: whole grain products, green vegetables and nuts.\n"
            "- Avoid alcohol, drugs and coffee.\n"
            "- Lead a healthy lifestyle: eat and drink enough and exercise regularly.\n"
            "If a neurological disease is the cause, the doctor will prescribe a suitable therapy."
        ),
        section=REMEDIES_SECTION,
        follow_up="see_doctor",
    ),
    "sleep": Topic(
        intent="SleepTwitchIntent",
        title="Twitching when falling asleep",
        offer="Would you like to know why you might twitch when falling asleep?",
        speech=(
            "Twitching as you fall asleep has a harmless explanation: the part of the brain "
            "responsible for movement is still active while your muscles are already slack. "
            "Signals are still sent to the slack muscles by mistake, and they twitch."
        ),
        card=(
            "Twitching when you fall asleep has a harmless explanation: the part of the brain "
            "responsible for movement is still active while the muscles are already flaccid. "
            "Signals are erroneously still sent to the slack muscles, and the twitching occurs. "
            # Clarification, not in the article: the common name for these twitches.
            "These twitches are often called sleep starts or hypnic jerks."
        ),
        section=SLEEP_SECTION,
        follow_up="remedies",
    ),
    "see_doctor": Topic(
        intent="SeeDoctorIntent",
        title="When to see a doctor",
        offer="Would you like to know when to see a doctor?",
        speech=(
            "The cause is often harmless. But if muscle twitching happens frequently, or other "
            "symptoms come with it, see a doctor as a precaution. Because neurological diseases "
            "are often behind it, a visit to a neurologist is recommended."
        ),
        card=(
            "The cause of muscle twitching is often harmless. However, if it occurs frequently, "
            "consult a doctor as a precaution, and also if other symptoms occur. Since "
            "neurological diseases are often hidden behind it, a visit to a neurologist is "
            "recommended."
        ),
        section=DOCTOR_SECTION,
        follow_up="therapy",
    ),
    # The article reads "Physiotherapy, physiotherapy or psychotherapy can be helpful": a slip
    # (the first word is probably another therapy). Only what it supports is said: physiotherapy
    # or psychotherapy.
    "therapy": Topic(
        intent="TherapyIntent",
        title="How twitching is treated",
        offer="Would you like to hear how doctors treat it?",
        speech=(
            "If a neurological disease is the cause, the doctor will prescribe a suitable "
            "therapy, and physiotherapy or psychotherapy can help. If no serious illness is "
            "behind it, there are things you can do yourself."
        ),
        card=(
            "If there is a neurological disease, the doctor will prescribe an appropriate "
            "therapy. Physiotherapy or psychotherapy can be helpful. If no serious illness is "
            "the cause, you can do some things yourself to get rid of the twitches: relaxation, "
            "enough magnesium, avoiding alcohol, drugs and coffee, and a healthy lifestyle."
        ),
        section=REMEDIES_SECTION,
        follow_up="remedies",
    ),
}


# --- Causes (CauseType slot values) ---------------------------------------------------
def _condition(title: str, spoken: str) -> Entry:
    """A medical condition: what the article says, never a diagnosis, points to a doctor.

    It never opens with "yes" and never reassures beyond the article ("not always a sign of
    serious illness"); the doctor section's advice closes it.
    """
    return Entry(
        title=f"Twitching and {title}",
        speech=f"{spoken} is one of the conditions in which twitching can occur. "
        + NOT_ALWAYS_SERIOUS,
        card=(
            f"Muscle twitching can occur with {title}. It is one of several conditions in which "
            "twitching can occur, but the symptom is not always associated with serious illness. "
            "If twitching occurs frequently or with other symptoms, consult a doctor as a "
            "precaution; since neurological diseases are often behind it, a visit to a "
            "neurologist is recommended."
        ),
        section=CAUSES_SECTION,
        follow_up="see_doctor",
    )


CAUSES: dict[str, Entry] = {
    "epilepsy": _condition("epilepsy", "Epilepsy"),
    "multiple_sclerosis": _condition("multiple sclerosis", "Multiple sclerosis"),
    "tourette_syndrome": _condition("Tourette's syndrome", "Tourette's syndrome"),
    "als": _condition("ALS (amyotrophic lateral sclerosis)", "ALS"),
    "parkinsons_disease": _condition("Parkinson's disease", "Parkinson's disease"),
    "alzheimers_disease": _condition("Alzheimer's disease", "Alzheimer's disease"),
    "brain_tumour": _condition("brain tumours", "A brain tumour"),
    "cerebral_haemorrhage": _condition(
        "cerebral hemorrhage (bleeding in the brain)", "Bleeding in the brain"
    ),
    "circulatory_disorder": _condition("circulatory disorders", "A circulatory disorder"),
    "pinched_nerve": _condition("pinched or irritated nerves", "A pinched or irritated nerve"),
    "infection": _condition("viral or bacterial infections", "A viral or bacterial infection"),
    "stress": Entry(
        title="Twitching and stress",
        speech=f"Mental stress and strain can cause muscle twitching. {RELAXATION_HELPS}",
        card=(
            "Mental stress and strain are among the reasons for muscle twitching that are not "
            f"a serious illness. {RELAXATION_HELPS} {SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="remedies",
    ),
    "drugs": Entry(
        title="Twitching and drugs",
        speech=(
            "Drugs can cause muscle twitching. If you have problems with twitching, avoid "
            "alcohol, drugs and coffee."
        ),
        card=(
            "Drugs are among the reasons for muscle twitching. If you have problems with muscle "
            f"twitching, avoid alcohol, drugs and coffee. {SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="remedies",
    ),
    "alcohol": Entry(
        title="Twitching and alcohol",
        speech=(
            "Alcohol can cause muscle twitching. It is poison for the nerves, so if you have "
            "problems with twitching, it's best to avoid alcohol altogether."
        ),
        card=(
            "Alcohol is among the reasons for muscle twitching. Alcohol is not good for the "
            "body and is poison for the nerves. If you have problems with muscle twitching, it "
            f"is best to avoid alcohol altogether. {SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="remedies",
    ),
    "coffee": Entry(
        title="Twitching and coffee",
        speech=(
            "Coffee can cause muscle twitching. Too much coffee can disturb the circulation and "
            "hinder the absorption of vitamins and minerals, so if you twitch, avoid coffee."
        ),
        card=(
            "Coffee is among the reasons for muscle twitching. Too much coffee can be unhealthy: "
            "it can disturb the circulation and inhibit the absorption of vitamins and minerals. "
            f"If you have problems with twitching, avoid alcohol, drugs and coffee. {SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="remedies",
    ),
    "magnesium_deficiency": Entry(
        title="Twitching and magnesium",
        speech=(
            "A lack of magnesium can cause muscle twitching. Your body needs magnesium for nerves "
            f"and muscles but can't make it itself. {MAGNESIUM_FOODS}"
        ),
        card=(
            "Magnesium deficiency is among the reasons for muscle twitching. The body needs "
            "magnesium for nerves and muscles, but it cannot produce it itself, so it has to come "
            f"from food. {MAGNESIUM_FOODS} {SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="remedies",
    ),
    "overexertion": Entry(
        title="Twitching and overexertion",
        speech=f"Overexertion can cause muscle twitching. {RELAXATION_HELPS}",
        card=(
            "Overexertion is among the reasons for muscle twitching that are not a serious "
            f"illness. {RELAXATION_HELPS} {SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="remedies",
    ),
    "hypoglycemia": Entry(
        title="Twitching and low blood sugar",
        # The article lists it as a reason and gives no remedy for it: nothing more is said.
        speech=(
            "Low blood sugar, also called hypoglycemia, is one of the reasons for muscle "
            f"twitching. {SEE_DOCTOR_IF}"
        ),
        card=(
            "Hypoglycemia (low blood sugar) is among the reasons for muscle twitching. "
            f"{SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="see_doctor",
    ),
    "medication": Entry(
        title="Twitching and medicines",
        speech=(
            "Certain medicines can cause muscle twitching. If you think a medicine is behind it, "
            "talk to your doctor or pharmacist, and don't stop a prescribed medicine on your own."
        ),
        card=(
            "Certain drugs (medicines) are among the reasons for muscle twitching. "
            # Conservative, well-established safety advice; the article names no medicines.
            "If you think a medicine is behind your twitching, talk to your doctor or "
            "pharmacist, and do not stop a prescribed medicine on your own. "
            f"{SEE_DOCTOR_IF}"
        ),
        section=CAUSES_SECTION,
        follow_up="see_doctor",
    ),
}

# --- Remedies (RemedyType slot values) ------------------------------------------------
REMEDIES: dict[str, Entry] = {
    "relaxation": Entry(
        title="Relaxation, sport and yoga",
        speech=(
            f"{RELAXATION_HELPS} Sport not only helps against stress, it also adds to a general "
            "feeling of well-being."
        ),
        card=(
            f"{RELAXATION_HELPS} Sport, for example, not only helps against stress but also "
            "contributes to a general feeling of well-being."
        ),
        section=REMEDIES_SECTION,
        follow_up="see_doctor",
    ),
    "magnesium": Entry(
        title="Magnesium",
        speech=(
            "Your body needs magnesium for nerves and muscles, but it can't make it itself, so it "
            f"has to come from food. {MAGNESIUM_FOODS}"
        ),
        card=(
            "Consume enough magnesium: the body needs magnesium for nerves and muscles, but it "
            "cannot produce it itself, so we have to take it in through our food. You can cover "
            "your needs with common foods such as whole grain products, green vegetables and nuts. "
            # Conservative clarification: the article recommends food, not supplements.
            "Before taking magnesium supplements, ask a doctor or pharmacist."
        ),
        section=REMEDIES_SECTION,
        follow_up="see_doctor",
    ),
    # Asked about supplements, the caution is spoken, not only shown: the article recommends
    # magnesium from food and says nothing about supplements.
    "magnesium_supplements": Entry(
        title="Magnesium supplements",
        speech=(
            "My source recommends getting enough magnesium from food: whole grain products, "
            "green vegetables and nuts can cover your needs. "
            # Conservative clarification, not in the article.
            "Before taking magnesium supplements, ask a doctor or pharmacist."
        ),
        card=(
            "The body needs magnesium for nerves and muscles, but it cannot produce it itself, so "
            "we have to take it in through our food. You can cover your needs with common foods "
            "such as whole grain products, green vegetables and nuts. "
            # Conservative clarification, not in the article.
            "The source says nothing about supplements: before taking magnesium supplements, "
            "ask a doctor or pharmacist."
        ),
        section=REMEDIES_SECTION,
        follow_up="see_doctor",
    ),
    "avoid_stimulants": Entry(
        title="Avoid alcohol, drugs and coffee",
        speech=(
            "Avoid alcohol, drugs and coffee. Alcohol is poison for the nerves, so it's best to "
            "avoid it altogether. Too much coffee can disturb the circulation and hinder the "
            "absorption of vitamins and minerals."
        ),
        card=(
            "Avoid alcohol, drugs and coffee. Alcohol is not good for the body and is poison for "
            "the nerves: if you have problems with muscle twitching, it is best to avoid alcohol "
            "altogether. Too much coffee can also be unhealthy, as it can disturb the circulation "
            "and inhibit the absorption of vitamins and minerals."
        ),
        section=REMEDIES_SECTION,
        follow_up="see_doctor",
    ),
    "healthy_lifestyle": Entry(
        title="A healthy lifestyle",
        speech=(
            "Lead a healthy lifestyle: eat and drink enough and exercise regularly. Sport not "
            "only helps against stress, it also adds to a general feeling of well-being."
        ),
        card=(
            "Make sure you lead a healthy lifestyle: eat and drink enough and exercise regularly. "
            "Sport, for example, not only helps against stress but also contributes to a general "
            "feeling of well-being."
        ),
        section=REMEDIES_SECTION,
        follow_up="see_doctor",
    ),
}


# --- Body parts (BodyPartType slot values) --------------------------------------------
def _body_part(title: str, where: str) -> Entry:
    """Twitching in one place: where it is common, everyday reasons, when to see a doctor."""
    return Entry(
        title=f"Twitching in the {title}",
        speech=(
            f"{where} It is not always a sign of serious illness; reasons can be stress, coffee, "
            f"alcohol, overexertion or a lack of magnesium. {SEE_DOCTOR_IF}"
        ),
        card=(
            f"{where} Muscle twitches often occur in the arms and legs or in the face, for "
            f"example around the eyes. {EVERYDAY_REASONS_CARD} {SEE_DOCTOR_IF}"
        ),
        section=WHAT,
        follow_up="remedies",
    )


BODY_PARTS: dict[str, Entry] = {
    "eye": _body_part("eye", "Twitching often happens around the eyes, and it's usually painless."),
    "face": _body_part("face", "Twitching often happens in the face, and it's usually painless."),
    "arm": _body_part("arm", "Twitching often happens in the arms, and it's usually painless."),
    "hand": _body_part(
        "hand", "Twitching often happens in the arms and hands, and it's usually painless."
    ),
    "leg": _body_part("leg", "Twitching often happens in the legs, and it's usually painless."),
    "foot": _body_part(
        "foot", "Twitching often happens in the legs and feet, and it's usually painless."
    ),
}


# --- Intents answered by one slot's value ------------------------------------------------
@dataclass(frozen=True)
class SlotTopic:
    """An intent whose answer is the entry its slot's value id names.

    ``unknown`` answers a value the skill has no entry for (``{value}`` is replaced by a
    short, clean echo of what was said), ``missing`` an empty slot; both then offer the
    topic ``offer_topic`` (a key of ``TOPICS``).
    """

    intent: str
    slot: str
    slot_type: str
    entries: dict[str, Entry]
    unknown: str
    missing: str
    offer_topic: str


SLOT_TOPICS: tuple[SlotTopic, ...] = (
    SlotTopic(
        "CauseCheckIntent", "cause", "CauseType", CAUSES, UNKNOWN_CAUSE, MISSING_CAUSE,
        offer_topic="everyday_causes",
    ),
    SlotTopic(
        "RemedyDetailIntent", "remedy", "RemedyType", REMEDIES, UNKNOWN_REMEDY, MISSING_REMEDY,
        offer_topic="see_doctor",
    ),
    SlotTopic(
        "BodyPartIntent", "body_part", "BodyPartType", BODY_PARTS, UNKNOWN_BODY_PART,
        MISSING_BODY_PART, offer_topic="everyday_causes",
    ),
)  # fmt: skip


# --- Safety answers (the skill's own policy, not the article) ----------------------------
@dataclass(frozen=True)
class SafetyAnswer:
    """What the skill says to someone who may be in danger, before anything else.

    The action comes first and unconditionally, then one short reason, then the number
    again. Numbers are placeholders filled from ``SAFETY_NUMBERS``. No topic is offered:
    the session ends, or, with ``repeat_offer``, the only question is whether to say the
    number again.
    """

    intent: str
    #: The number this answer is for (a field of ``SafetyNumbers``): said first and twice.
    number: str
    title: str
    speech: str
    card: str
    section: str = SAFETY
    #: The only question this answer may ask: to say the number again ("" ends the session).
    repeat_offer: str = ""
    #: Said when the user declines ``repeat_offer``; it ends the session.
    closing: str = ""


#: Wording choices: short sentences a frightened person can follow; the number in the first
#: sentence and again in the last; no condition before the action ("Call 911 now.", not "If
#: someone is ..."); no medical answer and no reassurance in the same response.
SAFETY_ANSWERS: dict[str, SafetyAnswer] = {
    "emergency": SafetyAnswer(
        intent="EmergencyIntent",
        number="emergency",
        title="Emergency: call {emergency}",
        speech=(
            "Call {emergency} now. This may be a medical emergency, and it needs help right "
            "away. Again: call {emergency}."
        ),
        card=(
            "Call {emergency} now.\n"
            "Seizures, collapse, trouble breathing or swallowing, chest pain, blue or grey lips "
            "or skin, signs of a stroke (a drooping face, slurred speech, sudden weakness or "
            "numbness on one side, sudden loss of vision, a sudden severe headache), twitching "
            "after a head injury, fever with a stiff neck or confusion, and a baby twitching or "
            "jerking all need help right away.\n"
            "Emergency number: {emergency}\n"
            "Muscle Twitch Guide cannot help in an emergency."
        ),
    ),
    "crisis": SafetyAnswer(
        intent="CrisisIntent",
        number="crisis",
        title="Call or text {crisis}",
        speech=(
            "Please call or text {crisis} now, {crisis_line}. You don't have to go through this "
            "alone: someone is there to talk with you, day or night. If anyone is in immediate "
            "danger, call {emergency}. Again: call or text {crisis}."
        ),
        card=(
            "Call or text {crisis}: {crisis_line}, free, any time, day or night.\n"
            "If anyone is in immediate danger, call {emergency}.\n"
            "You don't have to go through this alone."
        ),
        repeat_offer="Would you like me to say the number again?",
        closing="Okay. You can call or text {crisis} any time, day or night. Take care.",
    ),
    "poisoning": SafetyAnswer(
        intent="PoisoningIntent",
        number="poison",
        title="Poisoning: call {poison_line}",
        speech=(
            "Call {poison_line} now, at {poison}. It's free and open 24 hours. If the person is "
            "unconscious, has a seizure or has trouble breathing, call {emergency} instead. "
            "Again: {poison_line}, {poison}."
        ),
        card=(
            "Call {poison_line} now: {poison} (free, open 24 hours).\n"
            "If the person is unconscious, has a seizure or has trouble breathing, call "
            "{emergency}.\n"
            "Muscle Twitch Guide cannot help with poisoning."
        ),
    ),
}
