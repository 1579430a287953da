"""Site notices among the blocks: datelines and bylines go, look-alike headings and lines stay."""

from __future__ import annotations

import pytest

from heardline.extract.endmatter import remove_end_matter
from heardline.model import Block, Figure, Heading, ListBlock, Paragraph, Related

BODY = Paragraph(text="The council approved the new bridge on Tuesday after a long debate about its cost.")


@pytest.mark.parametrize("line", ["Posted by admin on March 5, 2024", "Updated: 5 March 2024", "By Jane Doe, March 5, 2024", "Published 12/03/2023"])
def test_a_dateline_or_byline_is_a_site_notice(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), Heading(level=2, text=line)])
    assert kept == [BODY]
    assert [(x.rule) for x in left] == ["site notice", "site notice"]


@pytest.mark.parametrize("line", ["By the end of 2025", "By the numbers: 2019 in review", "Published in 2019, the report", "By 2030 the valley"])
def test_a_heading_that_only_looks_like_a_dateline_stays(line: str) -> None:
    kept, left = remove_end_matter([BODY, Heading(level=2, text=line), BODY])
    assert kept == [BODY, Heading(level=2, text=line), BODY] and left == []


# --- branch i9f: calls to action and "More …" headings ---


@pytest.mark.parametrize(
    "line",
    [
        "Contact us",
        "Live chat with us",
        "Reach out to us for a quick reply from our team.",
        "Book a free demo today!",
        "Request a Custom Quote",
        "Sign up for free",
        "Fill out the form to get our guide.",
        "Learn more",
        "Receive the latest release notes in your inbox.",
    ],
)
def test_a_call_to_action_is_left_out(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), BODY])
    assert kept == [BODY, BODY]
    assert [x.rule for x in left] == ["call to action"]


@pytest.mark.parametrize("line", ["Reach out to your neighbours before the open day, the chair said.", "Contact tracing ended in May.", "Start a trial of the new timetable in June.", "Join the queue"])
def test_a_line_that_only_looks_like_a_call_to_action_stays(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), BODY])
    assert kept == [BODY, Paragraph(text=line), BODY] and left == []


def test_a_more_heading_after_the_article_goes_with_its_section_but_not_before_it() -> None:
    prose = Paragraph(text="Two more ferries will call at the pier from June, the trust said, once the landing stage has been tested with a full load of passengers.")
    more_inside = [Heading(level=2, text="More Ferries"), prose]
    teaser = Paragraph(text="The north pier's lighthouse")
    kept, left = remove_end_matter([BODY, *more_inside, Heading(level=2, text="More Pier Stories"), teaser])
    assert kept == [BODY, *more_inside]
    assert [x.rule for x in left] == ["back matter section"]


@pytest.mark.parametrize("line", ["Like Loading...", "(Visited 1,902 times, 364 visits today)", "Pin for later", "This work is licensed under a Creative Commons Attribution 4.0 License"])
def test_widget_leftovers_and_licence_lines_are_site_notices(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line)])
    assert kept == [BODY] and [x.rule for x in left] == ["site notice"]


# --- i9h: datelines and bylines without the words the notice rule names ---


@pytest.mark.parametrize("line", ["Dec 18, 2025 ⋅ 15 min read", "3 January, 2025", "Published on: February 14, 2025", "05/03/2026 by Meaghan Weeden", "By Preetam Jinka", "Written by A. J. Neal and Sam Lee", "by Jo Tan—10 min read", "Reading Time: 11 minutes", "Estimated reading time:"])
def test_a_line_that_is_only_a_date_or_a_byline_is_a_site_notice(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line)])
    assert kept == [BODY] and [x.rule for x in left] == ["site notice"]


def test_a_label_line_after_the_article_goes_with_what_it_labels_up_to_the_next_heading() -> None:
    prose = Paragraph(text="Two more ferries will call at the pier from June, the trust said, once the landing stage has been tested with a full load of passengers.")
    teaser = Paragraph(text="Ten walks along the old coast road")
    after = [Heading(level=2, text="Timetable"), BODY]
    kept, left = remove_end_matter([prose, Paragraph(text="Related reads:"), teaser, *after])
    assert kept == [prose, *after] and [x.rule for x in left] == ["back matter section"]
    # before the article's last full paragraph, or without its colon, the line is the article's
    for blocks in ([Paragraph(text="Related reads:"), teaser, prose], [prose, Paragraph(text="Related reads"), teaser]):
        assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize("line", ["As of July 31, 2025, the FDA has received:", "Tate Britain, October 2, 2025 – February 15, 2026", "By The Numbers", "By 2030, most buses will be electric", "On March 3, 2024 the mayor resigned after the vote.", "Boil For 10 Minutes", "Reading time matters to pupils who read daily"])
def test_a_line_with_a_date_that_says_more_stays(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line)])
    assert kept == [BODY, Paragraph(text=line)] and left == []


def test_a_date_as_a_heading_stays_a_timeline_heading() -> None:
    blocks = [BODY, Heading(level=3, text="March 3, 2025"), BODY, Heading(level=3, text="April 9, 2025"), BODY]
    assert remove_end_matter(blocks) == (blocks, [])


# --- branch i9g (recall) ---

PROSE = [Paragraph(text=f"Paragraph {n} of the article goes on about the ferry, the river and the town quay for long enough to be prose that a listener hears.") for n in range(4)]


def test_a_back_matter_heading_left_alone_in_the_prose_goes_without_the_prose() -> None:
    blocks = [Heading(level=2, text="Reading the water"), PROSE[0], Heading(level=3, text="Related Articles"), PROSE[1], PROSE[2], Heading(level=2, text="Learning"), PROSE[3]]
    kept, left = remove_end_matter(blocks)
    assert kept == [b for b in blocks if b != Heading(level=3, text="Related Articles")]
    assert [x.rule for x in left] == ["back matter section"]


def test_a_back_matter_section_at_the_end_goes_whole() -> None:
    blocks = [*PROSE[:2], Heading(level=2, text="About the author"), PROSE[2], Heading(level=2, text="Related articles"), Paragraph(text="Ten bridges worth a walk")]
    kept, _ = remove_end_matter(blocks)
    assert kept == PROSE[:2]


# --- branch i9f (continued): author boxes, label lines, link sections, slide numbers ---


ARTICLE = [Paragraph(text=" ".join(["The ferry will run every half hour from June, the council said, and the fare will stay at two pounds for a single crossing on foot."] * 3))] * 3


def test_an_author_box_names_the_people_of_a_shared_author_field_one_by_one() -> None:
    bios = [Paragraph(text="Jane Doe is adjunct faculty at the city college."), Paragraph(text="John Roe is a professor of history at the university.")]
    kept, left = remove_end_matter([*ARTICLE, *bios], ("Jane Doe and John Roe, The Daily Bugle",))
    assert kept == ARTICLE and [x.rule for x in left] == ["author box"]


def test_an_author_box_that_gives_a_title_and_credentials_with_the_name_is_left_out() -> None:
    box = [Paragraph(text="Dr. Max Mustermann, DVM, CPP"), Paragraph(text="President, River Safety Board"), Paragraph(text="Max writes about animals.")]
    kept, left = remove_end_matter([*ARTICLE, *box], ("Max Mustermann CPP, PSP",))
    assert kept == ARTICLE and [x.rule for x in left] == ["author box"]


def test_a_label_line_over_a_short_box_at_the_end_goes_with_it() -> None:
    box = [Paragraph(text="About the Author:"), Paragraph(text=" ".join(["Jane Doe has written about rivers and ferries for the paper since 2015, and before that she ran a boatyard."] * 2))]
    kept, left = remove_end_matter([*ARTICLE, *box])
    assert kept == ARTICLE and [x.rule for x in left] == ["back matter section"]


@pytest.mark.parametrize("label", ["Article Sources:", "Helpful Links:", "Other links"])
def test_sources_and_link_sections_are_back_matter(label: str) -> None:
    links = ListBlock(ordered=False, items=("Ferry timetable", "Fares"))
    kept, left = remove_end_matter([*ARTICLE, Heading(level=4, text=label), links])
    assert kept == ARTICLE and [x.rule for x in left] == ["back matter section"]


def test_a_row_of_slide_numbers_is_left_out_but_a_list_of_numbers_with_words_stays() -> None:
    pager = ListBlock(ordered=False, items=("1", "2", "3", "Next ›"))
    facts = ListBlock(ordered=False, items=("1", "2 crossings a day"))
    kept, left = remove_end_matter([*ARTICLE, pager, facts])
    assert kept == [*ARTICLE, facts] and [x.rule for x in left] == ["slide or page numbers"]


@pytest.mark.parametrize(
    "line",
    [
        "Since you made it to the bottom of this article, we have a small favor to ask.",
        "We’re in the midst of our end-of-year campaign, our most important fundraising effort of the year.",
        "If you believe stories like this one matter, please consider pitching in what you can.",
    ],
)
def test_an_appeal_for_money_is_a_call_to_action(line: str) -> None:
    kept, left = remove_end_matter([*ARTICLE, Paragraph(text=line)])
    assert kept == ARTICLE and [x.rule for x in left] == ["call to action"]


def test_a_sentence_about_fundraising_in_the_article_stays() -> None:
    line = Paragraph(text="The trust's fundraising campaign raised £40,000 for the pier, most of it in gifts of under ten pounds.")
    assert remove_end_matter([*ARTICLE, line]) == ([*ARTICLE, line], [])


def test_a_promo_box_goes_with_its_heading_and_pitch_but_a_section_of_prose_stays() -> None:
    box = [Heading(level=5, text="Harbour File Transfer"), Paragraph(text="Use the fastest, safest transfer service there is."), Paragraph(text="Sign up for free")]
    kept, left = remove_end_matter([*ARTICLE, *box, *ARTICLE])
    assert kept == [*ARTICLE, *ARTICLE] and [x.rule for x in left] == ["promo box", "call to action"]
    section = [Heading(level=2, text="Getting there"), ARTICLE[0]]
    kept, left = remove_end_matter([*ARTICLE, *section, Paragraph(text="Contact us")])
    assert kept == [*ARTICLE, *section] and [x.rule for x in left] == ["call to action"]


# --- branch i9r: advice, reported appeals and event dates that only look like site notices ---


@pytest.mark.parametrize(
    "line",
    [
        "Get a quote from three builders before you start.",
        "Try a free trial before you commit to an annual plan.",
        "Book a consultation with a dermatologist if the rash spreads.",
        "Talk to an adviser before you move your pension.",
        "Speak with a specialist if symptoms persist.",
        "Call us old-fashioned, but we still prefer paper maps.",
        "Fill out the form at the post office and bring two photos.",
        "Register to vote.",
        "Check the sender of every message in your inbox.",
        "Shop at a farmers market.",
        "Compare prices at three stores.",
        "Updated guidance was issued on Monday.",
        "By Tuesday, Oct. 3, voters must register",
        "Brokers may receive a commission of up to 3 percent on each sale.",
        "Parents can sign up for the school newsletter at the front office.",
        "Residents who want to help can make a donation at any branch of the library.",
        "“Your gift today helps families keep the heat on,” said Jane Smith, director of the food bank.",
        "The hospital asked the public to donate today if they can.",
        "Deadline: March 31, 2026",
        "£5 on the door, children free",
        "$12 at the box office",
        "20 minutes",
    ],
)
def test_advice_to_the_reader_and_reported_appeals_stay(line: str) -> None:
    blocks = [BODY, Paragraph(text=line), BODY, ListBlock(ordered=False, items=(line, "Keep the receipts"))]
    assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Get a free quote today!", "call to action"),
        ("Schedule your demo", "call to action"),
        ("Call us at 555-0100", "call to action"),
        ("Talk to our experts", "call to action"),
        ("Register for free", "call to action"),
        ("Subscribe to our newsletter", "site notice"),
        ("Get the best stories in your inbox", "call to action"),
        ("Donate today", "call to action"),
        ("If you value this reporting, please make a donation today.", "call to action"),
        ("Shop at Walmart", "site notice"),
        ("Check price on Amazon", "site notice"),
        ("Updated 3 hours ago", "site notice"),
        ("By Jane Doe and John Roe, March 5, 2024", "site notice"),
        ("We may earn a commission when you buy through links on this page.", "site notice"),
        ("Get a Quote from Harbour Van Lines", "call to action"),
        ("Get a Quote (718) 555-0100", "call to action"),
        ("Sign-Up for Harbour", "call to action"),
        ("For daily tips, sign up for the Almanac newsletter.", "site notice"),
        ("Was this newsletter forwarded to you? Sign up to get it in your inbox.", "call to action"),
        ("The best picks of the week, delivered right to your inbox. Sign up now and be the first to know.", "site notice"),
    ],
)
def test_the_site_asking_or_selling_goes(line: str, rule: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), BODY])
    assert kept == [BODY, BODY] and [x.rule for x in left] == [rule]


@pytest.mark.parametrize(
    "cards",
    [
        [("1990", "The mill closes."), ("2004", "The town buys the site."), ("March 3, 2025", "The flats open.")],
        [("Is the pool open?", "Yes, from 7am."), ("Is parking free?", "Only on Sundays."), ("Can I bring a dog?", "No dogs inside.")],
    ],
)
def test_a_timeline_or_an_faq_at_the_end_is_not_a_list_of_teasers(cards: list[tuple[str, str]]) -> None:
    blocks = [*ARTICLE, *[b for head, line in cards for b in (Heading(level=3, text=head), Paragraph(text=line))]]
    assert remove_end_matter(blocks) == (blocks, [])
    titles = [Heading(level=3, text=t) for t in ("Ten walks along the coast", "Is the pier safe?", "Where to eat")]
    kept, left = remove_end_matter([*ARTICLE, *[b for t in titles for b in (t, Paragraph(text="A short teaser line"))]])
    assert kept == ARTICLE and [x.rule for x in left] == ["list of teasers"] * 3


@pytest.mark.parametrize("heading", ["More rain tomorrow", "More to come"])
def test_a_more_heading_in_sentence_case_after_the_article_is_the_articles(heading: str) -> None:
    blocks = [*ARTICLE, Heading(level=2, text=heading), Paragraph(text="Forecasters expect another inch by noon.")]
    assert remove_end_matter(blocks) == (blocks, [])


def test_a_timelines_dates_set_as_bold_lines_amid_the_prose_stay_but_a_dateline_above_it_goes() -> None:
    timeline = [Paragraph(text="Election Day, November 5, 2024"), ARTICLE[0], Paragraph(text="March 3, 2025"), ARTICLE[0]]
    kept, left = remove_end_matter([Paragraph(text="Zach Lee | May 22, 2025"), ARTICLE[0], *timeline])
    assert kept == [ARTICLE[0], *timeline] and [x.rule for x in left] == ["site notice"]
    kept, left = remove_end_matter([ARTICLE[0], Paragraph(text="By Zach Lee, May 22, 2025"), ARTICLE[0]])
    assert kept == [ARTICLE[0], ARTICLE[0]] and [x.rule for x in left] == ["site notice"]
    card = [Heading(level=3, text="Airlines"), Paragraph(text="Dec 19, 2025"), Heading(level=3, text="A new lounge opens")]
    kept, left = remove_end_matter([ARTICLE[0], *card, ARTICLE[0], ARTICLE[0]])
    assert kept == [ARTICLE[0], card[0], card[2], ARTICLE[0], ARTICLE[0]] and [x.rule for x in left] == ["site notice"]


def test_a_place_the_article_is_about_or_a_phrase_is_not_an_author_box_but_a_company_box_is() -> None:
    guide = Paragraph(text="Lisbon is the best city break in Europe for a long weekend, and the food is cheaper than in any other capital of the south.")
    for tail in ([Heading(level=2, text="About Lisbon"), Paragraph(text="Lisbon is a city of seven hills.")], [Paragraph(text="By the river"), Paragraph(text="The river is wide here.")]):
        blocks = [*ARTICLE, guide, *tail]
        assert remove_end_matter(blocks) == (blocks, [])
    kept, left = remove_end_matter([*ARTICLE, Heading(level=2, text="About Acme"), Paragraph(text="Acme is a ferry operator.")])
    assert kept == ARTICLE and [x.rule for x in left] == ["author box"]


def test_an_english_note_at_the_end_is_an_aside_not_a_label() -> None:
    blocks = [*ARTICLE, Paragraph(text="Note:"), Paragraph(text="The museum is closed on Mondays.")]
    assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize("line", ["$949.00 from Walmart", "Currently Unavailable", "Shop Pico @ Green Closet."])
def test_a_product_cards_price_stock_and_shop_lines_are_site_notices(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line)])
    assert kept == [BODY] and [x.rule for x in left] == ["site notice"]


@pytest.mark.parametrize("line", ["The ferry costs $2 from May.", "In stock market terms, it fell.", "Buy tickets at the harbour office."])
def test_sentences_with_prices_and_shops_stay(line: str) -> None:
    assert remove_end_matter([BODY, Paragraph(text=line)]) == ([BODY, Paragraph(text=line)], [])


def test_a_science_storys_sentences_naming_et_al_stay_but_reference_entries_go() -> None:
    prose = [
        Paragraph(text="A 2019 study by Jones et al. found that people who walked daily slept an hour longer than those who did not."),
        Paragraph(text="A follow-up by Smith et al. in 2021 found the same effect in children, though it was smaller."),
    ]
    assert remove_end_matter([BODY, *prose, BODY]) == ([BODY, *prose, BODY], [])
    refs = [Paragraph(text="Jones A, et al. Walking and sleep. Sleep. 2019;4:1-9."), Paragraph(text="Smith, B. et al. (2021). Sleep in children. Nature 5, 3-9.")]
    kept, left = remove_end_matter([BODY, *refs])
    assert kept == [BODY] and [x.rule for x in left] == ["reference list", "reference list"]


def test_a_run_of_teasers_right_after_a_run_of_another_level_goes_too() -> None:
    def cards(level: int, *titles: str) -> list[Heading | Paragraph]:
        return [b for t in titles for b in (Heading(level=level, text=t), Paragraph(text="A short teaser line"))]

    kept, left = remove_end_matter([*ARTICLE, *cards(3, "Ten walks", "Where to eat", "The pier"), *cards(2, "Ferries", "Harbour news", "Tides")])
    assert kept == ARTICLE and [x.rule for x in left] == ["list of teasers"] * 6


# --- i9j: the site speaking about the article (disclaimers, who produced it, where it first appeared) ---


@pytest.mark.parametrize(
    "line",
    [
        "The views expressed by the authors of this blog are their own and do not necessarily reflect the views of the institute.",
        "The views and opinions expressed in this article are those of the authors and do not necessarily reflect the official policy of Acme.",
        "Opinions expressed by our contributors are their own.",
        "This story about flood maps was written by Ana Ruiz and produced by the Harbour Gazette, a nonprofit newsroom.",
        "This article was originally published by The Conversation.",
        "This story was produced in partnership with the Pulitzer Center.",
        "Dieser Artikel erschien zuerst bei der Zeit.",
        "Cet article a été initialement publié sur The Conversation.",
        "Les propos tenus dans cette tribune n’engagent que leur auteur.",
        "Las opiniones expresadas en este artículo son responsabilidad exclusiva del autor.",
    ],
)
def test_a_disclaimer_or_a_production_line_of_the_site_is_a_site_notice(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line)])
    assert kept == [BODY] and [x.rule for x in left] == ["site notice"]


@pytest.mark.parametrize(
    "line",
    [
        "The views expressed in the report do not necessarily reflect those of the ministry, the foreword says.",
        "The views expressed by the protesters were their own, a university spokesman said.",
        "The views expressed at the meeting ranged from anger to relief.",
        "This story was updated on May 3 to correct the spelling of a name.",
        "This story is part of our series on the coast.",
        "This article was written in response to reader questions about pensions, and it explains what changed in April.",
        "This report was published by the agency in 2019 and found that 40 percent of bridges were unsafe.",
        "Der Artikel des Gesetzes wurde 2019 geändert.",
        "Las opiniones expresadas por los vecinos fueron muy distintas.",
    ],
)
def test_a_disclaimer_or_a_production_line_the_article_reports_stays(line: str) -> None:
    assert remove_end_matter([BODY, Paragraph(text=line)]) == ([BODY, Paragraph(text=line)], [])


# --- i9j: the site pointing to more of itself, buttons set as paragraphs, disclosures ---


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("If you want to learn more, check out all our Island Rover reviews.", "call to action"),
        ("Check out another backpack review, the Gossamer Gear Mariposa 60L.", "call to action"),
        ("Read our full review of the Pixel 9.", "call to action"),
        ("For more travel tips, see our island guides.", "call to action"),
        ("Learn more about the Acme Business School MBA Program", "call to action"),
        ("For a more in-depth look at Kajabi, read our full Kajabi Review.", "call to action"),
        ("Back to Blog", "site notice"),
        ("Thanks for subscribing! Look out for your first newsletter in your inbox soon!", "site notice"),
        ("Awesome, you're subscribed!", "site notice"),
        ("Thank you for your feedback!", "site notice"),
        ("See all articles", "site notice"),
        ("Enter a zip below and get matched to top-rated pros near you.", "site notice"),
        ("Please consider booking your hotel through the included link. It costs you nothing extra and helps support this website.", "call to action"),
        ("Buying through the links below helps support our work.", "call to action"),
        ("View Deal", "site notice"),
        ("Want a faster answer? Use our Find-a-Mover tool to compare estimates from the movers that fit your move.", "call to action"),
        ("Compare movers with our Find-a-Mover tool", "call to action"),
        ("To the Offer", "site notice"),
        ("Business.com earns commissions from some listed providers.", "site notice"),
        ("Explore our Editorial Policy to learn more about our standards for content creation.", "site notice"),
        ("You’re reading one of our “Beginner’s Guide” articles. Need practice? Take our free sample test – no registration required!", "call to action"),
        ("Start a free 14-day trial (no credit card required!) to see how Acme can support your growth.", "call to action"),
        ("If you’re interested in exploring our solution, keep reading or start a free 14-day trial.", "call to action"),
    ],
)
def test_the_site_pointing_to_itself_or_a_button_set_as_a_paragraph_goes(line: str, rule: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), BODY])
    assert kept == [BODY, BODY] and [x.rule for x in left] == [rule]


@pytest.mark.parametrize(
    "line",
    [
        "Check out the city’s flood map for your street.",
        "Read our guide to the best beaches in Portugal before you book.",
        "See another side of Lisbon at dusk.",
        "Read another chapter before bed, the author suggests.",
        "Try again.",
        "Try it with lemon",
        "Get the app",
        "Buy low, sell high.",
        "Learn more about the risks before you invest.",
        "Back to school",
        "Enter the park by the north gate, where the car park is free before ten.",
        "Buying through the council scheme costs you nothing extra, the minister said.",
        "Volunteers help support the shelter in winter.",
        "“It costs you nothing extra and helps support this website,” the blogger wrote.",
        "Use a mortgage calculator to see what you can afford.",
        "The council said residents could use its online tool to report potholes.",
        "We used our own tool to measure the noise.",
        "Back to the drawing board for the council.",
        "Thanks for subscribing to the idea, the mayor joked.",
        "Thank you for your feedback on the plans, the council wrote to residents.",
        "You are subscribed to receive alerts from the council if the river floods.",
        "See the offer letter below.",
        "Before you decide, read our guide to pensions and what they cost.",
        "Shop small this Christmas",
        "Our editorial policy forbids anonymous sources, the editor wrote in a column on Sunday that drew dozens of letters.",
        "Brokers may receive a commission of up to 3 percent on each sale.",
        "Probieren Sie es aus.",
        "Use a free budgeting app to track what you spend each week.",
        "“Take our free tour and see the cliffs,” the guide told us.",
        "The museum offers a free tour on Sundays; no registration is required, a spokeswoman said.",
        "We took our free afternoon to walk the cliffs.",
        "Get a free quote from three builders before you start; we did, and saved a third.",
    ],
)
def test_advice_and_sentences_that_only_look_like_links_or_buttons_stay(line: str) -> None:
    blocks = [BODY, Paragraph(text=line), BODY]
    assert remove_end_matter(blocks) == (blocks, [])


def test_a_section_name_as_a_heading_is_not_a_button() -> None:
    blocks = [BODY, Heading(level=3, text="Try Tai Chi"), BODY, Heading(level=3, text="Learn More About Diabetes"), BODY]
    assert remove_end_matter(blocks) == (blocks, [])


def test_an_if_you_liked_this_label_after_the_article_goes_with_what_it_labels() -> None:
    tail = [Paragraph(text="If you liked this post you might also like:"), Paragraph(text="Share it with a friend who loves the islands.")]
    kept, left = remove_end_matter([*ARTICLE, *tail])
    assert kept == ARTICLE and [x.rule for x in left] == ["back matter section"]


# --- branch i9l: who contributed, reviewers' boxes, link cards after the article ---


@pytest.mark.parametrize("line", ["Jane Doe and The Associated Press contributed to this report.", "Sam Patel contributed reporting to this story."])
def test_a_line_on_who_contributed_is_a_site_notice(line: str) -> None:
    kept, left = remove_end_matter([*ARTICLE, Paragraph(text=line)])
    assert kept == ARTICLE and [x.rule for x in left] == ["site notice"]


@pytest.mark.parametrize(
    "line",
    [
        "Heavy rain contributed to this week's delays on the line.",
        "Rising rents contributed to this report's grim forecast for renters.",
        "Several factors contributed to this story, the mayor said.",
    ],
)
def test_sentences_about_what_contributed_to_something_stay(line: str) -> None:
    blocks = [*ARTICLE, Paragraph(text=line)]
    assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize("label", ["Reviewed by", "Medically reviewed by:", "About the author"])
def test_a_bio_under_a_reviewers_label_at_the_end_goes_with_the_label(label: str) -> None:
    box = [Paragraph(text=label), Paragraph(text="Tom Baker, CFP, is a financial planner who has advised first-time buyers since 2004.")]
    kept, left = remove_end_matter([*ARTICLE, *box])
    assert kept == ARTICLE and [x.rule for x in left] == ["author box"]


def test_an_about_the_author_line_with_the_bio_in_it_goes() -> None:
    kept, left = remove_end_matter([*ARTICLE, Paragraph(text="About the author: Craig Hull is a photographer based in Prague. You can find his work on his website.")])
    assert kept == ARTICLE and [x.rule for x in left] == ["author box"]


def test_a_book_reviews_closing_words_on_the_books_author_stay() -> None:
    review = Paragraph(
        text="Toni Morrison wrote the novel in three years, and every page of it shows how carefully she listened to the people of the small Ohio town she grew up in."
    )
    box = [Paragraph(text="About the author"), Paragraph(text="Toni Morrison was a novelist who won the Nobel Prize in 1993.")]
    blocks = [*ARTICLE, review, *box]
    assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize("line", ["Reviewed by", "Written by"])
def test_a_label_over_a_paragraph_that_is_no_bio_stays(line: str) -> None:
    blocks = [*ARTICLE, Paragraph(text=line), Paragraph(text="the ferry company's own engineers, the report found the hull sound.")]
    assert remove_end_matter(blocks) == (blocks, [])


def test_a_heading_over_a_picture_and_a_link_of_its_own_words_is_a_card_but_a_photo_section_stays() -> None:
    card = [
        Heading(level=2, text="Ten projects for a rainy weekend"),
        Figure(kind="photo", src="/a.jpg", alt="Bags"),
        Related(text="Ten projects for a rainy weekend", href="/x"),
    ]
    kept, left = remove_end_matter([*ARTICLE, *card])
    assert kept == [*ARTICLE, *card[1:]] and [x.rule for x in left] == ["teaser card"]
    photo = [Heading(level=2, text="The harbour at dawn"), Figure(kind="photo", src="/b.jpg", alt="Boats"), Related(text="More photos by Ana", href="/y")]
    assert remove_end_matter([*ARTICLE, *photo]) == ([*ARTICLE, *photo], [])


def _cards(*titles: str) -> list[Block]:
    return [b for t in titles for b in (Heading(level=2, text=t), Paragraph(text="A short standfirst of the other article."))]


def test_teaser_cards_under_a_more_heading_amid_the_article_go_but_its_sections_stay() -> None:
    more = [Heading(level=2, text="More Harbour Guides"), *_cards("Choosing a mooring for a small yacht", "The slipway rules every owner should know")]
    after = [Heading(level=2, text="Booking the dredger"), *ARTICLE]
    kept, left = remove_end_matter([*ARTICLE, *more, *after])
    assert kept == [*ARTICLE, *after] and [x.rule for x in left] == ["back matter section", "list of teasers", "list of teasers"]
    # short sections of the article itself: titles of a few words, or more than one line under each
    for sections in (
        _cards("Cook at home", "Cancel subscriptions"),
        [b for t in ("Pack snacks for the whole trip", "Book seats together early") for b in (Heading(level=2, text=t), ARTICLE[0])],
    ):
        blocks = [*ARTICLE, Heading(level=2, text="More Ways To Save"), *sections, *after]
        assert remove_end_matter(blocks) == (blocks, [])


def test_a_label_over_the_articles_own_subject_stays() -> None:
    review = Paragraph(text="The Harbour Kettle Pro boils a litre in under three minutes, and after a month of daily use its lid still closes with the same firm click.")
    tail = [Paragraph(text="Reviewed by"), Paragraph(text="Harbour Kettle Pro is the best kettle we tested this year.")]
    blocks = [*ARTICLE, review, *tail]
    assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize("heading", ["Additional Reading on HR Consulting", "Further reading", "Suggested reading about tides"])
def test_a_reading_list_heading_after_the_article_goes_with_its_links(heading: str) -> None:
    kept, left = remove_end_matter([*ARTICLE, Heading(level=2, text=heading), ListBlock(ordered=False, items=("How to hire an HR consultant",))])
    assert kept == ARTICLE and [x.rule for x in left] == ["back matter section"]


@pytest.mark.parametrize("heading", ["Additional reading support for pupils", "Further reading of the report shows a gap."])
def test_headings_that_only_start_like_a_reading_list_stay(heading: str) -> None:
    blocks = [*ARTICLE, Heading(level=2, text=heading), *ARTICLE]
    assert remove_end_matter(blocks) == (blocks, [])


# --- i9s (review): look-alikes of this round's rules in articles nobody here has seen ---

# a full paragraph of the article (25 words or more)
_FULL = Paragraph(
    text="Walking to the shops instead of driving saves money and keeps you fit, and most towns now have safe routes for people on foot, the council's transport officer said on Monday."
)


@pytest.mark.parametrize(
    "line",
    [
        # tips and section names set as a paragraph of their own (a button that is a link is a link: blocks)
        "Try Tai Chi",
        "Get Moving",
        "Buy Local",
        "Order In",
        "Get Well Soon",
        "Download Festival 2024",
        "Learn more about your rights as a tenant",
        "Find out more about the candidates before you vote",
        # a document the article reports, not the site, disclaims its views
        "The views expressed in the memo are those of the authors, not the department.",
        # titles, not bylines: one word, or one word twice
        "By Design",
        "By Hand",
        "Von Liebe und Tod",
        "Par Amour",
        "Por Amor",
        "Von Tür zu Tür",
        # a sentence of the article with the words of a broadcaster's note or a Dutch appeal
        "Über dieses Thema berichteten viele Medien, doch keiner fragte nach.",
        "Steun ons land, zei de premier.",
        # someone's words the article reports: a police appeal, a candidate's call
        "“Contact us if you see him,” police said.",
        "« Contactez-nous si vous avez vu quelque chose », a demandé la gendarmerie.",
        "„Kontaktieren Sie uns, wenn Sie etwas gesehen haben“, sagte die Polizei.",
        '"Sign up for our newsletter," the candidate urged supporters.',
        "Contact us if you see him, police said.",
        "Contactez-nous si vous avez vu quelque chose, a demandé la gendarmerie.",
        "Spenden Sie jetzt, bat der Pfarrer am Sonntag.",
        # a step of a how-to, not an affiliate button
        "Go to the store",
        # someone else's newsletter the article recommends
        "Subscribe to the newsletter of the city council to get flood alerts, the fire chief advises.",
        "Sign up for the free newsletter from the county health department to get updates on the outbreak.",
        # a politician's words disowned, not the site's disclaimer
        "Les propos du ministre n'engagent que lui, a répondu le porte-parole.",
        "Las opiniones expresadas por el ministro no reflejan necesariamente la postura del Gobierno, aclaró el portavoz.",
    ],
)
def test_look_alikes_of_buttons_bylines_and_statements_stay(line: str) -> None:
    blocks = [BODY, Paragraph(text=line), BODY]
    assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Learn more about the Acme Business School MBA Program", "call to action"),
        ("The views expressed in this article are those of the author.", "site notice"),
        ("Opinions expressed by Forbes Contributors are their own.", "site notice"),
        ("The views expressed are the author's own.", "site notice"),
        ("By Jane Doe", "site notice"),
        ("By AFP", "site notice"),
        ("Von Anna Berger und Max Roe", "site notice"),
        ("Door Jan de Vries", "site notice"),
        ("Über dieses Thema berichtete Inforadio am 29. April 2020.", "site notice"),
        ("Steun ons", "call to action"),
        ("Les opinions exprimées dans cette tribune n'engagent que leurs auteurs.", "site notice"),
        ("Las opiniones expresadas por los autores no reflejan necesariamente la línea editorial.", "site notice"),
    ],
)
def test_the_site_lines_those_look_alikes_resemble_still_go(line: str, rule: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), BODY])
    assert kept == [BODY, BODY] and [x.rule for x in left] == [rule]


@pytest.mark.parametrize("title", ["Mehr zu Fuß gehen", "Mehr zu Hause kochen", "Más sobre Lisboa", "Mais sobre Lisboa", "Meer over Utrecht"])
def test_a_more_on_heading_over_a_full_paragraph_is_the_articles_section(title: str) -> None:
    blocks = [_FULL, Heading(level=2, text="Erstens"), _FULL, Heading(level=2, text=title), _FULL]
    assert remove_end_matter(blocks) == (blocks, [])


def test_a_more_on_heading_over_teasers_still_goes_with_them() -> None:
    teasers = [Heading(level=2, text="Mehr zu Klima und Konsum"), Paragraph(text="Fünf Tipps für den Einkauf"), Paragraph(text="Was Ökostrom wirklich bringt")]
    kept, left = remove_end_matter([_FULL, *teasers])
    assert kept == [_FULL] and [x.rule for x in left] == ["back matter section"]


def test_an_authors_name_as_a_link_opens_the_author_box() -> None:
    box = [Related(text="Autumn Lee", href="https://yoga.example/"), Paragraph(text="Owner and retreat leader"), Paragraph(text="Autumn founded the studio in 2014.")]
    kept, left = remove_end_matter([*ARTICLE, *box], ("Autumn Lee",))
    assert kept == ARTICLE and [x.rule for x in left] == ["author box"]


def test_a_how_tos_step_heading_that_reads_as_a_button_does_not_take_the_step_above_it_as_a_promo_box() -> None:
    steps = [
        Heading(level=2, text="Check that you are eligible"),
        Paragraph(text="You must be 18 on election day and live in the county."),
        Heading(level=2, text="Register"),
        Paragraph(text="Fill in the form at the town hall or online by March 31."),
        Heading(level=2, text="Get Started"),
        Paragraph(text="Bring a photo ID to the polling place."),
    ]
    kept, left = remove_end_matter([_FULL, *steps, _FULL])
    # the headings that read as buttons go (a section's name cannot be told from a button), the steps' words stay
    assert kept == [_FULL, *steps[:2], steps[3], steps[5], _FULL] and [x.rule for x in left] == ["call to action", "call to action"]


@pytest.mark.parametrize("items", [("Register", "Find your polling place", "Vote"), ("Anmelden", "Formular ausfüllen", "Absenden"), ("Inscrivez-vous", "Choisissez un créneau")])
def test_a_call_to_action_among_a_lists_steps_is_a_step(items: tuple[str, ...]) -> None:
    blocks = [_FULL, ListBlock(ordered=True, items=items), _FULL]
    assert remove_end_matter(blocks) == (blocks, [])


def test_a_list_of_calls_to_action_still_goes() -> None:
    kept, left = remove_end_matter([_FULL, ListBlock(ordered=False, items=("Subscribe", "Jetzt spenden")), _FULL])
    assert kept == [_FULL, _FULL] and [x.rule for x in left] == ["call to action", "call to action"]


def test_a_product_box_closed_by_a_button_link_goes_as_a_promo_box() -> None:
    box = [Heading(level=2, text="Harbour Kettle"), Paragraph(text="Rated: Good"), Related(text="Shop Harbour Kettle", href="https://shop.example/kettle")]
    kept, left = remove_end_matter([*ARTICLE, *box, *ARTICLE])
    assert kept == [*ARTICLE, box[2], *ARTICLE] and [x.rule for x in left] == ["promo box"]
    tip = [Heading(level=2, text="Try Tai Chi"), Paragraph(text="Rated: Good"), Related(text="Tai Chi for beginners at the leisure centre", href="/tai-chi")]
    assert remove_end_matter([*ARTICLE, *tip, *ARTICLE]) == ([*ARTICLE, *tip, *ARTICLE], [])


def test_a_product_card_closed_by_a_shop_or_price_link_goes_as_a_promo_box() -> None:
    for button in ("$32 $29 at Amazon", "Shop at acme.example"):
        card = [Heading(level=2, text="Harbour Kettle in Grey"), Related(text=button, href="https://shop.example/kettle")]
        kept, left = remove_end_matter([*ARTICLE, *card, *ARTICLE])
        assert kept == [*ARTICLE, card[1], *ARTICLE] and [x.rule for x in left] == ["promo box"]


# --- lead, fourth round: news and sentences that open like a dateline or a tag line ---


@pytest.mark.parametrize(
    "line",
    [
        "Updated guidance from the CDC, March 2024",
        "Updated figures show 4,000 homes affected",
        "Topics: housing, transport and schools are on the agenda",
        "Topics: The 2024 election will be decided in three states",
    ],
)
def test_news_that_opens_like_a_dateline_or_a_tag_line_stays(line: str) -> None:
    blocks = [BODY, Paragraph(text=line), BODY]
    assert remove_end_matter(blocks) == (blocks, [])


@pytest.mark.parametrize(
    "line",
    [
        "Updated: March 3, 2024",
        "Updated 2 hours ago",
        "Last updated 12/03/2024",
        "Updated on Monday, May 4, 2025",
        "Updated an hour ago",
        "Tags: climate change, Antarctic ice, sea level rise",
        "Filed under: Politics and Government News",
        "Categories: Recipes | Baking",
        "Tagged: travel, Japan, food and drink",
        "Topic: Personal Finances Saving Money Budgeting",
    ],
)
def test_datelines_and_tag_lines_are_site_notices(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), BODY])
    assert kept == [BODY, BODY] and [x.rule for x in left] == ["site notice"]
