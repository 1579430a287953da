"""Every word heardline adds to a page's own, in the page's language: the phrases
narration speaks ("Published …", "By …", "Photo:", "With material from …"), the
labels the EPUB shows, the chapter names, the feed's description, and month names for dates.

One table per language; a language without a table gets English. Every language a
voice profile names has every phrase (a test checks ``voices/default.toml``).
"""

from __future__ import annotations

import re
from datetime import datetime

__all__ = ["PHRASES", "MONTHS", "month_names", "phrase", "join_names", "format_date", "base_language"]

# key -> English; every language has every key
_EN = {
    "published": "Published {date}", "updated": "Updated {date}", "by": "By {names}", "and": "and",
    "photo": "Photo", "map": "Map", "chart": "Chart", "graphic": "Graphic", "video": "Video", "gallery": "Gallery",
    "image": "Image: {credit}", "credit": "Credit", "source": "Source", "description": "Image description",
    "agencies": "With material from {agencies}.", "main_story": "Main story", "images": "Images",
    "read_more": "Read more:", "contents": "Contents", "landmarks": "Landmarks", "skip": "Skip links",
    "start": "Start of the article", "appendix": "Links from the page",
    "feed": "News articles read aloud, in chapters.",
}

PHRASES: dict[str, dict[str, str]] = {
    "en": _EN,
    "de": {
        "published": "Veröffentlicht am {date}", "updated": "Aktualisiert am {date}", "by": "Von {names}", "and": "und",
        "photo": "Foto", "map": "Karte", "chart": "Grafik", "graphic": "Grafik", "video": "Video", "gallery": "Bildergalerie",
        "image": "Bild: {credit}", "credit": "Bildnachweis", "source": "Quelle", "description": "Bildbeschreibung",
        "agencies": "Mit Material von {agencies}.", "main_story": "Der Artikel", "images": "Bilder",
        "read_more": "Mehr dazu:", "contents": "Inhalt", "landmarks": "Orientierungspunkte", "skip": "Sprunglinks",
        "start": "Beginn des Artikels", "appendix": "Links der Seite",
        "feed": "Nachrichtenartikel, vorgelesen, in Kapiteln.",
    },
    "fr": {
        "published": "Publié le {date}", "updated": "Mis à jour le {date}", "by": "Par {names}", "and": "et",
        "photo": "Photo", "map": "Carte", "chart": "Graphique", "graphic": "Infographie", "video": "Vidéo", "gallery": "Galerie",
        "image": "Image : {credit}", "credit": "Crédit", "source": "Source", "description": "Description de l'image",
        "agencies": "Avec {agencies}.", "main_story": "L'article", "images": "Images",
        "read_more": "Lire aussi :", "contents": "Table des matières", "landmarks": "Repères", "skip": "Liens d'évitement",
        "start": "Début de l'article", "appendix": "Liens de la page",
        "feed": "Des articles d'actualité lus à voix haute, en chapitres.",
    },
    "es": {
        "published": "Publicado el {date}", "updated": "Actualizado el {date}", "by": "Por {names}", "and": "y",
        "photo": "Foto", "map": "Mapa", "chart": "Gráfico", "graphic": "Infografía", "video": "Vídeo", "gallery": "Galería",
        "image": "Imagen: {credit}", "credit": "Crédito", "source": "Fuente", "description": "Descripción de la imagen",
        "agencies": "Con información de {agencies}.", "main_story": "El artículo", "images": "Imágenes",
        "read_more": "Lea también:", "contents": "Índice", "landmarks": "Puntos de referencia", "skip": "Enlaces de salto",
        "start": "Inicio del artículo", "appendix": "Enlaces de la página",
        "feed": "Artículos de noticias leídos en voz alta, por capítulos.",
    },
    "it": {
        "published": "Pubblicato il {date}", "updated": "Aggiornato il {date}", "by": "Di {names}", "and": "e",
        "photo": "Foto", "map": "Mappa", "chart": "Grafico", "graphic": "Infografica", "video": "Video", "gallery": "Galleria",
        "image": "Immagine: {credit}", "credit": "Credito", "source": "Fonte", "description": "Descrizione dell'immagine",
        "agencies": "Con materiale di {agencies}.", "main_story": "L'articolo", "images": "Immagini",
        "read_more": "Leggi anche:", "contents": "Indice", "landmarks": "Punti di riferimento", "skip": "Collegamenti rapidi",
        "start": "Inizio dell'articolo", "appendix": "Collegamenti della pagina",
        "feed": "Articoli di notizie letti ad alta voce, in capitoli.",
    },
    "pt": {
        "published": "Publicado em {date}", "updated": "Atualizado em {date}", "by": "Por {names}", "and": "e",
        "photo": "Foto", "map": "Mapa", "chart": "Gráfico", "graphic": "Infografia", "video": "Vídeo", "gallery": "Galeria",
        "image": "Imagem: {credit}", "credit": "Crédito", "source": "Fonte", "description": "Descrição da imagem",
        "agencies": "Com informações de {agencies}.", "main_story": "O artigo", "images": "Imagens",
        "read_more": "Leia também:", "contents": "Índice", "landmarks": "Pontos de referência", "skip": "Links de salto",
        "start": "Início do artigo", "appendix": "Links da página",
        "feed": "Artigos de notícias lidos em voz alta, em capítulos.",
    },
    "nl": {
        "published": "Gepubliceerd op {date}", "updated": "Bijgewerkt op {date}", "by": "Door {names}", "and": "en",
        "photo": "Foto", "map": "Kaart", "chart": "Grafiek", "graphic": "Infographic", "video": "Video", "gallery": "Fotoserie",
        "image": "Beeld: {credit}", "credit": "Beeld", "source": "Bron", "description": "Beschrijving van de afbeelding",
        "agencies": "Met materiaal van {agencies}.", "main_story": "Het artikel", "images": "Afbeeldingen",
        "read_more": "Lees ook:", "contents": "Inhoud", "landmarks": "Oriëntatiepunten", "skip": "Snelkoppelingen",
        "start": "Begin van het artikel", "appendix": "Links van de pagina",
        "feed": "Nieuwsartikelen voorgelezen, in hoofdstukken.",
    },
    "pl": {
        "published": "Opublikowano {date}", "updated": "Zaktualizowano {date}", "by": "Autor: {names}", "and": "i",
        "photo": "Zdjęcie", "map": "Mapa", "chart": "Wykres", "graphic": "Grafika", "video": "Wideo", "gallery": "Galeria",
        "image": "Zdjęcie: {credit}", "credit": "Autor zdjęcia", "source": "Źródło", "description": "Opis obrazu",
        "agencies": "Na podstawie materiałów {agencies}.", "main_story": "Artykuł", "images": "Zdjęcia",
        "read_more": "Czytaj także:", "contents": "Spis treści", "landmarks": "Punkty orientacyjne", "skip": "Linki pomijania",
        "start": "Początek artykułu", "appendix": "Linki ze strony",
        "feed": "Artykuły prasowe czytane na głos, w rozdziałach.",
    },
    "sv": {
        "published": "Publicerad {date}", "updated": "Uppdaterad {date}", "by": "Av {names}", "and": "och",
        "photo": "Foto", "map": "Karta", "chart": "Diagram", "graphic": "Grafik", "video": "Video", "gallery": "Bildspel",
        "image": "Bild: {credit}", "credit": "Foto", "source": "Källa", "description": "Bildbeskrivning",
        "agencies": "Med material från {agencies}.", "main_story": "Artikeln", "images": "Bilder",
        "read_more": "Läs också:", "contents": "Innehåll", "landmarks": "Landmärken", "skip": "Hopplänkar",
        "start": "Artikelns början", "appendix": "Länkar från sidan",
        "feed": "Nyhetsartiklar upplästa, i kapitel.",
    },
    "da": {
        "published": "Offentliggjort {date}", "updated": "Opdateret {date}", "by": "Af {names}", "and": "og",
        "photo": "Foto", "map": "Kort", "chart": "Diagram", "graphic": "Grafik", "video": "Video", "gallery": "Billedserie",
        "image": "Billede: {credit}", "credit": "Foto", "source": "Kilde", "description": "Billedbeskrivelse",
        "agencies": "Med materiale fra {agencies}.", "main_story": "Artiklen", "images": "Billeder",
        "read_more": "Læs også:", "contents": "Indhold", "landmarks": "Orienteringspunkter", "skip": "Spring-links",
        "start": "Artiklens begyndelse", "appendix": "Links fra siden",
        "feed": "Nyhedsartikler læst højt, i kapitler.",
    },
    "no": {
        "published": "Publisert {date}", "updated": "Oppdatert {date}", "by": "Av {names}", "and": "og",
        "photo": "Foto", "map": "Kart", "chart": "Diagram", "graphic": "Grafikk", "video": "Video", "gallery": "Bildeserie",
        "image": "Bilde: {credit}", "credit": "Foto", "source": "Kilde", "description": "Bildebeskrivelse",
        "agencies": "Med materiale fra {agencies}.", "main_story": "Artikkelen", "images": "Bilder",
        "read_more": "Les også:", "contents": "Innhold", "landmarks": "Landemerker", "skip": "Hoppelenker",
        "start": "Artikkelens begynnelse", "appendix": "Lenker fra siden",
        "feed": "Nyhetsartikler lest høyt, i kapitler.",
    },
    "tr": {
        "published": "Yayınlanma tarihi: {date}", "updated": "Güncellenme tarihi: {date}", "by": "Yazan: {names}", "and": "ve",
        "photo": "Fotoğraf", "map": "Harita", "chart": "Grafik", "graphic": "İnfografik", "video": "Video", "gallery": "Galeri",
        "image": "Görsel: {credit}", "credit": "Fotoğraf", "source": "Kaynak", "description": "Görsel açıklaması",
        "agencies": "{agencies} kaynaklı haberlerden derlenmiştir.", "main_story": "Haber", "images": "Görseller",
        "read_more": "Ayrıca okuyun:", "contents": "İçindekiler", "landmarks": "Yer işaretleri", "skip": "Atlama bağlantıları",
        "start": "Haberin başı", "appendix": "Sayfadaki bağlantılar",
        "feed": "Sesli okunan haberler, bölümler halinde.",
    },
    "ar": {
        "published": "نُشر في {date}", "updated": "حُدّث في {date}", "by": "بقلم {names}", "and": "و",
        "photo": "صورة", "map": "خريطة", "chart": "رسم بياني", "graphic": "إنفوغرافيك", "video": "فيديو", "gallery": "معرض صور",
        "image": "الصورة: {credit}", "credit": "مصدر الصورة", "source": "المصدر", "description": "وصف الصورة",
        "agencies": "بالاستناد إلى {agencies}.", "main_story": "المقال", "images": "الصور",
        "read_more": "اقرأ أيضا:", "contents": "المحتويات", "landmarks": "معالم", "skip": "روابط التخطي",
        "start": "بداية المقال", "appendix": "روابط من الصفحة",
        "feed": "مقالات إخبارية مقروءة بصوت عالٍ، في فصول.",
    },
}
PHRASES["nb"] = PHRASES["nn"] = PHRASES["no"]

MONTHS: dict[str, tuple[str, ...]] = {
    lang: tuple(names.split())
    for lang, names in {
        "en": "January February March April May June July August September October November December",
        "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "nl": "januari februari maart april mei juni juli augustus september oktober november december",
        "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
        "sv": "januari februari mars april maj juni juli augusti september oktober november december",
        "da": "januar februar marts april maj juni juli august september oktober november december",
        "no": "januar februar mars april mai juni juli august september oktober november desember",
        "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    }.items()
}
MONTHS["nb"] = MONTHS["nn"] = MONTHS["no"]
# other names of a month in use beside MONTHS's (Austria's "Jänner")
_MONTH_VARIANTS: dict[str, tuple[str, ...]] = {"de": ("Jänner",)}


def month_names(lang: str) -> tuple[str, ...]:
    """Every name of a month in ``lang``: the twelve of :data:`MONTHS`, then other names in use.

    >>> month_names("de")[-2:]
    ('Dezember', 'Jänner')
    """
    return MONTHS.get(lang, ()) + _MONTH_VARIANTS.get(lang, ())
# how a date is written: day, month (name), year
_DATE_FORMATS = {"en": "{month} {day}, {year}", "de": "{day}. {month} {year}", "es": "{day} de {month} de {year}",
                 "pt": "{day} de {month} de {year}", "da": "{day}. {month} {year}", "no": "{day}. {month} {year}",
                 "nb": "{day}. {month} {year}", "nn": "{day}. {month} {year}"}


def base_language(lang: str) -> str:
    """The language of a tag without its region: ``pt-BR`` -> ``pt``.

    >>> base_language("pt-BR"), base_language("DE_at")
    ('pt', 'de')
    """
    return re.split(r"[-_]", lang)[0].lower()


def phrase(lang: str, key: str, **values: str) -> str:
    """A phrase in ``lang`` (English where the language has no table).

    >>> phrase("de", "image", credit="dpa")
    'Bild: dpa'
    >>> phrase("pt-BR", "published", date="3 de maio de 2024")
    'Publicado em 3 de maio de 2024'
    """
    table = PHRASES.get(base_language(lang), _EN)
    return table[key].format(**values)


def join_names(names: list[str], lang: str) -> str:
    """Names joined as a sentence lists them.

    >>> join_names(["AP", "AFP", "dpa"], "en")
    'AP, AFP and dpa'
    >>> join_names(["dpa", "AFP"], "it")
    'dpa e AFP'
    """
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {phrase(lang, 'and')} " + names[-1]


def format_date(value: datetime, lang: str) -> str:
    """A date as the language writes it (ISO where heardline knows no month names).

    >>> format_date(datetime(2017, 5, 28), "en")
    'May 28, 2017'
    >>> format_date(datetime(2017, 5, 28), "de-AT")
    '28. Mai 2017'
    >>> format_date(datetime(2017, 5, 28), "pt-BR")
    '28 de maio de 2017'
    >>> format_date(datetime(2017, 5, 28), "ja")
    '2017-05-28'
    """
    code = base_language(lang)
    if code not in MONTHS:
        return value.strftime("%Y-%m-%d")
    layout = _DATE_FORMATS.get(code, "{day} {month} {year}")
    return layout.format(day=value.day, month=MONTHS[code][value.month - 1], year=value.year)
