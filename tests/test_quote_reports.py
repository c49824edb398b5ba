"""What a cue reports: clauses, objects, infinitives and questions, with the real
en_core_web_sm parse (and the parse shapes the small model gets wrong)."""
from __future__ import annotations

import pytest

from core.model import QuoteKind
from core.nlp.quote_finder import COMPONENT_NAME, quotes_from_doc
from tests.quote_articles import parsed_doc, quote_parts, shared_pipeline

pytestmark = pytest.mark.slow  # the trained English pipeline


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline()


def test_what_the_parse_hangs_on_the_cue_verb_after_the_report_is_part_of_it(nlp):
    text = ("Police have said they will release two recordings of the arrest, one taken by a dashboard "
            "camera and another by a body camera.")
    (quote,) = quotes_from_doc(nlp(text))
    assert text[quote.start:quote.end] == (
        "they will release two recordings of the arrest, one taken by a dashboard camera and another by a body camera"
    )


def test_a_quotation_joined_to_a_report_by_but_is_part_of_it(nlp):
    text = ("He is claiming that the new ferry is \u201ca big, big problem for this town\u201d but "
            "\u201cnobody has the courage to talk about it.\u201d")
    (quote,) = quotes_from_doc(nlp(text))
    assert text[quote.start:quote.end] == text[text.index("that the new"):]
    assert quote.kind == QuoteKind.MIXED


@pytest.mark.parametrize("text", [
    "The flooded streets were shown on television as Mayor Ana Reyes announced the end of the evacuation.",
    "Shares in the harbour operator fell after Halloran Terminal Holdings reported a drop in profit.",
])
def test_a_speech_verb_in_a_clause_of_time_reports_nothing_of_the_main_clause(nlp, text):
    # what the verb itself announces or reports (its object) may be a report; the
    # main clause before it is the writer's
    quotes = quotes_from_doc(nlp(text))
    assert [text[q.start:q.end] for q in quotes if q.start < q.cue[0]] == []


@pytest.mark.parametrize("text,quote,speaker,cue", [
    ("Port Alden police announced the arrest of a second suspect on Friday.",
     "the arrest of a second suspect on Friday", "Port Alden police", "announced"),
    ("The mayor mentioned the broken pumps at the east pier twice in her speech.",
     "the broken pumps at the east pier", "The mayor", "mentioned"),
    ("Councillor Ortiz noted the absence of any money for repairs in the budget.",
     "the absence of any money for repairs in the budget", "Councillor Ortiz", "noted"),
    ("The harbour board has proposed a ten per cent cut in ferry fares.",
     "a ten per cent cut in ferry fares", "The harbour board", "proposed"),
    ("The audit revealed serious gaps in the council's accounts.",
     "serious gaps in the council's accounts", "The audit", "revealed"),
    ("Most of the dockers said the same thing about the harbour master.",
     "the same thing about the harbour master", "Most of the dockers", "said"),
    # two words are a report too: denials, claims and demands are what both corpora count
    ("The ferry operator denied the charges.", "the charges", "The ferry operator", "denied"),
    ("The dockers' union demanded a pay rise for night shifts.", "a pay rise for night shifts",
     "The dockers' union", "demanded"),
    ("Halloran Terminal Holdings reported a loss of four million pounds.", "a loss of four million pounds",
     "Halloran Terminal Holdings", "reported"),
    # the object of "tell" is the listener, unless it is a story
    ("The harbour master told a different tale about the storm.",
     "a different tale about the storm", "The harbour master", "told"),
])
def test_an_announcement_or_a_mention_reports_its_object(nlp, text, quote, speaker, cue):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (quote, speaker, cue)
    assert q.kind == QuoteKind.INDIRECT


@pytest.mark.parametrize("text,quote", [
    # the parser hangs what completes the object on the verb
    ("The survey revealed a yawning gulf in the way the two candidates approach the harbour.",
     "a yawning gulf in the way the two candidates approach the harbour"),
    ("Councillor Ortiz mentioned the broken cranes as examples of the board's neglect of the port.",
     "the broken cranes as examples of the board's neglect of the port"),
    # a second noun phrase joined to the first ("and a need to ...")
    ("In her speech the mayor stressed economic fairness, and a need to raise the minimum wage.",
     "economic fairness, and a need to raise the minimum wage"),
    # but not when or where it was said, nor what follows a comma
    ("The mayor confirmed the closure of the east pier on Monday.", "the closure of the east pier"),
    ("The mayor announced the closure of the pier and resigned.", "the closure of the pier"),
    ("Councillor Ortiz mentioned the broken cranes at a meeting of the board.", "the broken cranes"),
    ("The union complained about the noise from the cranes during the night shift, adding that sleep was "
     "impossible.", "the noise from the cranes during the night shift"),
])
def test_a_noun_phrase_report_runs_on_over_what_completes_it(nlp, text, quote):
    q = quotes_from_doc(nlp(text))[0]
    assert text[q.start:q.end] == quote


@pytest.mark.parametrize("text", ["She announced it on Friday.", "The ferry company revealed nothing.",
                                  "She said it twice.",
                                  # one word is a topic, and a name given is no report
                                  "The mayor mentioned Eastquay.",
                                  "Alberta Milk runs a program called Club Moo for schools.",
                                  # an idiom of the writer's
                                  "The board lacks money, not to mention any plan for the old pier."])
def test_a_pronoun_object_or_an_idiom_is_no_report(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quote,cue", [
    ("The harbour master warned against any delay in the repairs.", "any delay in the repairs", "warned against"),
    ("Dockers complained about the noise from the new cranes at night.",
     "the noise from the new cranes", "complained about"),
    ("Reyes joked about moving the town hall onto the ferry.", "moving the town hall onto the ferry", "joked about"),
    ("He warned of a long winter for the fishing fleet.", "a long winter for the fishing fleet", "warned of"),
    ("Ortiz argued for a second bridge across the bay.", "a second bridge across the bay", "argued for"),
    ("Reporters asked about the new ferry timetable.", "the new ferry timetable", "asked about"),
    ("Councillor Ortiz pointed to the falling number of passengers.", "the falling number of passengers",
     "pointed to"),
])
def test_a_preposition_after_some_speech_verbs_introduces_the_report(nlp, text, quote, cue):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.cue[0]:q.cue[1]]) == (quote, cue)
    assert q.kind == QuoteKind.INDIRECT


@pytest.mark.parametrize("text", [
    "She complained about it.",
    # "insist on" names a demand as often as a report: not in the lexicon
    "He insisted on paying the bill himself.",
])
def test_a_pronoun_or_an_unlisted_preposition_reports_nothing(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quotes", [
    # the reporter's question is a quote, but not the words of the one who answers it
    ("Asked about the new ferry timetable, the mayor said she had not seen it yet.",
     [("the new ferry timetable", None, "Asked about"), ("she had not seen it yet", "the mayor", "said")]),
    ("Asked whether she would run again, the mayor said she had not decided.",
     [("whether she would run again", None, "Asked"), ("she had not decided", "the mayor", "said")]),
    ("Ortiz shrugged when he was asked what the new pier would cost.",
     [("what the new pier would cost", None, "asked")]),
    # the tagger takes an opening "Asked" for a past tense
    ("Asked what might surprise people about him, he says he still fishes off the pier every week.",
     [("what might surprise people about him", None, "Asked"),
      ("he still fishes off the pier every week", "he", "says")]),
    # a "by" phrase names the asker after all
    ("Asked about the budget by the moderator, the mayor said the figures were sound.",
     [("the budget", "the moderator", "Asked about"), ("the figures were sound", "the mayor", "said")]),
    # the parser may hang the question on the clause the participle modifies, or the
    # topic on the occasion
    ("Ortiz, who used the same words when asked in May if she would back the mayor, said little more.",
     [("if she would back the mayor", None, "asked")]),
    ("When asked at the harbour board meeting about the night ferry, the mayor said it would run again.",
     [("the night ferry", None, "asked"), ("it would run again", "the mayor", "said")]),
    # a request put is reported too, but not one to come, a standing appeal, or one a report tells of
    ("At the debate, Reyes was asked to name a single pier she had saved.",
     [("to name a single pier she had saved", None, "asked")]),
    ("Hotels will be asked to cut their water use by a quarter.", []),
    ("Anyone with information is asked to call the harbour police.", []),
    ("Ortiz said dockers were asked to work longer shifts.",
     [("dockers were asked to work longer shifts", "Ortiz", "said")]),
])
def test_a_question_an_unnamed_reporter_put_is_a_quote_without_a_speaker(nlp, text, quotes):
    found = quotes_from_doc(nlp(text))
    assert quote_parts(text, found) == quotes
    assert all(q.kind == QuoteKind.INDIRECT and (q.speaker or not q.resolved_speaker) for q in found)


def test_a_quote_after_an_unnamed_question_continues_the_one_who_answers(nlp):
    text = ("\u201cNot this year,\u201d Ortiz said when asked if the pier would close. "
            "\u201cWe have the money.\u201d")
    found = quotes_from_doc(nlp(text))
    assert quote_parts(text, found) == [
        ("\u201cNot this year,\u201d", "Ortiz", "said"),
        ("if the pier would close", None, "asked"),
        ("\u201cWe have the money.\u201d", "Ortiz", None),
    ]
    assert found[-1].kind == QuoteKind.FLOATING and found[-1].resolved_speaker == "Ortiz"


def test_an_aside_between_dashes_stays_inside_the_report(nlp):
    # the parser hangs the aside and what follows it on "pledged"
    text = ("Reyes has repeatedly pledged to ban all Catholics — 1.3 billion members of an entire church — "
            "from entering the island.")
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.start:q.end] == text[text.index("to ban"):-1]


def test_the_particle_of_a_cue_verb_is_part_of_the_cue(nlp):
    text = "Reyes tweeted out that the ferry would not run on Sunday."
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.cue[0]:q.cue[1]], text[q.start:q.end]) == ("tweeted out", "that the ferry would not run on Sunday")


@pytest.mark.parametrize("text,quote,cue", [
    # "On Tuesday" before the verb is no particle of "call on"
    ("On Tuesday, his wife, Jane, called for an open ferry inquiry.", "an open ferry inquiry", "called for"),
    ("On Tuesday, the mayor called on the council to resign.", "the council to resign", "called on"),
])
def test_only_a_particle_after_the_verb_belongs_to_it(nlp, text, quote, cue):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.cue[0]:q.cue[1]]) == (quote, cue)


@pytest.mark.parametrize("text,found", [
    ("The harbour union called the new timetable a betrayal of every docker on the east pier.",
     [("a betrayal of every docker on the east pier", "called")]),
    ("The mayor was called a coward by the dockers.", [("a coward", "called")]),
    # phoning someone or calling a vote names nothing
    ("Late on Monday, the mayor called Councillor Ortiz.", []),
    ("When the harbour board called early elections for March 2019, just a year after the last vote, "
     "it was a shock.", []),
])
def test_a_naming_verb_reports_only_what_it_calls_something(nlp, text, found):
    quotes = quotes_from_doc(nlp(text))
    assert [(text[q.start:q.end], text[q.cue[0]:q.cue[1]]) for q in quotes] == found


@pytest.mark.parametrize("text,found", [
    # speech inside a report is a quote of its own ...
    ("Ortiz said dockers told him the cranes were unsafe.",
     [("dockers told him the cranes were unsafe", "Ortiz"), ("the cranes were unsafe", "dockers")]),
    # ... unless it is denied, imagined or wished for: nobody said those words
    ("Ortiz said the mayor had never said the ferry would stop.",
     [("the mayor had never said the ferry would stop", "Ortiz")]),
    ("The mayor said the board should tell residents that the pier is closed.",
     [("the board should tell residents that the pier is closed", "The mayor")]),
    ("Reyes argued that nobody wanted to admit the ferry was late.",
     [("that nobody wanted to admit the ferry was late", "Reyes")]),
    # a noun-phrase report inside a report is an event the outer source speaks of
    ("Ortiz said she knew little about the mayor before the mayor announced her bid for a second term.",
     [("she knew little about the mayor before the mayor announced her bid for a second term", "Ortiz")]),
    ("The dockers said the board had ignored the mayor, who proposed a new timetable for the night ferry.",
     [("the board had ignored the mayor, who proposed a new timetable for the night ferry", "The dockers")]),
])
def test_what_is_no_quote_of_its_own_inside_a_report(nlp, text, found):
    quotes = quotes_from_doc(nlp(text))
    assert [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes] == found


@pytest.mark.parametrize("text,found", [
    # a contrast set off at the end is the writer's comparison, not the report
    ("About 4 in 10 of the dockers said they prefer a new pier, while about a third want the old one repaired.",
     [("they prefer a new pier", "About 4 in 10 of the dockers")]),
    ("Ortiz said the ferry was late, while the mayor said it was on time.",
     [("the ferry was late", "Ortiz"), ("it was on time", "the mayor")]),
    # but "while" without a comma tells when, inside the report
    ("Reyes said she would stay while the pier was repaired.",
     [("she would stay while the pier was repaired", "Reyes")]),
])
def test_a_contrast_after_a_report_is_not_part_of_it(nlp, text, found):
    quotes = quotes_from_doc(nlp(text))
    assert [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes] == found


def test_a_dateline_is_not_the_speaker(nlp):
    # the parser makes "PORT ALDEN" a second subject of "announced"
    text = "PORT ALDEN — Port Alden police announced the arrest of a second suspect on Friday."
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.speaker[0]:q.speaker[1]] == "Port Alden police"


def test_a_cue_joined_by_and_reports_nothing_of_the_clause_before_it(nlp):
    # "A, he said" reports A; "A, and the union argued for B" does not
    text = ("Dockers complained about the noise from the new cranes at night, and the union argued "
            "for a second shift on the east pier.")
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("the noise from the new cranes", "Dockers"), ("a second shift on the east pier", "the union")]
    assert quotes_from_doc(nlp("The ferry was late again, and the captain said nothing.")) == []


@pytest.mark.parametrize("text,quote,speaker", [
    # documents and polls are sources: both gold corpora annotate them
    ("A report from the harbour board says the pier is no longer safe.",
     "the pier is no longer safe", "A report from the harbour board"),
    ("Polls suggest that the mayor will win a second term.", "that the mayor will win a second term", "Polls"),
    # the weather is not
    ("The storm suggests that winter has come early.", None, None),
])
def test_documents_report_but_the_weather_does_not(nlp, text, quote, speaker):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == ([(quote, speaker)] if quote else [])


@pytest.mark.parametrize("text,quote,speaker", [
    # a conclusion is a claim its source stands behind, as "says" is
    ("The inspectors concluded that the ferry was safe to sail.", "that the ferry was safe to sail", "The inspectors"),
    ("The harbour board's report concluded the pier must close by May.", "the pier must close by May",
     "The harbour board's report"),
])
def test_a_conclusion_is_reported(nlp, text, quote, speaker):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [(quote, speaker)]


@pytest.mark.parametrize("text,quote,kind", [
    ('The port authority reported "2,500 late sailings" in the first half of the year.',
     '"2,500 late sailings"', QuoteKind.DIRECT),
    ('In her speech on Monday, Mayor Ana Reyes proclaimed a goal of "a ferry every hour."',
     'a goal of "a ferry every hour."', QuoteKind.MIXED),
])
def test_an_object_holding_a_quotation_is_reported(nlp, text, quote, kind):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind) == (quote, kind)


@pytest.mark.parametrize("text,quote,speaker,cue", [
    ("The fact-checkers looked at Mayor Reyes's claim that the ferry had never been late.",
     "that the ferry had never been late", "Mayor Reyes", "claim"),
    ("The video contradicts the harbour police's earlier statement that the crew had refused to stop.",
     "that the crew had refused to stop", "the harbour police", "statement"),
    # the source in a phrase after the noun
    ("The vote took place despite repeated warnings from her lawyer that the contract was void.",
     "that the contract was void", "her lawyer", "warnings"),
    # a promise or a pledge also with a to-infinitive
    ("Her promises to cut ferry fares for islanders won her the seat.",
     "to cut ferry fares for islanders", "Her", "promises"),
    # the source is the subject of a light verb
    ("The harbour master made the suggestion that the pier should close for a month.",
     "that the pier should close for a month", "The harbour master", "suggestion"),
    # "that" the parser took for a relative pronoun
    ("The fall in fares belied the dockers\u2019 warnings that they would skyrocket.",
     "that they would skyrocket", "the dockers", "warnings"),
])
def test_a_speech_noun_reports_its_that_clause_as_its_owners(nlp, text, quote, speaker, cue):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]], q.kind) == (
        quote, speaker, cue, QuoteKind.INDIRECT)


@pytest.mark.parametrize("text", [
    # nobody's: the source is not in the phrase
    "A third party has come forward with an allegation that the ferry tickets were forged.",
    # the owner is no source
    "The storm's warning that the pier would flood came too late.",
])
def test_a_speech_noun_without_a_source_reports_nothing(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,found", [
    ("The union renewed its calls for the council to reopen the east pier.",
     [("the council to reopen the east pier", "its", "calls for")]),
    # with no owner, the call is a quote without a speaker, like "reportedly"
    ("The ferry delays prompted calls for an inquiry into the harbour board.",
     [("an inquiry into the harbour board", None, "calls for")]),
    # a call on someone is a visit
    ("The mayor paid a social call on the harbour master.", []),
])
def test_a_call_for_something_reports_it_as_the_verb_does(nlp, text, found):
    assert quote_parts(text, quotes_from_doc(nlp(text))) == found


def test_a_chanting_crowd_is_quoted(nlp):
    text = 'Outside the town hall, hundreds of islanders chanted "Save our ferry! Save our ferry!" as the council met.'
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind, text[q.cue[0]:q.cue[1]]) == (
        '"Save our ferry! Save our ferry!"', QuoteKind.DIRECT, "chanted")


@pytest.mark.parametrize("text", [
    # the cue verb sits inside the subject of the sentence
    "We do not care any more. Everything Reyes says is a lie unless proven otherwise.",
    # the writer's idiom
    "It goes without saying that raising ferry fares on islanders is unpopular.",
])
def test_a_speech_verb_inside_a_subject_or_an_idiom_reports_nothing(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quote,speaker", [
    ("Late on Friday, the harbour board released a statement saying it was withdrawing the night ferry.",
     "it was withdrawing the night ferry", "the harbour board"),
    ("A letter saying that the pier was unsafe reached the council in May.",
     "that the pier was unsafe", "A letter"),
])
def test_a_writing_saying_something_speaks_for_its_author(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


def test_an_infinitive_on_the_object_takes_the_speaker_of_its_verb(nlp):
    text = "Companies on the island are taking pains to say they are not backing any candidate."
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (
        "they are not backing any candidate", "Companies on the island", "say")


def test_a_relative_clause_reports_what_its_speaker_said_of_the_antecedent(nlp):
    # the parser makes the reported verb an xcomp and gives "said" two subjects
    text = ("Reyes handed over the files she had given to the Harbour Office, which she said "
            "represented all her work on the pier.")
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == ("represented all her work on the pier", "she")


@pytest.mark.parametrize("text,quote,speaker", [
    ("After the polls closed, she is poised to argue she is in this race for the long haul.",
     "she is in this race for the long haul", "she"),
    ("Island voters are slightly more likely to say that Reyes represents their views on the ferry.",
     "that Reyes represents their views on the ferry", "Island voters"),
])
def test_an_infinitive_cue_takes_the_subject_of_the_word_it_complements(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


def test_the_object_of_tell_is_no_report_even_with_a_quotation(nlp):
    text = 'At the harbour festival the old crews will tell stories about "firsts."'
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text", [
    # verbs of showing and of prompting: in news their subjects are events and
    # policies, or people doing something other than speaking
    "The dispute over the pier highlighted sharp differences in how the two towns plan for floods.",
    "The long queue at the pier underscored the need for a second ferry.",
    "Mayor Ana Reyes encouraged families to take the ferry instead of the bridge.",
    # an accusation names a target, a voiced worry or a pressed demand paraphrases a
    # stance: neither corpus annotates them as reports
    'The harbour master accused the council of "fanatic neglect."',
    "Several dockers voiced concern about the new night shifts on the pier.",
    "The union pressed lawmakers to pass the ferry bill.",
])
def test_verbs_of_showing_and_prompting_are_not_cues(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quote,speaker,cue", [
    # the participle reports something new, even right after a quotation
    ("\u201cThe harbour was the heart of this town,\u201d she said, adding she would never vote for the plan.",
     "she would never vote for the plan", "she", "adding"),
    # "by telling them": the speaker is the subject of the verb the preposition hangs on
    ("She won support on the island by telling them that the ferry would run all winter.",
     "that the ferry would run all winter", "She", "telling"),
    # the parser makes the that-clause a relative clause of the addressee
    ("In Ferrytown last week, he told a meeting of harbour workers that few people understood the stakes.",
     "that few people understood the stakes", "he", "told"),
    ("Ines Moreau could be heard shouting to the officers that her husband was unarmed.",
     "that her husband was unarmed", "Ines Moreau", "shouting"),
    ("Lena Ortiz reminded the dockers she was the only captain with a licence.",
     "she was the only captain with a licence", "Lena Ortiz", "reminded"),
    # ... or of a phrase of time
    ("Reyes also said for the first time that some letters between the mayor and the board have been found.",
     "that some letters between the mayor and the board have been found", "Reyes", "said"),
    # ... or a clause of the writing it was said in ("statement that ...")
    ("The mayor's office said in a statement that the ferry won't be sold or handed to a developer.",
     "that the ferry won't be sold or handed to a developer", "The mayor's office", "said"),
    # an admission is reported with its object, like a reiteration
    ("The ministry acknowledged serious delays in the ferry contract.",
     "serious delays in the ferry contract", "The ministry", "acknowledged"),
    # a proposal is reported with a gerund or a that-clause
    ("The harbour board proposes dropping the night fare for pensioners.",
     "dropping the night fare for pensioners", "The harbour board", "proposes"),
    ("Inspectors recommended that the ferry be withdrawn from service.",
     "that the ferry be withdrawn from service", "Inspectors", "recommended"),
    # "for ... to" parsed as a clause of its own; the particle belongs to the cue
    ("In December, the harbour board called for Reyes to step down from the council.",
     "Reyes to step down from the council", "the harbour board", "called for"),
    # the clause right after the verb is its report, though its verb ("call") can be a cue
    ("Reyes was so fired up about the deal's potential he said she should call the ferry company's chief "
     "right away.", "she should call the ferry company's chief right away", "he", "said"),
    # what the parser hangs on the verb after a particle's object still belongs to it
    ("Councillor Ortiz points to the political pickle a mayor might be in for backing the ferry plan.",
     "the political pickle a mayor might be in for backing the ferry plan", "Councillor Ortiz", "points to"),
    ("The union has repeatedly called for its letters to be made public.",
     "its letters to be made public", "The union", "called for"),
    # "on" of "called on X to ..." parsed as a particle that has the listener as its object
    ("Quill's family has called on police to release the harbour videos.",
     "police to release the harbour videos", "Quill's family", "called on"),
    # after an aside, the parser makes the that-clause the head of "continues"
    ("The governor continues to insist, most recently in a Labour Day interview with Harbour Radio, that he "
     "really wants to publish his accounts.", "that he really wants to publish his accounts", "The governor", "insist"),
    ("The mayor continues to claim, most recently in a television interview, that she really wants to keep the ferry.",
     "that she really wants to keep the ferry", "The mayor", "claim"),
    # a commitment is reported with a to-infinitive
    ("Mayor Ruiz pledged to reopen the ferry terminal before the summer.",
     "to reopen the ferry terminal before the summer", "Mayor Ruiz", "pledged"),
    # and so is a claim
    ("The coalition includes people who claim to represent the dockers of the east pier.",
     "to represent the dockers of the east pier", "people", "claim"),
])
def test_reports_the_small_parser_gets_wrong_are_found(nlp, text, quote, speaker, cue):
    found = {text[q.start:q.end]: q for q in quotes_from_doc(nlp(text))}
    assert quote in found, found.keys()
    q = found[quote]
    assert q.kind == QuoteKind.INDIRECT
    assert (text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (speaker, cue)


@pytest.mark.parametrize("text,not_reported", [
    # a real relative clause of the object: its verb lacks that object
    ("In her new book she is highlighting the ferry recipes that she cooks at home.", "that she cooks at home"),
    ("Lena Ortiz told the dockers she had hired that the ferry would sail on Monday.", "she had hired"),
])
def test_a_relative_clause_with_a_gap_is_not_the_report(nlp, text, not_reported):
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert not any(q.startswith(not_reported) for q in quotes), quotes


def test_a_participle_after_a_preposition_stays_inside_the_report(nlp):
    # "for admitting that ..." is part of what the harbour master noted, not a new
    # report that ends the first one (as ", adding that ..." would)
    text = ("The harbour master noted that, like him, the mayor had been mocked in the valley "
            "for admitting that the ferry would never pay its way.")
    noted = [q for q in quotes_from_doc(nlp(text)) if text[q.cue[0]:q.cue[1]] == "noted"]
    assert [text[q.start:q.end] for q in noted] == [
        "that, like him, the mayor had been mocked in the valley for admitting that the ferry would never pay its way"]


@pytest.mark.parametrize("name_dep", [
    "nsubj",  # the parse still gives the noun-tagged verb a subject and a clause
    "compound",  # or calls the name its compound, as it does after a paragraph break
])
def test_a_cue_verb_tagged_as_a_plural_noun_still_reports(nlp, name_dep):
    # "But Diaz claims that ferries pay." with "claims" tagged NNS, as the small model
    # tags it after some names
    words = ["But", "Diaz", "claims", "that", "ferries", "pay", "."]
    doc = parsed_doc(words, heads=[2, 2, 2, 5, 5, 2, 2],
                  deps=["cc", name_dep, "ROOT", "mark", "nsubj", "ccomp", "punct"],
                  pos=["CCONJ", "PROPN", "NOUN", "SCONJ", "NOUN", "VERB", "PUNCT"],
                  tags=["CC", "NNP", "NNS", "IN", "NNS", "VBP", "."],
                  lemmas=["but", "Diaz", "claim", "that", "ferry", "pay", "."])
    (quote,) = quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc))
    assert doc.text[quote.start:quote.end] == "that ferries pay"
    assert doc.text[quote.cue[0]:quote.cue[1]] == "claims"
    assert doc.text[quote.speaker[0]:quote.speaker[1]] == "Diaz"


def test_a_second_clause_joined_to_the_report_is_part_of_it(nlp):
    text = "The nurses' union said fatigue is common on night shifts, and staff are tired and overworked."
    (quote,) = quotes_from_doc(nlp(text))
    assert text[quote.start:quote.end] == "fatigue is common on night shifts, and staff are tired and overworked"


@pytest.mark.parametrize("text,quote", [
    # a gerund subject after the attribution is a clause, not what the speaker did
    ("Though the old terminal was relatively quiet, she said, moving it would be much harder.",
     "moving it would be much harder"),
])
def test_reported_clauses_the_parser_mislabels(nlp, text, quote):
    assert quote in [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]


def test_a_reported_clause_parsed_as_adverbial_is_reported(nlp):
    # "Ruiz said after the vote she would resign." with "resign" as an adverbial clause
    words = ["Ruiz", "said", "after", "the", "vote", "she", "would", "resign", "."]
    doc = parsed_doc(words, heads=[1, 1, 7, 4, 2, 7, 7, 1, 1],
                  deps=["nsubj", "ROOT", "prep", "det", "pobj", "nsubj", "aux", "advcl", "punct"],
                  pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "PRON", "AUX", "VERB", "PUNCT"],
                  tags=["NNP", "VBD", "IN", "DT", "NN", "PRP", "MD", "VB", "."],
                  lemmas=["Ruiz", "say", "after", "the", "vote", "she", "would", "resign", "."])
    (quote,) = quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc))
    assert doc.text[quote.start:quote.end] == "after the vote she would resign"


def test_a_closing_attribution_the_parser_lost_still_reports_the_sentence(nlp):
    # "Boats made it possible for crews to reach others, she said." with "said" parsed
    # as an adverbial clause opened by "for", as the small model parses a long sentence
    words = ["Boats", "made", "it", "possible", "for", "crews", "to", "reach", "others", ",", "she", "said", "."]
    doc = parsed_doc(words, heads=[1, 1, 3, 1, 11, 11, 7, 11, 7, 11, 11, 1, 1],
                  deps=["nsubj", "ROOT", "nsubj", "ccomp", "mark", "nsubj", "aux", "xcomp", "dobj",
                        "punct", "nsubj", "advcl", "punct"],
                  pos=["NOUN", "VERB", "PRON", "ADJ", "SCONJ", "NOUN", "PART", "VERB", "NOUN",
                       "PUNCT", "PRON", "VERB", "PUNCT"],
                  tags=["NNS", "VBD", "PRP", "JJ", "IN", "NNS", "TO", "VB", "NNS", ",", "PRP", "VBD", "."],
                  lemmas=["boat", "make", "it", "possible", "for", "crew", "to", "reach", "other", ",",
                          "she", "say", "."])
    assert quote_parts(doc.text, quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc))) == [
        ("Boats made it possible for crews to reach others", "she", "said")]


def test_a_closing_relative_clause_is_no_attribution(nlp):
    # "..., a word Mayor Ruiz then repeated.": the noun before the verb is what was
    # repeated, not who repeated it
    words = ["A", "heckler", "shouted", "at", "the", "council", ",", "a", "word", "Ruiz", "repeated", "."]
    doc = parsed_doc(words, heads=[1, 2, 2, 2, 5, 3, 2, 8, 2, 10, 8, 2],
                  deps=["det", "nsubj", "ROOT", "prep", "det", "pobj", "punct", "det", "npadvmod", "nsubj",
                        "relcl", "punct"],
                  pos=["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "DET", "NOUN", "PROPN", "VERB",
                       "PUNCT"],
                  tags=["DT", "NN", "VBD", "IN", "DT", "NN", ",", "DT", "NN", "NNP", "VBD", "."],
                  lemmas=["a", "heckler", "shout", "at", "the", "council", ",", "a", "word", "Ruiz", "repeat", "."])
    assert quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc)) == []


@pytest.mark.parametrize("text,quote,speaker", [
    # the last word of a paper's name is no common noun ("record" alone is not a source)
    ("The Ferrytown Daily Record reports that the ferry will be sold.",
     "that the ferry will be sold", "The Ferrytown Daily Record"),
    # the parser hangs the report on the source as an apposition
    ("According to radio host Ana Ruiz, the move reeks of fear and desperation.",
     "the move reeks of fear and desperation", "radio host Ana Ruiz"),
    ("According to the newest numbers from Statistics Canada, the unemployment rate of young sailors is "
     "more than double the national average.",
     "the unemployment rate of young sailors is more than double the national average",
     "the newest numbers from Statistics Canada"),
    # a real apposition of the source, closed by a comma
    ("According to Ana Ruiz, a harbour pilot, the ferry was late.", "the ferry was late", "Ana Ruiz"),
])
def test_sources_and_their_reports_are_told_apart(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


@pytest.mark.parametrize("text,quote,kind,speaker,cue", [
    ("As the harbour master put it, the ferry is older than most of its passengers.",
     "the ferry is older than most of its passengers", QuoteKind.INDIRECT, "the harbour master", "put it"),
    ("The night fare is a tax on the poor, as a union leaflet put it.",
     "The night fare is a tax on the poor", QuoteKind.INDIRECT, "a union leaflet", "put it"),
    ("As Professor Lena Ortiz put it, \u201cNobody wants to pay for a bridge.\u201d",
     "\u201cNobody wants to pay for a bridge.\u201d", QuoteKind.DIRECT, "Professor Lena Ortiz", "put it"),
    ("\u201cWe will sail on Monday,\u201d as the captain put it.",
     "\u201cWe will sail on Monday,\u201d", QuoteKind.DIRECT, "the captain", "put it"),
    ("Mayor Ruiz made clear that the terminal would stay open all winter.",
     "that the terminal would stay open all winter", QuoteKind.INDIRECT, "Mayor Ruiz", "made clear"),
    # the parser may hang "clear" inside the reported clause
    ("The ruling made clear the rules apply to every ferry.",
     "the rules apply to every ferry", QuoteKind.INDIRECT, "The ruling", "made clear"),
])
def test_a_verb_reports_together_with_a_fixed_word(nlp, text, quote, kind, speaker, cue):
    found = {text[q.start:q.end]: q for q in quotes_from_doc(nlp(text))}
    assert quote in found, found.keys()
    q = found[quote]
    assert (q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (kind, speaker, cue)


@pytest.mark.parametrize("text", [
    "He put it on the table and walked out of the meeting.",
    "The storm made it clear that the pier needed repairs.",  # the weather is no source
])
def test_put_and_make_alone_report_nothing(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


def test_a_supposition_is_no_report_but_let_me_say_is(nlp):
    assert quotes_from_doc(nlp("Let's say you think a ferry ticket will cost $160 in ten years.")) == []
    text = "Let me just say that the crossing was not crowded with tourists."
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == [
        "that the crossing was not crowded with tourists"]


@pytest.mark.parametrize("text,quotes", [
    # a question someone put is their words
    ("The councillors also asked whether the ferry contract required the operator to run in winter.",
     [("whether the ferry contract required the operator to run in winter", "The councillors", "asked")]),
    # "if" after "asked": the parser takes the question for a condition
    ("A reporter asked the mayor if the night ferry would run again.",
     [("if the night ferry would run again", "A reporter", "asked")]),
    # the asker of a second verb is the subject of the first
    ("He shook hands and asked workers if they planned to attend the caucuses.",
     [("if they planned to attend the caucuses", "He", "asked")]),
    # also inside a clause of time, when the asker is named
    ("He shook his head when reporters asked if the ferry would run again.",
     [("if the ferry would run again", "reporters", "asked")]),
    # with nobody named, the question is a quote without a speaker
    ("He shook his head when asked if the ferry would run again.", [("if the ferry would run again", None, "asked")]),
    # named in a "by" phrase, the asker is its speaker
    ("He shook his head when asked by a reporter if the ferry would run again.",
     [("if the ferry would run again", "a reporter", "asked")]),
    ("Last week, Reyes was asked by host Dana Whitlock whether her plan was like the mayor's.",
     [("whether her plan was like the mayor's", "host Dana Whitlock", "asked")]),
    # a participle's asker is the subject it shares with its verb
    ("Councillor Ortiz closed the hearing, asking the harbour master why the night ferry had been cut.",
     [("why the night ferry had been cut", "Councillor Ortiz", "asking")]),
    # but a question nobody is said to have answered or put, or one the writer muses on, is not
    ("The mayor did not say which pier would close first.", []),
    ("One wonders how the ferry will ever pay its way.", []),
])
def test_reported_questions(nlp, text, quotes):
    assert quote_parts(text, quotes_from_doc(nlp(text))) == quotes


@pytest.mark.parametrize("text,not_reported", [
    # a clause of time the parser calls a complement
    ("Marchers repeated the words ''I can't swim,'' as Tomas Ruiz, struggling in the water off Pier Four, "
     "said before he drowned.", "before he drowned"),
    # the writer speaks before the colon
    ("We have been here before: the harbour board declared war on the ferry union.", "We have been here before"),
])
def test_clauses_the_parser_mistakes_for_reports(nlp, text, not_reported):
    assert not_reported not in [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]


def test_one_cue_gives_no_report_nested_in_its_own(nlp):
    text = ("He ignored the posts in which he called the old harbour master \u201cdishonest\u201d "
            "and mocked her \u201csecret deal.\u201d")
    cues = [text[q.cue[0]:q.cue[1]] for q in quotes_from_doc(nlp(text))]
    assert cues == ["called"]


def test_a_short_report_in_a_relative_clause(nlp):
    text = ("The harbour has seen a spate of accidents recently, with six collisions in the past eight days "
            "that Reyes said are unrelated.")
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("are unrelated", "Reyes")]
    # a name given in a relative clause is no report
    text = "The council despises what he calls red tape."
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quotes", [
    # the writer passes on what someone said without saying who; the cue is no part
    # of the content, so one inside the clause makes two quotes, as "A, he said, B" does
    ("The ferry company is reportedly planning to sell its two oldest boats.",
     [("The ferry company is", None, "reportedly"), ("planning to sell its two oldest boats", None, "reportedly")]),
    ("Reportedly, the mayor had known about the cracks for a year.",
     [("the mayor had known about the cracks for a year", None, "Reportedly")]),
    ("It was announced on Friday that the east pier would close.",
     [("that the east pier would close", None, "announced")]),
    # a description, not a report; and inside a report with a source, the source's words
    ("The man who allegedly stole the harbour master's boat was arrested on Friday.", []),
    ("Police found the boat he allegedly stole from the harbour.",
     [("he", None, "allegedly"), ("stole from the harbour", None, "allegedly")]),
    ("Police said the man allegedly stole a boat from the harbour.",
     [("the man allegedly stole a boat from the harbour", "Police", "said")]),
])
def test_a_report_whose_source_the_text_does_not_give_is_a_quote_without_a_speaker(nlp, text, quotes):
    found = quotes_from_doc(nlp(text))
    assert quote_parts(text, found) == quotes
    assert all(q.kind == QuoteKind.INDIRECT for q in found)


def test_the_sentence_after_a_full_stop_is_not_what_the_cue_before_it_reports(nlp):
    # the parser hangs the next paragraph's sentence on "said"
    text = ("C2I's business is planting trees. An acre of trees can convert 156 tons of carbon over the "
            "years, Mr. Van Voorhis said.\n\nC2I plans to reforest a million acres in the valley and sell "
            "offsets to companies.")
    assert quote_parts(text, quotes_from_doc(nlp(text))) == [
        ("An acre of trees can convert 156 tons of carbon over the years", "Mr. Van Voorhis", "said")]


def test_a_clause_joined_to_a_parenthetical_cue_is_more_of_the_report(nlp):
    # the parser makes "the crew had been paid twice" a second clause of "said"
    text = "The ferry was late, the captain said on Monday, and the crew had been paid twice."
    assert quote_parts(text, quotes_from_doc(nlp(text))) == [
        ("The ferry was late", "the captain", "said"), ("the crew had been paid twice", "the captain", "said")]


def test_a_clause_after_the_verbs_own_infinitive_is_not_what_it_reports(nlp):
    # the parser hangs the writer's comment after the dash on "promising"
    text = "The mayor spoke to the dockers, promising to reopen the pier \u2014 not what the union had asked for."
    assert quote_parts(text, quotes_from_doc(nlp(text))) == [("to reopen the pier", "The mayor", "promising")]


@pytest.mark.parametrize("text,quote,speaker", [
    # the writing the report appeared in is its source, not the subject of the main clause
    ("As reported in the Harbour Gazette, the council had known about the cracks for a year.",
     "the council had known about the cracks for a year", "the Harbour Gazette"),
    ("As noted in the inspectors' report, the pier had been closed twice.",
     "the pier had been closed twice", "the inspectors' report"),
])
def test_as_reported_in_a_writing_makes_the_writing_the_source(nlp, text, quote, speaker):
    assert quote_parts(text, quotes_from_doc(nlp(text))) == [(quote, speaker, text.split()[1])]
