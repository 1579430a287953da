"""Site notices: the lines a site prints into an article's text that are not the
article — disclosures, promos, reading times, utilities, calls to action, appeals
for money, and datelines and bylines set as text — told apart from the article's
own sentences that look like them (advice to the reader, a timeline's dates,
an appeal the article reports).

Each rule works on a kind of line, never on one site's words.
"""

from __future__ import annotations

import functools
import re

from ..locale import month_names
from ..model import Block, Heading, Paragraph, Quote

__all__ = ["BY", "MONTH", "NOT_NAMES", "READ_ALSO", "block_notice", "is_button_link", "is_dateline", "notice_rule"]

# the labels that point to another article of the site, in English and the other languages: over a link
# ("See also: <link>", blocks.READ_MORE) and as a heading over such links (endmatter)
READ_ALSO = r"read more|see also|siehe auch|mehr zum thema|auch interessant|voir aussi|à lire aussi|leggi anche|leia também|veja também|lees ook|zie ook|bekijk ook"
# "reading time" and "minutes" in the languages of European newsrooms (German, French, Spanish, Italian, Portuguese, Dutch)
_READING_WORDS = r"lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura|leestijd|leesduur"
_MINUTES = r"min(?:\.|uten?|utes?|utos?|uti)?"
# notices a site prints into the text: disclosures, promos, reading time, utilities
_NOTICE = re.compile(
    r"^(?:\W*\d+\s*(?:mins?\.?(?: read| de lecture| Lesezeit)?|minutes?(?: read| de lecture| Lesezeit))\W*$|"
    # reading time in other languages: "Lesezeit: 4 Min.", "3 min de lectura", "Tempo di lettura: 5 minuti", "Leestijd 2 minuten"
    rf"(?:{_READING_WORDS})\s*:?\s*(?:(?:ca\.|etwa|environ|aprox\.|circa)\s*)?\d+\s*(?:{_MINUTES})?\W*$|"
    rf"\W*(?:(?:ca\.|etwa|circa)\s*)?\d+\s*(?:{_MINUTES})\s*(?:{_READING_WORDS}|de lecture|de lectura|di lettura|de leitura)\W*$|"
    r"(?:back to (?:top|(?:the )?(?:blog|home ?page|home|news|articles|posts|all (?:articles|posts|stories|news)))|nach oben|retour en haut|table of contents(?: show| hide)?|print this(?: \w+)?|save for later|read later|"
    r"(?:estimated )?read(?:ing)? time\s*:?\s*(?:\d+\s*min(?:ute)?s?\.?)?|min(?:ute)?s? read|"
    r"read more|continue reading|weiterlesen|lire la suite|leer más|read (?:the |our )?full review|read (?:the |our )(?:full )?.{1,60} review|"
    # the same utilities in other languages: back to top, read more, was this helpful, share, follow us, listen, save, print
    r"zum seitenanfang|haut de page|volver arriba|torna su|voltar ao topo|(?:terug )?naar boven|"
    r"mehr lesen|continuer la lecture|seguir leyendo|continua a leggere|leggi (?:di più|tutto)|continuar lendo|leia mais|lees (?:meer|verder)|verder lezen|"
    r"(?:war|ist) (?:dieser|der) (?:artikel|beitrag|text) hilfreich|(?:cet|l['’]) ?article vous a-t-il été utile|"
    r"¿?(?:te|le) (?:ha )?(?:resultado|resultó|ha sido|fue) útil(?: (?:este|el) artículo)?|(?:questo|l['’]) ?articolo (?:ti )?è stato utile|(?:este|o) artigo (?:foi|lhe foi) útil|(?:was|is) dit artikel nuttig|"
    r"(?:jetzt |artikel |beitrag )?teilen|partager(?: cet article| l['’]article)?|compart(?:e|ir)(?: (?:este|el) artículo)?|condividi(?: (?:questo|l['’]) ?articolo)?|"
    r"(?:compartilh|partilh)(?:e|ar)(?: (?:este|o) artigo)?|delen|deel dit artikel|"
    r"folgen sie uns(?: auf [\w ,&]+)?|suivez-nous(?: sur [\w ,&]+)?|síguenos(?: en [\w ,&]+)?|seguici(?: su [\w ,&]+)?|siga-nos(?: n[oa] [\w ,&]+)?|volg ons(?: op [\w ,&]+)?|"
    r"artikel (?:vorlesen|anhören)|écouter (?:cet |l['’])article|escuchar (?:este |el )?artículo|ascolta (?:questo |l['’])articolo|ouvir (?:este |o )?artigo|(?:beluister|luister naar) (?:dit |het )?artikel|"
    r"(?:artikel )?merken|später lesen|lire plus tard|leer (?:más tarde|después)|leggi (?:più tardi|dopo)|ler (?:mais tarde|depois)|later lezen|"
    r"(?:artikel )?drucken|imprimer(?: cet article| l['’]article)?|imprimir(?: (?:este|el|o) (?:artículo|artigo))?|stampa(?: (?:questo|l['’]) ?articolo)?|(?:artikel )?printen|"
    r"(?!.*\.\s*$)(?:(?:buy|shop|order)(?: it)?(?: now)?|(?:check|see|compare) (?:the )?(?:latest |current )?prices?)(?: (?:on|at|from|@) (?-i:[A-Z0-9])\S*(?: \S+){0,3})?|"
    r"(?:was|is|did you find) this (?:article|page|post|story|content|information|answer) (?:helpful|useful)|rate this (?:article|post|story|page)|"
    r"\d+\s?% of (?:people|readers|users) found this (?:article|page|post|story) helpful|click (?:a|the|on a) stars? to (?:rate|add your vote|vote)|"
    r"(?:thanks?|thank you) for (?:subscribing|signing up)(?:[.!]|\W*$).*|(?:thanks?|thank you) for your (?:feedback|rating|vote)\W*$|(?:\W*\w+\W+)?you(?:[’']re| are) (?:now )?(?:subscribed|signed up)\W*$|"
    # an affiliate link set as a button ("View Deal", "To the Offer")
    r"(?:to the|view|see|get|claim|grab|check) (?:the )?(?:deals?|offers?|review|shop|store|availability)|go to (?:the )?(?:deals?|offers?)|"
    r"share this(?: \w+)?|follow us(?: on [\w ,&]+)?|click to share.*|(?:like )?loading(?:\.{3}|…)?|pin (?:it|this|for later)|pinterest image|listen to (?:this )?(?:article|story)(?: \w+){0,6})\W*$|"
    # "Updated: March 3, 2024", "Updated 2 hours ago": a date or a time ago right after the word ("Updated guidance from the CDC, March 2024" is news)
    r"(?=.{0,60}$)(?:last )?updated(?: on| at)?:?\s+(?=\S*\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday)[a-z]*\b|an? \w+ ago\b)[\w ,.:]+$|"
    r"(?:copyright\s*)?©[^\n]{0,100}$|\(?visited [\d,]+ times?\b.{0,60}$|this (?:work|article|post|content|page) is licensed under\b.{0,160}$|"
    r"(?=.{0,120}$)(?:(?:starting at|starts at|from|as low as|only|now)\s*[$€£]\s?\d[\d,.]*(?:\s*(?:/|per)\s*\w+)?\W*$|"
    # a product card's price at a shop, its stock, its shop link: "$949.00 from Walmart", "Currently unavailable", "Shop Pico @ Acme"
    r"[$€£]\s?\d[\d,.]*\s+(?:from|at|on|@)\s+(?-i:[A-Z0-9])\S*(?: \S+){0,3}(?<!\.)$|(?:currently )?(?:unavailable|out of stock|in stock|sold out)\W*$|(?:shop|buy) [^@]{1,40} @ .{1,40}$|"
    r".*\b(?:use|with|enter) (?:the )?(?:coupon|promo|discount) code\b|get (?:up to )?[$€£]?\d+%? off\b)|"
    # a tag line: a label, then short items between separators or names run together ("Topic: Personal Finances Saving Money");
    # not a sentence after the label ("Topics: housing, transport and schools are on the agenda")
    r"(?=.{0,200}$)(?:(?:posted in|filed (?:under|in)|tagged(?: with| as)?)\s*:?|(?:categor(?:y|ies)|tags?|topics?|keywords?|schlagwörter|themen|"
    r"schlagworte|kategorien?|stichwörter|mots[- ]clés|catégories?|thèmes|etiquetas|categorías?|temas|argomenti|categorie|parole chiave|palavras-chave|categorias?|trefwoorden|categorieën|onderwerpen)\s*:)\s+(?:(?:[^\s,.!?|·•;/]+(?: [^\s,.!?|·•;/]+){0,3}\s*(?:[,|·•;/]|$)\s*)+|(?:(?-i:[A-Z0-9])[^\s,.!?|·•;/]*\s*){1,12})$|"
    # a dateline or byline: "Posted by … on <date>", "Updated: <date>", "By Jane Doe, <date>" (not "By the end of 2025")
    r"(?=.{0,120}$)(?!.*[:.!?]\s*$)(?:(?:posted|published|updated|last updated|written)\s*:?\s+(?:by\s|on\s|(?-i:[A-Z0-9]))|by\s+(?!(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december)\b)(?-i:[A-Z])[\w.'’-]*(?:(?:\s+|\s+(?:and|&)\s+)(?-i:[A-Z])[\w.'’-]*){0,3}\s*(?:[,|·•—–-]|\bon\b|\bupdated\b|\bpublished\b)).{0,100}"
    r"(?:\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b).*$|"
    r"(?:view all|see all|show all|open gallery|view gallery|slideshow|gallery|alle anzeigen|zur bildergalerie|voir tout|"
    r"(?:zur )?(?:bilder|foto)galerie|alle (?:bilder|fotos)|galerie|voir (?:la galerie|les photos|toutes les photos)|ver (?:galería|galeria|todas|fotos|todas las fotos)|galería|"
    r"vedi (?:tutte|la galleria|le foto)|galleria|fotogalleria|bekijk (?:alle foto['’]s|de fotoserie)|fotoserie)"
    r"\W*\(?\d*\s*(?:images?|photos?|pictures?|bilder|fotos|imágenes|immagini|foto|fotografias|imagens|afbeeldingen|foto['’]s)?\)?\W*$|"
    r"(?:view|see|show) all (?:articles|posts|stories|news|reviews|guides)\W*$|"
    # a form's prompt ("Enter a zip below and get matched to top-rated pros near you.")
    r"enter (?:a |your )?(?:zip(?: code)?|postcode|post code|e-?mail(?: address)?) (?:below|here|above)\b.{0,100}$|"
    r"\[\s*(?:sign up|subscribe|get|join|read|also read|see also|related|want more|don[’']t miss|check out|listen|watch|click|download|abonnieren|melden sie sich|"
    r"lesen sie|mehr zum thema|abonnez|inscrivez|lire aussi|à lire|suscríbete|lee también|iscriviti|leggi anche|assine|inscreva|leia também|abonneer|meld je aan|lees ook)[^\]]{0,160}\]\W*$|"
    r".*\b(?:we|(?:site|page|article|post|story|links?|purchases?)\b.{0,40}|\w[\w-]*\.(?:com|org|net|io|co(?:\.uk)?)) (?:may )?(?:earns?|receives?) (?:a |an )?(?:small )?(?:commissions?|affiliate)|"
    # a pointer to the site's editorial policy ("Explore our Editorial Policy to learn more about our standards")
    r"(?=(?:\S+\s+){0,15}\S+\W*$).*\bour editorial (?:policy|guidelines|standards|process)\b.*|"
    r".*\b(?:chosen|selected) independently by our editors|.*\bsupported by commissions\b|"
    r".*\b(?:purchases|links)\b.{0,60}\b(?:earn|give)s? us (?:a |an )?(?:small )?(?:commission|affiliate)|"
    r".*\b(?:sign up (?:for|to)|subscribe to) our \w*\s?newsletter|(?:.*[,:;.!?—–]\s+)?(?:sign up (?:for|to)|subscribe to) the \w*\s?newsletter(?!\s+(?:of|from|by)\b)|"
    r".*\b(?:delivered|sent) (?:right |straight |directly )?to your inbox|"
    # the same promos in other languages: "Abonnieren Sie unseren Newsletter", "Inscrivez-vous à notre newsletter", "… in Ihr Postfach";
    # "the newsletter" only as a line of its own, not a city's or a club's that the article recommends ("… den Newsletter der Stadt, rät …")
    r".*\b(?:abonnieren sie|bestellen sie|melden sie sich (?:jetzt )?(?:für|zu)|registrieren sie sich für) (?:unseren \w*\s?newsletter|den [\w-]*\s?newsletter\W*$)|"
    r".*\b(?:abonnez-vous|inscrivez-vous) (?:à|a) (?:(?:notre|nos) (?:\w+ )?(?:newsletters?|lettres? d['’]information)|la (?:\w+ )?(?:newsletter|lettre d['’]information)\W*$)|"
    r".*\b(?:suscríbete|suscríbase|apúntate|regístrate) (?:a|en) (?:nuestr[oa]s? (?:newsletters?|boletín)|(?:la |el )?(?:newsletter|boletín)\W*$)|"
    r".*\biscriviti (?:alla|alle) (?:(?:nostra|nostre) newsletter|newsletter\W*$)|.*\b(?:assine|inscreva-se (?:n[ao]|em)) (?:(?:a |o )?(?:nossa|nosso) (?:newsletter|boletim)|(?:a |o )?(?:newsletter|boletim)\W*$)|"
    r".*\b(?:schrijf je in|meld je aan|abonneer je) (?:voor|op) (?:onze \w*\s?nieuwsbrief|de \w*\s?nieuwsbrief\W*$)|"
    r"(?=.{0,160}$).*\b(?:in ihr(?:en)? (?:e-mail-)?(?:postfach|posteingang)|dans votre boîte (?:mail|e-mail|de réception)|en tu (?:bandeja de entrada|correo)|"
    r"nella tua (?:casella (?:di posta|email)|inbox)|na sua caixa de (?:entrada|e-mail)|in je (?:inbox|mailbox))\W*$|"
    # a petition's counters: "12% vom Ziel erreicht", "3.400 Unterschriften", "0 haben mitgemacht"
    r"\d[\d.,]*\s?% (?:vom ziel|des ziels|of (?:the |our )?goal|de l['’]objectif|del objetivo|dell['’]obiettivo|da meta|van het doel)(?: erreicht| reached| atteint| alcanzado| raggiunto| atingido| bereikt)?\W*$|"
    r"\d[\d.,]*\s+(?:unterschriften|signatures|firmas|firme|assinaturas|handtekeningen|haben (?:mitgemacht|unterschrieben|unterzeichnet)|(?:people )?have signed|ont signé|han firmado|hanno firmato|assinaram|hebben getekend)\W*$|"
    # a link line to the site's live coverage ("Revivez le direct du vote …", "Verfolgen Sie die Entwicklungen im Liveblog")
    r"(?=.{0,120}$)(?:(?:suivez|revivez|retrouvez) (?:notre|le|en) (?:direct|live)|(?:verfolgen|folgen) sie (?:\w+ ){0,4}(?:im|in unserem|unserem) (?:liveblog|liveticker)|"
    r"(?:follow|relive) (?:our|the) live (?:coverage|blog|updates)|sigue (?:en directo|nuestro directo)|segui (?:la diretta|il live)|acompanhe (?:ao vivo|a cobertura)|volg (?:het|ons) liveblog)|"
    # public broadcasters' note of the programme that reported it ("Über dieses Thema berichtete Inforadio am 29. April 2020")
    r"(?=.{0,160}$)über dieses thema berichtete(?:n)? (?=.*\b(?:19|20)\d\d\b)|"
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
    # buttons in other languages: "Mehr erfahren", "En savoir plus", "Jetzt anmelden", "Inscrivez-vous", "Meld je aan" (not advice: "Melden Sie sich beim Amt an")
    r"(?:(?:jetzt )?mehr erfahren|en savoir plus|saber más|scopri di più|per saperne di più|saiba mais|(?:lees|ontdek) meer|meer weten|"
    r"(?:jetzt )?(?:anmelden|registrieren|abonnieren|mitmachen)|inscrivez-vous|abonnez-vous|s['’]inscrire|s['’]abonner|je m['’](?:abonne|inscris)|"
    r"suscríbete|regístrate|inscríbete|iscriviti|abbonati|registrati|assine(?: já)?|inscreva-se|cadastre-se|abonneer(?: je)?|meld je aan|schrijf je in|registreer)"
    r"(?: (?:jetzt|gratis|kostenlos|hier|maintenant|gratuitement|ahora|ora|gratuitamente|agora|nu))?\W*$|"
    r"(?:kontaktieren sie uns|contactez-nous|contáctanos|contacte con nosotros|contattaci|fale conosco|entre em contato conosco|neem contact met ons op)\b|"
    # a petition's button: "Unterzeichnen Sie jetzt die Petition!", "Sign the petition"
    r"(?:(?:jetzt |bitte )?(?:unterzeichnen|unterschreiben) sie (?:jetzt |hier )?(?:die|unsere) petition|sign (?:the|our) petition|signez (?:la|notre) pétition|"
    r"firma (?:la|nuestra) petición|firma la (?:nostra )?petizione|assine a (?:nossa )?petição|teken (?:de|onze) petitie)(?: (?:now|today|jetzt|maintenant|ahora|ora|agora|nu))?\W*$|"
    r"(?:.*\bsign up\b.*|(?:get|receive|have)\b.{0,80})\b(?:to|in|into) your inbox\W*$)",
    re.I,
)
# a request for money or membership anywhere in a paragraph of an appeal ("please consider pitching in")
_APPEAL = re.compile(
    r"\b(?:support (?:our|independent|local) (?:journalism|mission|work|reporting|newsroom)|(?:make|consider making) a (?:tax-deductible |one-time |monthly )?"
    r"(?:donation|gift)|please consider (?:donating|supporting|pitching in|a donation|making a)|become a (?:member|supporter|patron) today|"
    r"small favou?r to ask|donate (?:now|today)|our (?:\w+ ){0,3}fundraising (?:campaign|effort|drive)|"
    r"your (?:tax-deductible )?(?:donation|gift|contribution) (?:today |now )?(?:helps|will|is|goes|makes)|"
    # buying through the site's links as a way to support it ("It costs you nothing extra and helps support this website")
    r"help(?:s|ing)? (?:to )?support (?:this|our|my) (?:site|website|blog|channel|podcast|newsletter|work)|costs? you nothing (?:extra|more)|"
    # the same appeals in other languages: "Jetzt spenden", "Faites un don", "Sostienici", "Doneer nu"
    r"jetzt spenden|spenden sie (?:jetzt|heute)|unterstützen sie (?:unseren|unabhängigen) journalismus|unterstützen sie unsere arbeit|werden sie (?:jetzt )?(?:mitglied|förder(?:er|in))|"
    r"faites un don|faire un don|soutenez(?:-nous| notre (?:journalisme|travail|rédaction))|"
    r"haz (?:una|tu) donación|dona (?:ahora|hoy)|apoya (?:nuestro|el) periodismo|hazte (?:socio|miembro)|"
    r"fai una donazione|dona ora|sostienici|sostieni il (?:nostro )?giornalismo|faça uma doação|doe agora|apoie (?:o )?nosso jornalismo|"
    r"doneer (?:nu|vandaag)|steun (?:ons(?=\W*$)|onze (?:journalistiek|redactie))|word (?:nu )?lid)\b",
    re.I,
)
# the site speaking about the article: a disclaimer that its views are the authors' own ("The views expressed by
# the authors of this blog are their own…"), a line that says who wrote or produced it or where it first appeared
# ("This story about X was written by Y and produced by Z…", "Jane Doe contributed to this report"); not a report's
# or a speaker's disclaimer that the article quotes ("The views expressed in the report do not necessarily reflect…, the foreword says")
_STATEMENT = re.compile(
    r"^(?:"
    r"(?!.*\b(?:said|says|according to|the report|the study|the paper)\b)(?:the )?(?:views?|opinions?)(?: and (?:views?|opinions?))? expressed\b"
    # what the views were expressed in or by: the site's page or its authors ("in this article", "by Forbes contributors"),
    # or nothing ("The views expressed are the author's own"), not a document the article reports ("in the memo")
    r"(?= (?:are|is|here(?:in)?)\b| (?:in|on|by|within|at|throughout) (?:(?!are\b|is\b)\S+ ){0,3}?"
    r"(?:(?:this|the|our) (?:blog|site|website|article|post|column|publication|podcast|piece|newsletter|story|page|commentary|op-ed)"
    r"|(?:authors?|contributors?|writers?|columnists?|bloggers?|guests?)(?:\(s\))?)\b).{0,200}?"
    r"\b(?:(?:are|is) (?:solely |purely |entirely )?(?:their|our|the authors?(?:\(s\))?[’']?s?|those of the (?:authors?|contributors?|writers?)(?:\(s\))?)|do(?:es)? not necessarily (?:reflect|represent))|"
    r"this (?:story|article|piece|post|column|interview)\b(?: (?:about|on) [^.]{1,80}?)? (?:was|is) (?:(?:originally|first) (?:published|appeared) (?:in|on|at|by)\b|"
    r"(?:jointly )?(?:written|produced|reported|published|co-published|copublished)\b(?: \w+){0,3}? (?:by|with|for|from|in (?:partnership|collaboration|association|cooperation))\b)|"
    r"(?:(?-i:[A-Z])[\w.'’-]*,? (?:(?:and|&) )?){1,8}contributed (?:reporting |research )?to this (?:article|story|report|piece|content|post)(?![’'\w])|"
    r"(?:dieser|der) (?:artikel|beitrag|text) (?:erschien|wurde) (?:zuerst|ursprünglich|erstmals)\b|"
    r"cet article a (?:été )?(?:initialement |d[’']abord )?(?:publié|paru)\b|les (?:opinions|propos) .{0,80}n[’']engagent que (?:leurs? auteurs?|l['’]auteur|son auteur|leurs signataires)\b|"
    r"este (?:artículo|texto) (?:fue|se) (?:publicado|publicó) (?:originalmente|primero)\b|las opiniones expresadas (?:en (?:este|esta) (?:artículo|columna|blog|texto|espacio|sección|publicación)|por (?:los|las|el|la|sus) (?:autor|autora|autores|autoras|colaboradores|columnistas))\b.{0,120}(?:no reflejan necesariamente|son (?:de )?(?:exclusiva )?responsabilidad)\b|"
    r"questo articolo è stato (?:originariamente |originalmente )?pubblicato (?:originariamente |originalmente )?(?:su|da|per la prima volta)\b|"
    r"este (?:artigo|texto) foi (?:originalmente )?publicado (?:originalmente )?(?:n[oa]|em|pel[oa])\b|dit (?:artikel|stuk) verscheen (?:eerder|eerst|oorspronkelijk)\b)",
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
_SITE_VOICE = re.compile(
    r"\b(?:we|we[’']re|us|our|this (?:site|website|blog|story|article|one|journalism|reporting|work|newsroom|newsletter|podcast)|"
    r"wir|uns|unser\w*|nous|notre|nos|nosotros|nuestr[oa]s?|noi|nostr[oaie]|nós|noss[oa]s?|wij|ons|onze)\b",
    re.I,
)
_QUOTED = re.compile(r"[“”\"«»„]")
# the most words of a bare appeal or button ("Donate today")
_BUTTON_WORDS = 4
# a link line under a card set as a paragraph of its own: "Learn more about the Wharton MBA Program", a name to
# its end (not advice: "Learn more about your rights as a tenant")
_NAME_WORD = r"(?:(?-i:[A-Z0-9])[\w.&'’+-]*|the|and|&|of|for|by)"
_BUTTON = re.compile(rf"^\W*(?:learn|find out|read|discover) more about\s+(?:the |our )?(?-i:[A-Z0-9])[\w.&'’+-]*(?:\s+{_NAME_WORD}){{0,6}}(?<![.!?])[\s›»→>]*$", re.I)
# a button that is a link: a verb and a name ("Try Stitch Fix", "Get NordVPN", "Shop Basic Man"), a shop or a price
# at a shop ("Shop at acme.com", "$32 $29 at Amazon"); as text that is not a link it cannot be told from a tip ("Try Tai Chi", "Buy Local")
_LINK_BUTTON = re.compile(
    rf"^\W*(?:(?:try|shop|get|buy|order|download|install)\s+(?-i:[A-Z0-9])[\w.&'’+-]*(?:\s+{_NAME_WORD}){{0,3}}|(?:(?:shop|buy|order)(?: now)?|(?:[$€£]\s?\d[\d,.]*\s+){{1,2}}) ?(?:at|on|from|@) \S+(?: \S+){{0,2}})\W*$", re.I
)


def is_button_link(text: str) -> bool:
    """Whether the text of a link is a button's: a verb and a name ("Try Acme")."""
    return bool(_LINK_BUTTON.match(text))


# a quotation and who said it ("“Contact us if you see him,” police said.", "« Contactez-nous », a demandé la gendarmerie"):
# someone's words the article reports, not the site's
_SPEECH = re.compile(r"^\W{0,3}[“\"«„‘]\s*[^“”\"«»„]{2,}?\s*[”\"»“’]\W{0,3}\s+\w")
# or without quotation marks, who said it after a comma ("Contact us if you see him, police said.", "…, a demandé la gendarmerie.")
_SAID = re.compile(
    r",\s+(?:[\w'’-]+\s+){0,4}(?:said|says|told|urged|asked|added|wrote|warned|advised|sagte|sagt|bat|rät|riet|betonte|"
    r"a (?:déclaré|demandé|dit|ajouté|lancé)|dit|demande|dijo|pidió|afirmó|añadió|ha detto|ha chiesto|disse|pediu|afirmou|zei|vroeg)\b[^,]{0,60}$",
    re.I,
)


@functools.lru_cache(maxsize=4096)
def notice_rule(text: str) -> str:
    """Why a line is a site notice ("": it is not one). Remembered: several rules
    of a page ask about the same lines (promo boxes, end matter, the notice loop)."""
    line = text.strip()
    if _SPEECH.match(line) or _SAID.search(line):
        return ""
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


# the languages of European newsrooms whose month names (heardline.locale) make a date beside English ones
_DATE_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
_OTHER_MONTHS = sorted({m.lower() for lang in _DATE_LANGUAGES for m in month_names(lang)}, key=len, reverse=True)
# their short forms end in a full stop: "févr.", "janv.", "Okt.", "dic."
_SHORT_MONTHS = sorted({m[:n] for m in _OTHER_MONTHS for n in (3, 4) if len(m) > n}, key=len, reverse=True)
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    + "|".join(_OTHER_MONTHS)
    + r"|(?:" + "|".join(_SHORT_MONTHS) + r")\.)"
)
# a weekday before a date, in the languages that write it in lower case ("lundi 4 mai 2015", "martes, 12 de marzo de 2024")
_WEEKDAY = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|(?:segunda|terça|quarta|quinta|sexta)-feira|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
)
# a full date: "Dec 18, 2025", "3 January, 2025", "2025-12-17", "05/03/2026", "12. März 2024", "1er mai 2015", "12 de marzo de 2024", "23.06.2016"
_DATE = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?(?:{MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}(?:st|nd|rd|th|er|º)?\.? (?:de )?{MONTH}\.?,? (?:de )?\d{{4}}|"
    r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}[.-]\d{1,2}[.-]\d{4})\b",
    re.I,
)
# a time of day beside a date: "16:14 Uhr", "13h36", "22.42 Uhr", "10:30 p.m."
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.h]\d{2})?\s*(?:uhr|uur)\b|\b\d{1,2}[:.h]\d{2}(?:\s*h\b|\s*[ap]\.?m\.?)?", re.I)
# the words that say a line is when (or by whom) the article was published, in English and the other languages
_PUBLISHED = (
    r"(?:last )?updated|published|posted|written|stand|(?:veröffentlicht|aktualisiert|erstellt|geändert)(?: am)?|(?:publié|mis à jour|modifié)(?: le)?|"
    r"(?:publicado|actualizado|atualizado)(?: el| em)?|(?:pubblicato|aggiornato)(?: il| al)?|(?:gepubliceerd|bijgewerkt)(?: op)?"
)
# "by" before a name, in English and the other languages (one list for bylines here and author boxes in endmatter)
BY = r"by|von|par|por|door|di"
# what a byline in another language credits: "Ein Kommentar von …", "Propos recueillis par …", "Texto por …", "Tekst door …"
_BY_WHAT = r"(?:ein |eine )?(?:kommentar|analyse|gastbeitrag|interview)|texte|fotos?|bilder|propos recueillis|texto|testo|tekst|foto['’]s"
# what a dateline holds beside its date: a reading time and the words that introduce a date or a name
_READING_TIME = re.compile(
    rf"\b\d+\s*min(?:ute)?s?\.?\s+read\b|\b\d+\s*(?:{_MINUTES})\s*(?:{_READING_WORDS}|de lecture|de lectura|di lettura|de leitura)\b|\b(?:{_READING_WORDS})\s*:?\s*\d+\s*(?:{_MINUTES})?",
    re.I,
)
_DATELINE_WORDS = re.compile(rf"\b(?:{_PUBLISHED}|on|{BY}|at|um|à|às|alle|om|a las)\b\s*:?", re.I)
# a sentence's end, a range of dates (an event's, not the article's), or a label before the date ("Deadline: March 31")
_NOT_A_DATELINE = re.compile(rf"[.!?:]\s*$|\d\s*[–-]\s*(?:\d|{MONTH})|^\W*(?!(?:{_PUBLISHED}|{BY})\b)\w+(?: \w+)?\s*:", re.I)
# "By Jane Doe", "Written by A. J. Neal and Sam Lee": a line that is only a byline
_BYLINE = re.compile(
    rf"^\W*(?:(?:written|posted|reviewed|edited|words|story|text|photos?|{_BY_WHAT}) )?(?:{BY}):?\s+((?:[\w.'’-]+\s*(?:,|\b(?:and|und|et|y|e|en)\b|&)?\s*){{1,10}})$", re.I
)
# words that open a phrase, not a name ("By The Numbers")
NOT_NAMES = {"the", "a", "an", "this", "that", "these", "those", "our", "your", "my", "his", "her", "its", "their", "all", "any", "some", "no", "every", "now", "then", "far", "way"}


# the words that join names ("Jane Doe und Max Roe") and the particles inside a name ("Jan de Vries", "Ursula von der Leyen")
_JOINS = {"and", "und", "et", "y", "e", "en", "&"}
_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "le", "la", "ter", "ten", "zu"}


def _names_only(words: list[str], most: int, counts: bool = False) -> bool:
    """Words that can be a name or two: at most ``most``, each capitalised (or a particle
    inside a name, or with ``counts`` a number: "91 comments"), none a word that opens a phrase."""
    names = [w for w in words if w.lower() not in _JOINS and re.search(r"\w", w)]
    return len(names) <= most and all(
        (w[0].isupper() or (k > 0 and w in _PARTICLES) or (counts and w.isdigit())) and w.lower() not in NOT_NAMES for k, w in enumerate(names)
    )


_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\b(?:and|und|et|y|e|en)\b)\s*", re.I)


def _full_names(names: str) -> bool:
    """Whether each name a byline gives is a person's full name or an agency's letters
    ("Jane Doe", "AFP"), not one word or a word twice: "By Design", "Von Liebe und Tod", "Von Tür zu Tür" are titles."""
    parts = [p.split() for p in _NAME_SEPARATOR.split(names) if p.strip()]
    return all((len(p) >= 2 and len(set(p)) == len(p)) or (len(p) == 1 and len(p[0]) <= 5 and p[0].upper() == p[0]) for p in parts)


# the most words of the names a byline gives ("Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR")
_BYLINE_NAMES = 9


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
        return byline is not None and _names_only(re.findall(r"[\w.'’-]+", byline.group(1)), _BYLINE_NAMES) and _full_names(byline.group(1))
    rest = _DATELINE_WORDS.sub(" ", _CLOCK.sub(" ", _READING_TIME.sub(" ", _DATE.sub(" ", text))))
    return _names_only(re.findall(r"[\w.'’-]+", rest), 4, counts=True)


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
