"""Site notices: the lines a site prints into an article's text that are not the
article — disclosures, promos, reading times, utilities, calls to action, appeals
for money, and datelines and bylines set as text — told apart from the article's
own sentences that look like them (advice to the reader, a timeline's dates,
an appeal the article reports).

Each rule works on a kind of line, never on one site's words.
"""

from __future__ import annotations

import re

from ..model import Block, Heading, Paragraph, Quote

__all__ = ["MONTH", "NOT_NAMES", "block_notice", "is_dateline", "notice_rule"]

# notices a site prints into the text: disclosures, promos, reading time, utilities
_NOTICE = re.compile(
    r"^(?:\W*\d+\s*(?:mins?\.?(?: read| de lecture| Lesezeit)?|minutes?(?: read| de lecture| Lesezeit))\W*$|"
    r"(?:back to (?:top|(?:the )?(?:blog|home ?page|home|news|articles|posts|all (?:articles|posts|stories|news)))|nach oben|retour en haut|table of contents(?: show| hide)?|print this(?: \w+)?|save for later|read later|"
    r"(?:estimated )?read(?:ing)? time\s*:?\s*(?:\d+\s*min(?:ute)?s?\.?)?|min(?:ute)?s? read|"
    r"read more|continue reading|weiterlesen|lire la suite|leer más|read (?:the |our )?full review|read (?:the |our )(?:full )?.{1,60} review|"
    r"(?!.*\.\s*$)(?:(?:buy|shop|order)(?: it)?(?: now)?|(?:check|see|compare) (?:the )?(?:latest |current )?prices?)(?: (?:on|at|from|@) (?-i:[A-Z0-9])\S*(?: \S+){0,3})?|"
    r"(?:was|is|did you find) this (?:article|page|post|story|content|information|answer) (?:helpful|useful)|rate this (?:article|post|story|page)|"
    r"\d+\s?% of (?:people|readers|users) found this (?:article|page|post|story) helpful|click (?:a|the|on a) stars? to (?:rate|add your vote|vote)|"
    r"(?:thanks?|thank you) for (?:subscribing|signing up)(?:[.!]|\W*$).*|(?:\W*\w+\W+)?you(?:[’']re| are) (?:now )?(?:subscribed|signed up)\W*$|"
    # an affiliate link set as a button ("View Deal", "To the Offer")
    r"(?:to the|go to(?: the)?|view|see|get|claim|grab|check) (?:the )?(?:deals?|offers?|review|shop|store|availability)|"
    r"share this(?: \w+)?|follow us(?: on [\w ,&]+)?|click to share.*|(?:like )?loading(?:\.{3}|…)?|pin (?:it|this|for later)|pinterest image|listen to (?:this )?(?:article|story)(?: \w+){0,6})\W*$|"
    r"(?=.{0,60}$)(?:last )?updated:?\s+(?=.*(?:\d|\bago\b))[\w ,.:]+$|"
    r"(?:copyright\s*)?©[^\n]{0,100}$|\(?visited [\d,]+ times?\b.{0,60}$|this (?:work|article|post|content|page) is licensed under\b.{0,160}$|"
    r"(?=.{0,120}$)(?:(?:starting at|starts at|from|as low as|only|now)\s*[$€£]\s?\d[\d,.]*(?:\s*(?:/|per)\s*\w+)?\W*$|"
    # a product card's price at a shop, its stock, its shop link: "$949.00 from Walmart", "Currently unavailable", "Shop Pico @ Acme"
    r"[$€£]\s?\d[\d,.]*\s+(?:from|at|on|@)\s+(?-i:[A-Z0-9])\S*(?: \S+){0,3}(?<!\.)$|(?:currently )?(?:unavailable|out of stock|in stock|sold out)\W*$|(?:shop|buy) [^@]{1,40} @ .{1,40}$|"
    r".*\b(?:use|with|enter) (?:the )?(?:coupon|promo|discount) code\b|get (?:up to )?[$€£]?\d+%? off\b)|"
    r"(?=.{0,200}$)(?:(?:posted in|filed (?:under|in)|tagged(?: with| as)?)\s*:?|(?:categor(?:y|ies)|tags?|topics?|keywords?|schlagwörter|themen)\s*:)\s+[^.!?]*$|"
    # a dateline or byline: "Posted by … on <date>", "Updated: <date>", "By Jane Doe, <date>" (not "By the end of 2025")
    r"(?=.{0,120}$)(?!.*[:.!?]\s*$)(?:(?:posted|published|updated|last updated|written)\s*:?\s+(?:by\s|on\s|(?-i:[A-Z0-9]))|by\s+(?!(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december)\b)(?-i:[A-Z])[\w.'’-]*(?:(?:\s+|\s+(?:and|&)\s+)(?-i:[A-Z])[\w.'’-]*){0,3}\s*(?:[,|·•—–-]|\bon\b|\bupdated\b|\bpublished\b)).{0,100}"
    r"(?:\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b).*$|"
    r"(?:view all|see all|show all|open gallery|view gallery|slideshow|gallery|alle anzeigen|zur bildergalerie|voir tout)\W*\(?\d*\s*(?:images?|photos?|pictures?|bilder|fotos)?\)?\W*$|"
    r"\[\s*(?:sign up|subscribe|get|join|read|also read|see also|related|want more|don[’']t miss|check out|listen|watch|click|download|abonnieren|melden sie sich)[^\]]{0,160}\]\W*$|"
    r".*\b(?:we|(?:site|page|article|post|story|links?|purchases?)\b.{0,40}|\w[\w-]*\.(?:com|org|net|io|co(?:\.uk)?)) (?:may )?(?:earns?|receives?) (?:a |an )?(?:small )?(?:commissions?|affiliate)|"
    # a pointer to the site's editorial policy ("Explore our Editorial Policy to learn more about our standards")
    r"(?=(?:\S+\s+){0,15}\S+\W*$).*\bour editorial (?:policy|guidelines|standards|process)\b.*|"
    r".*\b(?:chosen|selected) independently by our editors|.*\bsupported by commissions\b|"
    r".*\b(?:purchases|links)\b.{0,60}\b(?:earn|give)s? us (?:a |an )?(?:small )?(?:commission|affiliate)|"
    r".*\b(?:sign up (?:for|to)|subscribe to) our \w*\s?newsletter|(?:.*[,:;.!?—–]\s+)?(?:sign up (?:for|to)|subscribe to) the \w*\s?newsletter|"
    r".*\b(?:delivered|sent) (?:right |straight |directly )?to your inbox|"
    r"editor[’']s note: this (?:article|story) (?:also |originally )?appeared)",
    re.I,
)
# a short line that asks the reader to act for the site: a bare offer or button ("Book a free demo today",
# "Sign up"), or a line in the site's voice ("Contact us", "Fill out the form to get our guide"); advice
# to the reader ("Get a quote from three builders", "Talk to an adviser", "Register to vote") stays
_CALL_TO_ACTION = re.compile(
    r"^(?=.{0,160}$)\W*(?:"
    r"(?:contact|email|e-mail|message|text) us\b|call us(?:\W*$|\s+(?:at|on|today|now|toll|for|\d|\+))|"
    r"contact (?:our |the )?(?:staff )?(?:writer|reporter|editor|author|newsroom)\b|"
    r"(?:reach out|talk|speak|chat|get in touch)(?: (?:to|with))? (?:us|our (?:team|experts?|specialists?))\b|"
    r"live chat(?: with us)?\W*$|(?:please )?(?:fill out|fill in|complete|submit) (?:the|this|our) form\b(?=.*\b(?:us|our|below|above|here)\b|\W*$)|"
    r"(?:schedule|book|request|get|claim|start|try|sign up for|register for) (?:(?:a|an|your|our) )?"
    r"(?:(?:free|personali[sz]ed|custom|quick|live|no-obligation|complimentary|\d+-day) )*"
    r"(?:demo|quote|consultation|trial|estimate|assessment|audit|discovery call)(?: (?:today|now|here|online|with us|(?:from|with) (?-i:[A-Z])\S*(?: (?-i:[A-Z&])\S*){0,3}))?(?:\W*[(+]?\d[\d ()+.-]{6,})?\W*$|"
    r"(?:would you like|do you want) to (?:receive|get) (?:notifications|updates|alerts)\b|"
    r"check out our (?:\w+ ){0,2}(?:courses?|offerings?|products?|services?|plans?|pricing)\b|"
    # the site pointing to more of itself ("If you want to learn more, check out all our Nuuly reviews.")
    r"(?:[^.!?]{0,80}?[,:–—]\s*)?"
    r"(?:check out|see|read|browse|explore) (?:all |more of )?our (?:\S+ ){0,5}(?:reviews?|guides?|articles?|posts?|coverage|stories)\W*$|"
    r"(?:check out|see|read|don[’']t miss) (?:another|more of our|our (?:other|latest|previous|full|complete)) (?:\S+ ){0,3}(?:reviews?|guides?|articles?|posts?|stories)\b|"
    r"(?:sign[ -]?up|register|subscribe|enrol+|join)(?: (?:for|to|with) (?:us|our \S+|free|updates|(?-i:[A-Z])\S*(?: (?-i:[A-Z])\S*)?))?(?: (?:today|now|for free))?\W*$|"
    r"(?:start now|get started|learn more|find out more|try (?:it )?(?:now|free|for free))\W*$|"
    r"(?:.*\bsign up\b.*|(?:get|receive|have)\b.{0,80})\b(?:to|in|into) your inbox\W*$)",
    re.I,
)
# a request for money or membership anywhere in a paragraph of an appeal ("please consider pitching in")
_APPEAL = re.compile(
    r"\b(?:support (?:our|independent|local) (?:journalism|mission|work|reporting|newsroom)|(?:make|consider making) a (?:tax-deductible |one-time |monthly )?"
    r"(?:donation|gift)|please consider (?:donating|supporting|pitching in|a donation|making a)|become a (?:member|supporter|patron) today|"
    r"small favou?r to ask|donate (?:now|today)|our (?:\w+ ){0,3}fundraising (?:campaign|effort|drive)|"
    r"your (?:tax-deductible )?(?:donation|gift|contribution) (?:today |now )?(?:helps|will|is|goes|makes))\b",
    re.I,
)
# the site speaking about the article: a disclaimer that its views are the authors' own ("The views expressed by
# the authors of this blog are their own…"), a line that says who wrote or produced it or where it first appeared
# ("This story about X was written by Y and produced by Z…", "Jane Doe contributed to this report"); not a report's
# or a speaker's disclaimer that the article quotes ("The views expressed in the report do not necessarily reflect…, the foreword says")
_STATEMENT = re.compile(
    r"^(?:"
    r"(?!.*\b(?:said|says|according to|the report|the study|the paper)\b)(?:the )?(?:views?|opinions?)(?: and (?:views?|opinions?))? expressed\b"
    r"(?=.{0,160}\b(?:(?:this|the|our) (?:blog|site|website|article|post|column|publication|podcast|piece|newsletter|story|page|commentary|op-ed)\b"
    r"|(?:author|contributor)s?(?:\(s\))?\b|(?:their|our) own\b)).{0,200}?"
    r"\b(?:(?:are|is) (?:solely |purely |entirely )?(?:their|our|the authors?(?:\(s\))?[’']?s?|those of the (?:authors?|contributors?|writers?)(?:\(s\))?)|do(?:es)? not necessarily (?:reflect|represent))|"
    r"this (?:story|article|piece|post|column|interview)\b(?: (?:about|on) [^.]{1,80}?)? (?:was|is) (?:(?:originally|first) (?:published|appeared) (?:in|on|at|by)\b|"
    r"(?:jointly )?(?:written|produced|reported|published|co-published|copublished)\b(?: \w+){0,3}? (?:by|with|for|from|in (?:partnership|collaboration|association|cooperation))\b)|"
    r"(?:(?-i:[A-Z])[\w.'’-]*,? (?:(?:and|&) )?){1,8}contributed (?:reporting |research )?to this (?:article|story|report|piece|content|post)(?![’'\w])|"
    r"(?:dieser|der) (?:artikel|beitrag|text) (?:erschien|wurde) (?:zuerst|ursprünglich|erstmals)\b|"
    r"cet article a (?:été )?(?:initialement |d[’']abord )?(?:publié|paru)\b|les (?:opinions|propos) .{0,80}n[’']engagent que\b|"
    r"este (?:artículo|texto) (?:fue|se) (?:publicado|publicó) (?:originalmente|primero)\b|las opiniones expresadas .{0,120}(?:no reflejan necesariamente|son (?:de )?(?:exclusiva )?responsabilidad)\b)",
    re.I,
)
# the most words of such a statement
_STATEMENT_WORDS = 80
# the site offering its own product ("Take our free sample driving test – no registration required!", "start a free
# 14-day trial (no credit card required!)"): an offer to the reader, and the site's voice or the strings it comes without
_OFFER = re.compile(
    r"(?:^|[.!?:;–—]\s+|\bor\s+)(?:take|try|use|download|get|grab|claim|start|join)\s+(?:our|a|your)\s+free\s+(?:\d+[- ]day\s+)?"
    r"(?:trial|test|quiz|tool|app|account|demo|version|plan|course|class|lesson|guide|e-?book|checklist|template|assessment|consultation|sample\b)|"
    # the site's own tool ("Use our Find-a-Mover tool to compare estimates", "Compare movers with our mortgage calculator")
    r"(?:^|[.!?:;–—]\s+|\W\s*)(?:use|try)\s+our\s+(?:\S+\s+){0,3}?(?:tool|calculator|estimator|quiz|finder|app)\b|\b(?:with|using)\s+our\s+(?:\S+\s+){0,3}?(?:tool|calculator|estimator|finder)\W*$",
    re.I,
)
_NO_STRINGS = re.compile(r"\bno (?:registration|credit card|sign-?up|download|commitment)s? (?:is )?(?:required|needed|necessary)\b", re.I)
# the most words of a paragraph that offers the site's product
_OFFER_WORDS = 60
# the most words of a paragraph that is an appeal: a longer one is the article's own
_APPEAL_WORDS = 100
# the site speaking for itself: an appeal without it (or in quotation marks) is someone else's, which the article reports
_SITE_VOICE = re.compile(r"\b(?:we|we[’']re|us|our|this (?:site|story|article|one|journalism|reporting|work|newsroom|newsletter|podcast))\b", re.I)
_QUOTED = re.compile(r"[“”\"«»„]")
# the most words of a bare appeal or button ("Donate today")
_BUTTON_WORDS = 4
# a button or a link line set as a paragraph of its own: a verb and a name ("Try Stitch Fix", "Shop Basic Man",
# "Get NordVPN", "Learn more about the Acme Program"); as a heading it names a section ("Try Tai Chi")
_NAME_WORD = r"(?:(?-i:[A-Z0-9])[\w.&'’+-]*|the|and|&|of|for|by)"
_BUTTON = re.compile(
    rf"^\W*(?:(?:try|shop|get|buy|order|download|install)\s+(?-i:[A-Z0-9])[\w.&'’+-]*(?:\s+{_NAME_WORD}){{0,3}}\W*$|"
    # a link line under a card: "Learn more about the Wharton MBA Program" (not a sentence)
    r"(?:learn|find out|read|discover) more about\s+[^.!?]{1,80}$)",
    re.I,
)


def notice_rule(text: str) -> str:
    """Why a line is a site notice ("": it is not one)."""
    line = text.strip()
    if _NOTICE.match(line) or (_STATEMENT.match(line) and len(line.split()) <= _STATEMENT_WORDS):
        return "site notice"
    return "call to action" if _CALL_TO_ACTION.match(line) or _is_appeal(line) or _is_offer(line) else ""


def _is_appeal(line: str) -> bool:
    """A request for money or membership by the site: a button, or a short paragraph in its voice."""
    words = len(line.split())
    if words > _APPEAL_WORDS or not _APPEAL.search(line):
        return False
    return words <= _BUTTON_WORDS or (bool(_SITE_VOICE.search(line)) and not _QUOTED.search(line))


def _is_offer(line: str) -> bool:
    """A short paragraph that offers the site's own product, not inside a quotation."""
    found = _OFFER.search(line)
    if found is None or len(line.split()) > _OFFER_WORDS:
        return False
    before = line[: found.start()]
    quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    return not quoted and bool(_SITE_VOICE.search(line) or _NO_STRINGS.search(line))


MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# a full date: "Dec 18, 2025", "3 January, 2025", "2025-12-17", "05/03/2026"
_DATE = re.compile(
    rf"\b(?:{MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.? {MONTH}\.?,? \d{{4}}|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b",
    re.I,
)
# what a dateline holds beside its date: a reading time and the words that introduce a date or a name
_READING_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+read\b", re.I)
_DATELINE_WORDS = re.compile(r"\b(?:(?:last )?updated|published|posted|written|on|by|at)\b\s*:?", re.I)
# a sentence's end, a range of dates (an event's, not the article's), or a label before the date ("Deadline: March 31")
_NOT_A_DATELINE = re.compile(rf"[.!?:]\s*$|\d\s*[–-]\s*(?:\d|{MONTH})|^\W*(?!(?:last )?updated|published|posted|written|by)\w+(?: \w+)?\s*:", re.I)
# "By Jane Doe", "Written by A. J. Neal and Sam Lee": a line that is only a byline
_BYLINE = re.compile(r"^\W*(?:(?:written|posted|reviewed|edited|words|story|text|photos?) )?by:?\s+((?:[\w.'’-]+\s*(?:,|\band\b|&)?\s*){1,6})$", re.I)
# words that open a phrase, not a name ("By The Numbers")
NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "our", "your", "my", "his", "her", "its", "their", "all", "any", "some", "no", "every", "now", "then", "far", "way"}


def _names_only(words: list[str], most: int) -> bool:
    """Words that can be a name or two: at most ``most``, each capitalised, none a word that opens a phrase."""
    names = [w for w in words if w.lower() != "and"]
    return len(names) <= most and all(w[0].isupper() and w.lower() not in NOT_NAMES for w in names)


def is_dateline(text: str) -> bool:
    """A line that is only a date (with at most a name, a reading time, "Published on")
    or only a byline: the page's metadata set as text, not the article's words.

    >>> [is_dateline(t) for t in ("Dec 18, 2025 · 15 min read", "Zach Lee | May 22, 2025", "Published on: February 14, 2025", "By A. J. Neal", "by Jo Tan—10 min read")]
    [True, True, True, True, True]
    >>> [is_dateline(t) for t in ("As of July 31, 2025, the FDA has received:", "Tate Britain, October 2, 2025 – February 15, 2026", "By The Numbers")]
    [False, False, False]
    """
    text = text.strip()
    if len(text) > 120 or _NOT_A_DATELINE.search(text):
        return False
    if not _DATE.search(text) and not _READING_TIME.search(text):
        byline = _BYLINE.match(text)
        return byline is not None and _names_only(re.findall(r"[\w.'’-]+", byline.group(1)), 6)
    return _names_only(re.findall(r"[\w.'’-]+", _DATELINE_WORDS.sub(" ", _READING_TIME.sub(" ", _DATE.sub(" ", text)))), 4)


def block_notice(block: Block, amid: bool = False) -> str:
    """Why a paragraph, quote or bold line (a heading below the headline) is a site
    notice ("": it is not one). A date or a byline alone is one, but not as a heading,
    nor ``amid`` the article's prose (over a paragraph it introduces) without a word
    that makes it a byline: a timeline's headings and bold lines are dates
    ("Election Day, November 5, 2024"); a teaser card's date between headings goes."""
    if not isinstance(block, (Paragraph, Quote, Heading)) or getattr(block, "role", "") == "date" or getattr(block, "level", 0) == 1:
        return ""
    bare = amid and not _DATELINE_WORDS.search(block.text) and not _READING_TIME.search(block.text)
    dateline = not isinstance(block, Heading) and not bare and is_dateline(block.text)
    button = isinstance(block, Paragraph) and bool(_BUTTON.match(block.text))
    return notice_rule(block.text) or ("call to action" if button else "") or ("site notice" if dateline else "")
