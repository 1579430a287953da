"""Site boilerplate in the languages of European newsrooms (German, French, Spanish,
Italian, Portuguese, Dutch): each kind of line goes as its English counterpart does,
and a sentence of the article that looks like it stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from heardline.extract import extract_document
from heardline.extract.blocks import related_link
from heardline.extract.endmatter import remove_end_matter
from heardline.extract.notices import is_dateline
from heardline.model import Document, Heading, Paragraph, Related
from heardline.read import read_source

MARKUP = Path(__file__).parents[1] / "fixtures" / "markup"
BODY = Paragraph(text="Der Stadtrat hat am Dienstag nach langer Debatte über die Kosten dem Bau der neuen Brücke über den Kanal zugestimmt.")
# a full paragraph of the article (25 words or more): a date between two of them is a timeline's
PROSE = Paragraph(
    text="Die Fähre legte am Morgen zum ersten Mal seit zehn Jahren wieder am alten Anleger an, und am Ufer warteten mehrere hundert Menschen mit Fahnen und Musik auf sie."
)

# (rule, the site's line, the article's sentence that looks like it)
LINES = [
    # German
    ("call to action", "Mehr erfahren", "Mehr als 60 Menschen kamen am Abend zur Versammlung im Rathaus."),
    ("call to action", "Jetzt anmelden", "Melden Sie sich beim Bürgeramt an, wenn Sie eine Parkkarte brauchen."),
    ("call to action", "Unterzeichnen Sie jetzt die Petition!", "„Unterzeichnen Sie die Petition“, rief der Redner den Zuhörern zu."),
    ("call to action", "Jetzt spenden", "Der Verein rief dazu auf, für die Opfer der Flut zu spenden."),
    ("site notice", "Abonnieren Sie unseren Newsletter", "Abonnieren ist Pflicht, sagt der Verband der Pendler."),
    ("site notice", "Lesezeit: 4 Min.", "Die Lesezeit der Kinder ist in diesem Jahr um vier Minuten am Tag gestiegen."),
    ("site notice", "Artikel teilen", "Die Nachbarn teilen sich seit Jahren einen Garten am Hafen."),
    ("site notice", "Stand: 28.04.2020 18:00 Uhr", "Stand der Dinge ist, dass die Brücke 2020 gesperrt wurde."),
    ("site notice", "Von Anna Berger und Jonas Keller", "Von Montag an fährt die Bahn wieder bis zum Hafen"),
    ("site notice", "23.06.2016 um 16:14 Uhr - Markus Reuter - 91 Kommentare", "Am 23.06.2016 um 16:14 Uhr fiel im ganzen Viertel der Strom aus."),
    ("site notice", "0% vom Ziel erreicht", "Nur 40 % der Bewohner haben das Ziel erreicht, sagt die Studie."),
    ("site notice", "Bildergalerie (12 Bilder)", "Die Bildergalerie im Rathaus zeigt zwölf Bilder des alten Hafens."),
    # French
    ("call to action", "En savoir plus", "Plus d’informations seront publiées lundi, a indiqué la mairie."),
    ("call to action", "Faites un don", "« Faites un don », a lancé le maire aux habitants réunis sur la place."),
    ("site notice", "Inscrivez-vous à notre newsletter", "Inscrivez-vous à la mairie avant vendredi pour la visite guidée."),
    ("site notice", "Publié le 4 mai 2015 à 13h36", "Le 4 mai 2015 à 13h36, la grue a posé la lanterne au sommet de la tour."),
    ("site notice", "Par Claire Martin", "Par ailleurs, la mairie prévoit d’ouvrir le phare en juin"),
    ("site notice", "Temps de lecture : 3 min", "Le temps de lecture des élèves a doublé en trois ans."),
    ("site notice", "Partager cet article", "Partager un repas avec les voisins reste une tradition au port."),
    ("site notice", "Revivez le direct du conseil municipal avec vos questions.", "Les habitants ont suivi le direct du conseil municipal depuis la place."),
    # Spanish
    ("call to action", "Saber más", "Saber más sobre el faro requiere paciencia, explica el historiador."),
    ("call to action", "Suscríbete", "Suscríbete o no, el servicio seguirá siendo gratuito, dijo el alcalde."),
    ("site notice", "Suscríbete a nuestro boletín", "La alcaldesa pidió a los vecinos suscribirse al boletín municipal de alertas."),
    ("site notice", "Tiempo de lectura: 5 min", "El tiempo de lectura en las escuelas aumentó cinco minutos al día."),
    ("site notice", "Por Juan Pérez", "Por la mañana, el puerto recibió a los primeros barcos"),
    ("site notice", "Actualizado el 12 de marzo de 2024 a las 10:30", "El 12 de marzo de 2024 a las 10:30 se abrió el puente al tráfico."),
    # Italian
    ("call to action", "Scopri di più", "Scopri di più sul faro, disse la guida ai turisti."),
    ("call to action", "Sostienici", "Il sindaco ha chiesto ai cittadini di sostenere la raccolta fondi."),
    ("site notice", "Iscriviti alla nostra newsletter", "Iscriviti all’anagrafe entro venerdì, consiglia il comune."),
    ("site notice", "Tempo di lettura: 4 minuti", "Il tempo di lettura dei ragazzi è cresciuto di quattro minuti."),
    ("site notice", "Pubblicato il 3 aprile 2024 alle 10:30", "Il 3 aprile 2024 alle 10:30 il traghetto è partito dal porto."),
    # Portuguese
    ("call to action", "Saiba mais", "Saiba que a ponte vai fechar em maio, avisou a prefeitura."),
    ("site notice", "Assine a nossa newsletter", "Assine o contrato só depois de ler todas as cláusulas, aconselha o advogado."),
    ("site notice", "Leia mais", "Leia mais devagar, pediu a professora aos alunos."),
    ("site notice", "Atualizado em 12 de março de 2024 às 14h05", "Em 12 de março de 2024 às 14h05 a ponte foi reaberta ao trânsito."),
    # Dutch
    ("call to action", "Meld je aan", "Meld je aan bij de gemeente als je een parkeervergunning wilt."),
    ("call to action", "Doneer nu", "De stichting vraagt inwoners om te doneren voor het nieuwe dak."),
    ("site notice", "Schrijf je in voor onze nieuwsbrief", "Schrijf je in bij de bibliotheek, zei de wethouder tegen de kinderen."),
    ("site notice", "Leestijd 2 minuten", "De leestijd van kinderen is met twee minuten per dag gestegen."),
    ("site notice", "Door Jan de Vries", "Door de regen bleef de veerboot in de haven liggen"),
]


@pytest.mark.parametrize(("rule", "line", "look_alike"), LINES)
def test_the_sites_line_goes_and_the_articles_look_alike_stays(rule: str, line: str, look_alike: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), BODY, Paragraph(text=look_alike), BODY])
    assert kept == [BODY, BODY, Paragraph(text=look_alike), BODY]
    assert [x.rule for x in left] == [rule]


@pytest.mark.parametrize("date", ["12. März 2024", "4 mai 2015", "lundi 4 mai 2015", "12 de marzo de 2024", "3 aprile 2024", "12 de março de 2024", "12 maart 2024", "23.06.2016"])
def test_a_date_alone_over_the_article_goes_but_a_timelines_date_amid_the_prose_stays(date: str) -> None:
    kept, left = remove_end_matter([Paragraph(text=date), PROSE, Paragraph(text=date), PROSE])
    assert kept == [PROSE, Paragraph(text=date), PROSE]
    assert [x.rule for x in left] == ["site notice"]


@pytest.mark.parametrize(
    ("dateline", "sentence"),
    [
        ("Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR", "Von Berlin aus fuhr der Zug nach Hamburg"),
        ("Door Jan de Vries, 12 maart 2024", "Door de storm van 12 maart 2024 viel de stroom uit"),
        ("Aktualisiert am 12.03.2024, 10:30 Uhr", "Aktualisiert wird der Fahrplan am 12.03.2024 um 10:30 Uhr"),
        ("Jane Doe · 4 Min. Lesezeit", "Jane Doe schrieb den Text in vier Minuten"),
        ("Ein Kommentar von Anna Berger", "Ein Kommentar von gestern"),
        ("Propos recueillis par Claire Martin", "Propos recueillis par la police"),
        ("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 04.05.2015 à 14h13 | Par Martin Untersinger", "Le 04.05.2015 à 13h36 le vote a commencé"),
    ],
)
def test_datelines_and_bylines_in_other_languages(dateline: str, sentence: str) -> None:
    assert is_dateline(dateline) and not is_dateline(sentence)


@pytest.mark.parametrize(
    ("heading", "look_alike"),
    [
        ("Mehr zur Straßenbahn", "Mehr zu tun als je zuvor"),
        ("Unsere Lesetipps", "Unsere Tipps für den Sommer"),
        ("Sur le même thème", "Sur le même bateau depuis 1902"),
        ("Más sobre Valencia", "Más de cien muertos en la riada"),
        ("Articoli correlati", "Articoli di legge contestati"),
        ("Mais sobre Lisboa", "Mais de cem famílias sem casa"),
        ("Meer over Utrecht", "Meer over de zaak van de veerboot"),
        ("Mehr zu diesem Thema:", "Mehr zu tun als gedacht"),
        ("3 commentaires", "3 communes en colère"),
        ("12 Kommentare", "12 Monate Bauzeit"),
    ],
)
def test_a_heading_over_more_of_the_site_goes_with_its_section_but_a_look_alike_stays(heading: str, look_alike: str) -> None:
    teaser = Paragraph(text="Ein Rundgang durch die Halle.")
    kept, left = remove_end_matter([PROSE, Heading(level=2, text=heading), teaser])
    assert kept == [PROSE] and [x.rule for x in left] == ["back matter section"]
    blocks = [PROSE, Heading(level=2, text=look_alike), teaser]
    assert remove_end_matter(blocks) == (blocks, [])


def _paragraph(html: str) -> Tag:
    p = BeautifulSoup(html, "html.parser").p
    if p is None:
        raise AssertionError(html)
    return p


@pytest.mark.parametrize("label", ["Lire :", "Leer:", "Vedi anche:", "Veja também:", "Lees ook:", "Zie ook:"])
def test_a_read_also_line_in_another_language_is_a_related_link_but_a_named_speaker_is_not(label: str) -> None:
    line = _paragraph(f'<p>{label} <a href="/port">Le vieux port retrouve ses bateaux de pêche et ses marins</a></p>')
    assert related_link(line) == (label, "Le vieux port retrouve ses bateaux de pêche et ses marins", "/port")
    speaker = _paragraph('<p>Lee: I never wanted to leave, and <a href="/port">the old port</a> was my home for thirty years.</p>')
    assert related_link(speaker) is None


def _load(name: str) -> Document:
    page = read_source(str(MARKUP / f"{name}.html"))
    return extract_document(page.html, page.source, page.url)


def _body(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks if isinstance(b, (Paragraph, Heading)) and getattr(b, "level", 2) > 1)


@pytest.fixture(scope="module")
def german() -> Document:
    return _load("boilerplate-de")


@pytest.fixture(scope="module")
def french() -> Document:
    return _load("boilerplate-fr")


def test_a_german_pages_boilerplate_goes_and_its_sentences_stay(german: Document) -> None:
    text = _body(german)
    assert text.startswith("Nach drei Jahren Bauzeit")
    for stays in ("Mehr als 60 Menschen", "„Lesen Sie den Bericht, sagte sie", "Abonnieren ist Pflicht", "Melden Sie sich beim Bürgeramt an", "12. März 2024", "3. April 2024"):
        assert stays in text, stays
    for gone in ("Kommentare", "Lesezeit", "Von Anna Berger", "Mehr erfahren", "Artikel teilen", "Bildergalerie", "Newsletter", "spenden", "erschien zuerst", "Mehr zur", "Depot", "Spaziergänge",
                 "Räder", "Petition", "vom Ziel", "mitgemacht", "12%"):  # a petition box, its counters and its progress bar
        assert gone not in text, gone
    assert [(r.label, r.text) for r in german.blocks if isinstance(r, Related)] == [("Lesen Sie auch:", "Die alte Brücke am Kanal wird saniert")]
    assert {x.rule for x in german.left_out} >= {"site notice", "call to action", "back matter section"}


def test_a_french_pages_boilerplate_goes_and_its_sentences_stay(french: Document) -> None:
    text = _body(french)
    assert text.startswith("Après deux ans de travaux")
    for stays in ("Plus d’informations seront publiées lundi", "Inscrivez-vous à la mairie", "En savoir plus sur l’histoire", "4 mai 2015", "Une lanterne de 1902"):
        assert stays in text, stays
    for gone in ("Publié le", "Claire Martin", "Temps de lecture", "Revivez", "Partager", "galerie", "newsletter", "faites un don", "même thème", "oiseaux", "Sur le web"):
        assert gone not in text, gone
    assert [(r.label, r.text) for r in french.blocks if isinstance(r, Related)] == [("Lire :", "Le vieux port retrouve ses bateaux de pêche")]


@pytest.mark.parametrize("dates", [("12. März 2024", "3. April 2024", "1. Mai 2024"), ("4 mai 2015", "1er juin 2015", "12 juillet 2015"), ("12 de marzo de 2024", "3 de abril de 2024", "Mayo")])
def test_a_timeline_in_another_language_at_the_end_is_not_a_list_of_teasers(dates: tuple[str, ...]) -> None:
    blocks = [BODY, PROSE, *[b for date in dates for b in (Heading(level=3, text=date), Paragraph(text="Der Rat stimmt zu."))]]
    assert remove_end_matter(blocks) == (blocks, [])


def test_an_author_box_in_another_language_goes_but_a_place_the_article_is_about_stays() -> None:
    bio = Paragraph(text="Anna Berger ist Redakteurin im Lokalressort und schreibt seit 2015 über Verkehr und Stadtplanung.")
    kept, left = remove_end_matter([BODY, PROSE, PROSE, bio], ("Anna Berger",))
    assert kept == [BODY, PROSE, PROSE] and [x.rule for x in left] == ["author box"]
    kept, left = remove_end_matter([BODY, PROSE, PROSE, Heading(level=2, text="Über Acme"), Paragraph(text="Acme ist ein Fährbetrieb am Hafen.")])
    assert kept == [BODY, PROSE, PROSE] and [x.rule for x in left] == ["author box"]
    guide = Paragraph(text="Lissabon ist die schönste Stadt für ein langes Wochenende, und das Essen ist dort billiger als in jeder anderen Hauptstadt im Süden Europas.")
    blocks = [BODY, PROSE, guide, Heading(level=2, text="Über Lissabon"), Paragraph(text="Lissabon ist eine Stadt auf sieben Hügeln.")]
    assert remove_end_matter(blocks) == (blocks, [])


# --- i9s (review): look-alikes of the read-also labels ---


@pytest.mark.parametrize(
    "html",
    [
        "<p>Lire – et relire – <a href=\"/proust\">Proust</a>, c'est un plaisir que la ville offre cet été dans ses jardins.</p>",
        '<p>Ver - y escuchar - a <a href="/banda">la banda municipal</a> en la plaza es gratis los domingos.</p>',
        '<p>Lees – of herlees – <a href="/boek">het boek</a> voordat de film in de bioscoop draait.</p>',
    ],
)
def test_a_sentence_that_opens_with_a_read_also_word_is_not_a_related_link(html: str) -> None:
    assert related_link(_paragraph(html)) is None
