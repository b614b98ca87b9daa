"""Red flags in English: phrases that mean someone may be in danger, for the offline resolver.

Alexa's own NLU learns the safety intents from their many sample utterances and generalises
from them; the simulator's sample matcher generalises from frightened phrasings badly in both
directions (missed alarms, and "i hurt myself at the gym" taken for self-harm).  So the
simulator understands the safety intents through this table of red-flag phrases instead,
written from the skill's safety policy:

* emergency: seizures and convulsions happening now, collapse and unresponsiveness (slumping,
  froth at the mouth), trouble breathing or swallowing, choking, chest pain, blue or grey skin,
  stroke signs (sudden confusion, one side gone weak), twitching after a head injury, fever with
  a stiff neck or confusion, a baby twitching or jerking, shaking that will not stop, "call
  nine one one", an ambulance;
* poisoning: an overdose, too many pills, the wrong medicine given, swallowing a medicine,
  chemical, battery or plant, fumes or gas breathed in, crop spraying followed by symptoms;
* crisis: suicidal thoughts, wanting to die, self-harm, and the same said indirectly ("tired
  of living", "nobody would notice if i died").

Each pattern describes an event or a state, never a topic: "can epilepsy cause twitching" and
"is too much coffee bad" raise no flag.  When several kinds match, an emergency comes first,
then poisoning (both give the emergency number), then crisis.  A test keeps the table and the
model in step: every safety sample raises its flag, and no other sample raises one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RedFlag", "find"]

#: A few more words (any, apostrophes included): "(?: [\w']+){0,4}" between two phrases.
_GAP = r"(?: [\w']+){0,%d}"
_SELF = r"(?:my|him|her|them|your|our)sel(?:f|ves)"
_WHO = r"(?:my|his|her|their|your|the|our|a)"
_NOT = (
    r"(?:not|never|no longer|can'?t|can ?not|cannot|couldn'?t|won'?t|will not|isn'?t|is not|"
    r"doesn'?t|does not|don'?t|wasn'?t)"
)
_MEDICINE = (
    r"(?:pills?|tablets?|capsules?|medicines?|medications?|meds|drugs|doses?|painkillers?|"
    r"sleeping pills|tylenol|acetaminophen|paracetamol|advil|ibuprofen|aspirin|opioids?|"
    r"panadol|nurofen|calpol|motrin|aleve|naproxen|codeine|co ?codamol|tramadol|"
    r"oxy\w*|insulin|antidepressants?|vitamins?|iron pills?|gummies|(?:muscle )?relaxers?|"
    r"cough (?:syrup|medicine)|syrup|sedatives?|benzos?|xanax|valium|anxiety meds?)"
)
#: Household chemicals, named the same in both lists below.
_HOUSEHOLD = (
    r"bleach|chemicals?|detergent|(?:laundry|dishwasher|tide) pods?|antifreeze|anti freeze|"
    r"gasoline|petrol|kerosene|paraffin(?! wax)|meths|methylated spirits?|lighter fluid|"
    r"pesticides?|weed ?killer|rat poison|drain cleaner|fabric softener|"
    r"ammonia|washer fluid|(?:washing up|dishwasher|dishwashing|dish|laundry|cleaning|washing) "
    r"(?:liquid|detergent|tablets?|powder|fluid)|dish soap|hand sanitizer|bug spray"
)
#: Household chemicals nobody eats or drinks on purpose: "she's had some washing liquid" is
#: enough, where "had some berries" is not.
_CHEMICAL = rf"(?:{_HOUSEHOLD}|paint thinner|white spirit|turps|turpentine|nail polish remover)"
#: Anything harmful to swallow (with a verb of swallowing: "ate some berries").
_NOT_FOOD = (
    rf"(?:{_HOUSEHOLD}|cleaners?|cleaning \w+|pods?|batter(?:y|ies)|paint(?: thinner)?|thinner|"
    r"solvents?|insecticides?|poison|mouthwash|nail polish(?: remover)?|lye|soap|perfume|"
    r"(?:something )?toxic|"
    r"(?:something |stuff )?(?:from )?under the (?:kitchen |bathroom )?sink|a plant(?! based)|"
    r"house ?plants?|leaf|"
    r"leaves|berries|mushrooms?|toadstools?|foxglove|oleander|nightshade|hemlock|yew|"
    r"magnets?|cigarettes?|nicotine|e liquid|vape (?:juice|cartridge|pod)s?|"
    r"fertili[sz]er\w*|lamp oil|(?:\w+ )?oil|extract|hand soap|shampoo|glue|"
    r"(?:sheep|cattle|flea|tick|animal|livestock) (?:dip|drench|wash)|turps|turpentine|"
    r"white spirit|flea (?:and worm )?(?:tablets?|treatments?|drops|collars?)|"
    r"worm(?:ing|er)? (?:tablets?|paste)|"
    r"(?:dog|cat|pet|horse)'?s (?:[\w']+ ){0,3}(?:tablets?|pills?|medicines?|meds))"
)
_INGESTED = (
    r"swallow\w*|ate|eaten|eating|drank|drunk|drinking|chew\w*|ingest\w*|licked|sucked|"
    r"bit(?:ten)? into|got into|necked|downed|knocked back"
)
_INGEST = rf"(?:{_INGESTED})"
_CHILD = (
    r"(?:child|kid|toddler|son|daughter|baby|little one|boy|girl|nephew|niece|grandson|"
    r"granddaughter|grandkid|grandchild|little (?:brother|sister)|\w+ years? old)(?:'s)?"
)
_TOOK = rf"(?:{_INGESTED}|took|taken|taking)"
_BABY = (
    r"(?:(?:grand)?baby(?: girl| boy)?|(?:grand)?babies|newborn|new born|infants?|"
    r"(?:\w+ )?(?:day|week|month)s? old)"
)
_CONFUSED = (
    r"(?:confus\w*|stiff\w*|delirious|not making (?:any )?sense|disoriented|doesn'?t know where|"
    r"don'?t know where|can'?t think straight)"
)
_NUMBER = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|a hundred|\w+ dozen|dozens of|several|a few extra)"
)
#: Enough of one's usual tablets to be an overdose whatever they are ("ten of my adderall").
_MANY = (
    r"(?:four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"a hundred|\w+ dozen|dozens|several|a handful)"
)
#: Several servings of a supplement taken ("took like four scoops").
_SERVINGS = (
    rf"{_TOOK} (?:like |about |maybe |over )?{_NUMBER} "
    r"(?:scoops|servings|sachets|packets|doses|capsules)"
)
_CONTAINER = (
    r"(?:bottle|pack|packet|box|jar|sheet|strip|handful|fistful|bunch|load|lot|ton|tub|tube|pot|"
    r"container|bag|tin|carton|blister pack)"
)

#: (kind, name, pattern) in order of precedence.
_TABLE: tuple[tuple[str, str, str], ...] = (
    # Not wanting to wake up is not being unable to wake: it comes before the emergencies.
    ("crisis", "not wanting to wake up",
     r"\bhopes? (?:i|he|she|they) (?:never|don'?t|doesn'?t|won'?t) wake up\b|"
     r"\b(?:sleep|go to sleep) and (?:not|never) wake up\b"),
    # --- emergency ------------------------------------------------------------------------
    ("emergency", "seizure now",
     r"(?<!linked to )(?<!related to )(?<!connected to )(?<!due to )(?<!risk of )"
     r"(?<!history of )(?<!afraid of )(?<!scared of )(?<!worried about )"
     r"\b(?:having|had|has|have|in|into|going into) (?:a |an |some kind of |some sort of |"
     r"another )?(?:seizure|fit|convulsion|episode)s?\b"
     # ... not a seizure disorder, a condition of long standing, nor its medicine
     r"(?! (?:disorders?|conditions?|medications?|meds|tablets|pills)\b)"
     # ... nor a fit of laughter or temper ("a fit of the giggles")
     r"(?! of (?:the )?(?:giggles|laughter|laughing|rage|anger|pique|coughing|sneezing|temper)\b)"
     # ... nor one of long ago ("my uncle had fits when he was younger")
     r"(?! (?:when|as) (?:i|he|she|they|we) (?:was|were) (?:younger|little|small|a (?:child|kid|"
     r"baby|teenager|toddler))\b| as a (?:child|kid|baby|teenager|toddler)\b| (?:years|ages|"
     r"decades|a long time) ago\b| growing up\b| back in\b| in the \w+ties\b)|"
     r"\b(?:seizing|convulsing|convulsions?)\b|^(?:a )?(?:seizure|fit)s?$|"
     r"\bseizures? (?:won'?t|will not|doesn'?t|does not|isn'?t|not) stop\w*|"
     r"\bseizures? in a row\b|\banother seizure\b|\bseizure (?:is |has been )?(?:still going|"
     r"lasting)|\b(?:fit|seizure) (?:happening|right now|now)\b|\b(?:jerk\w*|shak\w*|"
     r"convuls\w*|twitch\w*|thrash\w*|fit|fitting)\b" + _GAP % 6 + r" on the (?:floor|ground)\b|"
     r"\b(?:he'?s|she'?s|they'?re|is|are|was|keeps|started|been) fitting\b|"
     r"\b(?:on the (?:floor|ground)|dropped (?:to the (?:floor|ground)|down)|(?:fell|fallen) "
     r"(?:down|over))\b" + _GAP % 6 + r" (?:jerk\w*|shak\w*|convuls\w*|twitch\w*|thrash\w*|"
     r"fitting|seiz\w*)"),
    ("emergency", "collapse or unresponsive",
     r"\b(?:unconscious|unresponsive|passed out|passing out|faint\w*|black\w* out|collapsed?|"
     r"collapsing|keeled over|dropped to the (?:floor|ground)|went limp|gone limp|is limp|"
     r"lost consciousness|losing consciousness|knocked out|out cold|lifeless|"
     r"(?:he'?s|she'?s|they'?re|is|are|was|isn'?t|aren'?t) (?:still )?not waking(?: up)?|"
     r"unable to wake|slump\w* (?:over|down|forward|sideways)|"
     r"just dropped(?! (?:my|his|her|the|it|a|an|off|by|in)\b)|"
     r"(?:froth\w*|foam\w*) (?:at|from|coming from|coming out of|out of) (?:the|his|her|their|"
     r"my) mouth|about to (?:pass out|faint|collapse)|"
     r"bit (?:his|her|my) tongue|(?:not|n't|stopped) respond\w*|(?:not|n't|barely|isn'?t) "
     r"moving|(?:won'?t|will not|doesn'?t|isn'?t|not) answer\w*|(?:can ?not|can'?t|won'?t|"
     r"will not|doesn'?t|isn'?t|is not) (?:wake|waking|respond\w*|open (?:his|her|their) eyes))\b"),
    ("emergency", "breathing",
     rf"\b(?:{_NOT}|stopped|trouble|struggling|struggles|hard|difficult\w*|problems?|barely|"
     r"hardly) (?:to )?(?:\w+ )?breath\w*|\bgasping\b|\bchok\w*|\bwheez\w*|\b(?:get|catch) "
     r"(?:any |his |her |my )?(?:air|breath)\b|\bturning blue\b|\bthroat (?:is |feels )?"
     r"(?:closing|swelling|tight\w*)"),
    ("emergency", "swallowing",
     rf"\b(?:{_NOT}|unable to|trouble|struggling to|hard to|difficulty|problems?) (?:to )?"
     r"swallow\w*|\bcan'?t get (?:anything|food|it|water|liquids?) down\b"),
    ("emergency", "chest pain",
     r"\bpain\b" + _GAP % 2 + r" (?:spread\w*|radiat\w*|shoot\w*|going) (?:down|into|to|up) "
     r"(?:my|his|her|the) (?:left )?(?:arm|jaw)\b|"
     r"\bchest (?:is |feels )?(?:really |very |so |quite |a bit |all )?(?:pain|pains|hurts?|"
     r"hurting|paining|tight\w*|pressure|killing|aching|"
     r"heavy|burning)\b|\b(?:pain|pains|tightness|pressure|ache|aching|squeezing) (?:in|across|"
     r"on) (?:my|his|her|the) chest\b|"
     r"(?<!nearly had a )(?<!almost had a )(?<!nearly gave me a )(?<!almost gave me a )"
     r"\bheart attack\b(?!(?: [\w']+){0,3} (?:(?:weeks|months|years|decades) ago|last year)\b)|"
     r"\btight chest\b|"
     r"\bheart (?:hurts|is hurting|pain)\b|"
     r"\bcrushing\b|\bchest (?:feels )?like (?:someone|somebody|something|an elephant|a "
     r"weight)\b|\b(?:someone|somebody|an elephant|a weight)(?:'s| is)? (?:sitting|standing|"
     r"pressing) on (?:my|his|her|the) chest\b|\bchest (?:is |feels )?(?:tight|heavy)\b|"
     r"\bpressure (?:in|on) "
     r"(?:my|his|her|the) chest\b"),
    ("emergency", "blue or grey",
     r"\b(?:lips?|skin|face|mouth|fingers?|fingertips|toes?|nails?)\b" + _GAP % 3 +
     r" (?:blue|bluish|grey|gray|greyish|grayish|purple|ashen)\b|\b(?:blue|grey|gray) lips\b|"
     r"\b(?:turn(?:ing|ed)|gone|going|went) (?:pale )?(?:blue|grey|gray|purple|ashen)\b"),
    ("emergency", "stroke",
     r"\b(?:having|had|is having|has had) (?:a )?(?:mini )?stroke\b"
     # ... but not one long past ("my father had a stroke years ago")
     r"(?!(?: [\w']+){0,2} (?:years|months) (?:ago|back)\b| (?:back )?in (?:nineteen|twenty)\b|"
     r" last year\b)|"
     r"\bsigns? of (?:a )?stroke\b|"
     r"\bstroke (?:signs|symptoms)\b|\b(?:droop\w*|sagging|slurr\w*|gibberish)\b|"
     r"\b(?:numb\w*|weak\w*|paraly\w*|can'?t move|cannot move|can not move|can'?t feel)\b" +
     _GAP % 4 + r" (?:one side|left side|right side|half)\b|"
     r"\b(?:one|left|right)(?: whole| entire)? side of (?:my|his|her|the) (?:body|face)\b|"
     r"\b(?:one|left|right) side\b" + _GAP % 3 + r" (?:numb\w*|weak\w*|dead|paraly\w*)|"
     r"\b(?:vision|sight|eye) (?:just )?(?:went|gone|going|is going|turned) (?:dark|black|"
     r"blurry|dim)\b|\bnot making (?:any )?sense\b" + _GAP % 3 + r" (?:talk\w*|speak\w*)|"
     r"\bhalf (?:of )?(?:my|his|her|the) (?:body|face)\b" + _GAP % 3 +
     r" (?:numb\w*|weak\w*|paraly\w*|droop\w*)|"
     r"\b(?:face|smile) (?:is |looks )?(?:\w+ )?(?:lopsided|uneven|crooked)\b|"
     r"\b(?:face|mouth|smile|cheek|lip)\b" + _GAP % 3 + r" (?:hang\w*|fall\w*|fell|drop\w*|"
     r"slid\w*|slump\w*|pull\w*|twist\w*|down)(?: down| over)? (?:on |to |at )?(?:the )?"
     r"(?:one|left|right) side\b|"
     r"\b(?:speak\w*|spoke|talk\w*|speech|voice)\b(?: is| sounds?| was)?(?: \w+)?"
     r" (?:strange\w*|funny|weird\w*|odd\w*|wrong|funnily|drunk|muddled|mumbl\w*)\b|"
     r"\bcan'?t (?:lift|raise) (?:his|her|my) (?:left |right )?(?:arm|arms|leg)\b|"
     r"\b(?:can'?t|cannot|can not|trouble|struggling to) (?:speak|talk|get (?:his|her|my) "
     r"words out)\b|\b(?:speech|words) (?:is |are )?(?:garbled|jumbled|not making sense)\b|"
     r"\b(?:sudden\w*|all of a sudden|all at once|out of nowhere)\b" + _GAP % 4 +
     r" (?:weak\w*|numb\w*|paraly\w*|not making (?:any )?sense|confus\w*|"
     r"can'?t (?:move|see|speak|talk|swallow|feel)|blind\w*|lost (?:\w+ )?(?:vision|sight)|vision)|"
     r"\b(?:weak\w*|numb\w*|can'?t move|can'?t feel)\b" + _GAP % 6 +
     r" (?:all of a sudden|all at once|suddenly|out of nowhere)\b|"
     r"\b(?:sudden\w*|worst|severe|terrible|thunderclap) (?:\w+ )?headache|"
     r"\b(?:lost|losing|lose) (?:the |my |his |her |all )?(?:vision|sight|eyesight)\b|"
     r"\bcan'?t see (?:out of|anything)\b"),
    ("emergency", "head injury",
     r"\b(?:hit|hits|hitting|bang\w*|bump\w*|knock\w*|hurt|injur\w*|struck|smack\w*|whack\w*|"
     rf"cracked|fell on) {_WHO} head\b|\b(?:knock|blow|bang|bump|hit|whack|smack|kick|"
     rf"clout)s? (?:to|on) {_WHO} head\b"
     r"(?!(?: [\w']+){0,3} (?:last (?:week|month|year|season)|(?:weeks|months|years) ago)\b)|"
     r"\bhead (?:injury|injuries|trauma|wound)\b(?!(?: [\w']+){0,6} (?:(?:weeks|months|years|"
     r"decades) ago|last year|as a (?:kid|child))\b)|\bconcuss\w*|"
     r"\b(?:hit|struck|smacked|whacked|knocked|bashed|clobbered|kicked|bonked|clipped) "
     r"(?:[\w']+ ){0,2}(?:in|on) the head\b(?!(?: [\w']+){0,6} (?:last (?:week|month|year|"
     r"season)|(?:weeks|months|years) ago)\b)|"
     # ... two heads meeting in a game ("we clashed heads at football"), not the idiom of
     # disagreeing ("we butt heads")
     r"\b(?:clash\w*|bang\w*|crack\w*|smash\w*|knock\w*) heads\b|"
     r"\bhead (?:clash|knock|collision)(?:es|s)?\b|"
     r"\b(?:car|bike|motorcycle) (?:accident|crash)\b|\b(?:had a (?:bad )?fall|fell(?! asleep))"
     r"\b" + _GAP % 8 + r" (?:jerk\w*|twitch\w*|shak\w*|convuls\w*)"),
    ("emergency", "fever with stiff neck or confusion",
     r"\bmeningitis\b|\bcan'?t (?:bend|move) (?:his|her|my) neck\b|\brash that (?:won'?t|"
     r"doesn'?t) fade\b|\b(?:fever|temperature)\b" + _GAP % 8 + rf" \b{_CONFUSED}|"
     rf"\b{_CONFUSED}" + _GAP % 8 + r" \b(?:fever|temperature)\b"),
    ("emergency", "baby",
     rf"\b{_BABY}(?:'s)?\b(?! my\b)"
     # ... a newborn animal is not a baby ("my newborn calf is twitching")
     r"(?! (?:calf|calves|foals?|lambs?|pupp(?:y|ies)|kittens?|piglets?|chicks?|colts?|goats?)\b)" +
     # ... nor the little toe or finger ("my baby toe twitches"; "the baby's toes" still counts)
     r"(?!(?<=baby) (?:toes?|fingers?)\b)" +
     # ... but not the speaker's own twitch after a word about a baby ("since the baby arrived
     # i twitch constantly", "... and now my eye twitches")
     r"(?: (?!(?:i|i'm|i've|me|my) (?:[\w']+ )?(?:twitch|jerk|shak|spasm))[\w']+){0,6}" +
     r" (?:twitch\w*|jerk\w*|shak\w*|spasm\w*|stiff\w*|blue|grey|gray|seiz\w*|convuls\w*|"
     r"limp|trembl\w*|rigid|floppy|breath\w*|flicker\w*|flutter\w*)"),
    ("emergency", "will not stop",
     r"\b(?:jerk\w*|shak\w*|convuls\w*|thrash\w*)\b" + _GAP % 6 + r" (?:won'?t|will not|"
     r"doesn'?t|does not|can'?t|not|never) stop\w*|\b(?:non ?stop|uncontrollabl\w*) "
     r"(?:jerk\w*|shak\w*)|\b(?:shaking|jerking) (?:uncontrollably|violently|all over)|"
     r"\beyes (?:are |have |keep )?(?:rolled|rolling|roll) back\b|"
     # ... said the other way round ("his body won't stop shaking"; not the speaker's "i can't
     # stop shaking", which anxiety says too)
     r"\b(?:won'?t|will not|doesn'?t|does not) stop (?:shaking|jerking|convulsing|"
     r"fitting|seizing)\b"),
    ("emergency", "sudden confusion",
     r"\b(?:confused|disoriented|muddled) (?:all of a sudden|suddenly|out of nowhere)\b|"
     r"\b(?:suddenly|all of a sudden) (?:very |really |so |totally )?(?:confused|disoriented)\b|"
     r"\b(?:doesn'?t|does not|didn'?t) know where (?:she|he|they) (?:is|are|was|were)\b"),
    ("emergency", "sudden weakness",
     r"\b(?:right|left|one) (?:arm|leg|side|hand)(?: and (?:arm|leg|hand|face))?\b" + _GAP % 3 +
     r" (?:went|gone|has gone|have gone|suddenly (?:feels?|is|are)) (?:all |really |so |"
     r"completely )?(?:weak|numb|dead|floppy|limp)\b|\bcan'?t (?:lift|move|feel) (?:my|his|her|"
     r"their) (?:right|left) (?:arm|leg|side|hand)\b"),
    ("emergency", "call for help",
     r"\bnine one one\b|\b911\b|\bambulance\b|"
     # ... a paramedic called, not one by trade ("my cousin's a paramedic and he said")
     r"(?<!'s a )(?<!is a )(?<!was a )(?<!'m a )(?<!as a )\bparamedics?\b|"
     r"\bemergency (?:room|services)\b|"
     r"\bcall for help\b|^(?:this is |it'?s )?(?:an )?emergency$|\bemergency help\b|"
     r"\bneed (?:an |some )?emergency\b|"
     # the other English locales' numbers (000, 999, 112, 108), said as they are dialled
     r"^triple zero$|\b(?:call|ring|dial|phone) (?:triple zero|zero zero zero|nine nine nine|"
     r"one one two|one one one|one (?:zero|oh) eight)\b"),
    # --- poisoning ------------------------------------------------------------------------
    ("poisoning", "overdose",
     # one's own tablets taken twice over ("i doubled up on my heart pills")
     rf"\bdoubled up (?:on )?(?:my |his |her |their |the )?(?:[\w']+ ){{0,2}}{_MEDICINE}\b|"
     rf"\boverdos\w*|\b(?:too (?:much|many)|double|a (?:whole|full|entire) (?:bottle|pack|"
     rf"packet|box|jar|sheet)|(?<!\bon )(?<!\bon a )(?:a )?handful) (?:of )?"
     rf"(?:{_WHO} |his |her |the |those |these )?(?:\w+ )?{_MEDICINE}\b|"
     rf"\b(?:a )?(?:week|month)'?s? worth\b|\b{_MEDICINE} (?:mixed "
     rf"up|at once|all at once)\b|\b(?:took|taken|swallowed) (?:all|every one) of (?:\w+ )?"
     rf"{_MEDICINE}\b|\b{_TOOK} (?:the )?wrong (?:\w+ )?{_MEDICINE}\b|\b{_TOOK}\b" + _GAP % 4 +
     rf" {_MEDICINE}\b" + _GAP % 3 + r" (?:by mistake|by accident)|\baccidentally "
     rf"{_TOOK}\b" + _GAP % 4 + rf" {_MEDICINE}\b|\bfound (?:some )?{_MEDICINE}\b|\b{_TOOK} "
     rf"(?:a |an |the )?(?:whole |full |entire )?{_CONTAINER} of (?:[\w']+ ){{0,2}}{_MEDICINE}\b|"
     rf"\b{_TOOK} (?:like |about |maybe |over |at least )?{_NUMBER} (?:[\w']+ )?{_MEDICINE}\b"
     # ... not a dose taken as the packet says ("took two paracetamol like the box says")
     r"(?!(?: [\w']+){0,6} (?:like|as) (?:the )?(?:box|label|packet|leaflet|bottle|instructions?|"
     r"doctor|pharmacist|directed|prescribed)\b)|"
     # several servings of a supplement in one go ("three scoops of pre workout at once") or by
     # accident ("i accidentally took like four scoops of pre workout")
     rf"\b{_SERVINGS} (?:[\w']+ ){{0,4}}(?:all )?(?:at once|in one go)\b|"
     rf"\baccidentally {_SERVINGS}\b|"
     # one's own dose twice ("i think i took my pills twice this morning")
     rf"\b{_TOOK} (?:my |his |her |their )?(?:[\w']+ ){{0,2}}{_MEDICINE} "
     r"(?:twice|two times|again)\b|"
     # a number of someone's (a medicine by a name the table does not know: "ten of my adderall")
     rf"\b{_TOOK} (?:like |about |maybe |over |at least |around )?{_MANY} of (?:my|his|her|"
     r"their|your|the|mum'?s|mom'?s|dad'?s|[\w]+'s) [\w']+|"
     r"\b(?:took|taken|swallowed) (?:way |far |much |a few |a couple )?too many\b|"
     r"\b(?:took|taken|swallowed|had) (?:way |far |a lot |lots |much )?more (?:\w+ )?"
     rf"{_MEDICINE} than\b|"
     r"\b(?:took|taken|had|swallowed|done) (?:way )?too much of (?:something|some ?thing|"
     r"some stuff|whatever|it)\b|"
     r"\b(?:half|most|all) (?:of )?(?:them|the (?:bottle|"
     rf"pills|tablets)) (?:are )?gone\b|\b{_MEDICINE} (?:are |is )?missing\b|\bgave (?:him|her|"
     rf"me|them) (?:the )?(?:wrong|someone else'?s|another [\w]+'s|[\w]+'s) (?:[\w']+ )?"
     rf"{_MEDICINE}\b|\b(?:gave|given|give) (?:my |his |her |the |our )?[\w']+ (?:the )?"
     rf"(?:wrong|adult|grown ?up|someone else'?s) (?:[\w']+ ){{0,2}}{_MEDICINE}\b"),
    ("poisoning", "swallowed something harmful",
     rf"\b(?:had|has had|'s had|sipped|tasted) (?:some |a bit of |a sip of |a mouthful of "
     rf"|a swig of |a drop of |the )?{_CHEMICAL}\b|"
     rf"\b{_INGEST}\b" + _GAP % 6 + rf" \b{_NOT_FOOD}\b|\b{_TOOK}\b" + _GAP % 4 +
     r" (?:his|her|their|someone'?s|someone else'?s|[\w]+'s|(?:\w+ )?of my) (?:[\w']+ ){0,2}" +
     rf"{_MEDICINE}\b|\b{_CHILD}\b" +
     _GAP % 6 + rf" {_TOOK}\b" + _GAP % 4 + rf" {_MEDICINE}\b|"
     # a child and a medicine named, then "(he) ate some of them"
     rf"(?:\b{_MEDICINE}\b" + _GAP % 10 + rf" {_CHILD}|\b{_CHILD}" + _GAP % 8 +
     rf" {_MEDICINE})\b" + _GAP % 4 + rf" {_TOOK} (?:some|a few|one|two|three|all|most|half|"
     r"a couple|several|any)? ?(?:of )?(?:them|it|those|these)\b|"
     rf"\bgot (?:hold of|at) (?:some |the |my |his |her |a |their )?{_NOT_FOOD}\b|"
     r"\bgot into (?:the |a |my |his "
     r"|her )?(?:medicine|pill|cleaning|chemical)\w*|\b(?:found|got) (?:some |the )?"
     rf"{_NOT_FOOD}\b" + _GAP % 3 + rf" (?:and )?{_INGEST}\b|\b{_NOT_FOOD}\b" + _GAP % 3 +
     r" in (?:his|her|their|my) mouth\b|\b" + _INGEST + r" (?:something|some stuff|stuff) "
     r"(?:from|in|out of) (?:the |a |my |his |her )?(?:garage|shed|cupboard|cabinet|workshop|"
     r"basement|cellar)\b"),
    ("poisoning", "poisoned",
     r"\bpoisoned\b|\bpoisoning\b|\bpoisonous\b|"
     # wild food eaten and now ill ("we cooked wild mushrooms and now he's throwing up")
     r"\b(?:wild|foraged|picked) (?:mushrooms?|berries|plants?|leaves)\b" + _GAP % 10 +
     r" (?:twitch\w*|throw\w* up|vomit\w*|sick|dizzy|confus\w*|shak\w*|drows\w*)\b|"
     r"\bpoison (?:control|help|center|centre|line|hotline|number)\b|"
     r"\bpoisons? (?:information|info)\b|"
     r"\brat poison\b|\b(?:rat|rats|mouse|mice|rodent|slug|snail|ant|roach|cockroach) "
     r"(?:bait|baits|pellets|killer)\b|\bantifreeze\b|\bweed ?killer\b|"
     r"\b(?:pesticide|insecticide|drain cleaner|button batter(?:y|ies)|"
     r"(?:detergent|laundry) pods?)\b|\bcarbon monoxide\b|"
     r"\b(?:inhal\w*|breath\w*(?: in)?|sniff\w*) (?:\w+ ){0,2}(?:fumes|gas|exhaust|spray|"
     r"chemicals?|glue)\b|\bfrom (?:the |those |all the )?(?:\w+ )?fumes\b|"
     r"\b(?:smell|smells|smelling|smelt|smelled) (?:of )?gas\b|"
     r"\bspray\w* (?:[\w']+ ){0,3}(?:crops|fields?|orchards?|pesticides?|insecticides?|"
     r"chemicals?|weed ?killer|poison)\b" + _GAP % 10 + r" (?:twitch\w*|drool\w*|dizz\w*|"
     r"vomit\w*|sick|sweat\w*|confus\w*|shak\w*)\b|"
     r"\bgas leak\b|\bmixed bleach\b|\b(?:bitten|bit|stung) by (?:a |some )?(?:snake|spider|"
     r"scorpion|jellyfish|black widow|brown recluse)\b|\b(?:snake|spider|scorpion|black widow|"
     r"brown recluse|rattlesnake) (?:bite|bit|stung)\b"),
    # --- crisis ---------------------------------------------------------------------------
    ("crisis", "suicide",
     rf"\bsuicid\w*|\bkill(?:ing)? {_SELF}|\bend(?:ing)? (?:my|his|her|their) (?:own )?life\b|"
     r"\b(?:take|takes|taking) (?:my|his|her|their) (?:own )?(?:life|lives)\b(?! back| in)|"
     r"\bend(?:ed|ing|s)? it all\b|"
     r"\bbetter off (?:if|when) (?:i|he|she) (?:just )?end(?:ed)? (?:it|things)\b|"
     # ... and "ending it" talked or thought about, not a relationship ("ending it with him")
     r"\b(?:(?:talk\w*|think\w*|thought|thoughts|joke\w*|joking) (?:about|of) ending|"
     r"(?:wants?|wanted|going|planning) to end) it\b(?! with| between| off)|"
     r"\bend(?:ing)? (?:things|everything)\b(?! with)|\bwant(?:s|ed|ing)? to (?:die|be dead)\b|"
     r"\bready to die\b|"
     r"\bwish (?:i|he|she) (?:was|were) dead\b|\bbetter off dead\b|\bbetter off without me\b|"
     r"\b(?:not|don'?t|do not|doesn'?t|does not) want to (?:live|be alive|be here|"
     r"exist|wake up|(?:go|carry) on (?:living|like this|anymore|any more)|keep (?:on )?living)|"
     r"\bno (?:reason|point) (?:for (?:me|him|her) )?(?:to |in )?(?:keep |keeping |go on |"
     r"carry on )?(?:live|living|going on|carrying on|being alive|going|be alive|be here)\b|"
     r"\b(?:see|find) (?:the |any )?point (?:in|of) (?:living|life|going on)\b|"
     r"\bwhat'?s (?:even )?the point (?:in|of) (?:living|life|being alive|going on|carrying on|"
     r"anything|any of it)\b|\bwhat is (?:even )?the point (?:in|of) (?:living|life|being alive|"
     r"going on|carrying on)\b|"
     r"\b(?:not|isn'?t) worth living\b|\bcan'?t go on\b|\bcannot go on\b|\bgive up on life\b|"
     r"\b(?:nobody|no one) would (?:miss|care)\b|\b(?:i'?d|i would|he'?d|she'?d) rather "
     rf"(?:be dead|not exist|not be here|die)\b|\b(?:hang\w*|shoot\w*|drown\w*|stab\w*) "
     rf"{_SELF}|\bjump\w* (?:off|from) (?:a|the) (?:bridge|building|roof|cliff)\b|"
     r"\b(?:no|only) way out\b|\b(?:a )?burden (?:to|on) (?:everyone|my family|everybody)\b|"
     r"\b(?:never|not) wak(?:e|ing) up (?:again|tomorrow|ever)\b|\bnever wake up\b|"
     rf"\b(?:not|don'?t feel) safe (?:with|around|by) {_SELF}|\bhope (?:i|he|she) "
     r"(?:never|don'?t|doesn'?t) wake up\b|\blife (?:is|feels) (?:pointless|meaningless|"
     r"hopeless)\b|\bwhat'?s the point of (?:life|living|going on|anything)\b|"
     r"\bdisappear (?:forever|for good)\b|\bwant(?:s|ed)?(?: is)? to (?:just )?disappear\b|"
     r"\b(?:if (?:i|he|she) (?:just )?(?:didn'?t|did not|never|wouldn'?t)|(?:wish\w*|hop\w*|"
     r"pray\w*) (?:that )?(?:i|he|she) (?:just )?(?:wouldn'?t|would not|won'?t|will not|didn'?t|"
     r"did not|never|don'?t)) wake up\b(?! (?:on|in) time| early| for| until| till| at| when)|"
     r"\bcrisis (?:line|hotline|text line)\b|\b(?:call|ring|phone) (?:the )?(?:samaritans|"
     r"lifeline|tele ?manas)\b|\b(?:stop|quit) "
     r"existing\b|\b(?:want|wants|wish|need) (?:everything|it all|my life|this life) to (?:end|"
     r"stop)\b|\bend it (?:tonight|today|now|soon|for good)\b|\b(?:want|need)s? out of "
     r"(?:this )?life\b|\bdone with (?:life|living)\b|\bbetter off (?:gone|without (?:me|him|"
     r"her)|(?:once|when|after) (?:i'?m|he'?s|she'?s|i am|he is|she is) gone|with (?:my|his|her|"
     r"the) life insurance)\b|"
     r"\bbetter off if (?:i|he|she) (?:was|were|am|is) (?:gone|dead|not (?:here|around|alive))\b|"
     r"\bbetter off if (?:i|he|she) (?:wasn'?t|weren'?t) (?:here|around|"
     r"alive)\b|\bbetter (?:if |that )?(?:i|he|she) (?:just )?(?:die|dies|died)\b|"
     r"\bbetter (?:for me )?to (?:just )?die\b|\bgoodbye (?:letters?|"
     r"notes?|messages?)\b|\bsuicide note\b|\bsaying (?:my |his |her )?goodbyes\b|"
     r"\b(?:texted|sent) (?:me )?goodbye\b|\bgave away (?:my|his|her|all (?:of )?(?:my|his|"
     r"her)) (?:stuff|things|belongings|possessions)\b|\b(?:has|have|made|making|got) a plan "
     r"(?:to|and)\b|\bpicked (?:a|the) (?:day|date)\b|\bon purpose\b|\b(?:no|(?:don'?t|can'?t|"
     r"not|do not|cannot) (?:see|have|find) (?:a|any)) (?:good )?reasons? (?:to|for) (?:keep "
     r"(?:going|living|on)|keeping (?:going|on)|living|live|go on|going on|carry on|be here|"
     r"being here|stay alive|staying alive|be alive|being alive)\b|"
     r"\b(?:being|am|i'?m|feel like|he'?s|she'?s|he is|she is) a burden\b|"
     r"\b(?:sleep|go to sleep) and (?:not|never) wake up\b"),
    ("crisis", "self-harm",
     r"\b(?:want\w*|going|think(?:s|ing)? (?:about|of)|thoughts (?:of|about)|"
     r"(?:talk|talks|talked|talking|spoke|speaking|joked|joking) (?:about|of)|mention\w*|"
     r"urges? to|been|keep|kept|feel like|might|will|is|are|am|start\w*|began|begun|back to) "
     r"(?:to )?(?:hurt\w*|harm\w*|"
     r"cut\w*|burn\w*|injur\w*|"
     rf"punish\w*|hit\w*|punch\w*|starv\w*) (?:{_SELF}|(?:my|his|her) (?:arms?|wrists?|legs?|"
     r"thighs?|skin|body))|"
     rf"\bharm\w* {_SELF}|\b(?:hurt\w*|cut\w*|burn\w*) {_SELF} on purpose|\bcutting {_SELF}|"
     rf"\b(?:cut|burnt|burned) {_SELF} again\b|"
     rf"\bcut (?:my|his|her) wrists?|\bscratch\w* {_SELF} (?:until|till|to) (?:i |it |he "
     r"|she )?bleed|\bself ?harm\w*|\bself ?injur\w*|\b(?:burn|cut|hit|punch|scratch)\w* "
     rf"{_SELF} (?:just )?(?:when|whenever|every time|to cope)\b|"
     # ... and the wish to do it again ("i cut myself last night and i feel like doing it again")
     rf"\b(?:cut|burnt|burned|hurt|harmed) {_SELF}\b" + _GAP % 8 + r" (?:do|doing) it again\b|"
     r"\bcuts (?:all )?(?:over|on) (?:her|his|"
     r"my|their|(?:my |her |his )?\w+'s) (?:arms?|wrists?|legs?|thighs?)\b|"
     r"\bdoing it (?:to )?(?:herself|himself)\b|"
     # ... said as it goes on ("i think he's hurting himself")
     rf"\b(?:he'?s|she'?s|they'?re|i'?m) (?:been )?(?:hurting|harming|cutting|burning) {_SELF}|"
     # ... on purpose, said as its aim or its means ("i punch the wall to hurt myself")
     rf"(?<!not )(?<!never )\bto (?:hurt|harm|punish|injure) {_SELF}\b|"
     rf"\b(?:burn|cut)\w* {_SELF} with (?:a |the |my )?(?:cigarettes?|lighters?|razors?|"
     r"blades?|matches)\b"),
    # Said indirectly: being gone, nobody noticing, how one would do it, tired of living.
    ("crisis", "said indirectly",
     r"\bthink\w* (?:about|of) how (?:i|he|she|they)(?:'d| would| could| might| will| to) "
     r"(?:do it|end it|die)\b|\btired of (?:living|life|being alive|this life|being here|"
     r"existing)\b|\bif (?:i|he|she) (?:died|was gone|were gone|disappeared)\b"
     r"(?: [\w']+){0,4} (?:nobody|no one|anyone|anybody|care|notice|miss)\b|"
     r"\b(?:would|will|does|do) (?:anyone|anybody) (?:even )?(?:care|notice|miss me)\b"
     r"(?: [\w']+){0,2} if (?:i|he|she) (?:was|were|died|disappeared|gone)\b|"
     r"\b(?:top|topping|topped) (?:my|him|her|them|your)sel(?:f|ves)\b|"
     r"\bunalive\b|"
     r"\blife (?:isn'?t|is not|ain'?t) worth (?:it|living)\b|"
     r"\b(?:get(?:ting)? on|be|are|do|doing|manage|managing|cope|coping) (?:just )?(?:fine|"
     r"better|ok|okay|happier) without me\b|\bgoodbye (?:forever|for good)\b|"
     r"\bways to (?:die|kill (?:my|him|her)sel(?:f|ves)|end (?:my|his|her|it)\b)|"
     r"\b(?:don'?t|do not) think (?:i|he|she) can (?:go on|keep going|carry on)\b|"
     r"\b(?:no|don'?t|do not) want (?:to )?live (?:again|anymore|any more)\b"),
)  # fmt: skip


@dataclass(frozen=True)
class RedFlag:
    """A red flag found in an utterance: its kind (a safety answer id) and why."""

    kind: str
    name: str
    matched: str


_COMPILED = tuple((kind, name, re.compile(pattern)) for kind, name, pattern in _TABLE)
_NOISE = re.compile(r"[^a-z0-9' ]+")


#: Casual contractions a recogniser writes as said ("i don't wanna live anymore"), in full. The
#: English lexicon expands them the same way, so a red flag and a sample read them alike.
CASUAL_CONTRACTIONS: dict[str, str] = {
    "wanna": "want to",
    "want ta": "want to",
    "wants ta": "want to",
    "gonna": "going to",
    "gotta": "have to",
    "hafta": "have to",
}
_CASUAL = re.compile(r"\b(" + "|".join(map(re.escape, CASUAL_CONTRACTIONS)) + r")\b")


def _clean(utterance: str) -> str:
    """Lower case, one space, apostrophes kept ("can't"), other punctuation dropped, casual
    contractions said in full ("wanna" -> "want to")."""
    text = _NOISE.sub(" ", utterance.lower().replace("\u2019", "'"))
    text = _CASUAL.sub(lambda m: CASUAL_CONTRACTIONS[m.group(1)], text)
    return " ".join(text.split())


#: A question about words, not an event: "what's the difference between twitching and a fit".
_ABOUT_WORDS = re.compile(r"\bdifference between\b|\bversus\b|\bvs\b")


def first_flag(
    text: str, table: tuple[tuple[str, str, re.Pattern[str]], ...], about_words: re.Pattern[str]
) -> RedFlag | None:
    """The first flag of ``table`` (kind, name, pattern) that cleaned ``text`` raises, unless
    it only talks about words (``about_words``: "the difference between ... and a fit")."""
    if about_words.search(text):
        return None
    for kind, name, pattern in table:
        match = pattern.search(text)
        if match:
            return RedFlag(kind, name, match.group(0))
    return None


def find(utterance: str) -> RedFlag | None:
    """The first red flag (in order of precedence) that ``utterance`` raises, if any."""
    return first_flag(_clean(utterance), _COMPILED, _ABOUT_WORDS)
