"""Text-dump rules, each through the real `import --dry-run --json` on a small page written here."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
from pathlib import Path

from clippings.cli import main
from tests.helpers import empty_site

WORDS = ("the plain SQL query for anomaly detection reads the log table and counts the requests that failed "
         "in each minute of the day, so that a sudden rise stands out against the usual level")


def import_dump(tmp_path: Path, text: str, *args: str, saved: dt.datetime | None = None) -> dict:
    """The importer's JSON record for one text dump (nothing is written); ``saved`` is the file's
    time, which the importer takes as the capture time."""
    site = tmp_path / "site"
    if not site.exists():
        empty_site(site)
    dump = tmp_path / "page.txt"
    dump.write_text(text, encoding="utf-8")
    if saved is not None:
        stamp = saved.replace(tzinfo=dt.UTC).timestamp()
        os.utime(dump, (stamp, stamp))
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["import", "--site", str(site), "--source", "rt", "--dry-run", "--json", *args, str(dump)])
    return json.loads(out.getvalue().splitlines()[-1])


STEPS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def paragraph(n: int) -> str:
    return f"In the {STEPS[n - 1]} step {WORDS}, and we explain why the {STEPS[n - 1]} step matters."


def code_page() -> str:
    sql = ["WITH stats AS (", "SELECT", "avg(n) AS mean_entries, stddev(n) AS stddev_entries", "FROM",
           "server_log_summary", ")", "SELECT", "status_code, period, entries, zscore, alert", "FROM stats;"]
    table = ["status_code │ period │ entries", "────────────┼────────┼────────"]
    table += [f"{code} │ 2020-08-01 17:{m:02d}:00+00 │ {m}" for m in range(40) for code in (200, 500)]
    tracker = ["(function (i, s, o, g, r, a, m) {", "i['GoogleAnalyticsObject'] = r;",
               "a = s.createElement(o),", "})(window, document, 'script', '//www.google-analytics.com/analytics.js');"]
    return "\n".join(["Menu", "Blog", "21 September 2020", "Simple Anomaly Detection Using Plain SQL", "",
                      paragraph(1), paragraph(2), *sql, paragraph(3), *table, paragraph(4), paragraph(5),
                      *tracker, paragraph(6), "Comments", "Great post!"])


def test_code_and_tables_are_the_storys_own_material(tmp_path):
    record = import_dump(tmp_path, code_page(), "--date", "2020-01-01")
    body = record["body"]
    front = record["front_matter"]
    assert front["title"] == "Simple Anomaly Detection Using Plain SQL"  # not a line of SQL
    assert "avg(n) AS mean\\_entries" in body  # the code between paragraphs is kept
    assert "the fourth step" in body and "the sixth step" in body  # a 80-row table does not end the story
    assert "GoogleAnalyticsObject" not in body and "createElement" not in body  # the page's own script is not
    assert str(front["date"]).startswith("2020-09-21")  # the date by the headline, not the table's


BRIDGE = [
    "The harbour bridge will stay closed to lorries until the council has finished its survey of the "
    "steel deck, the transport committee decided on Tuesday after a long and heated meeting.",
    "Hauliers told the committee that the detour through the old town adds forty minutes to every trip "
    "and that the bridge closure has already cost them several contracts with the port.",
    "The council said the survey of the bridge deck would take until the end of the summer and that it "
    "would publish the engineers' findings on the bridge as soon as they were known.",
]


BRIDGE_TITLE = "Bridge stays closed to lorries until the survey is done"


def test_a_teaser_does_not_join_the_story_through_its_own_headline(tmp_path):
    page = "\n".join(["News", "Bridge stays closed to lorries until the survey is done", "By Ann Lee",
                      "June 13, 2023 -- " + BRIDGE[0], *BRIDGE[1:], "Most Popular Health Topics",
                      "Binge Eating Disorder", "Common Allergy Triggers", "Watch: Our Video Library",
                      "Dirty Truth About Hand Washing",
                      "Which sex is the worst about hand washing? Why does hand washing matter so much? We have "
                      "got the dirty truth on hand washing, soap and germs for you in our latest video."])
    record = import_dump(tmp_path, page, "--date", "2020-01-01")
    assert record["front_matter"]["title"] == "Bridge stays closed to lorries until the survey is done"
    assert "hand washing" not in record["body"]
    assert "as soon as they were known" in record["body"]
    # The wire dateline opening the first paragraph is the publication date.
    assert str(record["front_matter"]["date"]).startswith("2023-06-13")


def test_an_expiry_label_names_only_the_date_after_it(tmp_path):
    page = "\n".join(["Network Working Group", "Expires: 18 June 2015      15 December 2014",
                      "Bridge stays closed to lorries until the survey is done", *BRIDGE])
    front = import_dump(tmp_path, page)["front_matter"]
    assert str(front["date"]).startswith("2014-12-15")  # the draft's date, not its expiry
    assert import_dump(tmp_path, page.replace(" 15 December 2014", ""), "--date", "2020-01-01")[
        "front_matter"]["date"].startswith("2020-01-01")  # an expiry alone is no publication date


def _yearless(tmp_path: Path, dateline: str, saved: dt.datetime, footer: str = "") -> dict:
    page = "\n".join(["News", "Bridge stays closed to lorries until the survey is done", dateline, *BRIDGE, footer])
    return import_dump(tmp_path, page, "--date", "2000-01-01", saved=saved)["front_matter"]


def test_a_date_without_its_year_takes_the_capture_years_and_the_weekday_it_names(tmp_path):
    june = dt.datetime(2023, 6, 1, 12)
    front = _yearless(tmp_path, "Written on Mar 27 by", june)
    assert str(front["date"]).startswith("2023-03-27") and front["review"] == ["date"]
    assert str(_yearless(tmp_path, "Written on Dec 27 by", june)["date"]).startswith("2022-12-27")  # not yet come
    # 3 January was a Sunday in 2021, the latest such year before the capture.
    assert str(_yearless(tmp_path, "Sunday, 3 January", june)["date"]).startswith("2021-01-03")


def test_the_pages_copyright_year_bounds_a_yearless_date(tmp_path):
    front = _yearless(tmp_path, "CNET Japan 3/9(木) 18:45配信", dt.datetime(2026, 12, 3),
                      footer="Copyright (C) 2017 Example Corporation. All Rights Reserved.")
    assert str(front["date"]).startswith("2017-03-09")  # a Thursday in 2017


LATVIAN = [
    "Norvēģijas policija pirmdien paziņoja, ka pēc zemes nogruvuma ciematā netālu no galvaspilsētas "
    "ir atrasti vēl divi bojāgājušie un ka meklēšana turpināsies arī naktī.",
    "Glābēji strādā ļoti sarežģītos apstākļos, jo zeme joprojām ir nestabila un vairākas mājas ir "
    "iegruvušas, sacīja vietējās pašvaldības pārstāvis preses konferencē.",
]


def test_a_latvian_page_is_latvian_and_its_numeric_date_is_day_first(tmp_path):
    page = "\n".join(["Ziņas", "Norvēģijā pēc zemes nogruvuma pieci bojāgājušie", "03.01.2021 12:40", *LATVIAN])
    front = import_dump(tmp_path, page)["front_matter"]
    assert front["lang"] == "lv"
    assert str(front["date"]).startswith("2021-01-03")  # 3 January, not 1 March
    yearless = page.replace("03.01.2021 12:40", "Svētdiena, 3. janvāris")
    front = import_dump(tmp_path, yearless, "--date", "2000-01-01", saved=dt.datetime(2023, 6, 1))["front_matter"]
    assert str(front["date"]).startswith("2021-01-03")  # a Sunday, read in Latvian


def test_a_reference_lists_dates_are_not_the_pages(tmp_path):
    refs = ["References", '^ "GII 2016 Report" (PDF). Global Innovation Index. Retrieved 21 June 2018.',
            '^ "In the Loop: Repeat Performance"', ". 24 August 2021."]
    page = "\n".join(["Bridge stays closed to lorries until the survey is done", *BRIDGE, *refs])
    record = import_dump(tmp_path, page, "--date", "2000-01-01")
    assert str(record["front_matter"]["date"]).startswith("2000-01-01")  # no date of its own: the --date


def test_a_sponsor_line_above_the_headline_is_not_taken_for_it(tmp_path):
    page = "\n".join(["Local news is sponsored by", "Local news is sponsored by",
                      "Bridge stays closed to lorries until the survey is done", "13 June 2023", *BRIDGE])
    assert import_dump(tmp_path, page)["front_matter"]["title"] == (
        "Bridge stays closed to lorries until the survey is done")


def test_the_headline_under_a_pitch_judged_prose_and_one_ending_in_an_initialism(tmp_path):
    pitch = ("Subscribe now for full access to all of our journalism, and get the daily briefing delivered "
             "to your inbox every single morning before breakfast.")
    page = "\n".join(["Supported by", pitch, "Bridge to the harbour stays closed to lorries in N.Y.C.",
                      "13 June 2023", *BRIDGE])
    record = import_dump(tmp_path, page)
    assert record["front_matter"]["title"] == "Bridge to the harbour stays closed to lorries in N.Y.C."
    assert "Subscribe" not in record["body"] and record["body"].startswith("The harbour bridge will stay")
    assert record["front_matter"]["review"] == ["headline"]  # taken from inside the block: a guess to check


def test_a_short_quote_below_the_first_paragraphs_is_not_taken_for_the_headline(tmp_path):
    quote = '"Fix the harbour bridge deck yourself, then."'
    more = ["Several hauliers wrote to the council after the meeting, saying the survey of the bridge should "
            "have started years ago, when the first cracks in the deck were reported by the harbour master.",
            "The council replied that the engineers need the dry summer months for the survey and that the "
            "lorries will be back on the bridge by the autumn if the deck is found to be sound."]
    page = "\n".join(["bridge notes", "13 June 2023", *BRIDGE, quote, *more])
    record = import_dump(tmp_path, page)
    assert record["front_matter"]["title"] != quote
    assert record["body"].startswith("The harbour bridge will stay closed")  # the first paragraphs are kept


def test_an_item_of_the_storys_own_list_is_not_its_headline(tmp_path):
    items = ["+ Added Granite, Andesite and Diorite stone blocks, with smooth versions",
             "+ Added Slime Block, which bounces and sticks to pistons when they push it",
             "+ Added Iron Trapdoor, which only opens with a redstone signal next to it"]
    intro = ("The Bountiful Update for the game adds new stone blocks, slime blocks and trapdoors to the game, "
             "and the full list of the new blocks and the changes to old blocks follows below.")
    page = "\n".join(["Game 1.8 - The Bountiful Update", *items, intro, *BRIDGE])
    record = import_dump(tmp_path, page, "--date", "2020-01-01")
    assert not record["front_matter"]["title"].startswith("+ Added")


def test_a_date_after_the_capture_is_not_the_publication_date(tmp_path):
    page = "\n".join(["News", "Bridge stays closed to lorries until the survey is done", *BRIDGE,
                      "Plan your visit", "Summer late: Thursday 6 July 2023, 6pm – 9pm", "Book tickets"])
    record = import_dump(tmp_path, page, saved=dt.datetime(2023, 6, 13, 10))
    assert record["status"] == "failed" and "no publication date" in record["error"]  # an event's date, to come
    later = import_dump(tmp_path, page, saved=dt.datetime(2023, 7, 20, 10))
    assert str(later["front_matter"]["date"]).startswith("2023-07-06")  # once past, the page may give it


def test_a_date_far_below_the_story_is_taken_and_marked_for_review(tmp_path):
    author_box = ["Previous chapter", "Next chapter", "About the author", "1 Fictions 8 Posts 0 Threads", "Sleyca",
                  "Follow Author", *[f"Menu item {n}" for n in range(40)], "Wednesday, December 20, 2023 8:09:56 PM",
                  "Bio: I write things. I hope you like them."]
    page = "\n".join(["News", "Bridge stays closed to lorries until the survey is done", *BRIDGE, *author_box])
    front = import_dump(tmp_path, page, "--date", "2000-01-01")["front_matter"]
    assert str(front["date"]).startswith("2023-12-20") and front["review"] == ["date"]
    # A date with more than a few words beside it that far from the headline is some other thing's.
    page = page.replace("Wednesday, December 20, 2023 8:09:56 PM", "Join us for the readers' meeting on "
                        "Wednesday, December 20, 2023")
    assert str(import_dump(tmp_path, page, "--date", "2000-01-01")["front_matter"]["date"]).startswith("2000-01-01")


def test_the_headline_is_the_line_over_its_byline_not_a_caption_over_the_story(tmp_path):
    page = "\n".join(["Audio", "Live TV", "Council keeps the harbour bridge closed to lorries for its survey",
                      "Analysis by Ann Lee, Transport Reporter", "Updated 9:22 PM EST, Mon November 6, 2023",
                      "Hauliers and the transport committee at the harbour bridge", *BRIDGE])
    front = import_dump(tmp_path, page)["front_matter"]
    assert front["title"] == "Council keeps the harbour bridge closed to lorries for its survey"
    # A headline the page prints twice, around its byline, is not a standfirst under the line above it.
    twice = "\n".join(["Menu", "The harbour bridge and its survey in pictures", BRIDGE_TITLE,
                       "by Ann Lee July 10, 2015", BRIDGE_TITLE, *BRIDGE])
    assert import_dump(tmp_path, twice)["front_matter"]["title"] == BRIDGE_TITLE
