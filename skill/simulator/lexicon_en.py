"""English for the offline resolver: the English :class:`Lexicon`, ``ENGLISH``.

Built-in phrases (what Alexa's built-in intents understand), the normalisation of utterances
and samples (contractions, spelled letters, fillers, near-synonyms, a light suffix stemmer),
function words and question cues, and the red-flag table of the safety intents
(``skill.simulator.red_flags``).  ``skill.simulator.lexicon_de`` is the German counterpart.
"""

from __future__ import annotations

import re
from functools import cache

from skill.simulator import red_flags
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

# ---------------------------------------------------------------------------------------------
# Built-in intents: phrases Alexa's built-in models understand. Each phrase maps to candidate
# intents in order of preference; the first one the interaction model declares is used (a skill
# gets only the built-in intents it declares). "exit" is here too because Alexa maps it to Stop;
# the chat command handles a bare "exit" itself before asking the resolver.
# ---------------------------------------------------------------------------------------------

BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        [
            "help", "help me", "i need help", "can you help me", "what can you do",
            "what can i ask", "what can i say", "what do you do", "what should i ask",
            "what are my options", "options", "instructions", "how do i use this",
            "how does this work", "what do you know", "what can you tell me about",
            "what can you help me with", "what do you help with",
            "what else can you do", "what else can i ask", "what else can i say",
            "i need some help", "help please", "what are you able to do",
            "how does this skill work", "what kind of things can i ask",
            "what sort of things can i ask", "how does it work", "i do not understand",
            "i do not understand how this works", "what am i supposed to say",
            "what am i supposed to ask", "i do not know what to say", "i do not know what to ask",
            "i am not sure what to ask", "what do i ask", "i have no idea what to ask",
            "no idea what to ask", "help me out", "i am not sure what i should say",
            "i do not know what i should say", "i do not know what i should ask",
            "i am not sure what to say", "i do not really know what to say",
            "i am lost what do i say", "what can this skill do", "what does this skill do",
            "i am lost", "i am a bit lost", "what do i say", "how is this working",
            "how this is working", "how this works", "how does this thing work",
            "i am not really sure what i am supposed to ask", "not sure what i am supposed to ask",
            "i am not really sure what to ask", "how do i use it", "what can this thing do",
            "what all can you do", "what all can this thing do", "how do i use this thing",
            "what kinds of things can i ask", "what kinds of things can i ask you",
        ],
        _HELP,
    ),
    **dict.fromkeys(
        [
            "stop", "quit", "exit", "goodbye", "good bye", "bye", "bye bye", "shut up",
            "be quiet", "stop talking", "that is all", "that is enough", "enough", "i am done",
            "i am finished", "done", "end", "close", "turn off", "leave", "that will be all",
            "thanks that is all", "thank you goodbye", "that is it", "that is enough for now",
            "i am done now", "we are done", "i am all set", "see you", "see you later",
            "good night", "stop it", "all done", "thanks bye", "okay bye", "bye for now",
            "that is everything", "that is all for now", "that is all for today", "cheers",
            "cheers bye", "you can stop now", "you can quit now", "you can stop",
            "that will do", "that will do for now", "that will do for today", "stop now",
            "ok stop", "okay stop", "please stop now", "that is enough for today",
            "that is put my mind at rest", "you have put my mind at rest",
            "that is me done", "i am done here", "ta ra", "tara", "cheerio",
            "see ya", "catch you later", "i am off", "i am off now",
        ],
        _STOP,
    ),
    **dict.fromkeys(
        [
            "cancel", "cancel that", "never mind", "nevermind", "forget it", "forget about it",
            "leave it", "never mind leave it",
        ],
        _CANCEL,
    ),
    **dict.fromkeys(
        [
            "yes", "yeah", "yea", "yep", "yup", "sure", "yes please", "ok", "okay", "alright",
            "all right", "of course", "definitely", "absolutely", "go ahead", "do it",
            "sounds good", "please do", "i do", "i would", "yes i would", "yes i do",
            "why not", "correct", "certainly", "yes tell me", "tell me", "i would like that",
            "yes sure", "ok sure", "yes tell me more", "yes please tell me more", "go for it",
            "aye",
        ],
        _YES,
    ),
    **dict.fromkeys(
        [
            "no", "nope", "nah", "no thanks", "no thank you", "not really", "i do not",
            "no i do not", "no way", "not now", "negative", "i am good", "i am fine",
            "no i am good", "i would rather not", "not today", "no that is it", "no that is all",
            "no thanks that is all", "no thank you that is all", "no not really", "no need",
            "nah i am good", "i am good thanks", "no that is fine", "that is fine thanks",
            "yeah nah",
        ],
        _NO,
    ),
    **dict.fromkeys(
        [
            "repeat", "repeat that", "repeat please", "say that again", "say it again",
            "can you say that again", "what did you say", "pardon", "pardon me", "come again",
            "again", "once more", "i did not hear you", "i did not catch that", "sorry what",
            "what was that", "excuse me", "say again", "one more time", "repeat it",
            "i did not get that", "i missed that", "can you repeat that", "come again please",
            "say that last bit again", "say the last bit again", "repeat the last bit",
            "did not catch that", "did not quite catch that",
        ],
        _REPEAT,
    ),
    **dict.fromkeys(["more", "tell me more", "i want to hear more", "more please"], _MORE),
    **dict.fromkeys(
        [
            "next", "continue", "go on", "keep going", "carry on", "what else",
            "anything else", "next one", "skip", "and then", "what is next", "go to the next one",
            "the next one", "next please", "move on", "next question", "skip this one",
            "go to the next", "on to the next one", "what comes next",
            "what else have you got", "what else is there", "what else you got",
        ],
        _NEXT,
    ),
    **dict.fromkeys(
        [
            "start over", "restart", "from the beginning", "start from the beginning",
            "start again", "begin again", "let us start over", "reset", "let us start again",
            "start from the top", "from the top", "go back to the start", "back to the start",
            "go back to the beginning", "back to the beginning", "start all over",
            "start all over again", "start from scratch", "let us begin again", "restart please",
            "back to square one", "go back to square one", "take it from the top",
            "from the start", "start from the start", "begin again from the start",
            "begin again from start", "from start",
        ],
        _START_OVER,
    ),
    **dict.fromkeys(
        [
            "go home", "main menu", "home", "menu", "go back to the menu", "home screen",
            "go to the home screen", "take me home", "take me to the home screen",
            "go to the main menu", "back to the main menu", "take me to the main menu",
            "go back home", "back to the menu", "go back to the main menu", "home page",
            "take me back home", "back home", "take us back to the main menu", "take us home",
            "take us back home", "back to the start screen",
        ],
        _HOME,
    ),
}  # fmt: skip

#: Words that may follow a built-in phrase without changing it ("how do i use this skill").
_BUILTIN_EXTRA = frozenset(
    {"skill", "app", "again", "thank", "thanks", "you", "now", "alexa", "sorry", "for", "ok",
     "cool", "dear", "great", "lovely", "perfect", "then", "last", "bit", "part", "here", "mate",
     "let", "pardon", "cheers", "wait", "oh", "hang", "on", "just", "quick", "quickly", "um",
     "uh", "hmm", "honey", "love", "darling", "sweetheart", "sweetie", "hun", "pet", "buddy",
     "pal", "slower", "slowly", "louder", "little", "grand", "brilliant", "wonderful", "awesome",
     "ta"}
)  # fmt: skip
#: At most this many such extra words.
BUILTIN_EXTRA_WORDS = 4

#: First words that make an otherwise unplaceable answer a yes / no ("yeah go for it").
_ANSWER_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(["yes", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "ja"], _YES),
    **dict.fromkeys(["no", "nope", "nah", "naw"], _NO),
}

# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bcan'?t\b", "can not"),
        (r"\bwon'?t\b", "will not"),
        (r"\blet's\b", "let us"),
        (r"\b(do|does|did|is|are|was|were|have|has|had|would|should|could|must)n'?t\b", r"\1 not"),
        (r"\bi'?m\b", "i am"),
        (r"\bim\b", "i am"),
        # "wanna", "gonna" ...: the red flags' table, so both read them alike.
        *((rf"\b{re.escape(short)}\b", full)
          for short, full in red_flags.CASUAL_CONTRACTIONS.items()),
        (r"\bkinda\b", "kind of"),
        (r"\bsorta\b", "sort of"),
        (r"n't\b", " not"),
        (r"'re\b", " are"),
        (r"\b(i|you|we|they|could|would|should|might|must)'ve\b", r"\1 have"),
        (r"'ll\b", " will"),
        (r"\b(i|you|he|she|we|they)'d\b", r"\1 would"),
        (r"\b(it|that|what|there|here|who|where|how|he|she|this|when|why)'s\b", r"\1 is"),
        (r"\b(what|there|where)re\b", r"\1 are"),
        (r"\b(it|that|what|there|here|who|where|how|he|she)s\b(?= (a|an|the|my|it)\b)", r"\1 is"),
        (r"'s\b", ""),
        (r"s'(?=\s|$)", "s"),
    )
)  # fmt: skip
#: Someone, a form of "to be" after them, and a degree word: "i'm (a bit) dehydrated".
_WHO = r"(?:i|he|she|we|they|you)"
_IS = r"(?:am|is|are|have been|has been|was|were)"
_DEGREE = r"(?:a bit |very |really |so )?"
#: A few hours' sleep a night ("only sleeping like four hours a night", "running on five hours").
_FEW_HOURS = (
    r"(?:(?:only|just) )?(?:been )?(?:sleeping|slept|getting|running on) "
    r"(?:like |about |around |maybe )?(?:one|two|three|four|five) hours?(?: of)?(?: sleep)?"
    r"(?: (?:a|per|each) night)?"
)


def _starts(alternation: str) -> str:
    """The trigger words of a reading that every match of ``alternation`` begins (regex
    alternatives, "|" at the top level): the literal start of each ("neighbou?r" gives
    "neighbo"), so the list of words is written once, in the pattern."""
    starts, depth, part = [], 0, ""
    for char in alternation + "|":
        if char == "|" and not depth:
            literal = re.match(r"[a-z' ]*", part).group()  # type: ignore[union-attr]
            if part[len(literal) : len(literal) + 1] in ("?", "*"):
                literal = literal[:-1]  # the last letter is optional
            if not literal:
                raise ValueError(f"no literal start in {part!r}")
            starts.append(literal)
            part = ""
            continue
        depth += (char == "(") - (char == ")")
        part += char
    return "|".join(starts)


def _reading(
    words: str, replacement: str, before: str = r"\b", after: str = r"\b"
) -> tuple[str, str, str]:
    """A reading of any of ``words`` (a regex alternation), between ``before`` and ``after``,
    with the words' starts as its trigger words (see ``_starts``)."""
    return rf"{before}(?:{words}){after}", replacement, _starts(words)


#: Words that set a kind of cause aside ("not the ...", "skip the ...", "i don't want to hear
#: about ..."), and the words that call causes serious.
_SET_ASIDE_WORDS = (
    r"do not want(?: to (?:hear|know))?(?: about)?|do not tell me(?: about)?|"
    r"not (?:asking|talking|interested) (?:about|in)|not|skip|without|forget|leave out|"
    r"leaving out|besides|apart from|aside from|other than|except(?: for)?"
)
_SET_ASIDE = rf"\b(?:{_SET_ASIDE_WORDS})\s+(?:(?:the|a) list of\s+)?"
#: The people the samples do not name, read as "someone".
_PEOPLE = (
    r"husband|wife|partner|boyfriend|girlfriend|mom|mum|mother|mommy|dad|father|"
    r"daddy|grandpa|grandfather|grandma|grandmother|granny|nana|grandad|brother|sister|"
    r"friend|roommate|neighbou?r|coworker|colleague|uncle|aunt|cousin|fianc[eé]e?|nan|nanna|"
    r"gran|patients?|residents?|clients?|players?|pupils?|students?|teammates?|"
    r"flatmates?|housemates?|nephews?|nieces?|grandsons?|granddaughters?|"
    r"step ?(?:dad|mum|mom|son|daughter|father|mother)"
)
#: Animals (see ``_ANIMALS``), as a regex alternation for readings.
_ANIMAL_WORDS = (
    "dog|dogs|puppy|puppies|cat|cats|kitten|kittens|rabbit|rabbits|bunny|horse|horses|"
    "hamster|hamsters|gerbil|guinea|pig|bird|birds|parrot|budgie|fish|pet|pets|ferret|"
    "lizard|snake|cow|cows|sheep|goat|chicken|squirrel|mouse|mice|rat|rats|goldfish|"
    "tortoise|turtle|frog|pony|ponies|deer|fox|labrador|retriever|spaniel|terrier|poodle|"
    "collie|beagle|dachshund|pug|husky|greyhound|whippet|lab|pup|pups|moggy|kelpie|heeler|"
    "staffy|staffie|corgi|chihuahua|schnauzer|rottweiler|alsatian|shepherd|doodle|cavoodle|"
    "labradoodle|cockapoo|tabby"
)
_SERIOUS = (
    r"scary|serious|bad|frightening|big|real|nasty|worst|terrible|medical|horrible|awful|"
    r"dangerous|worrying|deadly|grim"
)
#: Near-synonyms rewritten to the word the model's samples use (applied to both sides). A
#: reading may end with its trigger words ("twitchy"): every match holds one of them, so it is
#: tried only on a text that holds one, outside the one search that skips the rest (below).
_PHRASE_SYNONYMS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), replacement, tuple(triggers[0].split("|")) if triggers else ())
    for pattern, replacement, *triggers in (
        # Northern English, Irish and Australian speech: "me" for "my" before a body part, a
        # person or a thing of one's own ("me eyelid's going", "could it be me thyroid"),
        # "meself", "owt" and "nowt".
        (
            r"\bme(?= (?:own |left |right |little |poor |old |auld |whole |upper |lower |top |"
            r"bottom )?(?:eye\w*|lids?|legs?|arms?|hands?|fingers?|thumbs?|feet|foot|toes?|lips?|"
            r"cheeks?|jaw|chin|face|calf|calves|thighs?|knees?|shins?|shoulders?|elbows?|"
            r"wrists?|ankles?|hamstrings?|biceps?|quads?|neck|chest|stomach|belly|tummy|"
            r"head|body|muscles?|nerves?|thyroid|heart|doctor|gp|physio|nan|nana|mam|ma|"
            r"tongue|ears?|earlobes?|back|bum|bottom|hips?|ribs?|lats|pecs?|traps|glutes?|abs|"
            r"da|missus|fella|hubby|wife|husband|kids?|son|daughter|boss|meds|medication|"
            r"tablets|pills|" + _PEOPLE + r")\b)",
            "my",
            "me ",
        ),
        (r"\bmeself\b", "myself", "meself"),
        (r"\bowt\b", "anything", "owt"),
        (r"\bnowt\b", "nothing", "nowt"),
        # High blood sugar is not the low blood sugar the article names: read as a word the
        # model does not know, so "my sugar levels" (low, as said) does not take it.
        (
            r"\b(?:high|higher|raised|elevated|too high)(?: blood)? (?:sugar|glucose)"
            r"(?: levels?)?\b|\b(?:my |his |her )?(?:blood )?(?:sugar|glucose)(?: levels?)? "
            r"(?:is |are |being |was |were |runs? |running |goes |going |gets |getting )?"
            r"(?:really |very |too |quite |a bit |so )?(?:high|higher|up)\b",
            "hyperglycaemia",
            "sugar|glucose",
        ),
        # A dose, a strength or a kind of magnesium is a supplement's ("how much magnesium
        # should i take", "which magnesium is best"), unless food is named after it.
        (
            r"\b(how much|how many (?:milligrams|mg|mgs) of|what (?:dose|dosage|strength) of|"
            r"which|which (?:kind|type|form|brand) of|what (?:kind|type|form|brand) of|"
            r"the best) magnesium\b(?! (?:supplements?|tablets?|pills?|capsules?|rich|foods?|"
            r"is in|is there|are in|content)\b)(?!(?: [\w']+){0,4} (?:eat|eating|food|foods|"
            r"diet|in (?:a|an|my)|from food)\b)",
            r"\1 magnesium supplements",
            "magnesium",
        ),
        (
            r"\b(?:milligrams?|mg|mgs) of magnesium\b(?! (?:supplements?|tablets?|pills?|"
            r"capsules?)\b)",
            "magnesium supplements",
            "magnesium",
        ),
        # New England "wicked" is "really" before a word of degree ("a wicked bad cold").
        (
            r"\bwicked (?=(?:bad|sore|tired|stressed|busy|cold|hot|strong|long|hard|twitchy)\b)",
            "really ",
            "wicked",
        ),
        # What sticks around lasts ("how long do these things stick around").
        (r"\bstick(?:s|ing)? around\b", "last", "stick"),
        # What drives one nuts annoys one: not nuts, the magnesium food.
        (
            r"\b(?:driv(?:e|es|ing)|send(?:s|ing)?) (me|him|her|them|us) (?:absolutely |totally |"
            r"completely |properly |a bit |so |really )?(?:nuts|bananas|crazy|"
            r"mad|insane|round the bend|up the wall|bonkers)\b",
            r"annoying \1",
            "driv|send",
        ),
        # Making a twitch quit is making it stop.
        (r"\b(make|get) (it|them|this|that) (?:to )?quit\b", r"\1 \2 stop", "make|get"),
        # ... and shutting twitches up is stopping them ("how do i shut these twitches up").
        (r"\bshut ((?:it|them|this|that)|(?:these|those|the|my) \w+) up\b", r"stop \1", "shut"),
        # Green tea is a tea, not the green vegetables of the magnesium foods.
        (r"\bgreen teas?\b", "tea", "green"),
        # "Should i even care" asks whether to be concerned.
        (r"\bshould (i|we) (?:even )?care\b", r"should \1 be concerned", "should"),
        # How long a twitch goes on for is how long it lasts.
        (r"\b(go|goes|going|went) on for\b", "last for", "go on|goes on|going on|went on"),
        # Twitches that hang around last ("how long do they tend to hang around for").
        (r"\bhang(?:s|ing)? (?:around|about)(?: for)?\b", "last", "hang"),
        # Reading on and on online is no animal ("i went down a google rabbit hole").
        (r"\b(?:a |the )?(?:google |internet |youtube )?rabbit holes?\b", "a search", "rabbit"),
        # "Should i be freaking out" asks whether to be concerned (not stress, the cause);
        # "i'm freaking out" only says one is worried.
        (
            r"\bshould (i|we|he|she|they) (?:be |start )?freak(?:ing)? out\b",
            r"should \1 be concerned",
            "should",
        ),
        # Nerves said alone are stress ("is it just nerves"), not a disease of the nerves.
        (
            r"\b(just|only|probably|simply)( be)? nerves\b",
            r"\1\2 stress",
            "just|only|probably|simply",
        ),
        # What "does the trick" or "sorts it" helps ("would a couple of paracetamol sort it").
        (r"\b(?:do|does|did) the trick\b", "help", "trick"),
        (r"\bsort(?:s)? (it|this|that|them)\b(?! out\b)", r"help \1", "sort"),
        # A shoulder blade is the back, not the shoulder (the arm).
        (r"\bshoulder blades?\b", "shoulderblade", "blade"),
        # "Is it daft to go to the doctor about a twitch": the samples say "silly" (not
        # "overreacting", which also says one is worried).
        (r"\b(?:daft|stupid|dumb|overkill)\b", "silly"),
        (r"\blook(?:ed|ing|s)? at\b", "checked"),
        (r"\bexamin(?:e|ed|es|ing)\b", "checked"),
        # A nerve specialist is a neurologist; a sickness, but not morning or travel sickness,
        # an illness.
        (r"\bnerve (?:specialist|doctor)s?\b", "neurologist"),
        (
            r"(?<!morning )(?<!motion )(?<!travel )(?<!car )(?<!sea )(?<!altitude )"
            r"(?<!sleeping )\bsickness(es)?\b(?! bug)",
            r"illness\1",
        ),
        # Not spasm, cramp or tic: they are not twitches (fasciculations), and answering them
        # with the twitching answers would describe something else.
        _reading(
            "flutter|quiver",
            "twitching",
            before=r"(?<!atrial )(?<!heart )\b",
            after=r"(?:s|ed|ing|y)?\b",
        ),
        # Other things named with a word of twitching: a car's jump start, a knee jerk reaction.
        (r"\bjump start(?:s|ed|ing)?\b", "jumpstart", "jump"),
        (r"\bjump (leads?|cables?)\b", r"jumper \1", "jump"),
        # Twitch the streaming site, by what belongs to it ("my twitch username", "get twitch on
        # the television").
        (
            r"\btwitch (?=(?:username|user name|subscriptions?|sub|subs|account|streams?|"
            r"streamers?|streaming|channel|prime|chat|emotes?|app|website|site|tv|affiliate|"
            r"partner|turbo|drops|bits|vods?|clips?|on the (?:television|tv|telly|xbox|"
            r"playstation|ps5|"
            r"switch|fire stick|firestick))\b)",
            "twitchtv ",
            "twitch ",
        ),
        # A car, in a word that does not stem to "care".
        (r"\bcars?\b", "automobile", "car"),
        (r"\bknee jerk (reactions?|reflex(?:es)?|responses?)\b", r"reflex \1", "knee jerk"),
        # A kind of cause set aside ("not the scary stuff", "skip the diseases", "i don't want to
        # hear about the coffee things"): the serious ones set aside leave the harmless ones
        # ("apart from diseases", as the samples say it); the everyday ones set aside are
        # dropped, so what is asked next stands alone ("... which real diseases").
        (
            _SET_ASIDE
            + r"(?:(?:the|any|about|those|all|that|these)\s+)*(?:(?:"
            + _SERIOUS
            + r")\s+)*(?:diseases|illnesses|conditions|sicknesses|(?:disease|illness) ones)\b|"
            + _SET_ASIDE
            + r"(?:(?:the|any|about|those|all|that|these)\s+)*(?:(?:"
            + _SERIOUS
            + r")\s+)+(?:stuff|things|ones|causes|reasons|list|lot)\b",
            "apart from diseases",
            _starts(_SET_ASIDE_WORDS),
        ),
        (
            _SET_ASIDE + r"(?:(?:the|any|about|those|all|that|these)\s+)*(?:(?:everyday|every "
            r"day|day to day|common|normal|harmless|minor|simple|usual|little|boring|ordinary|"
            r"lifestyle|stress|coffee|caffeine|and)\s+)+(?:stuff|things|ones|causes|reasons)\b",
            "",
            _starts(_SET_ASIDE_WORDS),
        ),
        # What a recogniser writes for the rare words it does not know (marked: not the article's).
        (
            r"\bfast (?:circulations|sick (?:you|u) ?lations)\b|\bfascinations\b",
            "fasciculations",
            "fast|fascinations",
        ),
        (r"\bfast circulation\b(?! problems?)", "fasciculation", "fast circulation"),
        (r"\bhip ?ni(?:ck|c|k)\b", "hypnic", "hip"),
        # The game, not a foot ("who won the footy last night").
        (r"\bfooty\b", "football", "footy"),
        (r"\bmultiple skull ?roses\b", "multiple sclerosis", "skull"),
        (r"\ball ?timers\b", "alzheimer's", "timers"),
        (r"\b(?:sets?|setting) off\b", "triggers"),
        (r"\b(?:sets?|setting) (it|them|this|that) off\b", r"triggers \1"),
        (r"\b(?:eas(?:e|es|ed|ing)|reliev(?:e|es|ed|ing)|sooth(?:e|es|ed|ing))\b", "reduce"),
        _reading("specialists?|gp|physician|quack", "doctor"),
        # Asking for a kind of doctor is asking which doctor ("what kind of doctor do you see").
        (
            r"\b(?:what|which) (?:kinds?|sorts?|types?) of (?=doctors?\b)",
            "which ",
            "kind|sort|type",
        ),
        # Everyday words for being worn out (marked: not the article's words).
        _reading("knackered|shattered|wrecked", "exhausted"),
        # The formal register says the same things in other words.
        (r"\b(?:clinicians|physicians|medics)\b", "doctors"),
        # Where one sees a doctor is seeing a doctor ("ring the surgery", "the health centre").
        (
            r"\b(?:the|my|a) (?:(?:campus|local|student|gp|doctor's|doctors) )?"
            r"(?:health cent(?:er|re)|walk in (?:clinic|cent(?:er|re))|clinic|surgery)\b",
            "the doctor",
        ),
        (r"\b(?:ring|phone)(?= the doctor\b)", "call"),
        # Help without a doctor is help at home ("how can i fix this without seeing a doctor").
        (
            r"\bwithout (?:going to|seeing|bothering|visiting|calling|needing|troubling) "
            r"(?:a|the|my) doctor\b",
            "at home",
            "without",
        ),
        (r"\binvoluntary (?:muscle )?(?:contractions?|movements?|spasms?|jerks?)\b", "twitches"),
        (r"\b(?:a?etiology|origins?(?= of))\b", "causes", "etiology|origin"),
        (r"\bnon pathological\b|\b(?:innocuous|trivial)\b", "harmless"),
        (r"\bpathological\b", "serious"),
        (r"\bpathology\b", "disease"),
        (r"\bpathologies\b", "diseases"),
        (r"\bindicative of\b", "a sign of"),
        (r"\bmanifests? as\b|\bgives? rise to\b|\binduces?\b|\bprovokes?\b", "cause"),
        (r"\bresponsible for\b|\bcontributing to\b", "causing"),
        (r"\balleviat(?:e|es|ed|ing)\b|\bsuppress(?:es|ed|ing)?\b", "reduce"),
        (r"\babstain(?:ing)? from\b", "avoiding"),
        (r"\bsupplementation\b", "supplements"),
        _reading("assessed|evaluated|investigated", "checked", before=r"\b(?:medically )?"),
        (r"\ba medical (?:evaluation|assessment|opinion)\b", "a doctor"),
        (r"\bwarrants?\b", "needs"),
        # On one's own is by oneself ("on my own", not "a muscle that twitches on its own").
        (
            r"\bon (?:my|your|our|his|her|their) own\b|\bby (?:my|your)sel(?:f|ves)\b|"
            r"\b(?:him|her|them)sel(?:f|ves)\b",
            "myself",
        ),
        (r"\b(?:reasons?|explanations?|culprits)\b", "causes"),
        # What is making someone twitch asks for the cause ("what could be making my father
        # twitch"), but not as the end of a question about one ("could coffee be what's ...").
        (
            r"(?<!\bbe )\bwhat(?:'s| is| could be| might be| would be| else could be)? making\b",
            "what is causing",
            "making",
        ),
        # Frightening causes are the serious ones ("the scary causes", "the bad ones").
        _reading(
            "scary|bad|nasty|frightening|scarier|worse|worst",
            "serious",
            after=r"(?= (?:ones|causes|reasons|things|stuff|conditions|diseases|illnesses)\b)",
        ),
        # ... and the dull ones the everyday ones ("the boring normal things", "chill reasons").
        _reading(
            "boring|dull|chill|mundane|normal|ordinary|regular|run of the mill|garden variety",
            "everyday",
            after=r"(?: (?:boring|normal|life))*(?= (?:ones|causes|reasons|things|stuff)\b)",
        ),
        (
            r"\bday to day (?=(?:ones|causes|reasons|things|stuff|triggers)\b)",
            "everyday ",
            "day to",
        ),
        # A neuro is a neurologist.
        (r"\bneuros?\b", "neurologist", "neuro"),
        # A children's doctor is a doctor ("book him in with the pediatrician").
        (r"\bpa?ediatricians?\b", "doctor", "ediatrician"),
        # A disease of the nervous system is a neurological one, not nervousness.
        (
            r"\bnervous system (disorders?|diseases?|conditions?|illness(?:es)?)\b",
            r"neurological \1",
            "nervous system",
        ),
        (r"\bbring(?:s|ing)? (it|them|this|that) on\b", r"triggers \1"),
        # Where a twitch comes from, and what it is from, is what causes it.
        (
            r"\bwhere (?:does |do |did )?(it|they|this|that|these|them|twitching|twitches)"
            r"(?: even| all)? (?:comes?|came) from\b",
            r"what causes \1",
            "where",
        ),
        (r"\bwhat is (it|that|this) from\b", r"what causes \1", "from"),
        # Whether twitches go away on their own is how long they last ("do twitches just go
        # away on their own", "are they meant to go away by themselves").
        (
            # ... not the second choice of a question ("does this need a doctor or will it
            # just go away on its own")
            r"(?<!\bor )\b(?:do|does|will|would|are|is|can) (it|they|these|those|twitches|"
            r"twitching|the twitches|these twitches|(?:these|those) things)(?: [\w']+){0,2} "
            r"(?:go|goes|going to go|to go) away(?: [\w']+)? (?:on (?:its|their) own|by "
            # (an earlier reading says "on their own" as "myself")
            r"(?:itself|themselves)|myself)\b",
            r"how long do \1 last",
            "away",
        ),
        (r"\b(?:cos|coz|cuz|'cause)\b", "because"),
        (r"\bwhether\b", "if", "whether"),
        (r"\bfolks?\b", "people", "folk"),
        # A likeness tells nothing new ("my bicep keeps jumping like there's a bug under the
        # skin"): its clause is no question of its own.
        (
            r"\blike (?:there is|there are|there was|something is|something was|i have got|"
            r"i have) (?:a |an |some )?(?:little |tiny |wee )?(?:bugs?|worms?|mouse|"
            r"mice|ants?|insects?|spiders?|things?|something|creatures?|fish|butterfl(?:y|ies))"
            r"(?:(?: [\w']+)? (?:under|in|beneath|inside) (?:the|my|his|her|their) skin)?\b",
            "",
            "like",
        ),
        # Annoyance said of "it" tells nothing ("what can i do it's driving me mad", read as
        # "annoying me" above).
        (
            r"\b(?:it is|this is|they are) (?:really |just |so )?annoying me\b",
            "",
            "annoying",
        ),
        # Scots and Irish "ye" for "you" ("what can ye do", "ye're all right").
        (r"\b(can|do|did|are|would|could|will|have|tell|thank) ye\b", r"\1 you", " ye"),
        (r"\bye(?='re\b| are\b| can\b| do\b| know\b| have\b)", "you", "ye"),
        # Text-speak a recogniser or a typist may give: "y do my muscles twitch".
        (r"^y(?= (?:do|does|did|is|am|are|was|would|can|cant|my|are)\b)", "why", "y "),
        # Dozing (off), drifting, nodding or dropping off is falling asleep ("twitching while
        # i'm dozing on the sofa"), and so is being about to ("as i'm about to nod off").
        (
            r"\b(?:about to )?doz(?:e|es|ed|ing)(?: off(?: to sleep)?)?\b|"
            r"\b(?:about to )?(?:drift(?:s|ed|ing)?|nod(?:s|ded|ding)?|drop(?:s|ped|ping)?) "
            r"off(?: to sleep)?\b|\bdrift(?:s|ed|ing)? (?:in)?to sleep\b",
            "falling asleep",
            "doz| off|drift",
        ),
        # Conking out and one's head touching the pillow are falling asleep too.
        (
            r"\bconk(?:s|ed|ing)? out\b|\b(?:my|his|her|your|their) head (?:touches|hits) "
            r"the pillow\b",
            "falling asleep",
        ),
        # Going to sleep or under, and sleep kicking in, are falling asleep too.
        (
            r"\b(?:going|go|goes|gone) (?:off )?(?:to sleep|under)\b|\bsleep kicks in\b|"
            r"\b(?:start|starts|starting|begin|begins|beginning) to drift\b",
            "falling asleep",
            "to sleep| under|sleep kicks|to drift",
        ),
        # ... and so are being nearly asleep and starting to fade out ("my whole body jumps
        # when i'm nearly asleep", "every time i start to fade out my muscles twitch").
        (
            r"\b(?:nearly|almost|just about|half) asleep\b|"
            r"\b(?:start|starts|starting|begin|begins|beginning) to fade(?: out| off| away)?\b|"
            r"\bfad(?:e|es|ed|ing) off\b",
            "falling asleep",
            "asleep|fad",
        ),
        # ... and so, said plainly, are going, starting or trying to sleep ("when i go sleep").
        (
            r"\b(when|while|as|once) (?:i|he|she|we|they|you) (?:go|goes|start to|starts to|"
            r"begin to|begins to|try to|tries to|am about to|is about to) sleep\b",
            r"\1 falling asleep",
        ),
        (r"\b(?:just |right )?before (?:i |you )?(?:sleep|sleeping)\b", "as falling asleep"),
        # ... and so is the edge or brink of sleep ("my arms twitch on the edge of sleep").
        (
            r"\b(?:on|at|right on|right at) the (?:edge|brink|verge|cusp) of (?:sleep|sleeping)\b",
            "as falling asleep",
        ),
        # Negated seriousness is harmlessness: "causes that are not serious", "less serious
        # reasons", "when it's not a disease" (and the samples say it the same way).
        (
            r"\b(?:non|not|nothing|never|less) ?(?:very |too |that |so |anything |something |"
            r"at all |down to (?:anything )?|due to (?:anything )?)?"
            r"(?:serious|medical|"
            r"dangerous|worrying|worrisome|neurological|sinister|scary|frightening)\b",
            "harmless",
        ),
        (r"\bnot (?:a |an )?(?:disease|illness|sickness)(?: related)?\b", "harmless"),
        (r"\bnot (?:sick|ill|unwell)\b", "healthy"),
        (r"\b(?:other than|apart from|aside from|except(?: for)?)\b", "besides"),
        # Twitch the streaming site is not a twitch.
        (r"\b(on|onto|via|watch|watching|use|using|account to) twitch\b", r"\1 twitchtv"),
        # ... nor is "twitching" in birdwatchers' slang ("going twitching").
        (r"\b(go|goes|going|went|gone) twitching\b", r"\1 birdwatching"),
        (r"\b(open|start|launch|load|run)( up)? twitch\b", r"\1\2 twitchtv"),
        (
            r"(?<!\ba )(?<!\bthe )(?<!\bmy )(?<!\bthis )(?<!\bthat )"
            r"\btwitch(?= (?:down|working|offline|loading|free|not working)\b)",
            "twitchtv",
            "twitch ",
        ),
        (
            r"\btwitch(?= (?:tv|streams?|streamers?|streaming|channels?|chat|prime|accounts?|"
            r"followers?|subscribers?|subs|emotes?|vods?|clips?|app|live|partners?|affiliates?|"
            r"drops|bits|raids?|gifts?|turbo)\b)",
            "twitchtv",
        ),
        (r"\btypical\b", "common"),
        (r"\b(?:normally|generally)\b", "usually"),
        (r"(?<=\w )(?:alright|all right)\b", "okay"),
        # Not getting enough of something is its lack, a cause the model may not know.
        (r"\bnot (?:drinking|getting) enough (?:water|fluids?)\b", "dehydration"),
        # Too little sleep is a cause the model does not know, not the sleep remedy; one word
        # the model never uses, so the reply can name it ("because i'm not sleeping enough").
        (
            rf"\bbecause (?=(?:{_WHO} (?:{_IS}|have|has) )?(?:not (?:been )?sleeping|not slept|"
            rf"not getting enough sleep|barely sleeping|hardly sleeping|{_DEGREE}dehydrated|"
            rf"{_FEW_HOURS}))",
            "because of ",
        ),
        (rf"\b(?:{_WHO} {_IS} |being )?{_DEGREE}dehydrated\b", "dehydration"),
        (
            rf"\b(?:{_WHO} (?:{_IS}|ha(?:ve|s)(?= not)) )?(?:not (?:getting |having )?"
            r"(?:enough|much) sleep|"
            r"not (?:been )?sleeping(?: (?:enough|well|properly|much|right))?|not slept(?: much)?|"
            r"sleep deprivation|sleep deprived|"
            r"(?:too little|poor|bad|broken) sleep|(?:barely|hardly) (?:slept|sleeping|sleep)|"
            rf"short on sleep|sleepless nights?|lack of sleep|{_FEW_HOURS}|"
            r"missing (?:out on )?(?:sleep|kip)|not getting enough kip|lack of kip|"
            r"sleep(?:ing)? only (?:one|two|three|four|five) hours(?: (?:a|at|in|per) night)?)\b",
            "sleeplessness",
        ),
        # A muscle "going off" twitches; so do small spasms under the skin (not a spasm as such).
        (
            r"\b(muscles?|they)(?: just)?((?: keeps?| starts?| started)?) (?:(?:go|goes|going|went)"
            r" off|(?:fire|fires|firing|fired)(?: off| away| by (?:itself|themselves)| on (?:its|"
            r"their) own)?)\b",
            r"\1\2 twitching",
        ),
        # ... and a part of the face or a limb that "keeps going" or "has been going all week"
        # (said as the whole of what it does, not "going numb", "going on for").
        (
            r"\b(eyebrows?|eyelids?|eyes?|lips?|mouth|cheeks?|jaw|chin|face|fingers?|thumbs?|"
            r"toes?|legs?|calf|calves|feet|foot|hands?|arms?|thighs?|shoulders?|neck|tongue)"
            r"((?:'s|'s been| has been| have been| is| are| keeps?| kept| started| starts)?) "
            r"going(?= (?:all (?:week|day|night|morning|afternoon|evening|the time)|when|since|"
            r"for|again|like|non stop|constantly|on and off|mad|crazy|every)\b|$)",
            r"\1\2 twitching",
            "going",
        ),
        (
            r"\b(?:(?:little|tiny|small|mini|minor) spasms?(?: under (?:the|my) skin)?|"
            r"spasms? under (?:the|my) skin)\b",
            "twitches",
        ),
        # Bugs or ants crawling under the skin are a feeling, not an infection ("a bug").
        (r"\b(?:a |some |little )?(?:bugs?|ants?|insects?) crawling\b", "crawling", "crawl"),
        # A finger or a muscle that won't sit still, or has a mind of its own, twitches.
        (
            r"\b(fingers?|thumbs?|toes?|eyelids?|eyes?|lips?|legs?|calf|calves|feet|foot|hands?|"
            r"arms?|muscles?)(?: just)? (?:(?:won't|will not|doesn't|does not|can't|cannot) "
            r"(?:sit|stay|keep|hold) still|(?:has|have|has got|have got|got) a mind of (?:its|"
            r"their) own)\b",
            r"\1 keeps twitching",
            "still|mind of",
        ),
        # A likeness says how, not what: "i twitch like a dog dreaming" is about the speaker.
        _reading(
            _ANIMAL_WORDS,
            "",
            before=r"\blike (?:a |an |some )?(?:little |big |old )?",
        ),
        # A bum cheek is no cheek of the face.
        (r"\b(?:bum|butt|bottom) cheeks?\b", "buttock"),
        # The pulse is the heartbeat; "pulsing" may be a twitch (a soft synonym).
        (r"\b(my|your|his|her|their|the|a) pulse\b", r"\1 heartbeat"),
        (r"\bfits\b", "seizures"),
        (r"\b(?<!epileptic )fit\b", "seizure"),
        (r"\bstuff\b", "things"),
        (r"\bcharley horses?\b", "cramp"),
        # How much of a drink or a pill is said is not what is taken: "a glass of sherry" is
        # sherry, "a couple of paracetamol" paracetamol.
        _reading(
            "glass|pint|shot|couple",
            "",
            before=r"\b(?:a |my |the |one |two |three |four |five |few )?",
            after=r"s? of\b",
        ),
        # How a twitch feels to its owner is not what it is: "this annoying twitching" is
        # "this twitching".
        (r"\b(?:annoying|irritating|pesky|stupid|bloody|blasted|darn|damn|dang) (?=twitch)", ""),
        (r"\bjolt(?:s|ed|ing)?\b", "jerking"),
        # To worry is to be concerned (a doctor question), not worry the cause (stress).
        (r"\b(to|i|we|you|should) worry\b", r"\1 be concerned"),
        (r"\b(?:be worried|start worrying)\b", "be concerned"),
        (
            r"\b(?:worried|worrying|worry)(?: sick)? about"
            r"(?= (?:(?:my|the|his|her|this|these|all|that|it) )*(?:\w+ )?twitch)",
            "concerned about",
        ),
        (r"\bunderstand(?:ing)?\b", "learn"),
        (r"\b(?:info|overview)\b", "information"),
        (r"\bgr[ae]y(?:ish)?\b", "grey"),
        # Too much of a medicine is an overdose (too much coffee is not).
        (
            r"\b(?:too (?:much|many)|double|extra|a (?:whole|full) (?:bottle|pack|box) of)"
            r"(?: of)?(?: (?:my|his|her|their|your|the))? "
            r"(?:pills?|tablets?|medicines?|medications?|meds|doses?|sleeping pills)\b",
            "overdose",
        ),
        # Who it is happening to: the samples name a few people; any other says the same.
        # Babies, children and adults stay apart (a baby twitching is an emergency).
        (r"\b(?:new ?borns?|infants?|babies)\b", "baby"),
        (
            r"\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:year|month) old|"
            r"toddlers?|kids?|little (?:one|boy|girl)|(?:grand)?(?:son|daughter)s?|children)\b",
            "child",
            "year old|month old|toddler|kid|little |son|daughter|children",
        ),
        _reading(_PEOPLE, "someone"),
        # A twitchy person is a nervous one, not a twitching muscle ("my brother gets so twitchy
        # before exams", "what does twitchy mean"): read as a word the model does not use.
        (
            r"\b(he|she|they|someone|him|her|them|people|everyone|everybody|guy|bloke|lad|pal|"
            r"mate|boss|kid|kids|son|daughter|boy|girl|child|man|woman|person|dog|cat)((?: (?:is|"
            r"are|was|gets|get|got|getting|seems|seem|looks|became|becomes|goes|acts|makes \w+))?"
            r"(?: (?:so|very|really|dead|a bit|bit|quite|super|always|too|a little|kind of|all|"
            r"proper|a|such a|such))*) twitchy\b(?! (?:muscles?|eyes?|eyelids?|legs?|arms?|"
            r"hands?|fingers?|feet|foot|face|lips?))",
            r"\1\2 jittery",
            "twitchy",
        ),
        (
            r"\b(what does|meaning of|definition of|what is)((?: the word)?) twitchy\b",
            r"\1\2 jittery",
            "twitchy",
        ),
        # What someone else noticed of the speaker is the speaker's own ("my wife says i jump
        # as i'm going off to sleep"): read as the speaker says it.
        (
            r"\b(?:my )?someone (?:says|said|tells me|told me|thinks|reckons|noticed|notices|"
            r"has noticed|swears) (?:that )?(?=i\b)",
            "",
            "someone",
        ),
        # ... and what someone else claims, said first, is the claim asked about ("my nan says
        # tonic water stops twitching, does it").
        (
            r"^(?:my )?someone(?: \w+){0,3}? (?:says|said|swears|told me|tells me|reckons|"
            r"keeps saying|mentioned) (?:that )?(?!(?:i|he|she|they|we|you|someone)\b)",
            "",
            "someone",
        ),
    )
)
#: Words that often mean "twitch" but that the samples also use in their own right ("jerk" when
#: falling asleep, "jumping" under the skin): a second reading with "twitch", at a small cost.
#: How someone recommends a thing ("my aunt swears by epsom salt baths, do they help").
_RECOMMENDING = (
    "swears by", "swear by", "swore by", "recommends", "recommended", "suggests", "suggested",
    "raves about", "rave about", "says to try", "said to try", "says to eat", "said to eat",
    "says to take", "said to take", "says to drink", "said to drink", "told me to try",
    "told me to take", "told me to eat", "told me to drink",
)  # fmt: skip
#: Already asleep, not falling asleep ("his legs jerk all night long when he's fast asleep").
_SOUND_ASLEEP = (
    "fast asleep", "sound asleep", "deeply asleep", "already asleep", "deep sleep", "all night",
    "middle of the night",
)  # fmt: skip
_SOFT_SYNONYMS: dict[str, str] = {
    "jerk": "twitch",
    "jump": "twitch",
    "flicker": "twitch",
    "puls": "twitch",
    "fasciculation": "twitch",  # the article's medical word for twitches
    "flick": "twitch",
    # how people describe a twitch they can feel rather than see (marked: not the article's)
    "buzz": "twitch",
    "rippl": "twitch",
}
SPELLED_LETTERS = re.compile(r"\b(?:[a-z]\.\s*){2,}")


#: Letters said one by one without dots ("a l s"), joined only when they spell one of these.
_SPELLED_WORDS = frozenset(
    ["als", "ms", "mnd", "adhd", "lsd", "mdma", "ssri", "ssris", "ptsd", "ocd", "uti", "gp", "cbd"]
)
_SPACED_LETTERS = re.compile(r"\b[a-z](?: [a-z]){1,4}\b")


def join_spelled(text: str) -> str:
    """Spelled letters as one word: "m. s." -> "ms", "a. l. s." -> "als", "a l s" -> "als"."""
    text = SPELLED_LETTERS.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)) + " ", text)

    def spaced(match: re.Match[str]) -> str:
        word = match.group(0).replace(" ", "")
        return word if word in _SPELLED_WORDS else match.group(0)

    return _SPACED_LETTERS.sub(spaced, text)


_NON_WORD = re.compile(r"[^a-z0-9{}_ ]+")


def _words(text: str) -> list[str]:
    return text.split()


_FILLER_WORDS = frozenset(
    _words(
        "um umm uh uhh uhm er erm hmm hm mm ah oh please pls plz so like just really actually "
        "basically literally alexa hey hi hello well anyway honestly mate ag ach och"
    )
)
_FILLER_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in sorted(
        [
            "i was wondering", "i am wondering", "i wonder", "i was wondering if",
            "can you tell me", "could you tell me", "would you tell me", "can you explain",
            "do you know", "you know", "i mean", "kind of", "sort of", "i would like to know",
            "i want to know", "i need to know", "i would like to ask", "i want to ask",
            "i have a question", "quick question", "question", "tell me please",
            "by any chance", "i guess", "i think that",
        ],
        key=lambda p: -len(p.split()),
    )
)  # fmt: skip
#: Fillers only at the start of an utterance, and only when more words follow.
_LEADING_FILLERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in ["can you", "could you", "would you", "will you", "ok", "okay", "alright", "and",
              "but", "now", "then", "yes so", "hey there", "hi there", "hello there",
              "good morning", "good afternoon", "good evening", "or", "so", "no i meant",
              "wait", "hang on", "hold on", "grand", "grand so", "right so", "fair enough",
              "no i mean", "i meant", "no sorry",
              # Hedges before the question: "i read somewhere that ...", "is it true that ...".
              "i read somewhere that", "i read that", "i have read that", "i heard that",
              "i have heard that", "i heard", "is it true that", "is it true", "reckon",
              "you reckon", "do you reckon",
              "someone told me that", "someone told me", "in your opinion",
              "i would like to know whether",
              "i would like to know if", "i am trying to work out if", "i am trying to work out",
              "i am trying to figure out if", "i am trying to figure out", "help me figure out",
              "help me work out", "i am curious whether", "i am curious if", "i reckon"]
)  # fmt: skip
# "well" is a filler only at the start ("well, why ...") - "eating well" is a remedy synonym.
_FILLER_WORDS_ANYWHERE = _FILLER_WORDS - {"well"}


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``phrases`` grouped by their first word, each group in the order given (so looking a
    word's group up finds the same phrase as scanning them all, only sooner)."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(group) for word, group in groups.items()}


_FILLER_PHRASES_BY_FIRST = _by_first_word(_FILLER_PHRASES)
_LEADING_FILLERS_BY_FIRST = _by_first_word(_LEADING_FILLERS)

_IRREGULAR: dict[str, str] = {
    "feet": "foot", "calves": "calf", "teeth": "tooth", "children": "child", "kids": "child",
    "kid": "child", "men": "man", "women": "woman", "people": "person",
    "does": "do", "did": "do", "doing": "do", "done": "do",
    "has": "have", "had": "have", "having": "have", "got": "get", "gotten": "get",
    "getting": "get", "gets": "get",
    "is": "be", "are": "be", "was": "be", "were": "be", "am": "be", "been": "be", "being": "be",
    "made": "make", "making": "make", "makes": "make",
    "asleep": "sleep", "slept": "sleep", "sleeping": "sleep", "sleeps": "sleep",
    "fell": "fall", "falling": "fall", "falls": "fall", "woke": "wake", "waking": "wake",
    "took": "take", "taking": "take", "taken": "take", "ate": "eat", "eaten": "eat",
    "drank": "drink", "drunk": "drink", "worried": "worry", "worrying": "worry",
    "worries": "worry", "lying": "lie", "lay": "lie", "went": "go", "gone": "go", "goes": "go",
    "going": "go", "came": "come", "coming": "come", "felt": "feel", "feeling": "feel",
    "feels": "feel", "saw": "see", "seen": "see", "seeing": "see", "told": "tell",
    "says": "say", "said": "say", "thought": "think", "bought": "buy", "lost": "lose",
    "tumor": "tumour", "tumors": "tumour", "tumours": "tumour", "hemorrhage": "haemorrhage",
    "hypoglycaemia": "hypoglycemia", "physio": "physiotherapy", "doc": "doctor",
    "docs": "doctor", "gp": "doctor", "physician": "doctor", "twitchy": "twitch",
    "convulsion": "convuls", "convulsions": "convuls", "seizures": "seizure",
}  # fmt: skip
# The irregular forms' targets are their own stems, so "have" and "had" agree.
_IRREGULAR.update({target: target for target in set(_IRREGULAR.values())})


@cache
def stem(word: str) -> str:
    """A light, consistent suffix stemmer (the same for samples and utterances); cached, as
    building a resolver stems the same few thousand words many times."""
    irregular = _IRREGULAR.get(word)
    if irregular is not None:
        return irregular
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "able", "ible", "ing", "ed", "ly"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and any(c in "aeiouy" for c in base):
            w = base
            if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith("y") and len(w) > 4:
        w = w[:-1]
    if w.endswith("e") and len(w) >= 4 and not w.endswith("ee"):
        w = w[:-1]
    return w


_STOPWORDS = frozenset(
    stem(w)
    for w in _words(
        "a an the my me i you your yours it its itself is be are do does did can could would "
        "should will shall may might must what why how when where who whom which whose this "
        "that these those of to in on at for with about and or but if from by there here have "
        "has had get got make made tell say know want need some any much many lot lots all "
        "also too very not am was were been being he she him her his they them their we us our "
        "keep go come give thing things something anything way than then into out up over "
        "one ever every again more most well right now still even during through "
    )
)


#: Any of the readings at all: a text none of them matches is left as it is by every one of them
#: (each substitution leaves it unchanged for the next), so one search can skip them all. Most
#: sample texts match none, and building the resolver reads every sample.
_ANY_PHRASE_SYNONYM = re.compile(
    "|".join(f"(?:{p.pattern})" for p, _, triggers in _PHRASE_SYNONYMS if not triggers)
)


def _clean(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = join_spelled(text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = text.replace("-", " ").replace("&", " and ")
    unguarded = _ANY_PHRASE_SYNONYM.search(text) is not None
    for pattern, replacement, triggers in _PHRASE_SYNONYMS:
        if not triggers:
            if unguarded:
                text = pattern.sub(replacement, text)
        elif any(t in text for t in triggers):
            read = pattern.sub(replacement, text)
            if read != text:  # what it wrote may be for the readings after it
                text, unguarded = read, unguarded or bool(_ANY_PHRASE_SYNONYM.search(read))
    return _NON_WORD.sub(" ", text)


#: Tags after a question ("... is that right"), dropped when a question comes before them.
_TRAILING_TAGS: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in [
        "is that right",
        "is that true",
        "is that correct",
        "or not",
        # Particles that tie a follow-up to what was said ("is it serious though").
        "though",
        "then",
        "too",
        "as well",
        "right",
        "now",
    ]
)


def _drop_fillers(words: list[str]) -> list[str]:
    for tag in _TRAILING_TAGS:
        if len(words) > len(tag) + 2 and tuple(words[-len(tag) :]) == tag:
            words = words[: -len(tag)]
            break
    out: list[str] = []
    i = 0
    while i < len(words):
        if not out and len(words) - i > 1:
            lead = next(
                (
                    p
                    for p in _LEADING_FILLERS_BY_FIRST.get(words[i], ())
                    if tuple(words[i : i + len(p)]) == p
                ),
                None,
            )
            if lead is not None and len(words) - i > len(lead):
                i += len(lead)
                continue
        for phrase in _FILLER_PHRASES_BY_FIRST.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            word = words[i]
            if word not in _FILLER_WORDS_ANYWHERE and not (word == "well" and not out):
                out.append(word)
            i += 1
    return out


_LIGHT_WORDS = frozenset(
    stem(w)
    for w in _words(
        "lately recently week weeks day days month months year years today time always often "
        "constantly sometimes random randomly someone weekend weekends evening evenings morning "
        "mornings hour hours chemist chemists pharmacy drugstore supermarket couch "
        "sofa armchair desk office quick quickly "
        # Numbers say how long, how old or how many, never what ("my son is nine").
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
        "ninety hundred"
    )
)
#: Question words and modals that are function words but still hint at the intent.
_CUES = frozenset(stem(w) for w in _words("why how when should which who where"))
_LEADING_DETERMINERS = frozenset(
    stem(w) for w in _words("my the a an some any this that these those too much many lot of")
)


#: Words that may begin the question after a story ("... could that be related"), and words
#: that join clauses ("... and now my hand twitches", "... after my long run").
_QUESTION_STARTS = frozenset(
    _words(
        "could can is are am was does do did should would will what why how which who where "
        "whether might may any shall"
    )
)
_CLAUSE_BREAKS = frozenset(
    _words(
        "and but or because since after when while now then though although plus also "
        "until before whenever especially"
    )
)
#: Not twitches: spasms, cramps and tics (and the words of twitching that outweigh them).
_OFF_TOPIC = frozenset(
    stem(w) for w in _words("spasm spasms cramp cramps cramping tic tics restless")
)
_TWITCH_WORDS = frozenset(
    stem(w) for w in _words("twitch twitching jerk jerking jump jumping flicker fasciculation")
)
#: Animals: "my dog twitches in his sleep" is not about the speaker's muscles.
_ANIMALS = frozenset(stem(w) for w in _ANIMAL_WORDS.split("|"))
#: Other symptoms, the topic of a line that says no word of twitching ("i've got a rash on my
#: arm", "my lower back aches after gardening"): not twitching, so not the skill's to answer.
_OTHER_SYMPTOMS = frozenset(
    stem(w)
    for w in _words(
        "rash rashes spots pimples acne itch itchy itching click clicks clicking toothache "
        "headache headaches migraine migraines blister blisters sunburn bruise bruises bruised "
        "sprain sprained twisted ache aches aching achy sore swollen swelling hurts hurting "
        "shake shakes "
        "shaking shaky tremor tremors trembling hair pins bedsore bedsores sores crack cracks "
        "cracking knot knots stiff stiffness numb numbness tingling tingly ringing dry paining "
        "crawly stye styes hiccup hiccups hiccuping dizzy dizziness lightheaded nausea nauseous "
        "vertigo cough coughing sneezing heartburn bloating bloated constipation insomnia "
        "apnea apnoea snoring snore snores rumbling rumbles runny arthritis"
    )
)
#: Parts of the body the model has no value for ("my back", "my tongue"): said in a slot, such a
#: word is a body part the skill does not know, even where a sample uses it otherwise ("back").
_BODY_WORDS = frozenset(
    stem(w)
    for w in _words(
        "back neck stomach tummy belly tongue chest rib ribs scalp spine hip hips groin armpit "
        "collarbone buttock buttocks bum butt bottom waist abdomen abs throat ear ears gum gums "
        "side earlobe earlobes shoulderblade shoulderblades lat lats pec pecs traps glute glutes "
        "delt delts oblique obliques diaphragm pelvis temple temples nostril nostrils"
    )
)
#: Things that twitch or flicker are not muscles either ("my car's steering wheel twitches"); not
#: "leaves", whose stem is the verb's ("could an infection leave his muscles twitching").
_THINGS = frozenset(
    stem(w)
    for w in _words(
        "engine steering wheel cursor screen monitor tv television light lights bulb "
        "needle gauge camera picture video plant plants leaf market stock truck van "
        "bike motorbike boat bus machine washer dishwasher dryer fridge printer mouse phone "
        "laptop computer keyboard controller robot toy mower lawnmower drill chainsaw automobile "
        "wiper wipers windshield windscreen curtain curtains minivan suv jeep ute "
        "tractor guitar string strings amp speaker speakers"
    )
)
_FIRST_PERSON = frozenset(_words("i me"))
#: Words that say what kind of thing a name the model does not list is (marked: the resolver's
#: reading, no claim of the article's): a condition or a shortage is a cause, a way of treating
#: oneself a remedy. Only a follow-up that names nothing else uses them ("and thyroid").
_CAUSE_KINDS = frozenset(
    stem(w)
    for w in _words(
        "deficiency deficient shortage disease syndrome disorder condition virus "
        "thyroid diabetes diabetic pregnancy pregnant menopause dehydration dehydrated "
        "electrolytes anaemia anemia anaemic anemic allergy allergies hormones hormonal covid "
        "lyme vaping posture sleeplessness insomnia tiredness exhaustion exhausted fatigue "
        "stroke strokes shingles arthritis lupus fibromyalgia sciatica migraine migraines age "
        "ageing aging tea matcha chai rooibos dementia vitamin vitamins heat"
    )
)
_REMEDY_KINDS = frozenset(
    stem(w)
    for w in _words(
        "bath baths shower oil oils massage compress pack roller rolling stretching stretches "
        "acupuncture needling vitamin vitamins cream gel heat ice pad vinegar juice salts spray "
        "sauna"
    )
)


#: Function words that can sit inside a slot value ("lack of magnesium", "too much coffee").
_VALUE_GLUE = frozenset(
    stem(w) for w in _words("of and in on the a an my too much lot with some any or")
)


#: English, as the resolver reads it (see skill.simulator.lexicon).
ENGLISH = Lexicon(
    language="en",
    clean=_clean,
    drop_fillers=_drop_fillers,
    stem=stem,
    stopwords=_STOPWORDS,
    cues=_CUES,
    light_words=_LIGHT_WORDS,
    leading_determiners=_LEADING_DETERMINERS,
    value_glue=_VALUE_GLUE,
    soft_synonyms=_SOFT_SYNONYMS,
    builtin_phrases=BUILTIN_PHRASES,
    builtin_extra=_BUILTIN_EXTRA,
    answer_words=_ANSWER_WORDS,
    red_flag=red_flags.find,
    openers=(
        r"(?:(?:i'?d|i would|i want to|i wanna|let's|let me|can i|could i|can you|could you|"
        r"would you|will you|please)\s+(?:like\s+to\s+)?)*"
        r"(?:open(?:\s+up)?|launch|start(?:\s+up)?|begin|load(?:\s+up)?|fire\s+up|run|play|use|"
        r"talk\s+to|enable)"
    ),
    askers="ask|tell",
    launch_closers=(
        r"please|for (?:me|us|him|her|my \w+)|now|thanks|thank you|again|real quick|quick(?:ly)?|"
        r"na|lah|yaar|"
        r"if you (?:can|could)|a question|something|some questions|a few questions"
    ),
    joiners="to|about|for|if|whether|that",
    trailers="using|with|from|on|in|via",
    wake="hey|ok|okay|hi|hiya|howdy|hello|yo|um|uh|er|erm|so|well|alright|right so|like",
    question_starts=_QUESTION_STARTS,
    clause_breaks=_CLAUSE_BREAKS,
    relatives=frozenset(_words("that which who")),
    wh_words=frozenset(_words("what which how who whose where when")),
    subjects=frozenset(_words("my i it there this his her")),
    question_verbs=frozenset(
        _words("is are am was were do does did can could will would should might may shall")
    ),
    pointing_wh=frozenset(_words("what")),
    pronouns=frozenset(_words("i you he she it we they my this there his her")),
    off_topic=_OFF_TOPIC,
    twitch_words=_TWITCH_WORDS,
    animals=_ANIMALS,
    eating_words=frozenset(stem(w) for w in _words("eat eats ate eating")),
    first_person=_FIRST_PERSON,
    their=frozenset(_words("his her their your")),
    own="my",
    anaphors=frozenset(_words("it that this they them those these")),
    demonstratives=frozenset(_words("that this they those these")),
    recommending=tuple(tuple(stem(w) for w in _words(phrase)) for phrase in _RECOMMENDING),
    object_verbs=frozenset(stem(w) for w in _words("eat eating drink drinking")),
    things=_THINGS,
    other_names=frozenset(
        " ".join(stem(w) for w in name.split())
        for name in (
            "tonic water",
            "coconut water",
            "hot water bottle",
            "sports massage",
            "sports drink",
            "sports drinks",
            "coffee machine",
            "coffee pod",
            "coffee pods",
            "epsom salt",
            "epsom salts",
            "magnesium sulphate",
            "magnesium sulfate",
            "stress test",
            "stress ball",
            "sleep apnea",
            "sleep apnoea",
        )
    ),
    body_words=_BODY_WORDS,
    body_questions=tuple(
        tuple(tuple(stem(w) for w in phrase.split()) for phrase in phrases.split(","))
        for phrases in (
            # whether to worry
            "serious,dangerous,worried,worry,worrying,concerned,concerning,alarming,is it bad,"
            "is that bad,is this bad,a bad sign,see a doctor,see someone,get it checked",
            # what to do about it
            "how do i stop,how can i stop,how to stop,make it stop,get rid of,what can i do,"
            "what should i do,what do i do,what helps,how do i treat,how can i treat,how to treat,"
            "anything i can do,anything he can do,anything she can do,anything we can do,"
            "what can he do,what can she do,what can we do",
            # which diseases
            "which diseases,what diseases,which illnesses,what illnesses,which conditions,"
            "what conditions",
        )
    ),
    vague_words=frozenset(
        stem(w)
        for w in _words(
            "any particular certain some specific other different various kind sort type"
        )
    ),
    value_kinds=(
        ("CauseType", _CAUSE_KINDS, frozenset(stem(w) for w in _words("low lack shortage"))),
        ("RemedyType", _REMEDY_KINDS, frozenset()),
    ),
    follow_up_openers=tuple(
        tuple(stem(w) for w in p.split())
        for p in ["what about", "how about", "what if it is", "could it be", "maybe"]
    ),
    follow_up_closers=frozenset(stem(w) for w in _words("maybe perhaps instead")),
    falling_asleep=(stem("fall"), stem("asleep")),
    sound_asleep=tuple(tuple(stem(w) for w in _words(phrase)) for phrase in _SOUND_ASLEEP),
    alternatives=frozenset(stem(w) for w in _words("or and but no sorry mean meant actually wait")),
    reason_words=frozenset(_words("why what how")),
    open_reason="why does this happen",
    open_reason_words=frozenset(_words("why what")),
    corrections=frozenset(_words("not")),
    exceptions=tuple(
        tuple(stem(w) for w in p.split())
        for p in ["apart from", "besides", "other than", "aside from", "except", "except for"]
    ),
    denials=frozenset(stem(w) for w in _words("not never no nor")),
    lacks=frozenset(stem(w) for w in _words("enough")),
    other_symptoms=_OTHER_SYMPTOMS,
    topic_markers=frozenset(_words("a an the your his her their for of about with on")),
    causal_words=frozenset(stem(w) for w in _words("because from due")),
    causing_words=frozenset(
        stem(w) for w in _words("cause causes causing make makes give gives trigger triggers")
    ),
    count_words=frozenset(
        stem(w)
        for w in _words(
            "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
            "forty fifty hundred few several couple dozen loads lots"
        )
    ),
    remedy_type="RemedyType",
    cause_type="CauseType",
    cause_asking=frozenset(
        stem(w)
        for w in _words(
            "be is are could come comes from because due cause causing causes behind doing "
            "problem count counts related linked link"
        )
    ),
    remedy_verbs=frozenset(
        stem(w) for w in _words("help helps ease calm settle stop fix sort work cure relieve")
    ),
    remedy_tries=frozenset(stem(w) for w in _words("try use do get take")),
    remedial_words=frozenset(
        stem(w) for w in _words("calm settle sort good work fix put anything take try")
    ),
)
