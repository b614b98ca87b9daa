"""German (de-DE) tables for the offline resolver: the German :class:`Lexicon`, ``GERMAN``.

The German counterpart of the English tables in ``skill/simulator/resolver.py``
(``BUILTIN_PHRASES``, ``_ANSWER_WORDS``, ``_FILLER_WORDS``, ``_FILLER_PHRASES``,
``_LEADING_FILLERS``, ``_STOPWORDS``, ``_CUES``, ``_LIGHT_WORDS``, ``_CONTRACTIONS``,
``_PHRASE_SYNONYMS``, ``_SOFT_SYNONYMS``, ``_IRREGULAR``, ``stem()``) and of the red-flag table
``_TABLE`` in ``skill/simulator/red_flags.py``.  Standard library only; nothing here imports the
project.

Spelling.  German text is written with umlauts and ß ("fuß", "hände"), but speech-to-text and
typed input may give "fuss", "haende".  So:

* :func:`fold` maps ä/ö/ü/ß to ae/oe/ue/ss, and :func:`stem` folds before it stems: every
  stem, and so every stem-based table here (``STOPWORDS``, ``CUES``, ``LIGHT_WORDS``,
  ``IRREGULAR``, ``SOFT_SYNONYMS``, the built-in phrase keys once normalised), is folded ASCII.
* The regular expressions (``CONTRACTIONS``, ``NEAR_SYNONYMS``, ``RED_FLAGS``) are written with
  umlauts and compiled umlaut-tolerant (see :func:`_de`): "ü" in a pattern matches "ü" or "ue",
  "ß" matches "ß" or "ss".  They work on lower-case text with or without folding; their
  replacement texts are folded ASCII.
* The English cleaners drop every character outside ``[a-z0-9' ]``, which would cut "ö" out of
  "ohnmächtig": German text must be folded (:func:`fold`) before such a cleaner runs, or be
  cleaned with :func:`clean` (keeps umlauts) instead.

Pipeline, as in the English resolver: lower case -> ``CONTRACTIONS`` -> ``NEAR_SYNONYMS`` ->
drop punctuation -> drop fillers (``FILLER_PHRASES``, ``FILLER_WORDS``, ``LEADING_FILLERS``,
``FILLER_WORDS_NOT_FIRST``) -> :func:`stem` each word.  :func:`normalise` does exactly that and
is what the self-checks of the German model use.  Red flags are searched on the cleaned
utterance (:func:`clean`, no synonyms, no stemming) with :func:`find`.

These tables were written from the skill's own German model and safety policy, never from a
test set (``docs/nlu-evaluation.md``).
"""

from __future__ import annotations

import re

from skill.simulator.lexicon import CANCEL as _CANCEL
from skill.simulator.lexicon import HELP as _HELP
from skill.simulator.lexicon import HOME as _HOME
from skill.simulator.lexicon import MORE as _MORE
from skill.simulator.lexicon import NEXT as _NEXT
from skill.simulator.lexicon import NO as _NO
from skill.simulator.lexicon import REPEAT as _REPEAT
from skill.simulator.lexicon import START_OVER as _START_OVER
from skill.simulator.lexicon import STOP as _STOP
from skill.simulator.lexicon import YES as _YES
from skill.simulator.lexicon import Lexicon
from skill.simulator.red_flags import RedFlag, first_flag

__all__ = [
    "ANSWER_WORDS",
    "BUILTIN_EXTRA",
    "BUILTIN_PHRASES",
    "CONTRACTIONS",
    "CUES",
    "FILLER_PHRASES",
    "FILLER_WORDS",
    "FILLER_WORDS_NOT_FIRST",
    "IRREGULAR",
    "LEADING_DETERMINERS",
    "LEADING_FILLERS",
    "LIGHT_WORDS",
    "NEAR_SYNONYMS",
    "RED_FLAGS",
    "SOFT_SYNONYMS",
    "STOPWORDS",
    "VALUE_GLUE",
    "RedFlag",
    "clean",
    "find",
    "fold",
    "normalise",
    "stem",
]


# ---------------------------------------------------------------------------------------------
# Spelling helpers
# ---------------------------------------------------------------------------------------------
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_UMLAUT_ALTERNATIVES = {"ä": "(?:ä|ae)", "ö": "(?:ö|oe)", "ü": "(?:ü|ue)", "ß": "(?:ß|ss)"}


def fold(text: str) -> str:
    """Lower case, with ä/ö/ü/ß written ae/oe/ue/ss ("Füße" -> "fuesse")."""
    return text.lower().translate(_FOLD)


def _de(pattern: str) -> str:
    """An umlaut-tolerant regex: every ä/ö/ü/ß of ``pattern`` also matches ae/oe/ue/ss.

    Patterns are written without umlauts inside character classes (asserted below), so a plain
    text replacement is safe."""
    assert not re.search(r"\[[^\]]*[äöüß][^\]]*\]", pattern), pattern
    return "".join(_UMLAUT_ALTERNATIVES.get(ch, ch) for ch in pattern)


def _words(text: str) -> list[str]:
    return text.split()


# ---------------------------------------------------------------------------------------------
# Built-in intents: phrases Alexa's German built-in models understand.  Each phrase maps to its
# candidate intents in order of preference; the first one the interaction model declares is
# used (as in the English ``BUILTIN_PHRASES``).  The resolver normalises the keys with the same
# normalisation as utterances, so fillers inside a key ("bitte") do no harm.  A phrase must not
# be a sample of a custom intent (the model self-check enforces it).
# ---------------------------------------------------------------------------------------------

#: phrase -> candidate built-in intents, in order of preference.
BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        [
            "hilfe", "hilf mir", "hilfe bitte", "ich brauche hilfe", "ich brauche mal hilfe",
            "kannst du mir helfen", "kannst du mir bitte helfen", "was kann ich sagen",
            "was kann ich fragen", "was kann ich dich fragen", "was kannst du",
            "was kannst du alles", "was kannst du so", "was machst du", "was machst du so",
            "was soll ich sagen", "was soll ich fragen", "welche möglichkeiten habe ich",
            "optionen", "anleitung", "bedienungsanleitung", "wie benutze ich das",
            "wie funktioniert das", "wie geht das", "wie funktioniert dieser skill",
            "was weißt du", "was weißt du alles", "wobei kannst du mir helfen",
            "was kann ich noch fragen", "was kann ich noch sagen", "was kannst du noch",
            "was für fragen kann ich stellen", "welche fragen kann ich stellen",
            "wie funktioniert es", "ich weiß nicht was ich sagen soll",
        ],
        _HELP,
    ),
    **dict.fromkeys(
        [
            "stopp", "stop", "halt", "beenden", "beende", "ende", "schluss", "aus", "ausschalten",
            "tschüss", "tschüs", "tschau", "ciao", "auf wiedersehen", "bis dann", "bis später",
            "bis bald", "sei still", "sei ruhig", "ruhe", "klappe", "hör auf", "hör auf zu reden",
            "das reicht", "das wars", "das war's", "das war alles", "das ist alles", "genug",
            "fertig", "ich bin fertig", "wir sind fertig", "danke das wars", "danke das war's",
            "danke das war alles", "danke tschüss", "gute nacht", "verlassen", "skill beenden",
            "schließen", "ich habe genug", "alles klar danke tschüss",
        ],
        _STOP,
    ),
    **dict.fromkeys(
        [
            "abbrechen", "abbruch", "brich ab", "vergiss es", "vergiss das", "egal",
            "schon gut", "lass es", "lass gut sein", "nicht so wichtig", "doch nicht",
        ],
        _CANCEL,
    ),
    **dict.fromkeys(
        [
            "ja", "jawohl", "jap", "jep", "jo", "joa", "klar", "na klar", "aber klar", "sicher",
            "gerne", "gern", "ja gerne", "ja bitte", "ja klar", "ja genau", "genau", "okay", "ok",
            "in ordnung", "einverstanden", "auf jeden fall", "natürlich", "unbedingt",
            "sehr gerne", "mach das", "mach mal", "leg los", "los", "klingt gut",
            "hört sich gut an", "ja mach", "ja erzähl", "erzähl", "richtig", "stimmt",
            "das stimmt", "logo",
            "selbstverständlich", "bitte ja", "warum nicht", "ja will ich", "ja möchte ich",
            "ja das möchte ich",
        ],
        _YES,
    ),
    **dict.fromkeys(
        [
            "nein", "nee", "ne", "nö", "nein danke", "nee danke", "danke nein", "nein lieber nicht",
            "lieber nicht", "eher nicht", "nicht wirklich", "auf keinen fall", "keinesfalls",
            "nicht jetzt", "jetzt nicht", "heute nicht", "nein das ist alles", "nein das wars",
            "nein das war's", "nein danke das wars", "nein danke das war's",
            "nein brauche ich nicht", "brauche ich nicht", "will ich nicht", "möchte ich nicht",
            "nein will ich nicht",
            "nein möchte ich nicht", "falsch", "negativ", "passt schon", "nicht nötig",
        ],
        _NO,
    ),
    **dict.fromkeys(
        [
            "wiederholen", "wiederhole", "wiederhole das", "wiederhol das", "bitte wiederholen",
            "noch mal", "nochmal", "noch einmal", "noch mal bitte", "sag das noch mal",
            "sag das nochmal", "sag es noch mal", "sag es nochmal", "kannst du das wiederholen",
            "kannst du das noch mal sagen", "was hast du gesagt", "wie bitte", "was", "hä",
            "wie war das", "was war das", "ich habe dich nicht verstanden",
            "ich hab dich nicht verstanden", "das habe ich nicht verstanden",
            "das hab ich nicht verstanden", "ich habe das nicht gehört", "entschuldigung was",
            "sorry was", "bitte noch einmal", "wiederholung", "noch ein mal",
        ],
        _REPEAT,
    ),
    **dict.fromkeys(
        ["mehr", "mehr bitte", "erzähl mir mehr", "erzähl mehr", "ich will mehr hören",
         "ich möchte mehr hören", "mehr davon"],
        _MORE,
    ),
    **dict.fromkeys(
        [
            "weiter", "weiter bitte", "mach weiter", "nächste", "nächster", "nächstes",
            "der nächste", "die nächste", "das nächste", "als nächstes", "was noch", "und weiter",
            "und dann", "überspringen", "überspring das", "weiter geht's", "fahr fort",
            "nächste frage", "nächster punkt", "was kommt als nächstes", "geh weiter",
            "zum nächsten", "sonst noch was",
        ],
        _NEXT,
    ),
    **dict.fromkeys(
        [
            "von vorne", "von vorn", "von vorne anfangen", "neu anfangen", "noch mal von vorne",
            "nochmal von vorne", "zurück zum anfang", "zum anfang", "neustart", "neu starten",
            "starte neu", "fang neu an", "fang von vorne an", "alles auf anfang", "zurücksetzen",
            "von anfang an", "lass uns neu anfangen", "lass uns von vorne anfangen",
            "beginne von vorne", "ganz von vorne",
        ],
        _START_OVER,
    ),
    **dict.fromkeys(
        [
            "startseite", "hauptmenü", "menü", "zum menü", "zum hauptmenü", "zurück zum menü",
            "zurück zum hauptmenü", "zur startseite", "zurück zur startseite", "home",
            "nach hause", "geh zum hauptmenü", "bring mich zum hauptmenü", "übersicht",
        ],
        _HOME,
    ),
}  # fmt: skip

#: Words that may follow a built-in phrase without changing it ("hilfe bitte alexa", "stopp
#: danke").  As the English ``_BUILTIN_EXTRA``; at most three such words.
BUILTIN_EXTRA = frozenset(
    _words("skill app bitte danke dankeschön alexa jetzt mal sorry entschuldigung ok okay schön")
)

#: First words that make an otherwise unplaceable reply a yes / no ("klar erzähl mal was dazu").
ANSWER_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ["ja", "jawohl", "jap", "jep", "jo", "joa", "klar", "gerne", "gern", "okay", "ok",
         "sicher", "genau", "logo", "natürlich"],
        _YES,
    ),
    **dict.fromkeys(["nein", "nee", "ne", "nö", "nope"], _NO),
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Fillers
# ---------------------------------------------------------------------------------------------
#: Words dropped anywhere: hesitations, politeness, modal particles that carry no question.
#: Not "ja" (an answer word), not "einfach" ("einfache ursachen"), not "so" ("so oft" is said
#: for a reason), and "halt" only after the first word - see FILLER_WORDS_NOT_FIRST.
FILLER_WORDS = frozenset(
    _words(
        "äh ähm öh öhm ehm hm hmm hmmm mh mhm na tja nun also bitte mal denn eigentlich eben "
        "wohl halt irgendwie quasi sozusagen übrigens alexa hey hallo hi servus moin "
        "echt ehrlich grad gerade"
    )
)
#: Fillers only when they are not the first word: "halt" alone is the stop phrase, "das ist halt
#: so" uses it as a particle.  (The English "well" is the mirror case: a filler only first.)
FILLER_WORDS_NOT_FIRST = frozenset({"halt"})

#: Phrases dropped anywhere, longest first (as the English ``_FILLER_PHRASES``).
FILLER_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in sorted(
        [
            "ich wollte fragen", "ich wollte mal fragen", "ich wollte dich fragen",
            "ich wollte dich mal fragen", "ich möchte fragen", "ich möchte dich fragen",
            "ich hätte eine frage", "ich hätte mal eine frage", "ich habe eine frage",
            "ich hab eine frage", "ich hab mal eine frage", "eine frage", "kurze frage",
            "frage", "kannst du mir sagen", "kannst du mir mal sagen", "könntest du mir sagen",
            "kannst du mir erklären", "könntest du mir erklären", "kannst du mir bitte sagen",
            "sag mal", "sag mir mal", "weißt du", "weißt du was", "weißt du vielleicht",
            "ich frage mich", "ich frag mich", "ich frage mich gerade", "ich wüsste gern",
            "ich wüsste gerne", "ich würde gern wissen", "ich würde gerne wissen",
            "ich möchte wissen", "ich möchte gern wissen", "ich möchte gerne wissen",
            "ich will wissen", "ich muss wissen", "ich meine", "ehrlich gesagt",
            "zufälligerweise", "zufällig", "ich glaube dass", "ich denke dass", "oder so",
            "und so", "oder was", "oder nicht", "keine ahnung",
        ],
        key=lambda p: -len(p.split()),
    )
)  # fmt: skip

#: Fillers only at the start of an utterance, and only when more words follow.
LEADING_FILLERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in ["okay", "ok", "und", "aber", "dann", "jetzt", "ja also", "ja und", "na ja", "naja",
              "so", "gut", "alles klar", "hey du", "sag", "kannst du", "könntest du",
              "würdest du"]
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Spoken German: contractions and near-synonyms
# ---------------------------------------------------------------------------------------------
#: Spoken contractions expanded to written German (applied to utterances and samples alike).
CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(_de(pattern)), replacement)
    for pattern, replacement in (
        (r"\b(gibt|geht|ist|war|wie|was|wo|hat|tut|macht|klappt|stimmt|wär|hätt|kann|darf|muss|"
         r"soll|wird|gab|ging|lag|liegt|kommt|kam)'s\b", r"\1 es"),
        (r"\bgibts\b", "gibt es"),
        (r"\bgehts\b", "geht es"),
        (r"\bwars\b", "war es"),
        (r"\bisses\b", "ist es"),
        (r"\bis\b", "ist"),
        (r"\b(hab|hast|hat|hatt?e)'s\b", r"\1 es"),
        (r"\bham\b", "haben"),
        (r"\bhab'?\b", "habe"),
        (r"\bhätt'?\b", "hätte"),
        (r"\bwär'?\b", "wäre"),
        (r"\bwürd'?\b", "würde"),
        (r"\bmöcht'?\b", "möchte"),
        (r"\bglaub'?\b", "glaube"),
        (r"\bkannste\b", "kannst du"),
        (r"\bwillste\b", "willst du"),
        (r"\bmachste\b", "machst du"),
        (r"\bbiste\b", "bist du"),
        (r"\bhaste\b", "hast du"),
        (r"\bweißte\b", "weißt du"),
        (r"\bnich\b", "nicht"),
        (r"\bnet\b", "nicht"),
        (r"\bnix\b", "nichts"),
        # Dialect and spoken forms: "des is", "wat is et", "wenns".
        (r"\bdes\b", "das"),
        (r"\bwat\b", "was"),
        (r"\bet\b", "es"),
        (r"\bdat\b", "das"),
        (r"\bwenns\b", "wenn es"),
        (r"\bobs\b", "ob es"),
        (r"\bhatt\b", "hatte"),
        (r"\bnu\b", "nun"),
        (r"\bgrad\b", "gerade"),
        (r"\bn'?bisschen\b", "ein bisschen"),
        (r"'nen\b", "einen"),
        (r"\bnen\b", "einen"),
        (r"'ne\b", "eine"),
        (r"(?<=\w )ne\b(?= \w)", "eine"),  # "hab ne frage"; "ne" first or alone is "no"
        (r"'nem\b|\bnem\b", "einem"),
        (r"'ner\b|\bner\b", "einer"),
        (r"(?<=\w )n\b(?= \w)", "ein"),  # "hab n problem"
        (r"\baufm\b", "auf dem"),
        (r"\bunterm\b", "unter dem"),
        (r"\bvorm\b", "vor dem"),
        (r"\bhinterm\b", "hinter dem"),
        (r"\bübern\b", "über den"),
        (r"\bwas'n\b|\bwasn\b", "was denn"),
        (r"\bwarum'n\b", "warum denn"),
        (r"\bwie'n\b", "wie denn"),
        (r"\bnochmal\b", "noch mal"),
        (r"(?<=\w)'s\b", " es"),  # any other "-'s": "zuckt's" -> "zuckt es"
        (r"'", ""),
    )
)  # fmt: skip

#: People, children, babies: who it happens to (the samples name a few; any other says the
#: same).  Babies, children and adults stay apart, as in English (a baby twitching is an
#: emergency, a child twitching need not be).
_PEOPLE = (
    r"mann|ehemann|männer|frau|ehefrau|partner|partnerin|freund|freundin|freunde|freundinnen|"
    r"mama|mami|mutter|mutti|papa|papi|vater|vati|eltern|oma|omi|großmutter|opa|opi|großvater|"
    r"großeltern|bruder|brüder|schwester|schwestern|onkel|tante|cousin|cousine|nachbar|"
    r"nachbarin|kollege|kollegin|kollegen|mitbewohner|mitbewohnerin|schwiegermutter|"
    r"schwiegervater|verlobter|verlobte|lebensgefährte|lebensgefährtin|person|typ|chef|chefin"
)
_CHILDREN = (
    r"kinder|kindern|kindes|sohn|söhne|sohnes|tochter|töchter|enkel|enkelin|enkelkind|"
    r"enkelkinder|kleinkind|kleinkinder|junge|jungen|jungs|mädchen|teenager"
)
_BABIES = r"babys?|säuglinge?|säuglings|neugeborenes?|neugeborenen?|neugeborener|baby's"

#: Near-synonyms rewritten to the word the samples use (applied to utterances and samples
#: alike, before stemming).  Conjugated forms ("zuckt", "zuckte") are left to :func:`stem`;
#: these are different words for the same thing.  Not "krampf", "spasmus" or "tic": they are
#: not twitches (fasciculations), and answering them with twitching answers would describe
#: something else.  Not "zittern" either (a tremor is not a twitch).
NEAR_SYNONYMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(_de(pattern)), replacement)
    for pattern, replacement in (
        # Compounds of "zucken" split so that "muskelzucken" and "zucken im muskel" agree.
        (r"\b(muskel|augen|augenlid|lid|bein|arm|hand|finger|fuß|gesicht|lippen|waden)"
         r"zuck(?:en|ungen|ung)?\b", r"\1 zucken"),
        (r"\b(?:einschlafzuck(?:en|ungen|ung|er)?|einschlafmyoklonien?|hypnagoge zuck\w*|"
         r"schlafzuck(?:en|ungen|ung|er)?)\b", "einschlaf zucken"),
        (r"\bzuckungen?\b", "zucken"),
        (r"\bfaszikulation(?:en)?\b", "faszikulation"),
        # Everyday words for the same twitch: zappeln, pochen, hüpfen, (zusammen)zucken.
        (r"\b(?:gezappel|muskelzappeln|zappel(?:t|n|e|en|ig|ige)?|gezappelt)\b", "zucken"),
        (r"\b(?:poch(?:t|en|e|end)|gepocht|hüpf(?:t|en|e)|gehüpft|zusammenzuck\w*)\b", "zucken"),
        (r"\bzuck(?:e|t)? (?:ich |er |sie |es )?zusammen\b", "zucken"),
        # An eyelid "flattert" or "vibriert": the same twitch.
        (r"\b(?:flatter|vibrier)(?:t|n|e|en|te|ten|nd|nde|ndes|nden|ndem)?\b", "zucken"),
        (r"\bgeflattert\b|\bvibriert\b", "zucken"),
        # Falling asleep.
        (r"\b(?:wegdös|eindös|wegnick|einnick|wegdämmer|eindämmer)(?:e|en|t|st)?\b",
         "einschlafen"),
        (r"\b(?:einpennen|wegpennen|einpenn\w*|wegdämmern|einschlafphase|halbschlaf|"
         r"beim einschlafen|kurz vorm einschlafen)\b", "einschlafen"),
        (r"\b(?:weggedöst|eingedöst|weggenickt|eingenickt|weggedämmert)\b", "eingeschlafen"),
        # Doctors.
        (r"\b(?:kinderarzt|kinderärztin|hausarzt|hausärztin|hausärzte|ärztin|ärztinnen|ärzte|"
         r"ärzten|arztes|doktor|doktors|doc|doktorin|mediziner|medizinerin|facharzt|fachärztin|"
         r"fachärzte|spezialist|spezialistin|spezialisten|allgemeinmediziner\w*)\b", "arzt"),
        (r"\b(?:neurologin|neurologen|nervenarzt|nervenärztin|nervenärzte|neurologie|"
         r"neurologische praxis)\b", "neurologe"),
        (r"\b(?:krankengymnastik|physio)\b", "physiotherapie"),
        (r"\b(?:therapiert|behandelt)\b", "behandlung"),
        (r"\bneurologisch\w*\b", "neurologisch"),
        # Cause, reason, why.
        (r"\b(?:grund|gründe|gründen|grundes)\b", "ursache"),
        (r"\b(?:wieso|weshalb|weswegen)\b", "warum"),
        (r"\b(?:erkrankung|erkrankungen)\b", "krankheit"),
        (r"\b(?:ungefährlich|unbedenklich|unbedenkliche[nrs]?|ungefährliche[nrs]?)\b",
         "harmlos"),
        (r"\b(?:bedenklich|besorgniserregend)\b", "gefährlich"),
        (r"\b(?:typisch|typische[nrs]?|gängige[nrs]?|verbreitete[nrs]?)\b", "haeufig"),
        (r"\b(?:lindern|linderung|mildern|verringern|verringert|mindern)\b", "reduzieren"),
        (r"\b(?:wegbekommen|wegkriegen|weg bekommen|weg kriegen|loskriegen)\b", "loswerden"),
        (r"\b(?:abklären|checken|durchchecken|anschauen|ansehen|untersuchen) lassen\b",
         "untersuchen lassen"),
        (r"\b(?:infos?|informationen|überblick)\b", "information"),
        (r"\b(?:ratschläge?|ratschlägen)\b", "tipps"),
        (r"\b(?:kram|zeug|sachen)\b", "dinge"),
        # Too much of a medicine is an overdose (too much coffee is not).
        (r"\b(?:zu viele|zu viel|die doppelte|doppelte|eine ganze packung|eine ganze schachtel|"
         r"eine ganze flasche)(?: von)?(?: (?:meinen|meiner|meine|seinen|seiner|seine|ihren|"
         r"ihrer|ihre|den|der|die))? (?:tabletten|pillen|medikamente|medikamenten|"
         r"schlaftabletten|schmerztabletten|dosis)\b", "ueberdosis"),
        (r"\bkrampfanfälle?\b|\bepileptische[nr]? anfall\b", "anfall"),
        # Who it is happening to.
        (rf"\b(?:{_BABIES}|(?:\w+ )?(?:tage|wochen|monate) alte[nrs]?)\b", "baby"),
        (rf"\b(?:{_CHILDREN}|(?:\w+ )?jahre alte[nrs]?|\w+jährige[nrs]?)\b", "kind"),
        (r"\b(mein|meine|meinem|meinen|meiner|unser|unsere|unserem|unseren|unserer) "
         r"kleine[nrs]?\b(?= (?:hat|ist|zuckt|atmet|kann|will|wacht|schläft|reagiert|hustet|"
         r"weint|isst|trinkt)\b|$)", r"\1 kind"),
        (rf"\b(?:{_PEOPLE})\b", "jemand"),
    )
)  # fmt: skip

#: Words that often mean "zucken" but that the samples also use in their own right ("ich
#: schrecke beim einschlafen hoch", "der muskel hüpft"): a second reading with "zuck", at a
#: small cost.  Keys and values are stems (see :func:`stem`).
SOFT_SYNONYMS: dict[str, str] = {
    "hueft": "zuck", "huepf": "zuck", "ruck": "zuck", "ruckt": "zuck", "spring": "zuck",
    "flacker": "zuck", "pulsier": "zuck", "zusammenzuck": "zuck",
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Stemming
# ---------------------------------------------------------------------------------------------
_IRREGULAR_FORMS: dict[str, list[str]] = {
    # verbs the samples lean on
    "hab": [
        "hat",
        "habe",
        "hab",
        "hast",
        "haben",
        "habt",
        "hatte",
        "hatten",
        "hattest",
        "hattet",
        "gehabt",
        "hätte",
        "hätten",
        "hättest",
    ],
    "sein": [
        "ist",
        "sind",
        "bin",
        "bist",
        "seid",
        "sein",
        "war",
        "waren",
        "warst",
        "wart",
        "gewesen",
        "wäre",
        "wären",
        "wärst",
    ],
    "werd": [
        "wird",
        "werde",
        "wirst",
        "werden",
        "werdet",
        "wurde",
        "wurden",
        "wurdest",
        "geworden",
        "würde",
        "würden",
        "würdest",
    ],
    "koenn": [
        "kann",
        "kannst",
        "können",
        "könnt",
        "konnte",
        "konnten",
        "konntest",
        "könnte",
        "könnten",
        "könntest",
        "gekonnt",
    ],
    "soll": ["soll", "sollst", "sollen", "sollt", "sollte", "sollten", "solltest"],
    "muess": ["muss", "musst", "müssen", "müsst", "musste", "mussten", "müsste", "müssten"],
    "woll": ["will", "willst", "wollen", "wollt", "wollte", "wollten", "gewollt"],
    "moecht": ["möchte", "möchtest", "möchten", "möchtet", "mag", "magst", "mögen"],
    "darf": ["darf", "darfst", "dürfen", "dürft", "durfte", "dürfte"],
    "tun": ["tut", "tue", "tu", "tun", "tust", "getan", "tat", "taten"],
    "mach": ["macht", "mache", "mach", "machen", "machst", "gemacht", "machte", "machten"],
    "geb": ["gibt", "gebe", "geben", "gibst", "gab", "gaben", "gegeben"],
    "geh": ["geht", "gehe", "gehen", "gehst", "ging", "gingen", "gegangen"],
    "komm": ["kommt", "komme", "kommen", "kommst", "kam", "kamen", "gekommen"],
    "wiss": ["weiß", "weißt", "wissen", "wisst", "wusste", "wussten", "gewusst"],
    "helf": ["hilft", "helfe", "helfen", "hilfst", "half", "halfen", "geholfen", "hilf"],
    "nehm": ["nimmt", "nehme", "nehmen", "nimmst", "nahm", "nahmen", "genommen", "nimm"],
    "ess": ["isst", "esse", "essen", "gegessen", "aß", "aßen", "iss"],
    "trink": ["trinkt", "trinke", "trinken", "trinkst", "trank", "tranken", "getrunken"],
    "schlaf": [
        "schläft",
        "schlafe",
        "schlafen",
        "schläfst",
        "schlief",
        "schliefen",
        "geschlafen",
        "schlaf",
    ],
    "einschlaf": [
        "einschlafen",
        "einschlafe",
        "einschläft",
        "einschläfst",
        "eingeschlafen",
        "einschlief",
        "einschlafe",
    ],
    "seh": ["sieht", "sehe", "sehen", "siehst", "sah", "sahen", "gesehen"],
    "sag": ["sagt", "sage", "sagen", "sagst", "sagte", "sagten", "gesagt"],
    "wach": [
        "wacht",
        "wache",
        "wachen",
        "wachst",
        "wachte",
        "wachten",
        "aufwachen",
        "aufwache",
        "aufgewacht",
    ],
    "fall": ["fällt", "falle", "fallen", "fällst", "fiel", "fielen", "gefallen"],
    "bring": ["bringt", "bringe", "bringen", "bringst", "brachte", "gebracht"],
    "tritt": ["tritt", "treten", "trete", "auftreten", "auftritt", "aufgetreten"],
    # the key verb: every form of "zucken", and the noun
    "zuck": [
        "zuck",
        "zuckt",
        "zucke",
        "zucken",
        "zuckst",
        "zuckte",
        "zuckten",
        "zucktest",
        "gezuckt",
        "zuckend",
        "zuckende",
        "zuckenden",
        "zuckender",
        "zuckendes",
        "zuckendem",
        "zuckung",
        "zuckungen",
        "zuckerei",
    ],
    # words the suffix stripper would get wrong or not unite
    "zucker": ["zucker", "zuckers"],
    "unterzucker": ["unterzucker"],
    "aug": ["auge", "augen"],
    "lid": ["lid", "lider", "lids"],
    "augenlid": ["augenlid", "augenlider", "augenlids"],
    "hand": ["hand", "hände", "händen"],
    "fuss": ["fuß", "füße", "füßen", "fuss", "fuesse"],
    "arm": ["arm", "arme", "armen", "arms"],
    "bein": ["bein", "beine", "beinen", "beins"],
    "zeh": ["zeh", "zehe", "zehen", "zehs"],
    "wang": ["wange", "wangen"],
    "lipp": ["lippe", "lippen"],
    "wad": ["wade", "waden"],
    "nerv": ["nerv", "nerven", "nervs"],
    "muskel": ["muskel", "muskeln", "muskels"],
    "kind": ["kind", "kinder", "kindern", "kindes", "kinds"],
    "arzt": ["arzt", "ärzte", "ärzten", "arztes"],
    "ursach": ["ursache", "ursachen"],
    "krankheit": ["krankheit", "krankheiten"],
    "tablett": ["tablette", "tabletten"],
    "medikament": ["medikament", "medikamente", "medikamenten", "medikaments"],
    "gesund": ["gesund", "gesunde", "gesunden", "gesunder", "gesundes", "gesündere", "gesünder"],
    "haeufig": [
        "häufig",
        "häufige",
        "häufigen",
        "häufiger",
        "häufiges",
        "häufigsten",
        "am",
        "häufigsten",
    ],
    "gefaehrlich": ["gefährlich", "gefährliche", "gefährlichen", "gefährlicher", "gefährliches"],
    "harmlos": ["harmlos", "harmlose", "harmlosen", "harmloser", "harmloses"],
}
#: Irregular (and otherwise mis-stemmed) forms -> their stem; folded keys.  Every target maps to
#: itself too, so "habe" and "hatte" agree (as in the English ``_IRREGULAR``).
IRREGULAR: dict[str, str] = {
    fold(form): target for target, forms in _IRREGULAR_FORMS.items() for form in forms
}
IRREGULAR.update({target: target for target in set(IRREGULAR.values())})

#: Inflection endings stripped by :func:`stem`, tried longest first.
_SUFFIXES = ("ern", "end", "em", "en", "er", "es", "st", "e", "n", "s", "t")
#: The shortest word (in letters, after folding) the stripper touches, and the shortest stem
#: it leaves.
_MIN_WORD = 5
_MIN_STEM = 3


def stem(word: str) -> str:
    """A light, deterministic German suffix stemmer (the same for samples and utterances).

    1. Lower case and fold ä/ö/ü/ß to ae/oe/ue/ss ("Füße" -> "fuesse").
    2. A form in :data:`IRREGULAR` gives its stem ("hat" -> "hab", "zuckungen" -> "zuck").
    3. Words of fewer than five letters, and words with anything but letters (slot
       placeholders, numbers), are left as they are.
    4. Otherwise strip one ending of ``_SUFFIXES`` (-ern -end -em -en -er -es -st -e -n -s -t,
       longest first) if at least three letters remain, and do that once more if the word is
       still five letters or longer: "zuckten" -> "zuckt" -> "zuck", "muskeln" -> "muskel",
       "fingern" -> "fing" = "finger" -> "fing".  A final "s" after "s" and a final "e" after
       "e" stay ("stress", "kaffee").
    5. The result is looked up in :data:`IRREGULAR` once more ("zuckte" -> "zuckt" -> "zuck"
       would get there anyway; "augenlids" -> "augenlid").

    It over-stems ("wasser" -> "wass"), but always the same way on both sides, which is all
    the matcher needs."""
    w = fold(word)
    irregular = IRREGULAR.get(w)
    if irregular is not None:
        return irregular
    if len(w) < _MIN_WORD or not w.isalpha():
        return w
    for _ in range(2):
        if len(w) < _MIN_WORD:
            break
        for suffix in _SUFFIXES:
            if (suffix == "s" and w.endswith("ss")) or (suffix == "e" and w.endswith("ee")):
                continue  # "stress", "kaffee" keep their doubled letter
            if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
                w = w[: -len(suffix)]
                break
        else:
            break
    return IRREGULAR.get(w, w)


# ---------------------------------------------------------------------------------------------
# Word classes (stems, like the English tables)
# ---------------------------------------------------------------------------------------------
#: Question words and modals: function words that still hint at the intent ("warum zuckt mein
#: auge" vs "was hilft ..."; "sollte ich zum arzt" vs "was macht der arzt").  Kept out of
#: STOPWORDS' weightless class by the resolver through this separate set, as in English.
CUES = frozenset(
    stem(w) for w in _words("warum wann wie wer wo welche welcher welches welchen soll sollte")
)

#: German function words (stems).  The question cues are in CUES and also here, exactly as the
#: English ``_STOPWORDS`` holds "why", "how", "when" and ``_CUES`` gives them their weight.
STOPWORDS = frozenset(
    stem(w)
    for w in _words(
        "der die das des dem den ein eine einer eines einem einen kein keine keiner keines "
        "keinem keinen mein meine meiner meines meinem meinen dein deine deiner deinem deinen "
        "sein seine seiner seinem seinen ihr ihre ihrer ihrem ihren unser unsere unserem "
        "unseren euer eure ich du er sie es wir ihr man mich mir dich dir ihn ihm uns euch "
        "sich selbst ist sind bin bist war waren sein hat habe hab hast haben hatte hätte "
        "wird werde werden würde kann kannst können könnte muss müssen soll sollte will "
        "möchte mag tun tut macht mache machen gibt geben geht gehen wie was warum wann wo "
        "wer wen wem wessen welche welcher welches welchen woher wohin womit wofür wodurch ob "
        "dass daß und oder aber denn sondern wenn weil als auch noch schon nur sehr so zu "
        "zum zur im in ins am an auf aus bei beim mit nach von vom vor über unter um durch "
        "für gegen ohne seit bis zwischen hinter neben nicht nichts etwas was irgendwas "
        "alle alles viel viele mehr dies diese dieser dieses diesem diesen jene da dann dort "
        "hier jetzt immer wieder ganz mal doch ja nein dazu davon damit darauf darüber "
        "daran dafür dagegen sowas einfach gerade bereits ein paar bisschen zu sagen erzähl "
        "erzähle erzählen sag sage weiß wissen"
    )
)

#: Words of time and frequency that pad a question more than they tell intents apart ("seit
#: einer woche", "in letzter zeit"): the resolver caps their weight (English ``_LIGHT_WORDS``).
LIGHT_WORDS = frozenset(
    stem(w)
    for w in _words(
        "zeit letzter letzten kürzlich neulich tag tage tagen woche wochen monat monate monaten "
        "jahr jahre jahren heute gestern vorgestern morgen abend abends nachmittag immer oft "
        "öfter ständig dauernd andauernd manchmal ab und zu zufällig plötzlich lange länger "
        "seitdem mittlerweile inzwischen jemand irgendwie einfach so"
    )
)

#: Words that may open a spoken slot value and are dropped to find it ("meine medikamente",
#: "zu viel kaffee") - the English ``_LEADING_DETERMINERS``.
LEADING_DETERMINERS = frozenset(
    stem(w)
    for w in _words(
        "der die das den dem des ein eine einen einem einer mein meine meinen meinem meiner "
        "zu viel viele zu wenig etwas dieser diese dieses diesen diesem ein paar"
    )
)

#: Function words that can sit inside a slot value ("mangel an magnesium", "zu viel kaffee",
#: "tumor im gehirn", "auf kaffee und alkohol verzichten") - the English ``_VALUE_GLUE``.
VALUE_GLUE = frozenset(
    stem(w)
    for w in _words(
        "an auf im in am mit von der die das dem den des ein eine einen einem mein meine zu "
        "viel wenig und oder bei unter mehr kein keine keinen nicht"
    )
)


# ---------------------------------------------------------------------------------------------
# Normalisation (what the self-check of the German model uses)
# ---------------------------------------------------------------------------------------------
_NON_WORD = re.compile(r"[^a-z0-9äöüß{}_ ]+")
_LETTERS = re.compile(r"\b(?:[a-zäöü]\.\s*){2,}")


def _clean_for_matching(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = _LETTERS.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)) + " ", text)
    text = text.replace("-", " ").replace("&", " und ")
    for pattern, replacement in CONTRACTIONS:
        text = pattern.sub(replacement, text)
    for pattern, replacement in NEAR_SYNONYMS:
        text = pattern.sub(replacement, text)
    return _NON_WORD.sub(" ", text)


def _drop_fillers(words: list[str]) -> list[str]:
    """Drop fillers: phrases first (longest first), then utterance-initial fillers, then words.

    A filler phrase that would end the utterance after fewer than two kept words is kept: "was
    weißt du" is a question (help), not "was" with a filler."""
    out: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in FILLER_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        if phrase is not None and (i + len(phrase) < len(words) or len(out) >= 2):
            i += len(phrase)
            continue
        if not out and phrase is None and len(words) - i > 1:
            lead = next((p for p in LEADING_FILLERS if tuple(words[i : i + len(p)]) == p), None)
            if lead is not None and len(words) - i > len(lead):
                i += len(lead)
                continue
        word = words[i]
        if word in FILLER_WORDS_NOT_FIRST:
            if not out:
                out.append(word)
        elif word not in FILLER_WORDS:
            out.append(word)
        i += 1
    return out


def normalise(text: str) -> str:
    """The normalised, stemmed form of ``text`` (space separated; ``{slot}`` kept)."""
    words = _drop_fillers(_clean_for_matching(text).split())
    return " ".join(w if w.startswith("{") else stem(w) for w in words)


# ---------------------------------------------------------------------------------------------
# Red flags
# ---------------------------------------------------------------------------------------------
# Building blocks (written with umlauts; the whole pattern goes through _de() at the end).
_GAP = r"(?: [\w']+){0,%d}"
_NICHT = r"(?:nicht|nich|net)"
#: A gap of words none of which is a negation ("ich will nicht sterben" is fear, not a wish).
_GAP_NO_NOT = r"(?: (?!nicht\b|nich\b|net\b|kein\w*\b|nie\b)[\w']+){0,%d}"
_KILL = (
    r"(?:umbringen|umzubringen|umbringe|umbringt|töten|zu töten|erhängen|aufhängen|"
    r"aufzuhängen|erschießen|zu erschießen|vergiften|zu vergiften|erstechen)"
)
_SOMEONE = r"(?:ihn|sie|ihm|ihr|mich|es|mein\w* \w+|unser\w* \w+|den \w+|die \w+|das \w+)"
_MEDICINE = (
    r"(?:tabletten?|pillen?|kapseln?|medikamente?n?|medizin|arznei\w*|dosis|\w*tabletten|"
    r"\w*pillen|schmerzmittel\w*|schlafmittel\w*|beruhigungsmittel\w*|ibuprofen|paracetamol|"
    r"aspirin|diclofenac|novalgin|metamizol|tramadol|opioide?|morphin|antidepressiva|"
    r"antidepressivum|benzos?|diazepam|valium|tavor|lorazepam|insulin|tropfen|hustensaft|"
    r"fiebersaft|vitamine?|vitamintabletten|eisentabletten|drogen|blutdruckmittel|"
    r"herztabletten|schilddrüsentabletten)"
)
_NOT_FOOD = (
    r"(?:putzmittel\w*|reiniger\w*|\w+reiniger|reinigungsmittel\w*|spülmaschinentabs?|"
    r"geschirrspültabs?|spülmaschinentabletten?|tabs|waschmittel\w*|waschmittelkissen|"
    r"waschpods?|pods|flüssigwaschmittel|weichspüler|spülmittel|knopfbatterien?|"
    r"knopfzellen?|batterien?|akkus?|chemikalien|chemikalie|chemie|bleiche|bleichmittel|"
    r"chlor\w*|entkalker|abflussreiniger|rohrreiniger|lampenöl|grillanzünder|anzünder|benzin|"
    r"diesel|petroleum|frostschutz\w*|scheibenwischwasser|scheibenreiniger|"
    r"nagellackentferner|nagellack|verdünner|verdünnung|terpentin|lösungsmittel|"
    r"pflanzenschutz\w*|unkrautvernichter|unkrautex|pestizide?|insektizide?|insektenspray|"
    r"rattengift|mäusegift|schneckenkorn|gift|giftköder|etwas giftiges|was giftiges|"
    r"giftige\w*|giftpflanzen?|pflanzen?|zimmerpflanzen?|blätter|blatt|beeren|tollkirschen?|"
    r"eibe\w*|goldregen|maiglöckchen|oleander|fingerhut|pilze?|fliegenpilz\w*|knollenblätterpilz"
    r"\w*|zigaretten?|zigarettenkippen?|kippen?|tabak|nikotin|liquid|e liquid|liquids|"
    r"e zigarette|dampfer liquid|magnete?n?|magnetkugeln?|magnetkügelchen|parfüm|parfum|"
    r"mundwasser|desinfektionsmittel|desinfektion|handdesinfektion|shampoo|duschgel|seife|"
    r"kleber|klebstoff|dünger|blumendünger|öl|duftöl|ätherische\w* öl\w*|farbe|farben|"
    r"lack|spiritus|brennspiritus|ammoniak|salzsäure|säure|lauge|natronlauge|"
    r"(?:etwas |was )?(?:aus|von) (?:einer flasche )?unter der spüle)"
)
_INGESTED = (
    r"(?:verschluckt|geschluckt|geschlungen|getrunken|gegessen|gekaut|zerkaut|zerbissen|"
    r"angebissen|gebissen|geleckt|abgeleckt|gelutscht|genascht|probiert|"
    r"in den mund (?:gesteckt|genommen|bekommen|gekriegt)|im mund|runtergeschluckt|"
    r"ausgetrunken|aufgegessen|verschlucken|schluckt|trinkt|isst|kaut|leckt|verschluckt hat)"
)
_CHILD = (
    r"(?:kind\w*|kleine[nr]?|kleinkind\w*|sohn|tochter|enkel\w*|junge|mädchen|baby|babys|"
    r"säugling|neugeborene\w*|\w+jährige[nr]?)"
)
_CONTAINER = (
    r"(?:packung|schachtel|flasche|dose|blister|streifen|handvoll|hand voll|ladung|menge|"
    r"röhrchen|glas)"
)
_NUMBER = (
    r"(?:vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|vierzig|"
    r"fünfzig|hundert|etliche|unzählige|viele|dutzende)"
)
_BABY = r"(?:baby|babys|säugling\w*|neugeborene\w*|(?:\w+ )?(?:tage|wochen|monate) alte\w*)"
_CONFUSED = (
    r"(?:verwirrt\w*|verwirrung|durcheinander|desorientiert|weiß nicht (?:mehr )?wo|"
    r"steife[nr]? nacken|nacken (?:ist |wird )?steif|nackensteife|steifen hals|"
    r"nicht ansprechbar|redet wirr\w*|wirres zeug|benommen|kann (?:den kopf|das kinn) "
    r"nicht (?:zur brust |auf die brust )?(?:beugen|bewegen|senken|nach vorne))"
)
_SUDDEN = r"(?:plötzlich\w*|auf einmal|schlagartig|mit einem mal|urplötzlich)"
_PARALYSED = (
    r"(?:taub\w*|gelähmt\w*|lähmung\w*|lahm\w*|gefühllos\w*|schwach|schwäche|kraftlos|"
    r"hängt|hängen|herab\w*)"
)
_SHAKE = r"(?:zitter\w*|schüttel\w*|krampf\w*|zappel\w*|zuck\w*|ruck\w*)"

#: (kind, name, regex) in order of precedence: the first that matches wins.  Kinds are the
#: safety answer ids ("emergency", "poisoning", "crisis"); an emergency comes before poisoning
#: (both give the emergency number), poisoning before crisis.  One exception, as in English:
#: not wanting to wake up comes before the emergencies, so "ich will nie mehr aufwachen" is a
#: crisis, not someone who does not wake up.  Each pattern describes an event or a state, never
#: a topic: "kann epilepsie zucken auslösen", "ist zu viel kaffee schlecht" and "ich hab mir
#: beim sport weh getan" raise no flag.  Patterns are umlaut-tolerant (see :func:`_de`) and run
#: on :func:`clean` text.
_TABLE: tuple[tuple[str, str, str], ...] = (
    ("crisis", "not wanting to wake up",
     r"\b(?:will|möchte|wollte|würde gerne?|würde lieber|wünschte)\b" + _GAP % 3 +
     r" (?:nie|nicht) (?:mehr |wieder |mehr wieder )?(?:auf(?:wachen|zuwachen)|wach werden)\b|"
     r"\bhoff\w*\b" + _GAP % 4 + r" (?:nie|nicht) (?:mehr |wieder |mehr wieder )?"
     r"(?:aufwach\w*|auf|wach werde\w*)\b|"
     r"\b(?:einschlafen|einschlafe|schlafen) und (?:nie|nicht) (?:mehr |wieder )?aufwachen\b"),
    # --- emergency ---------------------------------------------------------------------------
    ("emergency", "seizure now",
     r"\b(?:hat|habe|hab|hast|haben|hatte|hatten|bekommt|bekommen|bekomme|kriegt|kriege|krieg|"
     r"kriegen)\b" + _GAP % 3 + r" (?:einen|ein|nen|'nen|den|noch einen|wieder einen|schon "
     r"wieder einen|gerade einen|mehrere|zwei|drei) (?:\w+ )?(?:krampfanfall|krampfanfälle|"
     r"anfall|anfälle|epileptischen anfall|fieberkrampf|fieberkrämpfe|krampfanfällen)\b|"
     r"\bfieberkrampf\w*|\b(?:ist|liegt) (?:gerade |noch |wieder )?im (?:krampf)?anfall\b|"
     r"^(?:ein |einen )?(?:krampfanfall|epileptischer anfall|anfall|krampfanfälle)$|"
     r"\b(?:krampf)?anfall (?:gerade|jetzt|im moment|hört \w+ auf|hört (?:\w+ )?nicht|dauert|"
     r"seit \w+ minuten|geht nicht vorbei|will nicht aufhören)\b|"
     r"\b(?:anfälle|krampfanfälle) (?:hinter ?einander|nacheinander|am stück)\b|"
     r"\b(?:er|sie|es|ich|jemand|kind|baby|" + _PEOPLE + "|" + _CHILDREN + r")\b" + _GAP % 3 +
     r" (?:krampft|krampfen|krampfe|krampfte|krampfend)\b|"
     r"\bkrampft (?:am ganzen körper|stark|heftig|immer noch|und)\b|"
     r"\b" + _SHAKE + r"\b" + _GAP % 6 + r" (?:am|auf dem|auf den) (?:boden|fußboden)\b|"
     r"\b(?:am|auf dem|auf den) (?:boden|fußboden)\b" + _GAP % 6 + r" " + _SHAKE + r"|"
     r"\b(?:er|sie|jemand|" + _PEOPLE + "|" + _CHILDREN + r")\b" + _GAP % 2 +
     r" (?:zuckt|zittert|krampft|zappelt|schüttelt sich|ruckt)\b" + _GAP % 2 +
     r" (?:am ganzen körper|überall|unkontrolliert|heftig|wie wild|rhythmisch)\b|"
     r"\bschaum vor dem mund\b|\b(?:auf die |in die )zunge gebissen\b"),
    ("emergency", "collapse or unresponsive",
     r"\b(?:bewusstlos\w*|ohnmächtig\w*|ohnmacht|zusammengebrochen|bricht zusammen|"
     r"zusammengesackt|sackt zusammen|kollabiert\w*|umgekippt|kippt (?:\w+ )?um|kippe (?:\w+ )?"
     r"um|umgefallen|fällt (?:einfach )?um|reglos|regungslos|leblos|weggetreten|"
     r"nicht (?:mehr )?ansprechbar|nicht (?:mehr )?wach zu (?:kriegen|bekommen)|"
     r"nicht (?:mehr )?aufzuwecken|reagiert " + _NICHT + r"|reagiert (?:kaum|gar nicht)|"
     r"reagiert auf nichts|antwortet " + _NICHT + r"|antwortet (?:mir )?" + _NICHT + r"|"
     r"macht die augen " + _NICHT + r" (?:mehr )?auf|öffnet die augen " + _NICHT + r"|"
     r"(?:augen|die augen) (?:sind )?verdreht|verdreht die augen|"
     r"ganz schlaff|ist schlaff|wird schlaff|schlaff geworden|"
     r"bewegt sich (?:gar |überhaupt )?nicht(?: mehr)?)\b|"
     r"\bwach\w*\b" + _GAP % 2 + r" " + _NICHT + r" (?:mehr )?auf\b|"
     r"\bkann " + _SOMEONE + r" " + _NICHT + r" (?:mehr )?(?:wecken|wach kriegen|wach "
     r"bekommen|aufwecken)\b"),
    ("emergency", "breathing",
     r"\batme[tn]? (?:\w+ )?(?:" + _NICHT + r"|kaum|schwer|ganz flach|nur noch flach)\b|"
     r"\batm\w* " + _NICHT + r" mehr\b|\b(?:hört|hat) (?:\w+ )?auf zu atmen\b|"
     r"\bkann " + _NICHT + r" (?:mehr )?(?:richtig )?atmen\b|\batemnot\b|\batemstillstand\b|"
     r"\batmung (?:setzt aus|hat aufgehört|ist weg)\b|\bkeine luft\b|\bkaum luft\b|"
     r"\b(?:schnappt|schnappe|ringt|ringe|japst|japse) (?:nach )?(?:luft|atem)\b|\bröchel\w*|"
     r"\berstick\w*|\bhals (?:schnürt sich zu|schwillt zu|ist zu|ist zugeschwollen|macht zu)\b|"
     r"\bzugeschnürt\b|\b(?:keine|kaum) (?:noch |mehr |richtig )?luft\b|"
     r"\bsich verschluckt\b" + _GAP % 5 + r" (?:hustet|husten|würgt|keine|"
     r"kaum|blau|rot|röchelt)|\bsteckt (?:ihm |ihr |mir )?(?:\w+ )?im hals\b|"
     r"\bim hals (?:stecken|fest)\w*|\bpfeifend\w* atm\w*|\blippen werden blau\b"),
    ("emergency", "swallowing",
     r"\bkann " + _NICHT + r" (?:mehr )?(?:richtig )?schlucken\b|\bkann " + _SUDDEN +
     r" " + _NICHT + r" (?:mehr )?schlucken\b|\bschlucken (?:geht|klappt) " + _NICHT +
     r"|\b(?:bekommt|bekomme|kriegt|kriege) nichts (?:mehr )?runter\b"),
    ("emergency", "chest pain",
     r"\bbrustschmerz\w*|\bschmerz\w* (?:in|auf|an) der brust\b|\bengegefühl\b|"
     r"\benge (?:in|auf) der brust\b|\bdruck (?:auf|in) der brust\b|\bbrustenge\b|"
     r"\b(?:stechen|brennen|ziehen|stiche) in der brust\b|\bbrust (?:tut|schmerzt|brennt|sticht|"
     r"drückt|ist eng|ist wie zugeschnürt|fühlt sich eng)\b|\bherzinfarkt\b|\binfarkt\b|"
     r"\bherz (?:tut weh|schmerzt|sticht)\b|\bherzschmerzen\b"),
    ("emergency", "blue or grey",
     r"\b(?:lippen?|haut|gesicht|mund|finger\w*|nägel|fingernägel|zehen)\b" + _GAP % 4 +
     r" (?:blau\w*|bläulich\w*|grau\b|gräulich\w*|lila\b|violett\w*|aschfahl\w*|fahl\b)|"
     r"\bblaue[nr]? lippen\b|\b(?:blau|grau|lila) (?:an)?(?:gelaufen|anlaufen|anläuft)\b|"
     r"\bläuft (?:\w+ )?(?:blau|grau|lila) an\b|\b(?:wird|werden|wurde|sieht) "
     r"(?:\w+ )?(?:ganz |total |richtig )?(?:blau|grau|aschfahl|kreidebleich)\b|"
     r"\b(?:blau|grau|bläulich|aschfahl|lila|kreidebleich) (?:im gesicht|um den mund|an den "
     r"lippen|an den fingern)\b"),
    ("emergency", "stroke",
     # A sudden, very bad headache, or suddenly not seeing properly.
     r"\bplötzlich\w*\b" + _GAP % 3 + r" (?:ganz |sehr |extrem )?(?:schlimme|starke|heftige|"
     r"schlimmste|furchtbare|höllische)\w* kopfschmerz\w*|\b(?:kann|konnte) (?:auf einmal |"
     r"plötzlich )?(?:nicht mehr|nichts mehr|kaum noch) (?:richtig )?(?:gucken|sehen|sprechen|"
     r"reden)\b|"
     r"\b(?:hat|hatte|habe|hab|bekommt|kriegt|gerade|glaube|denke|vermute|befürchte)\b" +
     _GAP % 4 + r" (?:einen |ein )?(?:schlaganfall|hirninfarkt|hirnschlag)\b|"
     r"\b(?:zeichen|anzeichen|symptome) (?:für |von |eines |einem )?(?:einen |ein |einem )?"
     r"(?:schlaganfall|schlaganfalls)\b|^(?:ein )?schlaganfall$|\bschlaganfall (?:gerade|jetzt)\b|"
     r"\bmundwinkel (?:\w+ )?(?:hängt|hängen|hängend|herunter|nach unten)\w*|"
     r"\bhängende[nr]? (?:mundwinkel|gesicht\w*|augenlid|lid)\b|"
     r"\b(?:gesicht|gesichtshälfte|mund|lächeln) (?:\w+ )?(?:hängt|hängen|ist schief|wirkt "
     r"schief|verzogen|schief)\b|\bschiefe[sn]? (?:gesicht|lächeln|mund)\b|"
     r"\blall\w*|\bverwaschen\w*|\b(?:spricht|redet|rede|spreche) (?:\w+ ){0,2}(?:undeutlich|"
     r"wirr|wirres zeug|unverständlich)\b|\bwirres zeug\b|"
     r"\b(?:kann|konnte) " + _SUDDEN + r" " + _NICHT + r" (?:mehr )?(?:sprechen|reden)\b|"
     r"\b(?:findet|finde) (?:\w+ )?(?:keine worte|die worte nicht)\b|"
     r"\b(?:einer|eine|linke[nr]?|rechte[nr]?) (?:körper)?seite\b" + _GAP % 3 + r" " +
     _PARALYSED + r"|\b" + _PARALYSED + r"\b" + _GAP % 3 + r" (?:auf|an) (?:einer|der "
     r"(?:linken|rechten)) (?:körper)?seite\b|\bhalbseitig\w*|"
     r"\b(?:körperhälfte|gesichtshälfte)\b" + _GAP % 3 + r" " + _PARALYSED + r"|"
     r"\b" + _SUDDEN + r"\b" + _GAP % 4 + r" (?:taub\w*|gelähmt\w*|lähmung\w*|gefühllos\w*|"
     r"schwach\w*|kraftlos\w*|blind\w*|nichts (?:mehr )?(?:sehen|sehe|sieht)|(?:sehe|sieht) "
     r"(?:\w+ )?nichts|doppelt|doppelbilder|" + _NICHT + r" (?:mehr )?(?:sprechen|reden|"
     r"bewegen|sehen|heben)|verwirrt\w*|schwarz vor augen)\b|"
     r"\bkann (?:den|meinen|seinen|ihren|einen) (?:arm|bein|fuß|hand)\b" + _GAP % 2 + r" " +
     _NICHT + r" (?:mehr )?(?:heben|bewegen|spüren)\b|"
     r"\b(?:schlimmste[nr]?|stärkste[nr]?|heftigste[nr]?|schlimmsten|vernichtend\w*|rasend\w*|"
     r"explodierend\w*|donnerschlag\w*)\b" + _GAP % 2 + r" kopfschmerz\w*|"
     r"\bvernichtungskopfschmerz\w*|\bdonnerschlagkopfschmerz\w*|"
     r"\b(?:auf einem auge|auf beiden augen) (?:\w+ )?(?:blind|nichts)\b|"
     r"\b(?:sehe|sieht|seh|sehen) (?:\w+ )?" + _SUDDEN + r" (?:gar )?nichts\b|"
     r"\b(?:sehe|sieht|seh) (?:gar )?nichts mehr\b"),
    ("emergency", "head injury",
     r"\bkopf\b" + _GAP % 3 + r" (?:gestoßen|angeschlagen|aufgeschlagen|angestoßen|angehauen|"
     r"geknallt|gehauen|verletzt)\b|\b(?:auf|gegen) den kopf (?:gefallen|geknallt|geschlagen|"
     r"bekommen|gekriegt)\b|\bmit dem kopf\b" + _GAP % 4 + r" (?:aufgeschlagen|geknallt|"
     r"gestoßen|gefallen)\b|\bkopfverletzung\w*|\bgehirnerschütterung\w*|\bschädel\w*"
     r"(?:trauma|verletzung|bruch|hirntrauma)\b|\bkopfplatzwunde\b|"
     r"\b(?:gestürzt|hingefallen|umgefallen|gefallen|sturz|unfall|runtergefallen|"
     r"heruntergefallen)\b" + _GAP % 8 + r" (?:zuck\w*|krampf\w*|verwirrt\w*)"),
    ("emergency", "fever with stiff neck or confusion",
     r"\bmeningitis\b|\bhirnhautentzündung\b|\bgenickstarre\b|"
     r"\b(?:fieber|temperatur)\b" + _GAP % 8 + r" " + _CONFUSED + r"|"
     r"\b" + _CONFUSED + r"\b" + _GAP % 8 + r" (?:fieber|temperatur)\b"),
    ("emergency", "baby",
     r"\b" + _BABY + r"\b" + _GAP % 6 + r" (?:zuck\w*|krampf\w*|zitter\w*|blau\w*|grau\b|"
     r"steif\w*|schlaff\w*|atm\w*|luft|reagiert|ruck\w*|verdreht|bewusstlos)|"
     r"\b(?:zuck\w*|krampf\w*|zitter\w*)\b" + _GAP % 3 + r" (?:mein\w* |unser\w* |das |der "
     r"|bei (?:meinem|unserem|dem) )?" + _BABY + r"\b"),
    ("emergency", "will not stop",
     r"\b(?:zitter\w*|schüttel\w*|krampf\w*|zappel\w*)\b" + _GAP % 6 + r" " + _NICHT +
     r" (?:mehr )?auf\b|\b(?:zitter\w*|schüttel\w*|krampf\w*|zappel\w*)\b" + _GAP % 6 +
     r" (?:hört|hören|will|wollen) " + _NICHT + r" (?:mehr )?auf\w*|"
     r"\b(?:ganze[rn]? körper|am ganzen körper|überall)\b" + _GAP % 3 + r" (?:zuck\w*|zitter\w*)"
     r"\b" + _GAP % 4 + r" (?:" + _NICHT + r" (?:mehr )?auf|unkontrolliert|ohne pause|"
     r"seit minuten)\b|\b(?:zuck\w*|zitter\w*) (?:am ganzen körper|überall)\b" + _GAP % 4 +
     r" (?:" + _NICHT + r" (?:mehr )?auf|unkontrolliert|ohne pause|seit minuten)\b|"
     r"\bunkontrolliert\w*\b" + _GAP % 2 + r" (?:zitter\w*|schüttel\w*|krampf\w*|zappel\w*)|"
     r"\b(?:zitter\w*|schüttel\w*|krampf\w*|zappel\w*)\b" + _GAP % 2 + r" unkontrolliert\b"),
    ("emergency", "call for help",
     r"\bnotarzt\w*|\bkrankenwagen\b|\brettungswagen\b|\brettungsdienst\b|\bsanitäter\w*|"
     r"\bnotruf\b|\bnotrufnummer\b|\beins eins zwei\b|\beinhundertzwölf\b|\bhundertzwölf\b|"
     r"\b112\b|\bnotaufnahme\b|\brettungsstelle\b|\brettungshubschrauber\b|"
     r"^(?:das ist |es ist |wir haben |ich habe |hier ist |hilfe )?(?:ein(?:en)? )?notfall$|"
     r"\b(?:das|es) ist ein notfall\b|\bnotfall (?:schnell|bitte|hier)\b|"
     r"\bhilfe schnell\b|\bschnell hilfe\b|\b(?:ruf|rufe|ruft|rufen sie) (?:\w+ )?hilfe\b"),
    # --- poisoning ---------------------------------------------------------------------------
    ("poisoning", "overdose",
     r"überdos\w*|\b(?:zu viele|zu viel|die doppelte|doppelte|die dreifache|dreifache|"
     r"(?:eine |die )?ganze[n]? " + _CONTAINER + r"|(?:eine |die )?volle[n]? " + _CONTAINER +
     r"|(?:eine )?hand ?voll)(?: (?:von|an))?"
     r"(?: (?:meinen|meiner|meine|meinem|seinen|seiner|seine|ihren|ihrer|ihre|den|der|die|"
     r"diesen|diese))?(?: \w+)? " + _MEDICINE + r"\b|"
     r"\b" + _MEDICINE + r"\b" + _GAP % 3 + r" (?:doppelt|zweimal|zwei mal|dreimal|"
     r"auf einmal|auf ex|alle auf einmal) (?:\w+ )?(?:genommen|geschluckt|gespritzt|"
     r"eingenommen)\b|\b" + _MEDICINE + r" verwechselt\b|\bverwechselt\b" + _GAP % 3 +
     r" " + _MEDICINE + r"\b|\bfalsche[nr]? " + _MEDICINE + r"\b|"
     r"\b(?:aus versehen|versehentlich)\b" + _GAP % 5 + r" " + _MEDICINE + r"\b|"
     r"\b" + _MEDICINE + r"\b" + _GAP % 5 + r" (?:aus versehen|versehentlich)\b|"
     r"\b" + _NUMBER + r" (?:\w+ )?" + _MEDICINE + r"\b" + _GAP % 2 + r" (?:genommen|"
     r"geschluckt|eingeworfen|eingenommen|gegessen)\b|"
     r"\bzu viele? (?:davon )?(?:genommen|geschluckt|eingenommen)\b|"
     r"\balle (?:\w+ )?" + _MEDICINE + r" (?:auf einmal|gleichzeitig|auf ex|geschluckt)\b|"
     r"\b(?:tabletten|medikamente|pillen|packung|schachtel) (?:sind|ist) (?:\w+ )?(?:weg|leer)\b|"
     r"\b(?:tabletten|pillen) fehlen\b|"
     r"\b(?:medikamentenschrank|arzneischrank|medizinschrank|tablettenschachtel|"
     r"tablettendose|pillendose)\b"),
    ("poisoning", "swallowed something harmful",
     # something swallowed, unnamed ("mein enkel hat was verschluckt"), not oneself choking
     # on a drink ("ich hab mich verschluckt")
     r"\b(?:hat|hatte|hab|habe) (?:was|etwas) (?:\w+ )?verschluckt\b|"
     r"\b" + _NOT_FOOD + r"\b" + _GAP % 5 + r" " + _INGESTED + r"|\b" + _INGESTED + r"\b" +
     _GAP % 4 + r" " + _NOT_FOOD + r"\b|"
     r"\b" + _CHILD + r"\b" + _GAP % 6 + r" " + _MEDICINE + r"\b" + _GAP % 4 + r" " +
     r"(?:verschluckt|geschluckt|gegessen|getrunken|erwischt|gefunden|zerkaut|"
     r"gelutscht|in den mund)|\b" + _CHILD + r"\b" + _GAP % 6 + r" (?:alkohol|schnaps|wein|"
     r"bier|likör|wodka|sekt)\b" + _GAP % 3 + r" getrunken\b|"
     r"\b" + _MEDICINE + r" (?:von|vom|der|des) (?:oma|opa|mama|papa|mutter|vater|"
     r"großmutter|großvater|bruder|schwester|nachbar\w*|jemand anderem|meiner mutter|"
     r"meinem vater|meiner oma|meinem opa|seiner oma|ihrer oma|seinem opa|ihrem opa)\b" +
     _GAP % 3 +
     r" (?:genommen|geschluckt|gegessen|verschluckt)|"
     r"\b(?:omas|opas|mamas|papas|mutters|vaters|omis|opis) " + _MEDICINE + r"\b" + _GAP % 3 +
     r" (?:genommen|geschluckt|gegessen|verschluckt)|"
     r"\bverschluckt\b" + _GAP % 4 + r" " + _MEDICINE + r"\b|\b" + _MEDICINE + r"\b" +
     _GAP % 4 + r" verschluckt\b|"
     r"\b(?:an|in) (?:die|den|der) (?:tabletten|medikamente|medikamenten|putzmittel|reiniger|"
     r"chemikalien|spülmaschinentabs) (?:gegangen|gekommen|rangekommen|ran)\b|"
     r"\b(?:dämpfe|gas|gase|rauch|abgase|chemikalien|lösungsmittel|chlorgas)\b" + _GAP % 4 +
     r" (?:eingeatmet|inhaliert|eingeatmet hat)\b|\beingeatmet\b" + _GAP % 3 +
     r" (?:dämpfe|gas|rauch|chemikalien)\b"),
    ("poisoning", "poisoned",
     r"\bvergift\w*|\b\w+vergiftung\b|\bgiftnotruf\w*|\bgiftinformation\w*|\bgiftzentrale\b|"
     r"\bgiftnotzentrale\b|\bgiftinfo\w*|\bgiftig\w* (?:gegessen|getrunken|geschluckt|"
     r"verschluckt)\b|\betwas giftiges\b|\bwas giftiges\b|\bkohlenmonoxid\w*|"
     r"\bgasgeruch\b|\b(?:schlangen|spinnen|skorpion)biss\b|\bvon einer (?:schlange|"
     r"giftschlange|spinne|kreuzotter) gebissen\b|\bgift (?:gegessen|getrunken|geschluckt)\b"),
    # --- crisis ------------------------------------------------------------------------------
    ("crisis", "suicide",
     r"\bsuizid\w*|\bselbstmord\w*|\bselbsttötung\w*|\blebensmüde\w*|\bfreitod\b|"
     r"\b(?:von|vor) (?:der|einer|die|eine|den|einen|dem|einem) (?:brücke|zug|dach|hochhaus|"
     r"klippe)\w* (?:zu )?(?:spring|werf|stürz)\w*|"
     # "sich umbringen" is always about oneself; "mich" needs "ich" as the subject, so that
     # "das zucken bringt mich noch um" (a figure of speech) is no flag.
     r"\bsich (?:\w+ ){0,3}" + _KILL + r"\b|\b(?:ich|du)\b" + _GAP % 3 +
     r" (?:mich|dich) (?:selbst )?(?:\w+ ){0,2}" + _KILL + r"\b|"
     r"\b(?:ich|du) (?:bring|bringe|bringst) (?:mich|dich) (?:\w+ )?um\b|"
     r"\b(?:bring|bringe|bringst) (?:ich|du) (?:mich|dich) (?:\w+ )?um\b|"
     r"\bbringt sich (?:\w+ )?um\b|"
     # ... a wish said after a story ("ich halte das nicht mehr aus und will mich umbringen");
     # not someone else's threat ("er will mich umbringen")
     r"(?<!\ber )(?<!\bsie )(?<!\bes )\b(?:will|möchte|werde|wollte|würde)\b (?:mich|dich) "
     r"(?:selbst )?(?:\w+ ){0,2}" + _KILL + r"\b|"
     # ... and a purpose said after what was done ("die tabletten bereitgelegt, um mich
     # umzubringen"): never a figure of speech
     r"\bum (?:mich|dich|sich) (?:selbst )?(?:umzubringen|zu töten|aufzuhängen|zu erschießen|"
     r"zu vergiften)\b|"
     r"\b(?:mir|sich|dir) (?:\w+ )?das leben\b|\bdas leben (?:zu )?nehmen\b|"
     r"\b(?:mein|sein|ihr|dein) leben (?:zu )?beenden\b|"
     r"\b(?:will|möchte|werde|würde am liebsten|wollte|muss)\b" + _GAP % 2 +
     r" (?:alles|allem) (?:zu )?(?:beenden|ein ende (?:setzen|machen|bereiten))\b|"
     r"\ballem ein ende (?:zu )?(?:setzen|machen|bereiten)\b|"
     r"\bschluss (?:machen )?mit (?:dem|meinem|seinem|ihrem) leben\b|"
     r"\bmit (?:dem|meinem|seinem|ihrem) leben schluss (?:machen|zu machen)\b|"
     r"\bmit allem schluss (?:machen|zu machen)\b|"
     r"\b(?:will|möchte|wollte|werde|würde|wünsche mir)\b" + _GAP_NO_NOT % 2 +
     r" (?:sterben|tot sein|nicht mehr (?:leben|sein|existieren|da sein|hier sein|weiterleben|"
     r"aufwachen)|für immer verschwinden|nie mehr aufwachen)\b|"
     r"\b(?:sterben|tot sein|nicht mehr (?:leben|weiterleben|da sein|hier sein|existieren)) "
     r"(?:will|möchte|wollen|mag|würde)\b|"
     r"\b(?:ich|er|sie) (?:\w+ )?(?:will|möchte|mag|kann) (?:einfach |echt |wirklich |so |"
     r"bald )?" + _NICHT + r" mehr$|"
     r"\b(?:will|möchte|kann) (?:einfach )?" + _NICHT + r" mehr (?:weiter|weiterleben|"
     r"weitermachen|so weiterleben|leben)\b|"
     r"\b(?:wäre|wär|wären) (?:lieber|besser) tot\b|"
     r"\b(?:am liebsten|lieber|besser) (?:wäre|wär) ich tot\b|\b(?:wäre|wär) ich (?:lieber|besser|"
     r"am liebsten) tot\b|\blieber tot\b|\bwünschte\b" + _GAP % 3 +
     r" (?:tot|nie geboren|nicht mehr da)\b|"
     r"\bohne mich\b" + _GAP % 3 + r" besser\b|\bbesser (?:dran )?ohne mich\b|"
     r"\bwenn ich (?:nicht mehr (?:da|hier)|tot) (?:wäre|bin)\b|"
     r"\b(?:leben|alles|das alles)\b" + _GAP % 3 + r" (?:keinen sinn mehr|sinnlos|keinen "
     r"zweck mehr)\b|\bkeinen sinn mehr (?:zu leben|im leben|in meinem leben|weiterzuleben|"
     r"weiterzumachen)\b|\bsehe keinen sinn mehr$|\bwozu (?:noch )?leben\b|"
     r"\b(?:keinen|kein) (?:ausweg|grund (?:mehr )?zu leben|grund mehr weiterzuleben)\b|"
     r"\bzur last\b|\b(?:bin|sei|wäre) (?:nur |bloß )?(?:eine|ne) (?:last|belastung) für\b|"
     r"\bbin (?:allen )?(?:nur )?(?:eine|ne) last\b|"
     r"\b(?:niemand|keiner) würde (?:mich|es) (?:vermissen|merken)\b|"
     r"\babschiedsbrief\w*|\babschiedsnachricht\w*|\bverabschiede mich (?:von allen|für immer)\b|"
     r"\b(?:habe|hat|hab) einen plan\b" + _GAP % 4 + r" (?:umbring\w*|umzubringen|sterben|"
     r"töten|beenden)\b|\btelefonseelsorge\b|\bkrisendienst\b|\bkrisentelefon\b|"
     r"\bseelsorge\b|\bkrisenhotline\b|\bsorgentelefon\b|\btodessehnsucht\b|\btodeswunsch\b|"
     r"\bsachen verschenkt\b|\bnicht (?:mehr )?sicher vor mir selbst\b|"
     r"\bwill nicht mehr existieren\b|\bbereit zu sterben\b|"
     r"\bkeine (?:lust|kraft) mehr (?:zu leben|auf (?:das |mein )?leben|am leben|weiterzuleben)\b"),
    # Self-harm needs an intention or a habit, not an accident: "ich will mir weh tun" and "ich
    # verletze mich absichtlich" are flags, "ich hab mir beim sport weh getan" is not.
    ("crisis", "self-harm",
     r"\britz\w*|\bgeritzt\b|\bselbstverletz\w*|\bselbst verletzend\w*|\bsvv\b|"
     r"\b(?:will|möchte|wollte|muss|werde|würde|könnte|denke (?:daran|darüber nach)|drang|"
     r"angst|bedürfnis|absichtlich|mit absicht|immer wieder|heimlich|ständig)\b" + _GAP % 4 +
     r" (?:mir|mich|sich|dir|dich) (?:selbst |absichtlich |mit absicht |etwas |was |wieder )*"
     r"(?:weh ?(?:zu )?tun|wehzutun|(?:zu )?verletzen|(?:zu )?schneiden|(?:zu )?verbrennen|"
     r"(?:zu )?schlagen|anzutun|antun|antue)\b|"
     r"\b(?:verletze|verletzt|schneide|schneid|schneidet|verbrenne|verbrennt|schlage|schlägt|"
     r"tue|tu|tut) (?:mich|sich|mir|dir) (?:selbst|absichtlich|mit absicht|immer wieder|wieder)\b|"
     r"\b(?:schneide|schneidet|schnitt) (?:mir|sich|dir) (?:die |in die )?(?:arme?|"
     r"handgelenke?|beine?|haut|pulsadern)\b|\bpulsadern\b|"
     r"\b(?:mir|mich|sich|dir) (?:\w+ ){0,3}(?:was|etwas) (?:anzutun|antun|antue|antut)\b|"
     r"\b(?:mir|mich|sich) (?:selbst |absichtlich )?(?:weh ?tun|wehtun|verletzen|schneiden|"
     r"verbrennen|etwas antun|was antun) (?:will|möchte|muss|werde|wollte|würde|könnte)\b"),
)  # fmt: skip


#: The red-flag table: (kind, name, regex), umlaut-tolerant, in order of precedence.
RED_FLAGS: tuple[tuple[str, str, str], ...] = tuple(
    (kind, name, _de(pattern)) for kind, name, pattern in _TABLE
)


_COMPILED = tuple((kind, name, re.compile(pattern)) for kind, name, pattern in RED_FLAGS)
_NOISE = re.compile(r"[^a-z0-9äöüß' ]+")
#: A question about words, not an event: "was ist der unterschied zwischen zucken und einem
#: anfall".
_ABOUT_WORDS = re.compile(r"\bunterschied zwischen\b|\bversus\b|\bvs\b|\bim vergleich zu\b")


def clean(utterance: str) -> str:
    """Lower case, one space, apostrophes and umlauts kept, other punctuation dropped."""
    text = _NOISE.sub(" ", utterance.lower().replace("\u2019", "'").replace("\u2018", "'"))
    return " ".join(text.split())


def find(utterance: str) -> RedFlag | None:
    """The first red flag (in order of precedence) that ``utterance`` raises, if any."""
    return first_flag(clean(utterance), _COMPILED, _ABOUT_WORDS)


#: German, as the resolver reads it (see skill.simulator.lexicon).
GERMAN = Lexicon(
    language="de",
    clean=_clean_for_matching,
    drop_fillers=_drop_fillers,
    stem=stem,
    stopwords=STOPWORDS,
    cues=CUES,
    light_words=LIGHT_WORDS,
    leading_determiners=LEADING_DETERMINERS,
    value_glue=VALUE_GLUE,
    soft_synonyms=SOFT_SYNONYMS,
    builtin_phrases=BUILTIN_PHRASES,
    builtin_extra=BUILTIN_EXTRA,
    answer_words=ANSWER_WORDS,
    red_flag=find,
    openers=r"öffne|oeffne|starte|start|lade|beginne|spiel|spiele|mach|mache|"
    r"ich (?:möchte|will|würde gern|würde gerne)(?: mit)?",
    askers=r"frag|frage|sag|sage|bitte|erzähl|erzaehl",
    joiners=r"ob|wie|was|warum|wann|wo|nach|über|ueber|zu",
    trailers=r"mit|von|bei|über|ueber",
    wake=r"hey|hallo|ok|okay|äh|ähm",
    launch_fillers=r"bitte|mal|den|die|das|doch",
    launch_closers=r"starten|öffnen|oeffnen|aufmachen|auf|bitte|an|reden|sprechen|benutzen",
    compounds=True,
    gate_slack=1,
    alternatives=frozenset(stem(w) for w in _words("oder und aber")),
)
