"""Back matter and in-body boilerplate that other extractors keep too: sections
under a heading that names them (references, author box, related stories),
citation lists, runs of teaser cards, tables of contents, promo boxes, and the
lines that :mod:`~heardline.extract.notices` finds are site notices.

Each rule works on the kind of block, never on one site's markup.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block, Figure, Heading, LeftOut, ListBlock, Paragraph, Quote, Related
from .notices import BY, MONTH, NOT_NAMES, READ_ALSO, block_notice, is_button_link, notice_rule

# headings that open a section which is not the article (several languages)
_BACK_MATTER_HEADING = re.compile(
    rf"^\W*(?:{READ_ALSO}|references?|reference list|bibliography|notes|footnotes|endnotes|citations?|works cited|"
    r"external links|(?:further|additional|suggested) reading(?: (?:on|about) [^.!?]{1,60})?|categories|(?:article )?sources?|(?:helpful|useful|other|quick) links|"
    r"about the authors?|meet the author|author bio|written by|latest posts by|more by|more from(?: \S+){0,5}|"
    r"more (?:\w+ ){0,2}(?:articles|stories|posts|news|reads|guides|videos)(?: (?:you (?:may|might) (?:also )?(?:like|enjoy)|like this))?|"
    r"(?:\w+ ){0,2}(?:articles|stories|posts) you (?:may|might) (?:also )?(?:like|enjoy)|"
    r"related(?: posts| articles| stories| content| reading| reads| links| coverage| topics)?|(?:if you (?:liked|enjoyed) this(?: \w+)?,? )?you (?:may|might) also (?:like|enjoy)|"
    r"recommended(?: for you| reading| articles| stories| posts)?|read next|more stories|"
    r"(?:popular|trending|latest|recent) (?:posts|articles|stories|news)|most read|keep reading|up next|share(?: this(?: \w+)?)?|"
    r"comments?|leave a (?:reply|comment)|join the discussion|tags|topics|filed under|"
    r"einzelnachweise|literatur|weblinks|quellen|anmerkungen|das könnte sie auch interessieren|"
    r"références|notes et références|bibliographie|liens externes|sur le même sujet|"
    r"referencias|bibliografía|enlaces externos|véase también|notas|"
    r"referências|ligações externas|ver também|riferimenti|note|collegamenti esterni|voci correlate|"
    # more of the site, read-alsos, comments, author boxes and sharing in German, French, Spanish, Italian, Portuguese and Dutch
    # ("Mehr zu Klima und Konsum", "À lire également", "Noticias relacionadas", "Leggi anche", "Leia também", "Meer over Utrecht")
    r"\d+ (?:comments?|responses?|replies|kommentare|antworten|commentaires?|réactions|comentarios|commenti|comentários|reacties)|"
    r"mehr zu (?:diesem|dem) thema|(?:zum )?weiterlesen|weitere (?:artikel|beiträge|meldungen|nachrichten|themen)|(?:unsere )?lesetipps|"
    r"das könnte sie (?:auch )?interessieren|lesen sie auch|(?:ähnliche|verwandte|empfohlene) (?:artikel|beiträge|themen)|meistgelesen(?:e artikel)?|"
    r"kommentare|über (?:den autor|die autorin|die autoren)|(?:diesen )?artikel teilen|teilen|schlagworte|kategorien?|"
    r"(?:à )?lire (?:aussi|également)|(?:ailleurs )?sur le web|(?:articles?|contenus?) (?:similaires|liés|associés|recommandés)|dans la même rubrique|sur le même thème|"
    r"(?:les )?plus lus|(?:à découvrir|vous aimerez) aussi|vous (?:pourriez|aimerez) (?:aussi |également )?(?:aimer|lire)|commentaires?|à propos de l['’]auteur|partag(?:er|ez)(?: cet article)?|"
    r"(?:noticias|artículos|contenidos?) relacionad[oa]s|(?:también )?te (?:puede|podría) interesar|lo más (?:leído|visto)|(?:las )?más leídas|comentarios|sobre el autor|"
    r"compart(?:e|ir)(?: este artículo)?|le[ae] también|fuentes|"
    r"(?:articoli|notizie) correlat[ei]|(?:ti )?potrebbe(?:ro)? (?:anche )?interessar(?:ti|e)|(?:i )?più letti|commenti|(?:sull['’])?autore|"
    r"condividi(?: questo articolo)?|altr[ei] (?:notizie|articoli)|fonti|bibliografia|"
    r"(?:notícias|artigos|matérias) relacionad[oa]s|(?:as )?mais lidas|comentários|sobre o autor|compartilhe|partilhe|"
    r"(?:você )?(?:também )?pode gostar|fontes|"
    r"gerelateerde (?:artikelen|berichten|verhalen)|meest gelezen|reacties|over de auteur|deel dit artikel|"
    r"bronnen|literatuur|externe links|voetnoten|referenties|dit vind je misschien ook interessant)\W*$",
    re.I,
)
# a heading over more of the site on a topic ("Mehr zu Klima und Konsum", "Meer over Utrecht"): back matter, but not
# over a full paragraph, where it is the article's section ("Mehr zu Fuß gehen", "Mais sobre Lisboa")
_MORE_ON_HEADING = re.compile(
    r"^\W*(?:mehr (?:zu[mr]?|aus|von) (?-i:[A-ZÄÖÜ])\S*(?: \S+){0,4}|más (?:sobre|noticias de) (?-i:[A-ZÁÉÍÓÚÑ])\S*(?: \S+){0,4}|"
    r"mais sobre (?-i:[A-ZÁÉÍÓÚÃÕÇ])\S*(?: \S+){0,4}|meer over (?-i:[A-Z])\S*(?: \S+){0,4})\W*$",
    re.I,
)
# "More Proof Points", "MORE WORKFLOWS": after the article's last full paragraph, a heading over more of the
# site, in title case ("More rain tomorrow", "More to come" are the article's)
_MORE_HEADING = re.compile(r"^\W*(?i:more)(?! (?i:information|info|details)\b)(?: (?:[A-Z0-9][\w’'&-]*|&)){1,3}\W*$")
# the most words of a line that labels a section as a heading would, not counting an opening "If you liked this post"
_LABEL_WORDS = 5
_IF_YOU_LIKED = re.compile(r"^\W*if you (?:liked|enjoyed) this(?: \w+)?,?\s+", re.I)
# the fewest words of a full paragraph of the article
_FULL_PARAGRAPH = 25
# a table of contents is its list of entries: a paragraph of this many words under it is the article's
_TOC_ENTRY_WORDS = 12
# headings of a table of contents: only the list under them goes
_TOC_HEADING = re.compile(
    r"^\W*(?:table of contents|contents|in this (?:article|post|guide)|on this page|inhalt|inhaltsverzeichnis|sommaire|índice|contenido|"
    r"inhaltsübersicht|in diesem artikel|table des matières|dans cet article|en este artículo|indice|in questo articolo|sumário|neste artigo|inhoud(?:sopgave)?|in dit artikel)\W*$",
    re.I,
)
# a line that is a citation: author lists with initials, DOIs, PubMed ids, "retrieved/accessed on", "et al."
# before a year or a title (not "Jones et al. found", a science story's sentence)
_CITATION = re.compile(
    r"(?:\b[A-Z][a-zà-ÿ'’-]+ [A-Z]{1,3}(?:,| and| &)\s+){2,}"
    r"|\bdoi:\s*10\.|\bdoi\.org/|\bPMID\b|\bPMC\d|\bISBN\b|\bet al\.(?:,?\s*\(?(?:19|20)\d\d[a-z]?\)?[.,;:]|\s+(?-i:[A-Z]))|"
    r"\b(?:retrieved|accessed|consulted|archived)(?: on)?\s+(?:\d|[A-Z][a-z]+ \d)",
)
# an item of a carousel's or a pager's row of buttons: "1", "2", "‹", "Next"
_PAGER_ITEM = re.compile(r"^\W*(?:\d{1,2}|next|prev(?:ious)?)?\W*$", re.I)
# "[38]", "[12, 14]", "[a]", "[citation needed]" inside sentences
_MARKER = re.compile(r"\s?\[(?:\d{1,3}(?:[,–-]\s?\d{1,3})*|[a-z]|citation needed|note \d+)\]")


def strip_markers(text: str) -> str:
    """Citation markers taken out of a sentence.

    >>> strip_markers("The river froze in 1963.[38] It thawed in March [12, 14].")
    'The river froze in 1963. It thawed in March.'
    """
    return _MARKER.sub("", text)


def _first_words(text: str) -> str:
    parts = text.split()
    return " ".join(parts[:8]) + (" …" if len(parts) > 8 else "")


def _text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    return getattr(block, "text", "") or ""


def is_citation(text: str) -> bool:
    """A reference-list entry.

    >>> is_citation("Murnane E, Huffaker D, Kossinets G. Mobile health apps. 2015.")
    True
    >>> is_citation("The mayor said the bridge would close in May.")
    False
    """
    return bool(_CITATION.search(text))


def remove_end_matter(blocks: list[Block], authors: tuple[str, ...] = ()) -> tuple[list[Block], list[LeftOut]]:
    """Blocks without back-matter sections, citation runs, teaser runs, an author
    box at the end (by the ``authors`` the page names) and notices."""
    left: list[LeftOut] = []
    blocks = _drop_sections(blocks, left)
    blocks = _drop_contents_lists(blocks, left)
    blocks = _drop_author_box(blocks, authors, left)
    blocks = _drop_citations(blocks, left)
    blocks = _drop_teaser_runs(blocks, left)
    blocks = _drop_promo_boxes(blocks, left)
    out: list[Block] = []
    first, last = _first_prose(blocks), _last_prose(blocks)
    for i, b in enumerate(blocks):
        rule = block_notice(b, first < i < last and isinstance(blocks[i + 1], Paragraph))
        if rule:
            left.append(LeftOut(_first_words(_text(b)), rule))
            continue
        if isinstance(b, ListBlock) and len(b.items) > 1 and all(_PAGER_ITEM.match(item) for item in b.items):
            left.append(LeftOut(_first_words(_text(b)), "slide or page numbers"))
            continue
        rules = _item_rules(b.items) if isinstance(b, ListBlock) else []
        if isinstance(b, ListBlock) and any(rules):
            left += [LeftOut(_first_words(item), rule) for item, rule in zip(b.items, rules) if rule]
            items = tuple(item for item, rule in zip(b.items, rules) if not rule)
            if not items:
                continue
            b = replace(b, items=items)
        if isinstance(b, Paragraph) and _MARKER.search(b.text) and not b.spans:
            b = Paragraph(text=strip_markers(b.text), role=b.role, lang=b.lang)
        elif isinstance(b, ListBlock) and any(_MARKER.search(item) for item in b.items):
            b = ListBlock(ordered=b.ordered, items=tuple(strip_markers(item) for item in b.items), lang=b.lang)
        out.append(b)
    return _drop_card_titles(out, left), left


def _item_rules(items: tuple[str, ...]) -> list[str]:
    """Why each item of a list is a site notice ("": it is not one). A call to action
    beside items that are not notices is a step ("Register", "Find your polling place", "Vote")."""
    rules = [notice_rule(item) for item in items]
    steps = not all(rules)
    return ["" if steps and rule == "call to action" else rule for rule in rules]


# a promo box: a short heading, at most this many short lines under it, then a call to action
_PROMO_LINES = 2
_PROMO_LINE_WORDS = 25
_PROMO_HEADING_WORDS = 15


def _drop_promo_boxes(blocks: list[Block], left: list[LeftOut]) -> list[Block]:
    """The heading and the short pitch over a call to action ("Harbour File Transfer",
    "Use the fastest … service", "Sign up"): a box that sells, not a section of the article.
    The call to action itself goes with the notices."""
    drop: set[int] = set()
    for i, b in enumerate(blocks):
        if block_notice(b) != "call to action" and not (isinstance(b, Related) and (is_button_link(b.text) or notice_rule(b.text))):
            continue
        j = i - 1
        while j >= 0 and i - j <= _PROMO_LINES and isinstance(blocks[j], Paragraph) and len(_text(blocks[j]).split()) <= _PROMO_LINE_WORDS:
            j -= 1
        head = blocks[j] if j >= 0 else None
        sibling = isinstance(b, Heading) and isinstance(head, Heading) and b.level <= head.level  # a how-to's next step ("Register")
        if isinstance(head, Heading) and head.level != 1 and len(head.text.split()) <= _PROMO_HEADING_WORDS and j not in drop and not sibling:
            left.append(LeftOut(_first_words(head.text), "promo box"))
            drop.update(range(j, i))
    return [b for k, b in enumerate(blocks) if k not in drop]


def _drop_sections(blocks: list[Block], left: list[LeftOut]) -> list[Block]:
    """A heading that names back matter goes with everything up to the next heading of its level or above;
    a table of contents with its entries, up to the next heading or paragraph of prose."""
    out: list[Block] = []
    skipping: int | None = None
    cards_end = 0  # a box of teaser cards under a back-matter heading ends here
    last_prose = _last_prose(blocks)
    for i, b in enumerate(blocks):
        if i < cards_end:
            if isinstance(b, Heading):
                left.append(LeftOut(_first_words(b.text), "list of teasers"))
            continue
        if isinstance(b, Heading):
            if skipping is not None and b.level <= skipping:
                skipping = None
            if skipping is not None and skipping >= 9:
                skipping = None  # the list under a table of contents ends at any heading
            if skipping is None and b.level > 1 and _TOC_HEADING.match(b.text.strip()):
                skipping = 9
                left.append(LeftOut(_first_words(b.text), "table of contents"))
                continue
            cards_end = _card_run(blocks, i)
            more = _MORE_HEADING.match(b.text.strip()) and (i > last_prose or cards_end > i + 1)
            topic = _MORE_ON_HEADING.match(b.text.strip()) and not _is_full(blocks[i + 1] if i + 1 < len(blocks) else b)
            named = _BACK_MATTER_HEADING.match(b.text.strip()) or topic or more
            if skipping is None and b.level > 1 and named:
                left.append(LeftOut(_first_words(b.text), "back matter section"))
                if cards_end == i + 1 and not _amid_prose(blocks, i, last_prose):
                    skipping = b.level
                continue
            cards_end = 0
        text = b.text if isinstance(b, Paragraph) else ""
        label = bool(text) and (_is_label(text) or (i == len(blocks) - 1 > last_prose and _is_label(text + ":")))  # last, it needs no colon ("Sur le web")
        if skipping is None and label and (i > last_prose or _short_tail(blocks, i) and not any(isinstance(n, Heading) for n in blocks[i:])):
            skipping = 6  # a label line ("Related reads:") after the article: its section ends at any heading
            left.append(LeftOut(_first_words(text), "back matter section"))
            continue
        if skipping is not None and skipping >= 9 and isinstance(b, (Paragraph, Quote)) and len(b.text.split()) >= _TOC_ENTRY_WORDS:
            skipping = None  # prose after a table of contents: the article begins without a heading
        if skipping is not None:
            continue
        out.append(b)
    return out


# the most words of the line under a teaser card's title, and the fewest of the title (another article's)
_CARD_WORDS = 30
_CARD_TITLE_WORDS = 4


def _past_media(blocks: list[Block], at: int) -> int:
    """The first block from ``at`` on that is not a picture or a link."""
    while at < len(blocks) and isinstance(blocks[at], (Figure, Related)):
        at += 1
    return at


def _is_card_title(block: Block, level: int) -> bool:
    return isinstance(block, Heading) and block.level == level and len(block.text.split()) >= _CARD_TITLE_WORDS


def _card_run(blocks: list[Block], at: int) -> int:
    """Where the teaser cards right under the heading at ``at`` end: two or more
    headings of its level, each over at most one short line, pictures and links
    ("More Workflows" over three other articles' titles and standfirsts); ``at + 1``: none."""
    heading = blocks[at]
    ends: list[int] = []
    j = _past_media(blocks, at + 1)
    while isinstance(heading, Heading) and j < len(blocks) and _is_card_title(blocks[j], heading.level):
        k = _past_media(blocks, j + 1)
        if k < len(blocks) and isinstance(blocks[k], Paragraph) and len(blocks[k].text.split()) <= _CARD_WORDS:  # type: ignore[union-attr]
            k = _past_media(blocks, k + 1)
        if k < len(blocks) and not isinstance(blocks[k], Heading):
            break  # more than a card's line under it: a section of the article
        ends.append(k)
        j = k
    return ends[-1] if len(ends) >= 2 else at + 1


def _amid_prose(blocks: list[Block], at: int, last_prose: int) -> bool:
    """Whether the back-matter heading at ``at`` is left alone in the article's
    prose (a box of related links the vote took away, its heading left): a full
    paragraph right under it, and another (the last, at ``last_prose``) after the
    next heading of its level or above."""
    heading = blocks[at]
    nxt = blocks[at + 1] if at + 1 < len(blocks) else None
    if not isinstance(heading, Heading) or not (isinstance(nxt, Paragraph) and len(nxt.text.split()) >= _FULL_PARAGRAPH):
        return False
    end = next((j for j in range(at + 1, len(blocks)) if isinstance(blocks[j], Heading) and 0 < blocks[j].level <= heading.level), len(blocks))  # type: ignore[union-attr]
    return last_prose >= end


# the verbs a third-person author bio opens with ("Jane Doe is a reporter …")
_BIO_VERB = (
    r"(?:is|was|has|holds|writes|covers|lives|joined|serves|leads|loves|enjoys|specializes|specialises|"
    # and in German, French, Spanish, Italian, Portuguese, Dutch ("Anna Berger ist Redakteurin …", "Claire Martin est journaliste …")
    r"ist|war|arbeitet|schreibt|lebt|berichtet|est|était|travaille|écrit|vit|fue|trabaja|escribe|vive|è|era|lavora|scrive|é|foi|trabalha|escreve|werkt|schrijft|woont)\b"
)
# the most words an author box at the end holds
_BOX_WORDS = 250
# the most blocks an author box at the end spans (name, roles, bio, contact line)
_BOX_BLOCKS = 12
# a title before a person's name and the credentials after it ("Dr. Jane Doe, DVM", "John Roe CPP, PSP")
_TITLE = r"(?:(?:dr|mr|mrs|ms|prof)\.?\s+)?"
_CREDENTIALS = r"(?:,?\s+(?-i:[A-Z][A-Z.]{1,5})\W?)*"
_NAME_LIST = re.compile(r"\s*(?:,|&|\||\band\b|\bund\b|\bet\b)\s*")


def _person_names(authors: tuple[str, ...]) -> list[str]:
    """The people a page's author field names, one by one and without credentials.

    >>> _person_names(("Jane Doe and John Roe, The Daily Bugle", "Max Mustermann CPP, PSP", "Staff"))
    ['Jane Doe', 'John Roe', 'The Daily Bugle', 'Max Mustermann']
    """
    names: list[str] = []
    for field in authors:
        for part in _NAME_LIST.split(field):
            words = part.split()
            while words and re.fullmatch(r"[A-Z][A-Z.]{1,5}\W?", words[-1]):
                words.pop()  # credentials: CPP, PhD is not all capitals but MD, DVM are
            if len(words) >= 2 and " ".join(words) not in names:
                names.append(" ".join(words))
    return names


# "By Jane Doe", "About Acme Inc": a line that introduces a name
_INTRODUCING = rf"about|written by|über|à propos de|sobre|over|{BY}"
_INTRODUCES = re.compile(rf"^\W*(?:{_INTRODUCING})\s+(\w[\w.'’& -]{{1,40}}?)\W*$", re.I)


# a label over an author's bio, on a line of its own or before the bio: "Reviewed by", "About the author:"
_BIO_LABEL = r"(?:about the author|(?:written|reviewed|medically reviewed|fact[- ]checked|edited) by)"
_LABEL_ALONE = re.compile(rf"^\W*{_BIO_LABEL}\W*$", re.I)
# the name a bio under such a label opens with: two to four capitalised words before a bio verb
_BIO_NAME = re.compile(rf"^(?:{_BIO_LABEL}\W*)?{_TITLE}((?-i:[A-Z][\w.'’-]+)(?: (?-i:[A-Z][\w.'’-]+)){{1,3}}){_CREDENTIALS},?(?: \w+){{0,3}}? {_BIO_VERB}", re.I)


def _labelled_bio(b: Block, nxt: Block) -> str:
    """The name of the bio a label introduces: "Reviewed by" over "Jane Doe is …", or
    "About the author: Jane Doe is …" in one paragraph ("": none)."""
    if isinstance(b, (Heading, Paragraph)) and _LABEL_ALONE.match(b.text) and isinstance(nxt, Paragraph):
        found = _BIO_NAME.match(nxt.text)
    elif isinstance(b, Paragraph) and re.match(rf"^\W*{_BIO_LABEL}\W", b.text, re.I):
        found = _BIO_NAME.match(b.text)
    else:
        found = None
    return found.group(1) if found else ""


def _introduced_names(blocks: list[Block]) -> list[str]:
    """Names that a short line near the end introduces and the next paragraph
    describes ("By Acme" then "Acme is a …"): an author or a company box. A name
    the article's prose speaks of ("About Lisbon" after a guide to Lisbon) is its subject."""
    names: list[str] = []
    for i in range(max(len(blocks) - 8, 0), len(blocks)):
        b, nxt = blocks[i], next((n for n in blocks[i + 1 :] if not isinstance(n, Figure)), blocks[i])  # the box's portrait between
        found = _INTRODUCES.match(b.text) if isinstance(b, (Heading, Paragraph)) else None
        labelled = _labelled_bio(b, nxt)
        name = labelled or (found.group(1) if found else "")
        phrase = any(w.lower() in NOT_NAMES for w in name.split())  # "By the river"
        if not name or phrase or any(_is_full(a) and name.lower() in _text(a).lower() for a in blocks[:i]):
            continue
        if labelled or isinstance(nxt, Paragraph) and re.match(rf"{re.escape(name)},?(?: \w+){{0,3}}? {_BIO_VERB}", nxt.text, re.I):
            names.append(name)
    return names


def _drop_author_box(blocks: list[Block], authors: tuple[str, ...], left: list[LeftOut]) -> list[Block]:
    """The author box after the article: from a line that is only an author's name (or its link),
    or a paragraph that opens with it and a bio verb ("Jane Doe is …"), to the
    end, when what follows is short."""
    names = [re.escape(name) for name in _person_names(authors)] + [re.escape(name) for name in _introduced_names(blocks)]
    if not names:
        return blocks
    alone = re.compile(rf"^\W*(?:(?:{_INTRODUCING}) )?{_TITLE}(?:{'|'.join(names)}){_CREDENTIALS}\W*$", re.I)
    bio = re.compile(rf"^(?:{_BIO_LABEL}\W*)?{_TITLE}(?:{'|'.join(names)}){_CREDENTIALS},?(?: \w+){{0,3}}? {_BIO_VERB}", re.I)
    start = None
    for i in range(len(blocks) - 1, max(len(blocks) - _BOX_BLOCKS, 0), -1):
        b = blocks[i]
        if isinstance(b, (Paragraph, Heading, Related)) and (alone.match(b.text) or bio.match(b.text)):
            start = i
    if start is None:
        return blocks
    above = start - 1
    while above > 0 and isinstance(blocks[above], Figure):
        above -= 1
    label = blocks[above] if above >= 0 else None
    if isinstance(label, (Paragraph, Heading)) and _LABEL_ALONE.match(label.text):
        start = above  # the box's label (and portrait) go with it
    if not _short_tail(blocks, start):
        return blocks
    left.append(LeftOut(_first_words(_text(blocks[start])), "author box"))
    return blocks[:start]


def _drop_citations(blocks: list[Block], left: list[LeftOut]) -> list[Block]:
    """Citation entries: list items, and runs of two or more citation paragraphs."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, ListBlock):
            items = tuple(i for i in b.items if not is_citation(i))
            if len(items) < len(b.items):
                left.append(LeftOut(_first_words(b.items[0]), "reference list"))
                if not items:
                    continue
                b = ListBlock(ordered=b.ordered, items=items, lang=b.lang)
        out.append(b)
    flags = [isinstance(b, Paragraph) and is_citation(b.text) for b in out]
    keep: list[Block] = []
    for i, b in enumerate(out):
        run = flags[i] and ((i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1]))
        if run:
            left.append(LeftOut(_first_words(_text(b)), "reference list"))
        else:
            keep.append(b)
    return keep


def _is_label(text: str) -> bool:
    """A short line ending in a colon that names back matter ("Related reads:", "About the author:")."""
    line = text.strip()
    aside = line[:-1].strip().lower() == "note"  # Italian "Note" heads the notes; the English label opens an aside
    return line.endswith(":") and len(_IF_YOU_LIKED.sub("", line).split()) <= _LABEL_WORDS and not aside and bool(_BACK_MATTER_HEADING.match(line))


def _short_tail(blocks: list[Block], start: int) -> bool:
    """Whether the blocks from ``start`` on are a box at the end: few words beside many before
    (not a long tail, nor a short article under its byline)."""
    tail, before = (sum(len(_text(b).split()) for b in part) for part in (blocks[start:], blocks[:start]))
    return tail <= _BOX_WORDS and before >= 2 * tail


def _first_prose(blocks: list[Block]) -> int:
    """Where the article's first full paragraph is (len(blocks): none)."""
    return next((k for k, b in enumerate(blocks) if _is_full(b)), len(blocks))


def _last_prose(blocks: list[Block]) -> int:
    """Where the article's last full paragraph is (-1: none)."""
    return max((k for k, b in enumerate(blocks) if _is_full(b)), default=-1)


def _is_full(block: Block) -> bool:
    """Whether a block is a full paragraph of the article."""
    return isinstance(block, Paragraph) and len(block.text.split()) >= _FULL_PARAGRAPH


# a heading that asks a question (an FAQ's) or is a year or a date (a timeline's): a run of short
# sections most of whose headings are such is a timeline or an FAQ, not a list of teasers
_TIMELINE_OR_FAQ = re.compile(
    rf"\?\s*$|^\W*(?:{MONTH}\.? )?\d{{1,4}}(?:st|nd|rd|th|er|\.)?(?:,? (?:de )?(?:{MONTH}\.?,? (?:de )?)?\d{{2,4}})?\W*$|^\W*{MONTH}\W*$", re.I
)


def _drop_teaser_runs(blocks: list[Block], left: list[LeftOut]) -> list[Block]:
    """Three or more headings in a row after the article's last full paragraph, each
    of one level with one or two short lines under it: a list of teaser cards (not
    when most of the headings are questions or dates: an FAQ or a timeline)."""
    cards: list[tuple[int, int]] = []  # (start, end) of heading + short lines
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Heading) and b.level > 1:
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], Paragraph) and len(blocks[j].text.split()) <= 12 and j - i <= 2:  # type: ignore[union-attr]
                j += 1
            cards.append((i, j))
            i = j
        else:
            cards.append((i, -1))
            i += 1
    # only after the article's last full paragraph: before it, short sections are the article's own
    last_long = _last_prose(blocks)
    drop: set[int] = set()
    run: list[tuple[int, int]] = []
    for start, end in [*cards, (len(blocks), -1)]:
        card = end > 0 and 2 <= end - start <= 3 and start > last_long
        if card and (not run or blocks[run[0][0]].level == blocks[start].level):  # type: ignore[union-attr]
            run.append((start, end))
            continue
        if len(run) >= 3 and 2 * sum(bool(_TIMELINE_OR_FAQ.search(_text(blocks[s]))) for s, _ in run) <= len(run):
            for s, e in run:
                drop.update(range(s, e))
        run = [(start, end)] if card else []  # a card of another level opens the next run
    for k in sorted(drop):
        if isinstance(blocks[k], Heading):
            left.append(LeftOut(_first_words(_text(blocks[k])), "list of teasers"))
    return [b for k, b in enumerate(blocks) if k not in drop]


# a list this share of whose entries are headings further down is the page's table of contents
_CONTENTS_SHARE = 0.6
# the fewest entries of a table of contents without a heading of its own (a list, or a run of short lines)
_CONTENTS_ENTRIES = 3


def _entry_key(text: str) -> str:
    """The words of a heading or a contents entry without its section number ("2.1 Fine dining" -> "fine dining")."""
    return " ".join(re.findall(r"\w+", text.lower())).lstrip("0123456789 ")


def _drop_contents_lists(blocks: list[Block], left: list[LeftOut]) -> list[Block]:
    """A table of contents with no heading to name it: a list most of whose items,
    or a run of short lines each of which, is the text of a subheading further down."""
    below: list[set[str]] = [set() for _ in range(len(blocks) + 1)]
    for i in range(len(blocks) - 1, -1, -1):
        here = blocks[i]
        below[i] = below[i + 1] | ({_entry_key(here.text)} if isinstance(here, Heading) and here.level != 1 else set())
    drop: set[int] = set()
    run: list[int] = []
    for i, b in enumerate([*blocks, None]):  # None closes the last run
        if isinstance(b, Paragraph) and b.role != "date" and _entry_key(b.text) in below[i + 1] - {""}:
            run.append(i)
            continue
        if len(run) >= _CONTENTS_ENTRIES:
            drop.update(run)
        run = []
        entries = list(b.items) if isinstance(b, ListBlock) else []
        if len(entries) >= _CONTENTS_ENTRIES and sum(_entry_key(item) in below[i + 1] for item in entries) >= _CONTENTS_SHARE * len(entries):
            drop.add(i)
    for i in sorted(drop):
        if not (isinstance(blocks[i], Paragraph) and isinstance(blocks[i - 1], Paragraph) and i - 1 in drop):  # a run says so once
            left.append(LeftOut(_first_words(_text(blocks[i])), "table of contents"))
    return [b for i, b in enumerate(blocks) if i not in drop]


def _drop_card_titles(blocks: list[Block], left: list[LeftOut]) -> list[Block]:
    """A heading over nothing but pictures and a link with its own words (a card
    for another article: its title, its image, its title again as the link)."""
    drop: set[int] = set()
    for i, b in enumerate(blocks):
        if not isinstance(b, Heading) or b.level == 1:
            continue
        section = []
        for n in blocks[i + 1 :]:
            if isinstance(n, Heading) and n.level <= b.level:
                break
            section.append(n)
        key = _entry_key(b.text)
        links = [n for n in section if isinstance(n, Related)]
        if key and all(isinstance(n, (Figure, Related)) for n in section) and any(_entry_key(n.text) == key for n in links):
            left.append(LeftOut(_first_words(b.text), "teaser card"))
            drop.add(i)
    return [b for k, b in enumerate(blocks) if k not in drop]
