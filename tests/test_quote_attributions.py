"""Where the attribution stands: around, inside or after what it reports ("A, he said, B",
"according to X", "as X put it", signatures, the window around a quotation), with the real
en_core_web_sm parse."""
from __future__ import annotations

import pytest

from core.model import QuoteKind
from core.nlp.quote_finder import COMPONENT_NAME, quotes_from_doc
from tests.quote_articles import parsed_doc, shared_pipeline

pytestmark = pytest.mark.slow  # the trained English pipeline


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline()


@pytest.mark.parametrize("rest,reported", [
    ("until the bypass opened in 1999.", True),
    ("raising her voice.", False),  # what she did while speaking, not what she said
    ("as she left the building.", False),  # when she said it
])
def test_after_a_parenthetical_attribution_the_sentence_goes_on_reporting(nlp, rest, reported):
    text = f"The mayor looked back. The market was the heart of the town, she said, {rest}"
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert quotes == ["The market was the heart of the town"] + ([rest.rstrip(".")] if reported else [])


@pytest.mark.parametrize("rest,reported", [
    ("because he prizes experience and keeping the ferry running in November.", True),
    ("while he waited for the ferry.", False),  # when he said it
])
def test_a_reason_after_the_attribution_is_reported_too(nlp, rest, reported):
    # the parser hangs the clause after "he said," on "said" itself
    text = f"He is leaning toward Reyes, he said, {rest}"
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert quotes == ["He is leaning toward Reyes"] + ([rest.rstrip(".")] if reported else [])


def test_after_an_according_to_the_second_clause_is_the_narrators(nlp):
    text = ("He had told his sister that his only fear was that the ferry would never sail again, "
            "according to Ines Moreau, but she had proved him wrong.")
    told = [q for q in quotes_from_doc(nlp(text)) if text[q.cue[0]:q.cue[1]] == "told"]
    assert [text[q.start:q.end] for q in told] == [
        "that his only fear was that the ferry would never sail again, according to Ines Moreau"]


def test_an_attribution_between_commas_reports_both_sides_even_when_the_parse_is_lost(nlp):
    # "Though the route was quiet, he said, moving it would be costly." with "said" as
    # the root and both sides hung on it as adverbial clauses, as the small model does
    words = ["Though", "the", "route", "was", "quiet", ",", "he", "said", ",", "moving", "it", "would", "be",
             "costly", "."]
    doc = parsed_doc(words, heads=[3, 2, 3, 7, 3, 7, 7, 7, 7, 7, 12, 12, 9, 12, 7],
                  deps=["mark", "det", "nsubj", "advcl", "acomp", "punct", "nsubj", "ROOT", "punct", "advcl",
                        "nsubj", "aux", "ccomp", "acomp", "punct"],
                  pos=["SCONJ", "DET", "NOUN", "AUX", "ADJ", "PUNCT", "PRON", "VERB", "PUNCT", "VERB", "PRON",
                       "AUX", "AUX", "ADJ", "PUNCT"],
                  tags=["IN", "DT", "NN", "VBD", "JJ", ",", "PRP", "VBD", ",", "VBG", "PRP", "MD", "VB", "JJ", "."],
                  lemmas=["though", "the", "route", "be", "quiet", ",", "he", "say", ",", "move", "it", "would", "be",
                          "costly", "."])
    quotes = quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc))
    assert [doc.text[q.start:q.end] for q in quotes] == ["Though the route was quiet", "moving it would be costly"]
    assert {doc.text[q.speaker[0]:q.speaker[1]] for q in quotes} == {"he"}


def test_a_closing_according_to_keeps_its_whole_source(nlp):
    text = ("Fares would go up under the plan, according to an analysis by Ana Ruiz, a former harbour aide now "
            "teaching at the university, whose figures were confirmed by the port.")
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.start:q.end] == "Fares would go up under the plan"


def test_signed_paragraphs_are_quotes_of_the_signer(nlp):
    text = ("Power went out across the harbour district on Sunday.\n\n"
            "Crews will work through the night to restore power to the harbour district. "
            "pic.twitter.com/x1y2 \u2014 Ferrytown Hydro (@ferryhydro) March 3, 2026\n\n"
            "The council will cut the ferry subsidy again next year and nobody will stop it. Maria Lopez.\n\n"
            "\u201cWe were never asked about the new terminal, and now we pay twice as much.\u201d \u2015 Ana Ruiz\n"
            "\u201dThe harbour used to be the heart of this town. Now it is a car park.\u201d\u2015 Tomas Berg\n\n"
            "The vote is on Monday.")
    found = [(text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]], q.cue and text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == [
        ("Crews will work through the night to restore power to the harbour district", QuoteKind.INDIRECT,
         "Ferrytown Hydro", None),
        ("The council will cut the ferry subsidy again next year and nobody will stop it", QuoteKind.INDIRECT,
         "Maria Lopez", None),
        # signed with a dash; the second opens with a closing mark, as some sites print it
        ("\u201cWe were never asked about the new terminal, and now we pay twice as much.\u201d", QuoteKind.DIRECT,
         "Ana Ruiz", "\u2015"),
        ("\u201dThe harbour used to be the heart of this town. Now it is a car park.\u201d", QuoteKind.DIRECT,
         "Tomas Berg", "\u2015"),
    ]


@pytest.mark.parametrize("paragraph", [
    # the sentence runs on into the name after a title or an initial
    "The ferry vote was a clear defeat for the mayor's main rival on the council, Sen. Rosa Delgado.",
    "The new pier was designed by the engineer who built the old one, John E. Marsh.",
    "Her campaign was run by a former union organiser, then-Cmdr. Jon Burke.",
    # after the name comes a clause, not a description of the signer
    "Turnout fell in every district but one last spring. In Rosa Delgado, voters have found a fighter.",
])
def test_a_name_that_only_ends_the_paragraph_does_not_sign_it(nlp, paragraph):
    text = f"The vote is on Monday.\n\n{paragraph}\n\nPolls open at eight."
    assert quotes_from_doc(nlp(text)) == []


def test_a_signer_may_be_described_after_a_comma(nlp):
    text = ("The vote is on Monday.\n\n"
            "It is very bad for the older people on the island if the ferry stops in winter. "
            "Rosa Delgado, Ferrytown harbour master.\n\nPolls open at eight.")
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.speaker[0]:q.speaker[1]] == "Rosa Delgado"


def test_a_parenthesis_in_the_speakers_name_does_not_hide_the_cue(nlp):
    text = ('"She would be a great mayor. Not good, great. One of the sharpest minds on the council," '
            "Rep. Ana E. Reyes (D-Ferrytown) said in a phone interview.")
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind) == (text[:text.index(" Rep.")], QuoteKind.DIRECT)
    assert (text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == ("Rep. Ana E. Reyes", "said")


def test_a_colon_cue_on_its_own_line_attributes_the_next_paragraph(nlp):
    text = ("The mayor answered the harbour workers.\n\nShe said:\n\n"
            '"We have a harbour where the ferries are late because the pier is so old. '
            'You walk down the quay, you see the cracks."\n\nThe meeting moved on.')
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.start:q.end].startswith('"We have a harbour') and q.kind == QuoteKind.DIRECT
    assert (text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == ("She", "said")


@pytest.mark.parametrize("text,quote,speaker", [
    # the comma closing the attribution hangs inside its clause
    ("The ferry is a serious problem. As The Atlantic recently noted, trust in the council is collapsing "
     "around the island.", "trust in the council is collapsing around the island", "The Atlantic"),
    # a conjunction before "as"
    ("The plan failed, and as Mayor Reyes noted, the people involved could still be asked to pay.",
     "the people involved could still be asked to pay", "Mayor Reyes"),
])
def test_an_as_attribution_reports_the_rest_of_the_sentence(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


@pytest.mark.parametrize("text,quotes", [
    ("Since last November, according to the Harbour Watch, port police have arrested dozens of dockers.",
     ["Since last November", "port police have arrested dozens of dockers"]),
    # one word before the phrase is a quote too, as annotators mark it
    ("Reyes, according to the Gazette report, rebuffed the pressure from the council.",
     ["Reyes", "rebuffed the pressure from the council"]),
])
def test_according_to_in_mid_sentence_reports_both_sides(nlp, text, quotes):
    found = quotes_from_doc(nlp(text))
    assert [text[q.start:q.end] for q in found] == quotes
    assert {text[q.cue[0]:q.cue[1]] for q in found} == {"according to"}


def test_a_quotation_inside_the_writers_sentence_is_not_a_floating_quote(nlp):
    text = ('"We will keep the ferry running," the mayor said. '
            'Later the councillor went on about "how the whole system is rigged against islanders" for an hour.\n\n'
            '"Nobody on this island trusts the council any more."')
    found = [(text[q.start:q.end], q.kind) for q in quotes_from_doc(nlp(text))]
    assert found == [('"We will keep the ferry running,"', QuoteKind.DIRECT),
                     ('"Nobody on this island trusts the council any more."', QuoteKind.FLOATING)]


def test_a_sign_reading_a_slogan_is_nobodys_quote(nlp):
    text = ("Beside him, lashing supervisor Ir\u00e8ne N'Golo held a hand-painted sign reading \u201cFerries Before "
            "Profits,\u201d a slogan that has appeared on banners across the harbour since the plan was announced "
            "last autumn.")
    assert quotes_from_doc(nlp(text)) == []


def test_an_aside_between_a_naming_verb_and_its_quotation(nlp):
    text = ("Okoro will hold a rally at the old ferry terminal, a venue his aides describe, only half in jest, "
            "as \u201cthe biggest stage on the island that isn't a football pitch.\u201d")
    (q,) = quotes_from_doc(nlp(text))
    assert (q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (
        QuoteKind.DIRECT, "his aides", "describe")


def test_an_opening_as_stated_by_with_a_long_source_reports_the_rest(nlp):
    # the parser makes "stated" the root and hangs the report on the source's name
    text = ("As stated by Dr. Miriam Achebe-Lund, a professor of politics at the University of Port Reyes, "
            "the debate \u201cconfirmed what people already thought\u201d about the two main candidates.")
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (
        "the debate \u201cconfirmed what people already thought\u201d about the two main candidates",
        QuoteKind.MIXED, "Dr. Miriam Achebe-Lund", "As stated by")


@pytest.mark.parametrize("text,quote", [
    # an acronym is no headline
    ("In a note to staff, Reyes said HBC's coverage of the harbour would change.",
     "HBC's coverage of the harbour would change"),
    # a dateline is no part of the report
    ("PORT REYES \u2014 The harbour is in good shape, the mayor said on Monday.", "The harbour is in good shape"),
    ("HARTLEY, England, Oct. 9, 2026 \u2013 Hartley Town, the third-tier football club known to its fans as "
     "\u201cThe Kilnmen,\u201d has agreed to be sold to a consortium, the club said on Thursday.",
     "Hartley Town, the third-tier football club known to its fans as \u201cThe Kilnmen,\u201d has agreed to be "
     "sold to a consortium"),
    # a headline in capitals reports nothing
    ("FERRY STRIKE ENDS, the union said on Monday.", None),
])
def test_capitals_at_the_start_of_a_report(nlp, text, quote):
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == ([quote] if quote else [])


def test_both_halves_around_an_attribution_are_quotes_however_short(nlp):
    text = "The mayor looked at the pier. This campaign, she says, is different."
    quotes = [(text[q.start:q.end], text[q.cue[0]:q.cue[1]]) for q in quotes_from_doc(nlp(text))]
    assert quotes == [("This campaign", "says"), ("is different", "says")]


@pytest.mark.parametrize("text,quotes", [
    # the small parser makes the opening phrase the subject of "said"
    ("The trouble with the new ferry timetable, said Councillor Ortiz and two dockers, is that nobody was asked.",
     [("The trouble with the new ferry timetable", "Councillor Ortiz"), ("is that nobody was asked", "Councillor Ortiz")]),
    ("Part of the delay in reopening the pier, say engineers like Dana Whitlock, a structural consultant, "
     "is the cold weather.",
     [("Part of the delay in reopening the pier", "engineers like Dana Whitlock"),
      ("is the cold weather", "engineers like Dana Whitlock")]),
    ("But the second tender, the mayor said, also had serious flaws.",
     [("But the second tender", "the mayor"), ("also had serious flaws", "the mayor")]),
    # not an attribution between a subject and its verb
    ("The ferry, called the Harbour Queen, will still sail until the council finds a buyer.", []),
    ("Sherrill Abara, head of the harbour trust, said in an interview that the dockers, with their long "
     "records, were never consulted.",
     [("that the dockers, with their long records, were never consulted", "Sherrill Abara")]),
])
def test_an_attribution_between_a_subject_and_its_verb_splits_the_report(nlp, text, quotes):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == quotes


@pytest.mark.parametrize("text,quotes", [
    ("The mayor paused. She continued, \u201cThe ferry is the only road we have.\u201d",
     [("\u201cThe ferry is the only road we have.\u201d", "She", "continued")]),
    ("\u201cLet us take this chance,\u201d Reyes concluded, \u201cto keep the terminal open.\u201d",
     [("\u201cLet us take this chance,\u201d", "Reyes", "concluded"),
      ("\u201cto keep the terminal open.\u201d", "Reyes", "concluded")]),
    ("\u201cNot again!\u201d the captain exclaimed.", [("\u201cNot again!\u201d", "the captain", "exclaimed")]),
])
def test_verbs_that_only_attribute_a_quotation(nlp, text, quotes):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == quotes
    assert all(q.kind == QuoteKind.DIRECT for q in quotes_from_doc(nlp(text)))


@pytest.mark.parametrize("text", [
    "The strike continued for a week after the vote.",
])
def test_quotation_verbs_report_no_clause(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


def test_a_cue_after_an_apposition_the_parser_takes_for_a_participle(nlp):
    text = ("Dana Whitlock, the harbour master since 2019, tweeted in response: "
            "\u201cThe ferry is safe and will sail on Monday.\u201d")
    found = [(text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("\u201cThe ferry is safe and will sail on Monday.\u201d", QuoteKind.DIRECT, "Dana Whitlock")]


def test_an_apposition_between_quotation_and_cue_is_skipped(nlp):
    text = ("\u201cEvery winter is like a year,\u201d Mr. Abara, now 81 and retired in Hartley, Ont., "
            "said by telephone this week.")
    found = [(text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == [("\u201cEvery winter is like a year,\u201d", QuoteKind.DIRECT, "Mr. Abara", "said")]


def test_the_rest_of_an_interrupted_report_ends_at_the_full_stop(nlp):
    # the small parser runs the sentence on into the quotation that follows
    text = ("In short, Mr. Abara said, the harbour was far too big for the town. "
            "''It was only waiting for a storm to finish it off,'' he said.")
    found = {text[q.start:q.end]: q for q in quotes_from_doc(nlp(text))}
    assert "the harbour was far too big for the town" in found, found.keys()
    quotation = found["''It was only waiting for a storm to finish it off,''"]
    assert (quotation.kind, text[quotation.speaker[0]:quotation.speaker[1]]) == (QuoteKind.DIRECT, "he")


@pytest.mark.parametrize("text,quote", [
    ("Last week, the mayor said, the ferry sank.", "the ferry sank"),
    ("On Monday, the mayor said, the old ferry sank near the pier.", "the old ferry sank near the pier"),
])
def test_an_opening_phrase_of_time_given_to_the_attribution_is_not_the_report(nlp, text, quote):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [(quote, "the mayor")]


def test_an_attribution_parsed_as_a_complement_reports_what_follows(nlp):
    text = "Captain Abara admits in this instance, there were injuries."
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("there were injuries", "Captain Abara")]


def test_an_attribution_parsed_as_an_adverbial_clause_reports_what_follows(nlp):
    text = ("And yet every Friday, from 8 a.m. to noon, the former mayor told The Harbour Post, "
            "Ruiz would lead a committee meeting.")
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == [("Ruiz would lead a committee meeting", "the former mayor", "told")]


def test_a_participle_after_a_quotation_inside_a_report_reports_anew(nlp):
    text = ("Ruiz insisted that she has \u201csaved the harbour,\u201d claiming that she is responsible "
            "for the new ferry line.")
    found = [(text[q.start:q.end], q.kind, text[q.cue[0]:q.cue[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("that she has \u201csaved the harbour,\u201d", QuoteKind.MIXED, "insisted"),
                     ("that she is responsible for the new ferry line", QuoteKind.INDIRECT, "claiming")]
    # but a participle after a quotation of its own is what the speaker did
    text = "\u201cWe will sail on Monday,\u201d the captain said, smiling at the crowd."
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == ["\u201cWe will sail on Monday,\u201d"]


@pytest.mark.parametrize("text,quote,source", [
    # what follows the source is the writer's comment
    ("Some 59 percent of islanders oppose the bridge, according to a Harbour Radio poll last week - "
     "virtually the same as the 60 percent who opposed the tunnel.",
     "Some 59 percent of islanders oppose the bridge", "a Harbour Radio poll"),
    # the parser runs on over the paragraph break after the source
    ("The seaplane was grounded in May. It is now cleared to fly again, according to the F.A.A.\n\n"
     "Most people who own aircraft do not have more than one or two.",
     "It is now cleared to fly again", "F.A.A."),
])
def test_according_to_at_the_end_reports_what_comes_before(nlp, text, quote, source):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))
             if text[q.cue[0]:q.cue[1]] == "according to"]
    assert found == [(quote, source)]


@pytest.mark.parametrize("text,halves", [
    # the reported clause's head comes before the attribution, its complement after
    ("It was, he said, one of the bitterest failures of his time as mayor.",
     ["It was", "one of the bitterest failures of his time as mayor"]),
    # a reported clause on each side of the attribution
    ("The plan is so reckless, the harbour master said, that if the old pilot were alive he would be appalled.",
     ["The plan is so reckless", "that if the old pilot were alive he would be appalled"]),
])
def test_both_halves_around_a_parenthetical_attribution(nlp, text, halves):
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == halves


def test_a_one_word_opening_of_an_interrupted_quotation_is_speech(nlp):
    text = "\u201cHopefully,\u201d the mayor said, \u201cthe new ferry will bring the two islands together.\u201d"
    found = [(text[q.start:q.end], q.kind, text[q.cue[0]:q.cue[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("\u201cHopefully,\u201d", QuoteKind.DIRECT, "said"),
                     ("\u201cthe new ferry will bring the two islands together.\u201d", QuoteKind.DIRECT, "said")]
    # a title inside the sentence is no opening of a quotation
    text = ("Her favourite song is \u201cHarbour Lights,\u201d the mayor said, "
            "\u201cand she hums it at work every day.\u201d")
    direct = [text[q.start:q.end] for q in quotes_from_doc(nlp(text)) if q.kind == QuoteKind.DIRECT]
    assert "\u201cHarbour Lights,\u201d" not in direct


@pytest.mark.parametrize("text,quote,speaker", [
    ("\u201cAbsolutely,\u201d the harbour master said.", "\u201cAbsolutely,\u201d", "the harbour master"),
    ("Asked whether the pier would reopen in May, Reyes said: \u201cProbably.\u201d The ferry left at noon.",
     "\u201cProbably.\u201d", "Reyes"),
])
def test_a_one_word_answer_with_its_attribution_is_speech(nlp, text, quote, speaker):
    found = {text[q.start:q.end]: q for q in quotes_from_doc(nlp(text))}
    assert quote in found, found.keys()
    q = found[quote]
    assert (q.kind, text[q.speaker[0]:q.speaker[1]]) == (QuoteKind.DIRECT, speaker)


def test_a_nickname_between_quotation_and_cue_does_not_hide_the_cue(nlp):
    text = ("\"This is a big year for our ferry, and for Port Reyes!\" the mayor's niece, Councillor Ana "
            "\"Nana\" Ruiz (Harbour Ward), shouted to the crowd. \"The islands are watching us.\"")
    found = [(text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [
        ("\"This is a big year for our ferry, and for Port Reyes!\"", QuoteKind.DIRECT, "the mayor's niece"),
        ("\"The islands are watching us.\"", QuoteKind.FLOATING, "the mayor's niece")]


def test_a_phrase_of_time_may_follow_a_parenthetical_attribution(nlp):
    text = ("These clerks, Ruiz explained earlier in the committee hearing, were \u201cwell-paid,\u201d "
            "making between $30,000 and $60,000 a year.")
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("These clerks", "Ruiz"),
                     ("were \u201cwell-paid,\u201d making between $30,000 and $60,000 a year", "Ruiz")]
    # but an object is no such phrase (it is the report), and a relative clause is no attribution
    text = "In her ruling, Ruiz suggested a gentler approach, allowing ferries that are safe to sail at night."
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("a gentler approach", "Ruiz")]


def test_a_concession_before_a_parenthetical_attribution_with_a_common_noun_source(nlp):
    text = "Though the ferry is old, the captain said, it will sail on Monday."
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("Though the ferry is old", "the captain"), ("it will sail on Monday", "the captain")]


def test_a_headline_in_capitals_and_an_attribution_are_no_report(nlp):
    text = ("EVEN THE MAYOR THINKS IT'S A YOU-KNOW-WHAT \u2014 The head of the harbour board, the mayor's "
            "big, big boss, indicated as much, the paper said.")
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert not any(q.startswith("KNOW") or q == "the paper said" for q in quotes), quotes
