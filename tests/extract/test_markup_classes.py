"""extract: one fixture per class of page structure that used to go wrong
(tests/fixtures/markup/, pages of our own making: a kind of markup each,
never one site's class names)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from heardline.cli import outline
from heardline.extract import extract_document
from heardline.extract.container import clear_chrome, find_container, paragraph_scores
from heardline.model import Document, Figure, Heading, ListBlock, Paragraph, Quote, Related
from heardline.read import read_source

MARKUP = Path(__file__).parents[1] / "fixtures" / "markup"


def load(name: str) -> Document:
    page = read_source(str(MARKUP / f"{name}.html"))
    return extract_document(page.html, page.source, page.url)


def body(doc: Document) -> str:
    """The narrated text: paragraphs, subheadings, list items and quotes."""
    parts: list[str] = []
    for b in doc.blocks:
        if isinstance(b, (Paragraph, Quote)) or (isinstance(b, Heading) and b.level > 1):
            parts.append(b.text)
        elif isinstance(b, ListBlock):
            parts += list(b.items)
    return "\n".join(parts)


def rules(doc: Document) -> set[str]:
    return {left.rule for left in doc.left_out}


def test_stacked_articles_only_the_one_the_page_is_about() -> None:
    doc = load("stacked-articles")
    assert doc.headline == "Ferry returns to the river after twenty-five years"
    text = body(doc)
    assert "council voted on Tuesday" in text and "outvoted by nine to four" in text
    assert "library" not in text.lower() and "market square" not in text.lower()
    assert "another article on the page" in rules(doc)


def test_reference_back_matter_and_citation_markers_are_left_out() -> None:
    doc = load("reference-back-matter")
    text = body(doc)
    assert "from 1871, when the first steam boat" in text
    assert "[" not in text and "widening it." in text
    for gone in ("References", "Hughes A", "ISBN", "Valley ferry society", "Categories", "Contents", "Passenger ferry"):
        assert gone not in text, gone
    assert [b.text for b in doc.blocks if isinstance(b, Heading) and b.level > 1] == ["History", "Return"]


def test_chrome_rules_match_whole_tokens_only() -> None:
    doc = load("whole-token-chrome")
    assert [f.alt for f in doc.figures] == ["Pie chart of who owns the ferry company"]
    assert Heading(level=2, text="A long history on the water") in doc.blocks
    assert "Share on Facebook" not in body(doc)


def test_body_split_across_sibling_blocks_is_read_whole() -> None:
    text = body(load("sibling-blocks"))
    assert "council voted on Tuesday" in text and "outvoted by nine to four" in text
    assert "Advertisement" not in text


def test_lead_area_outside_the_body_column_belongs_to_the_first_chapter() -> None:
    doc = load("lead-area")
    assert doc.blocks[0] == Heading(level=1, text="Ferry returns to the river after twenty-five years")
    lead = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "lead")
    assert lead.text.startswith("A crossing closed since 1998")
    hero = doc.figures[0]
    assert (hero.alt, hero.caption, hero.credit) == ("A white ferry boat at a wooden landing stage", "The new ferry at the town quay.", "Jane Doe/Valley Post")
    first_body = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) and b.role == "body")
    assert doc.blocks.index(hero) < first_body
    assert "Most read" not in body(doc)


def test_a_chart_text_layer_is_one_figure_not_sentences() -> None:
    doc = load("chart-text-layer")
    assert [(f.kind, f.alt) for f in doc.figures] == [("chart", "Chart of daily crossings by year, 1990 to 2024")]
    text = body(doc)
    assert "Daily crossings" not in text and "4,000" not in text
    assert "outvoted by nine to four" in text


def test_in_body_boilerplate_is_left_out() -> None:
    doc = load("in-body-boilerplate")
    text = body(doc)
    assert "council voted on Tuesday" in text and "outvoted by nine to four" in text
    for gone in ("min read", "newsletter", "Bridge repairs", "View all", "Back to top", "Sam Lee", "Library extends", "summarized format"):
        assert gone not in text, gone
    assert "Bridge repairs" not in " ".join(f.caption for f in doc.figures)
    assert {"site notice", "back matter section"} <= rules(doc)


def test_unknown_elements_and_line_breaks_keep_words_apart() -> None:
    text = body(load("unknown-elements"))
    assert "in 1998." in text and "1998.Supporters" not in text
    assert "Supporters say the crossing" in text
    assert "Landing stages: the north stage needs a new ramp, the south stage" in text


def test_an_article_continued_on_another_page_says_so() -> None:
    doc = load("continued")
    assert doc.continued == "/news/ferry-returns?page=2"
    assert "Continued on another page: /news/ferry-returns?page=2" in outline(doc)


def test_inspect_says_what_was_left_out_and_why() -> None:
    listing = outline(load("reference-back-matter"))
    assert '"References" (back matter section)' in listing
    page = read_source(str(MARKUP.parent / "dw-mosul.html"))
    dw = extract_document(page.html, page.source, page.url)
    assert any(left.text == "Keywords" and left.rule.startswith("chrome (keywords)") for left in dw.left_out)


@pytest.mark.parametrize("name", sorted(p.stem for p in MARKUP.glob("*.html")))
def test_every_markup_fixture_gives_an_article(name: str) -> None:
    doc = load(name)
    assert doc.headline and any(isinstance(b, Paragraph) and b.role == "body" for b in doc.blocks)


def test_captions_and_credits_are_kept_apart_and_clean() -> None:
    figures = load("captions").figures
    assert [(f.caption, f.credit) for f in figures] == [("", "P A"), ("Ferry at dawn.", "Jane Doe"), ("The quay in 1960", "")]


def test_a_run_of_teaser_cards_inside_the_article_is_left_out() -> None:
    doc = load("teaser-cards")
    text = body(doc)
    assert "rebuilt before the winter gales" in text and "moor at the north quay" in text
    for card in ("Ferry timetable", "Lifeboat crew", "Fish market"):
        assert card not in text, card
    assert "teaser cards" in rules(doc)


def test_an_author_box_after_the_article_is_left_out() -> None:
    doc = load("author-box")
    text = body(doc)
    assert "story hour at three" in text
    assert "covers local government" not in text and "twenty years" not in text
    assert "author box" in rules(doc)


# --- branch i9c: precision (text that is not the article's) ---


def test_reading_time_feedback_widgets_and_bracketed_promos_are_left_out() -> None:
    doc = load("feedback-and-promos")
    text = body(doc)
    assert "sold for scrap" in text and "outvoted by nine to four" in text
    assert "Single crossing on foot: two pounds" in text and "By 2030 the valley will have four crossings" in text
    for gone in ("MIN. READ", "Also read", "Read More", "Read later", "helpful", "Rate this", "Buy on", "Check price", "full Riverboat 3 bench review", "commission", "©", "Posted by", "Posted in", "Tags", "$94", "coupon"):
        assert gone not in text, gone
    assert "site notice" in rules(doc)


def test_read_more_links_that_other_extractors_keep_are_not_read_as_text() -> None:
    doc = load("read-more-links")
    text = body(doc)
    assert "sold for scrap" in text and "old slipway below the mill" in text
    for link in ("Find out how the bridge repairs", "Learn about season tickets", "See the best cycle routes", "newsletter"):
        assert link not in text, link
    assert len([b for b in doc.blocks if isinstance(b, Related)]) == 4


def test_an_article_given_twice_desktop_and_mobile_copies_is_read_once() -> None:
    text = body(load("repeated-copies"))
    assert text.count("sold for scrap") == 1
    assert text.count("What the crossing costs") == 1
    assert text.count("A car and its driver: six pounds at any hour") == 1
    assert "outvoted by nine to four" in text


def test_boxes_that_are_one_link_to_another_page_are_teaser_cards_not_paragraphs() -> None:
    doc = load("link-cards")
    text = body(doc)
    assert "sold for scrap" in text and "old slipway below the mill" in text
    for gone in ("Previous", "Bridge repairs", "Lifeboat crew"):
        assert gone not in text, gone
    # a card's boxes are not run together into a paragraph for the vote to weigh
    assert not any("PreviousBridge" in left.text for left in doc.left_out)


# --- branch i9d (recall: text the article has that extraction used to miss) ---


def test_a_table_of_contents_goes_without_the_prose_under_it() -> None:
    doc = load("contents-box")
    text = body(doc)
    assert text.startswith("The council voted on Tuesday") and "only modest repairs" in text
    assert text.count("Why the ferry stopped") == 1  # the heading, not the entry of the contents
    assert "table of contents" in rules(doc)


def test_an_h1_below_the_article_is_not_its_headline() -> None:
    doc = load("headline-not-h1")
    assert doc.headline == "Ferry service to return next spring"
    text = body(doc)
    assert "council voted on Tuesday" in text and "outvoted by nine to four" in text


def test_a_table_set_as_a_figure_is_read_as_text() -> None:
    doc = load("text-figures")
    text = body(doc)
    assert "Single crossing, 1.20 pounds" in text and "Weekly season, 9.50 pounds" in text
    assert "outvoted by nine to four" in text
    assert [f.alt for f in doc.figures] == ["The town quay at low tide"]


def test_a_section_named_by_the_slug_of_its_heading_is_not_chrome() -> None:
    soup = BeautifulSoup((MARKUP / "slug-ids.html").read_text(), "lxml")
    container = soup.find(class_="article-body")
    assert isinstance(container, Tag)
    marked = clear_chrome(container, [], paragraph_scores(container))
    named = {str(el.get("id") or el.get("class")): marked.get(id(el)) for el in container.find_all(["section", "div"])}
    assert named == {"share-of-the-costs-for-each-town": None, "popular-crossings-in-the-morning": None, "['share-buttons']": "share"}
    text = body(load("slug-ids"))
    assert "split the running costs" in text and "expected to be the busiest" in text
    assert "Share this story" not in text


def test_page_builder_modules_named_widget_are_not_chrome() -> None:
    soup = BeautifulSoup((MARKUP / "builder-modules.html").read_text(), "lxml")
    container = soup.find(class_="entry-content")
    assert isinstance(container, Tag)
    marked = clear_chrome(container, [], paragraph_scores(container))
    assert sorted(marked.values()) == ["newsletter"]
    text = body(load("builder-modules"))
    assert "council voted on Tuesday" in text and "first sailings are planned" in text


def test_a_box_that_introduces_a_name_and_describes_it_after_the_article_is_left_out() -> None:
    doc = load("company-box")
    text = body(doc)
    assert "school lessons" in text
    assert "Northgate Media" not in text and "former librarians" not in text
    assert "author box" in rules(doc)


def test_a_body_split_across_blocks_of_one_markup_is_one_container() -> None:
    soup = BeautifulSoup((MARKUP / "split-blocks.html").read_text(), "lxml")
    assert isinstance(soup.body, Tag)
    container = find_container(soup.body, paragraph_scores(soup.body))
    assert container is not None and container.get("class") == ["post"]
    doc = load("split-blocks")
    assert [b.text for b in doc.blocks if isinstance(b, Heading) and b.level > 1] == [
        "1. Refill stations", "2. Paper tickets gone", "3. Cups that come back", "4. Bins that sort"
    ]
    assert "emptied at the end of each day" in body(doc)


# --- branch i9g (recall: text the reference keeps that heardline dropped) ---


def test_parts_of_a_page_streamed_in_by_script_are_read_where_they_show() -> None:
    doc = load("streamed-parts")
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.role != "date"]
    assert [text.split(",")[0].split(" will")[0] for text in paragraphs] == [
        "The river ferry",
        "Fewer passengers travel in the dark months",
        "Commuters who cross before eight",
        "The last sailing of the day",
        "The company",
    ]
    assert "Loading" not in body(doc)


def test_a_body_split_into_one_wrapper_per_paragraph_is_one_container() -> None:
    soup = BeautifulSoup((MARKUP / "split-wrappers.html").read_text(), "lxml")
    assert isinstance(soup.body, Tag)
    container = find_container(soup.body, paragraph_scores(soup.body))
    assert container is not None and container.get("class") == ["detail"]
    doc = load("split-wrappers")
    assert [b.text for b in doc.blocks if isinstance(b, Heading) and b.level > 1] == ["1. The town quay ferry", "2. The island shuttle", "3. The estuary crossing"]
    text = body(doc)
    assert text.startswith("Many readers asked us") and text.endswith("for the birds at high tide.")



def test_the_opening_paragraphs_above_a_card_that_repeats_the_headline_are_read() -> None:
    doc = load("headline-in-card")
    assert doc.headline == "Five ferry crossings for a day out"
    text = body(doc)
    assert text.startswith("A day on the river does not need a boat") and "timed every crossing" in text
    assert "What to bring on board\nCash for the fare" in text and "for the open deck\n1. The town quay ferry" in text
    assert text.endswith("especially at high tide.") and text.count("Five ferry crossings") == 0


def test_a_related_box_in_the_middle_of_the_prose_does_not_take_the_prose_with_it() -> None:
    doc = load("related-box-mid-article")
    text = body(doc)
    assert "After heavy rain the current runs twice as fast" in text and "In fog the old ferries" in text
    assert "Related Articles" not in text and "Why some towns never built a bridge" not in text
    assert [b.text for b in doc.blocks if isinstance(b, Heading) and b.level > 1] == ["Reading the water", "Learning the trade"]


# --- branch i9f: precision, whole blocks (calls to action, "More …" sections, author boxes) ---


def test_calls_to_action_and_more_from_the_site_sections_are_left_out() -> None:
    doc = load("calls-to-action")
    text = body(doc)
    assert "outlived them by more than sixty years" in text and "Reach out to your neighbours" in text
    assert "More information" in text and "dogs on leads are welcome" in text and "visiting boats at the weekend" in text
    for gone in ("personalized demo", "Contact us", "Live chat", "Fill out the form", "More Pier Stories", "lighthouse", "More from the Harbour Trust", "three hundred volunteers", "Loading", "might also like", "Ten walks"):
        assert gone not in text, gone
    assert {"call to action", "back matter section"} <= rules(doc)


# --- i9h: tables of contents without a heading, datelines and bylines in the text ---


def test_a_table_of_contents_without_a_heading_is_left_out() -> None:
    doc = load("contents-unnamed")
    text = body(doc)
    assert text.startswith("Heating and lighting cost")
    for entry in ("Turn the heating down one degree", "Fit timers to the lights", "Close the doors between wings"):
        assert text.count(entry) == 1, entry  # the heading only, neither the list entry nor the numbered line
    assert "Timers on the lights" in text  # a list that only resembles the headings stays
    assert [left.text for left in doc.left_out if left.rule == "table of contents"] == ["Turn the heating down one degree Fit timers …", "1.1 Turn the heating down one degree"]


def test_datelines_and_bylines_set_as_text_are_left_out() -> None:
    doc = load("datelines-in-text")
    text = body(doc)
    assert text.startswith("The town library will open")
    assert "min read" not in text and "Priya Shah" not in text and "Zach Lee" not in text
    assert "By The Numbers" in text and "January 10 – March 28, 2026" in text  # a heading and an event's dates stay
    assert {left.text for left in doc.left_out if left.rule == "site notice"} >= {"By Priya Shah", "Zach Lee | May 22, 2025"}


def test_a_credit_line_under_a_figure_is_its_credit_not_a_paragraph() -> None:
    doc = load("credit-lines")
    figures = [b for b in doc.blocks if isinstance(b, Figure)]
    assert [(f.alt, f.caption, f.credit) for f in figures] == [
        ("The ferry leaving the north landing", "", "Harbour Trust"),
        ("Volunteers at work on the deck", "The new deck is oak.", "Sam Lee"),
        ("Map of the crossing", "", ""),
    ]
    text = body(doc)
    assert "courtesy" not in text and "Sam Lee" not in text
    assert "Photographs show the crossing took eleven minutes." in text and "Photo: Harbour Trust" in text  # not right under a figure


def test_a_button_in_the_middle_of_a_sentence_is_read_but_controls_are_not() -> None:
    text = body(load("sentence-buttons"))
    assert "said harbour historian Margaret O. Lane, who has written a book" in text
    assert "Listen" not in text and "Read more" not in text


# --- i9j: precision, near misses (in-body link lines, promo boxes, site statements, captions) ---


def test_a_disclaimer_and_a_production_line_in_the_sites_voice_are_left_out_but_a_reported_disclaimer_stays() -> None:
    doc = load("site-statements")
    text = body(doc)
    assert "do not necessarily reflect those of the port authority, the foreword says" in text
    assert "This story was updated on March 30" in text and "buried deeper" in text
    assert "produced by the Harbour Gazette" not in text and "are their own" not in text
    assert {left.text.split()[0] for left in doc.left_out if left.rule == "site notice"} >= {"This", "The"}


def test_link_lines_buttons_and_image_source_lines_in_the_body_are_not_read() -> None:
    doc = load("link-lines-and-buttons")
    text = body(doc)
    for gone in ("Ferries | Islands", "another ferry review", "Try Island Rover", "check out all our", "you might also like", "support this site", "Image from"):
        assert gone not in text, gone
    assert "Check out the timetable at the harbour office" in text and "Try again the next morning" in text
    assert "came out cheaper by a third" in text and "Ana Ruiz and Tom Baker rode the boats." in text
    figure = next(b for b in doc.blocks if isinstance(b, Figure))
    assert figure.credit == "Mia's June 2024 Island Rover review."
    assert {"call to action", "back matter section"} <= rules(doc)


def test_a_see_also_list_item_is_a_related_link_not_text() -> None:
    doc = load("see-also-items")
    text = body(doc)
    assert "lightest tripods" not in text and "See also" not in text
    assert [b.text for b in doc.blocks if isinstance(b, Related)] == ["The lightest tripods for long walks"]
    assert "the camera you carry is the one you use" in text and "Tripods: most walkers leave them at home" in text


def test_a_list_of_links_to_other_pages_of_the_site_is_related_links_not_text() -> None:
    doc = load("site-link-lists")
    text = body(doc)
    assert "North crossing timetable" not in text and "Walks from the village" not in text
    assert [b.text for b in doc.blocks if isinstance(b, Related)] == ["North crossing timetable", "Walks from the village", "The bakery crossing, by boat and bike"]
    assert "a windproof jacket\nthe tide tables for the day" in text  # a list with a link in it is text


# --- i9k: recall (text a reader opens, ...) ---


def test_collapsed_panels_a_control_opens_are_read_with_their_titles() -> None:
    text = body(load("disclosure-panels"))
    assert "Will the first morning sailing change?\nNo. The first sailing still leaves" in text  # a button's question, then its answer
    assert "Bicycles travel free on every sailing" in text
    for gone in ("Travel news and timetables", "Loading fares", "morning briefing", "Menu"):
        assert gone not in text, gone  # a menu of links, a placeholder, a hidden box no control opens, the controls themselves


# --- branch i9l: what follows the article (link cards, a reviewer's box, who contributed) ---


def test_link_cards_after_the_article_are_links_not_text() -> None:
    doc = load("cards-after-article")
    text = body(doc)
    assert "a sailmaker replaces a whole panel" in text  # the article's own last sentence stays
    assert any(isinstance(b, Quote) and b.text.startswith("“Most tears") for b in doc.blocks)  # a quote with a link in it
    for gone in ("A morning in the sailmaker", "Five knots", "tiller", "rainy weekend"):
        assert gone not in text, gone
    links = [b.text for b in doc.blocks if isinstance(b, Related)]
    assert "A morning in the sailmaker's workshop" in links and "Sewing a cover for your tiller" in links
    assert "teaser card" in rules(doc)


def test_a_reviewers_box_and_a_line_on_who_contributed_are_left_out() -> None:
    doc = load("closing-notes")
    text = body(doc)
    assert text.endswith("how long you must hold the account to get it.")
    for gone in ("Sam Patel", "Reviewed by", "Tom Baker", "investment adviser"):
        assert gone not in text, gone
    assert {"author box", "site notice"} <= rules(doc)


def test_a_more_box_of_teaser_cards_amid_the_article_is_left_out() -> None:
    doc = load("more-box-mid-article")
    text = body(doc)
    for stays in ("sounding the depth", "The dredger is booked", "180,000 pounds", "Booking the dredger", "Costs"):
        assert stays in text, stays
    for gone in ("More Harbour Guides", "Choosing a mooring", "harbour master before", "slipway", "tide tables"):
        assert gone not in text, gone
    assert "list of teasers" in rules(doc)


def test_links_that_title_the_items_of_a_roundup_are_read_as_their_subheadings() -> None:
    doc = load("linked-titles")
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level > 1]
    assert headings[:4] == ["Ferry company orders a second boat", "Footbridge closes for repairs", "Swan count reaches record high", "Weather"]
    related = [b.text for b in doc.blocks if isinstance(b, Related)]
    # the same link over each paragraph, and links in a row, stay links to read elsewhere
    assert related == ["See the map", "See the map", "See the map", "How the ferry was saved", "A history of the mill bridge"]


# --- i9s (review): links that are the article's text ---


def test_a_score_line_of_two_links_and_a_how_tos_linked_steps_are_read_but_a_button_and_site_links_are_not() -> None:
    doc = load("look-alike-links")
    text = body(doc)
    assert "Town v Rovers" in text  # a word between two links: a line of text, not a row of links
    assert "Open an account with the club and confirm your email address." in text  # steps, each a link: sentences
    assert "Try Tai Chi\nIts slow movements" in text  # a tip as a paragraph of its own
    assert "Get Matchpass" not in text and "Away tickets" not in text
    assert [b.text for b in doc.blocks if isinstance(b, Related)] == ["Get Matchpass", "Away tickets for the cup run", "Parking near the ground"]
