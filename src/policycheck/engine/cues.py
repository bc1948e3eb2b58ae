"""The engine's own vocabulary of stance: how policies defer, exclude, cite, hedge and invert."""

from __future__ import annotations

from policycheck.rules.logic import Concept

# fmt: off
# The policy places the topic outside itself (sentence-level).
EXCLUSION = Concept(
    "exclusion",
    phrases=(
        "outside the scope", "outside of the scope", "out of scope", "beyond the scope",
        "outside its scope", "not within the scope", "not in scope", "not within scope",
        "not applicable", "does not cover", "do not cover", "does not apply", "will not cover",
        "is not covered", "are not covered", "not covered by this", "not addressed",
        "decide not to do so", "we have decide not to", "we decide not to",
        "the force have decide not to", "we have decided not to",
        "does not address", "does not deal with", "do not deal with", "is not dealt with",
        "are not dealt with", "does not extend to", "is excluded from", "are excluded from",
        "excluded from this", "falls outside", "fall outside", "does not form part",
        "do not form part", "not part of this", "dealt with elsewhere", "covered elsewhere",
        "is dealt with in a separate", "are dealt with in a separate", "in a separate policy",
        "in a separate procedure", "in separate guidance", "not currently have", "does not have a",
        "has no policy", "there is no policy", "there is no specific", "there is no formal",
        "there is no dedicated", "there are no specific", "there are no formal", "no formal policy",
        "no specific policy", "no dedicated policy", "not included in this",
        # another service's duty: 'is provided by the Probation Service ..., not by the police'
        "not by the police", "not by us", "not by the force", "not by the constabulary",
        "not by the Witness Care Unit", "not by the unit", "not by this service",
        "not a police responsibility", "not the responsibility of the police",
        "not a responsibility of the police", "not repeat here", "be not repeat here",
        "deal with on our separate", "deal with on a separate", "on our separate",
        # a general policy's pointer: 'procedures for ... modern slavery ... are contained in
        # separate force documents'
        "in separate force document", "contain in separate", "set out in separate",
        # another procedure's: 'Entitlements relating to compensation ... are covered by the
        # Victims' Code Procedure (PR-031)'
        "be cover by the victims ' code procedure", "be cover by the victims ' code policy",
        "be cover in the victims ' code procedure", "be cover in the victims ' code policy",
        "be cover by our victims ' code", "be cover by a separate", "be cover in a separate",
        "be deal with in the victims ' code procedure",
        "be deal with under the victims ' code procedure",
        # a critic's verdict on a draft: 'This is not the same as treating victims as victims
        # first' (the routes themselves 'are not the same as' each other)
        "this be not the same as", "that be not the same as", "it be not the same as",
        "this be no substitute for", "that be no substitute for", "fall short of",
        "do not amount to",
    ),
    # a condition, not a decision or a gap: 'even if you do not have a passport', 'If we decide
    # not to charge a suspect, we will tell you how to ask for a review'
    unless_within=("if you do not have", "if they do not have", "if she do not have",
                   "if he do not have", "even if you do not have", "if we decide not to",
                   "where we decide not to", "when we decide not to", "if the force decide not to",
                   "where the force decide not to"),
)

# Headings that put everything under them out of scope.
EXCLUDED_HEADING = Concept(
    "excluded-heading",
    phrases=(
        "out of scope", "outside the scope", "exclusions", "excluded", "not covered",
        "does not cover", "what this policy does not", "not in scope", "limitations of scope",
        # '11. Entitlements delivered outside the VCU': another unit's work
        "deliver outside the", "provide outside the", "deliver by other", "provide by other",
    ),
)

# The thing is promised for later, not done now (sentence-level).
DEFERRAL = Concept(
    "deferral",
    # 'could' as written: its lemma is 'can' ('so that you can be offered the scheme' is no
    # deferral)
    exact=("could be offered", "could be introduced", "could be developed",
           # an assessment's view, ending its sentence: 'safe reporting routes could help.'
           "could help .", "would help .", "might help .",
           # 'Further guidance may follow'; not 'without fear of what might follow'
           "may follow",
           # in the present or perfect only: 'once the guidance is published' waits, 'since 11
           # January 2021, when the interim instruction was issued, officers have not ...' does not
           *(f"{when} ... {aux} {done}" for when in ("when", "once")
             for aux in ("is", "are", "has been", "have been")
             for done in ("published", "issued", "approved", "finalised", "finalized"))),
    phrases=(
        # a review under way and guidance expected: 'is reviewing how information about victims
        # is shared ..., and we expect to issue updated guidance'
        "be review how", "be currently review how", "expect to issue", "expect to publish",
        "expect to introduce", "expects to issue", "expects to publish", "aim to issue",
        "aim to publish",
        "could offer ... in future", "could ... in future", "in the future",
        "draft procedure will", "the draft will", "whether ... could", "be discuss whether",
        "will be develop", "be be develop", "be to be develop", "be under development",
        "in development", "will develop", "will be consider", "be be consider",
        "under consideration", "give consideration to", "will consider whether",
        "consider whether to", "await ... guidance", "await ... publication", "await ... national",
        "await ... review", "await ... approval", "await ... confirmation", "await ... outcome",
        "pending ... guidance", "pending ... publication", "pending ... review",
        "pending ... approval", "under review", "will be review", "be be review", "will review",
        "in due course", "we intend to", "force intend to", "constabulary intend to",
        "service intend to", "intend to develop", "intend to introduce", "intend to produce",
        "intend to review", "intend to adopt", "intend to publish", "intend to consult",
        "intend to implement", "we plan to", "plan to develop", "plan to introduce",
        "plan to produce", "plan to adopt", "plan to publish", "plan to consult",
        "plan to implement", "plan to review", "plan be in place", "plan be be develop",
        "be expect to be publish", "be expect to be issue", "be expect to be develop",
        "be expect to be agree", "be expect to be introduce", "be expect to be finalise",
        "be expect to be sign", "discussion be under way", "discussion be ongoing",
        "discussion be continue", "talk be under way",
        # work in hand: 'A DPIA is being completed and is due to be signed off', 'a leaflet ...
        # is being translated', 'a pilot is planned, subject to agreement', 'arrangements are
        # still being discussed'
        "be be complete", "be be translate", "be be design", "be be pilot", "be be agree",
        "we be complete", "we be also complete", "when it be finish", "once it be finish",
        "have be commission from", "will inform the procedure", "will inform the new",
        "will inform the revised",
        "be be discuss", "still be discuss", "due to be sign", "be due to be",
        "be plan , subject to", "subject to agreement", "subject to the agreement",
        "when they be agree", "once they be agree", "once it be agree", "once agree",
        "will be produce", "will be draft", "be be draft", "will be introduce", "will be update",
        "will be agree", "will be finalise", "will be explore", "be explore", "be scope",
        "explore option", "consider option", "no decision have yet be make",
        # 'Subject to the outcome of the procurement, the service will provide ...', 'We will
        # revise PP-077 during 2025/26 to add a full statement of ...'
        "subject to the outcome of", "subject to procurement", "subject to the procurement",
        # a statement's next steps: 'We are looking at how we can better link victims ... and
        # expect to announce arrangements in the new year', 'We will work with ... specialist
        # organisations ... to review our procedures', 'Develop training ... (owner: L&D; due:
        # March 2025)'
        "be look at how", "be look at whether", "be also look at whether", "expect to announce",
        "in the new year", "to review our procedure", "to review our policy", "due :",
        "revise ... to add", "amend ... to add", "update ... to add", "revise ... to include",
        "amend ... to include",
        "no decision have be make", "once ... be agree", "once ... be available",
        "when ... be available",
        "at a later date", "in the future", "future version", "future review", "next review",
        "next version", "yet to be", "not yet", "will seek to", "work towards", "aim to develop",
        "subject to funding", "where resources allow", "resource permit", "we propose to",
        "be propose", "will look at", "will look into", "will be look at", "be be look at",
        "will be roll out", "in the coming", "later this year", "later in the year",
        "by the end of the year", "next year", "next financial year", "in the autumn",
        "in the spring", "this autumn", "will publish ... later", "over the coming",
        "be expect shortly", "be be prepare", "will be prepare", "be be finalise", "be be update",
        "be be refresh", "will be refresh", "review whether", "consider whether", "explore whether",
        "will be complete before",
        # a plan's promise of a document not yet written: 'We will publish a force procedure ...,
        # setting out when information is and is not shared'
        *(f"will {verb} {a} {doc}" for verb in ("publish", "produce", "introduce", "develop",
                                                "write", "draft")
          for a in ("a", "a ...", "a new", "the new", "our new")
          for doc in ("procedure", "policy", "protocol", "framework", "guidance")),
        # a self-assessment's weak spots: 'The areas needing most attention are the offer of the
        # VPS, ...'
        "area need most attention", "area need attention", "need most attention",
        "area for improvement", "area for development", "require improvement",
        "need improvement", "area of weakness",
        "will be put in place", "will be establish", "will be set up", "will be create",
        "will be write", "in draft",
        "will consider", "will be consider", "will look at", "intend to", "be explore",
        "be look into", "will think about", "we hope to", "we be hope to",
        # a document that does not exist yet: what it will say, when it will be in force
        "will be align with", "will align with", "will reflect the",
        "procedure will set out", "policy will set out", "framework will set out",
        "guidance will set out", "procedure will include", "framework will include",
        "procedure will explain", "framework will explain", "will form part of the",
        "will be include in the procedure", "will be include in the policy",
        "will be include in the framework", "will be include in the guidance",
        "will be include in ... training", "training refresh", "plan for 20",
        "once the procedure be", "once the policy be", "once the framework be",
        "once ... be in place", "when ... be in place", "before it be adopt",
        "before ... be adopt", "for the new procedure", "the new procedure will",
        "the new policy will", "the new framework will", "will be add to",
        "once the Home Office publish", "once ... publish", "when ... publish",
        "may wish to consider", "may wish to", "might wish to", "will be address in",
        "future revision", "later revision", "next revision", "will explore", "explore how",
        "explore with",
        # the partner named in a parenthesis: 'consider, with MMWN, whether a pilot should ...'
        "work be under way", "work be also under way", "work be underway", "work be ongoing",
        "work be in progress", "be under way with",
        # a decision paper's proposal: 'Once approved, the procedure would give effect to ...'
        "if approve", "once approve", "if adopt", "once adopt", "if ... be approve",
        "if ... be adopt", "subject to ... approval", "subject to approval", "the procedure would",
        "the policy would",
        "the framework would", "option 3 would", "option would", "would be ask to",
        # a draft's placeholders: '[TO BE COMPLETED – purpose of any sharing ...]'
        "to be complete", "this section will explain", "this section will set out",
        "section will explain", "TBC", "to be confirm", "placeholder",
        "consider , with", "explore , with", "consider , together with", "will also review",
        "will also consider", "will also explore", "we be develop", "we be currently develop",
        "be currently develop", "we be write", "be be write", "we be work on",
        # still being thought about: 'we are considering how ...', 'ask X to consider how'
        # work in hand: 'We are completing a data protection impact assessment', 'a short leaflet
        # ... will publish it when it is ready', 'is expected to be in place by 31 March',
        # 'will be revised by 28 February', 'will keep them in mind as the plan is refreshed'
        "we be complete a", "we be currently complete", "when it be ready", "once it be ready",
        "be be set up", "be currently be set up", "detail will follow", "details will follow",
        "will depend on the outcome", "depend on the outcome of the evaluation",
        "will be include in the ... CPD", "will be include in the ... day",
        "with training to follow", "will be extend to",
        # round 32: 'is updating its guidance', 'is still awaited', 'When the procedure is
        # finalised it will also be subject to a DPIA', 'we will align it with', 'we have decided to
        # hold it until', 'before go-live', 'We are planning a programme of drop-in sessions'
        "be update its guidance", "be still await", "when the procedure be finalise",
        "when the policy be finalise", "will also be subject to", "will align it with",
        "hold it until", "decide to hold", "before go-live", "before go - live", "before go live",
        "before golive", "we be plan", "be plan a programme", "consideration may be give",
        # undecided: 'Whether PR-140 will apply to all officers and staff ... will be decided by
        # the Policy Board'; 'Until the NPCC guidance ... are known'; 'is working with X to
        # design a partner reporting arrangement'
        "will be decide", "be yet to be decide", "be still to be decide",
        "be know , there be a risk", "be publish , there be a risk",
        "be work with ... to design", "be work with ... to develop",
        "be work with ... to set up", "be work with ... to agree", "to design a partner",
        "to design a reporting", "to design a third", "to design a scheme",
        "to design an arrangement",
        "be expect to be in place", "be be negotiate", "will be revise", "keep ... in mind",
        # planned, scheduled or still to be issued: 'Training ... is planned for 2025', 'Further
        # guidance on the purpose of sharing will be issued by the Information Management Unit'
        "be plan for", "be schedule for", "be due to start", "be due to begin",
        "will be issue by",
        # whether something should exist at all: 'shall consider, with X, whether a programme of
        # engagement ... should be established'
        "whether ... should be establish", "whether ... should be introduce",
        "whether ... should be develop", "whether ... should be set up",
        "whether ... should be adopt", "whether ... should be create",
        # a review in hand: 'we are looking again at the circumstances in which ...'
        "look again at", "be look again at",
        # a meeting's agreed actions: 'It was agreed that JB would bring a revised draft ...'
        "would bring a", "would explore", "would report back", "would be share with",
        "would draft", "would prepare", "would produce", "would develop", "would look at",
        "would look into", "would consider",
        "for sign - off", "for sign-off", "await sign - off", "await sign-off",
        "for comment before",
        # text still to be written into the procedure: 'We will add a section on telling victims'
        "will add a section", "will add a paragraph", "will add a new section",
        "will add a new paragraph", "we will add", "will be add",
        "we be consider", "we be also consider", "be currently consider", "be consider how",
        # 'The Neighbourhood Policing Lead is considering a programme of engagement'
        "be consider a programme", "be consider a pilot", "be consider a scheme",
        "be consider a new", "be consider introduce", "be consider develop",
        # 'the policy is being revised, and we will publish it once the national protocol is
        # finalised'
        "be be revise",
        # 'Consultation with specialist organisations ... will take place on the draft during
        # November before publication'
        "will take place on the draft", "will take place before publication",
        # 'Our Data Protection Officer is completing a DPIA ..., which will inform that framework'
        "be complete a data protection impact", "be complete a DPIA", "which will inform",
        "will inform that",
        "be also consider how", "to consider how", "consider how best", "consider how it might",
        # what a document still to be written will say: 'It will also make clear that ...'
        "it will make clear", "it will also make clear", "procedure will make clear",
        "policy will make clear", "framework will make clear", "it will also set out",
        "it will set out", "it will also include", "procedure will also", "framework will also",
        "procedure will cover", "framework will cover",
        # waiting on others first
        "wait for the outcome", "decide to wait", "before finalise", "be wait for",
        "we be currently review", "be currently review", "we be review",
        "more information on this page soon", "publish more information",
        "will be invite to", "be to be invite to", "first review of this", "at its first review",
        "we will invite", "will invite specialist", "before it be finalise",
        "before ... be finalise",
        "will update this page", "update this page once", "once the Home Office have",
        # round 33: 'The force is in discussion with the Project about a protocol, and is mapping
        # the specialist services ... with a view to publishing referral routes'
        "be in discussion with", "be in discussions with", "be map the", "be currently map",
        "with a view to publish", "with a view to introduce", "with a view to develop",
        "with a view to agree", "with a view to adopt", "with a view to produce",
        # proposals and things to consider: 'She proposed a programme', 'Consider producing'
        "propose a", "propose that", "be bring to the", "will be bring to", "consider produce",
        "consider develop", "consider introduce", "consider create", "consider publish",
        "consider provide", "consider extend", "consider commission",
        # a public interest argument in an FOI answer is no practice
        "disclosure may", "disclosure would", "disclosure could",
        "will be amend", "will produce", "will be produce", "will add prompt",
        "the remaining action", "remain to be do", "we aim to", "aim to agree",
        "further update", "remain outstanding", "be outstanding",
        # work in hand and offers: 'We are also preparing a leaflet', 'we would be glad to'
        "we be prepare", "we be also prepare", "be currently prepare", "would be glad to",
        # an invitation to comment on a draft still to come: 'I would welcome your comments'
        "would welcome your comment", "would welcome ... comment", "would welcome ... view",
        "would be happy to", "would welcome the opportunity",
        "be ready to become",
    ),
    # 'This procedure is intended to ensure ...' states a purpose, not a plan.
    unless_within=("be intend to", "be intend for", "be intended to",
                   # a person kept informed: 'explain how and when they will be updated'
                   "they will be update", "you will be update", "she will be update",
                   "he will be update", "victim will be update", "victims will be update",
                   # a past season: 'In the autumn of 2021 we held two workshops'
                   "in the autumn of", "in the spring of", "in the summer of", "in the winter of",
                   # an owner's standing duty: 'is accountable for keeping it under review'
                   "keep it under review", "keep this chapter under review",
                   "keep this policy under review", "keep this procedure under review",
                   "keep the policy under review", "keep the procedure under review"),
)

# The policy mentions the source without committing to anything (needs no commitment nearby).
CITATION = Concept(
    "citation",
    exact=(
        "notes", "noted", "welcomes", "welcomed", "acknowledges", "acknowledged", "takes note",
        "take note", "is aware of", "are aware of", "has received", "have received",
        "has considered", "have considered", "is mindful of", "are mindful of", "am aware of",
        "am mindful of",
    ),
    phrases=(
        "recognise ... recommendation", "accept ... recommendation", "support ... recommendation",
        "welcome ... recommendation", "note ... recommendation", "note ... report",
        "note ... finding", "recognise ... report", "endorse ... recommendation",
        "I welcome", "we welcome", "welcome the report", "welcome ... call for",
        "recognise how important", "recognise the importance", "recognize how important",
        "recognize the importance",
        # a panel paper's purpose: 'This report updates members on the services ...'
        "this report update member", "this report update the panel", "this report inform member",
        "this report provide member", "this paper update member", "this paper update the panel",
    ),
    # 'Speaker notes:' on a slide labels the notes; it notes nothing. Staff who 'have received a
    # briefing' were trained, they did not receive a report.
    unless_within=("speaker note", "speaker notes", "notes :", "presenter note",
                   "received a", "received an", "received the training", "received training",
                   "received the briefing", "received briefing", "received the e-learning",
                   "received specialist", "received further", "received refresher",
                   # 'how to complain about the service they have received' is a service had
                   "they have received", "you have received", "she has received",
                   "he has received", "victim has received", "victims have received"),
)

# Someone else's words: a source and a reporting verb ("the report recommends that ..."). What
# follows the verb is theirs, not the document's (the source itself is named by the document).
SOURCES = (
    "the report", "joint report", "its report", "their report", "the inspectorate",
    "the inspectorates", "HMICFRS", "HMIC", "IOPC", "the inspection",
    "super complaint", "the complaint", "the complainants", "Safe to share", "recommendation",
    "Safe to share ? report", "Safe to share report",
    # the title in quotation marks: 'The 2020 'Safe to share?' report found that ...'
    "Safe to share ? ' report", 'Safe to share ? " report',
    "recommendations", "the findings", "its findings", "their findings",
)
REPORTING = (
    "recommend", "find", "state", "say", "conclude", "highlight", "note", "expect", "call for",
    "call on", "ask", "urge", "identify", "observe", "describe", "suggest", "show", "reveal",
    "raise", "emphasise", "emphasize", "propose", "set out", "make clear", "stress", "point out",
    "acknowledge", "argue", "allege", "warn", "underline", "reiterate", "require", "seek",
    "examine", "consider", "look at", "publish", "investigate", "want", "be clear that",
)
ATTRIBUTION = Concept(
    "attribution",
    phrases=(
        *(f"{source} ... {verb}" for source in SOURCES for verb in REPORTING),
        "it be recommend", "it be find", "be recommend by", "be find by", "according to the",
        "in the word of", "the report 's author", "as the report put it",
        "the recommendation read", "recommendation read :", "recommendation be :",
        "agree with the report that", "agree with the inspectorate that", "as the report say",
        "tell us that", "told us that", "partners tell us", "extract :",
        # a reply's account of the letter it answers: 'Your letter referred to Recommendation 1'
        "your letter refer", "your letter ask", "your letter mention", "your letter raise",
        "you refer to", "you ask about", "you raise", "you ask us to", "you also ask us to",
        "you have ask us to", "you ask whether we",
        # what people consulted said: 'Most said they would not contact the police directly'
        "most say", "many say", "some say", "several say", "most of them say",
        "participant say", "respondent say", "woman say", "women say",
        "share ? find", "share ? say", "share ? recommend", "share ? conclude",
        # what a consultee welcomes in someone else's draft
        "we welcome the", "we strongly welcome", "we also welcome", "of the draft :",
        "the draft say", "the draft state", "in the draft", "the draft do not",
        "the draft 's reference", "the draft ’s reference", "suggest that the final version",
        "the final version should", "the final version also",
        "the draft does not", "the draft be intend", "the draft ... be intend",
        "the draft propose",
        # a reply's account of the letter's asks: 'You asked Heddlu Muncaster to do seven
        # things:', 'Your fourth request was for ...'
        "you ask ... to do", "your request be", "your ... request be for", "you ask me to",
        "you ask me whether",
        # 'The report Safe to share? (HMICFRS, IOPC and College of Policing, December 2020) found
        # that ...': a source cited in brackets, then what it found
        ") find that", ") conclude that", ") recommend that", ") state that", ") say that",
        ") highlight that", ") show that",
        # '... the publication of 'Safe to share?' in December 2020, which found that ...'; a
        # document started 'following the publication of' the report names its background
        ", which find that", ", which recommend that", ", which conclude that",
        ", which highlight that", ", which show that", "follow the publication of",
        # 'the report published by HMICFRS, the IOPC and the College of Policing'
        "report publish by", "publish by HMICFRS", "publish by the inspectorate",
        # a bulletin's pointer to the document it summarises: 'the full policy explains ...',
        # 'There's a section on how the Victims' Code applies': that document's words, not these
        "the full policy explain", "the full policy set out", "the full policy will",
        "the full policy cover", "the full procedure explain", "the full procedure set out",
        "the full procedure will", "the full procedure cover", "there be a section on",
        "there 's a section on", "there be a chapter on", "there 's a chapter on",
        "there be also a section on", "there 's also a section on",
        "recommendation ... extract", "( to chief constables",
        "( to police and crime commissioners",
        # a summary of the recommendations: 'Recommendation 1 (chief constables): ... they should'
        "recommendation ... ( chief constable", "recommendation ... ( to chief constable",
        "recommendation ... ( all force", "recommendation ... ( the home office",
        "recommendation ... ( pcc", "recommendation ... ( police and crime commissioner",
        "as the report make clear", "echo the report", "share the report 's view",
        # a document's account of its own revision: 'Version 3.1 was revised following feedback
        # from response officers ... and adds the box on ...'
        "be revise follow", "be update follow", "be amend follow", "revise follow feedback",
        "update follow feedback",
        # what a training package covers, described in an FOI answer: 'The package explains
        # the referral routes ...'
        "package explain", "package cover", "module explain", "module cover",
        "course explain", "course cover", "the training cover", "e-learning cover",
        "e-learning explain", "briefing cover", "input cover",
        # what a dip sample found: 'No instance was found of information being passed ...'
        "no instance be find", "no case be find", "no example be find", "no record be find",
        "no evidence be find", "the dip sample find", "the dip sample show", "the sample find",
        "the sample show", "the audit show",
    ),
    # a victims' page: 'if you ask us to contact the Home Office for you' is the victim's wish
    unless_within=("if you ask us to", "where you ask us to", "when you ask us to",
                   "unless you ask us to", "only if you ask us to"),
)

# What others did: an outside body and a verb in the past tense (word forms as written).
OTHERS = ("the Home Office", "Home Office", "the government", "Liberty and Southall Black Sisters",
          "the Home Secretary", "ministers", "the NPCC", "the super complaint", "the complainants",
          # an inspection's verdict: 'HMICFRS's PEEL inspection in 2023 graded the force ...'
          "HMICFRS", "the inspectorate", "PEEL inspection")
PAST = ("found", "concluded", "recommended", "published", "notified", "highlighted",
        "identified", "raised", "examined", "investigated", "considered", "received",
        "submitted", "argued", "alleged", "claimed", "reported", "noted", "stated", "said",
        "made", "described", "revealed", "announced", "accepted", "agreed", "responded",
        "commissioned", "issued", "launched", "wrote", "asked", "concerned", "committed",
        "undertook", "began", "started", "set up", "established", "graded", "rated",
        "inspected", "assessed")
HISTORY = Concept(
    "history", exact=(*(f"{who} ... {verb}" for who in OTHERS for verb in PAST),
                      # a case study's account of what an officer knew: 'He did not know that
                      # officers must not give immigration advice and that ...'
                      "did not know that", "was not aware that", "were not aware that",
                      "was unaware that", "were unaware that",
                      # the report again, by pronoun: 'It also found that forces had no
                      # consistent approach ...'
                      "it found that", "it also found that", "it concluded that",
                      "it also concluded that", "it also noted that",
                      # a letter's background: 'You will know that in December 2020 HMICFRS,
                      # the IOPC and the College of Policing published their report ...'
                      "you will know that", "as you will know", "you will be aware that",
                      "as you will be aware", "as you may know", "as you know",
                      # a finding about victims' experience: 'Victims were rarely told whether
                      # their information had been passed to the Home Office.'
                      "were rarely told", "were seldom told", "were not always told",
                      "was rarely told", "had not been told", "had rarely been told"),
    # 'contact with the Home Office is made ...' is the passive of the present, not history
    unless_within=tuple(f"{who} be {verb}" for who in OTHERS for verb in PAST),
)

# Recommendations addressed to someone else, in the report's own form.
ADDRESSED = Concept(
    "addressed",
    phrases=(
        "chief constables should", "chief constables must", "chief constables will",
        "chief constables be ask", "chief constables be recommend", "to chief constables :",
        "police and crime commissioners should", "PCCs should", "commissioners should",
        "to police and crime commissioners :", "to the Home Office :", "the NPCC should",
        "forces be ask to", "forces be expect to", "HMICFRS expect",
        # national guidance's expectations of every force: 'Forces should engage regularly ...'
        # (plural as written: see `exact`; 'the force must record' is a force's own rule)
        "all forces should", "each force should", "every force should",
        "they ask forces to", "they ask chief constables to", "ask forces to :",
        "ask chief constables to :", "they call on forces to",
        "address to chief constables", "they recommend that forces",
        # a consultee's or auditor's advice to the force about its document
        "the draft should", "we recommend that", "we would recommend", "we urge",
        "we would urge", "we would ask the force", "we ask the force",
        # a consultation response's views on someone else's document: 'The protocol should
        # make clear ...', 'We would encourage the Home Office to ...'
        "the protocol should", "the final protocol should", "the protocol must",
        "Home Office protocol should", "new protocol should", "protocol should make clear",
        "guidance should make clear",
        "the protocol need to", "national guidance should", "the national guidance should",
        "the guidance should", "the Home Office should", "Immigration Enforcement should",
        "the government should", "we would ask that", "we would encourage",
        "we would also encourage", "we would welcome", "we would also welcome",
        "we agree with the principle", "we strongly agree with", "we agree that the protocol",
        "we support the proposal", "we would support", "the consultation document",
        "require Immigration Enforcement to", "ask that the final",
    ),
    exact=("forces should", "forces must", "forces will need to", "forces need to",
           "forces should :"),
    # national guidance introducing its own principles: 'Forces should apply the following
    # principles in every contact ...:' is the guidance's voice, and so are the principles
    unless_within=("forces should apply the following", "forces should apply these",
                   "forces should follow the principle", "forces should observe the following"),
)

# Another body's account of its own document, retold by the author ("the force has advised
# that ...", "under the procedure, officers must ..." in a panel paper): what follows is theirs.
TELLERS = ("the force", "the constabulary", "the chief constable", "the police",
           "the assistant chief constable", "the deputy chief constable", "the submission")
TOLD = ("tell me", "also tell me", "have tell me", "assure me", "confirm to me", "inform me",
        "have advise", "advise that", "advise as follow", "report that", "have report",
        "have confirm", "confirm that", "state that", "have state", "say that", "have say",
        "have tell", "tell the panel", "tell the commissioner", "have inform", "inform the panel",
        "tell the task group", "tell the committee", "tell member", "quote", "explain that",
        "have also tell me", "have also tell", "have also report", "have also confirm",
        "have also advise", "have also state", "have also inform")
# People who speak in minutes: 'DCI Patel reported that ...', 'The Chair said that ...'.
SPEAKERS = ("DCI", "DI", "DS", "DC", "DCS", "Supt", "Superintendent", "Insp", "Inspector",
            "Chief Inspector", "Sgt", "Sergeant", "ACC", "DCC", "Chair", "Cllr", "Councillor",
            "Commissioner", "Chief Executive", "Chairman", "Vice-Chair",
            "Mr", "Mrs", "Ms", "Dr", "PC", "Commander", "Chief Constable", "Deputy Chief Constable",
            "Assistant Chief Constable", "Head of")
SPOKE = ("report that", "say that", "explain that", "confirm that", "advise that", "state that",
         "note that", "inform the board", "inform member", "tell the board", "tell member",
         "propose", "update the board", "present", "summarise", "summarize", "outline",
         "describe", "take member through", "introduce the", "walk member through",
         "add that", "respond that", "reply that", "ask whether", "ask how", "ask what",
         "ask if", "ask why", "assure member", "assure the panel",
         # reported speech without 'that': 'The ACC said the procedure had been drafted with ...'
         "say the", "say it", "say there", "say they", "say he", "say she", "say we", "say all",
         "say a", "say an", "say this", "say his", "say her", "say their", "say officer")
REPORTED = Concept(
    "reported",
    # what victims say, as written (plural: 'A victim tells me she is afraid' heads an FAQ's
    # question): 'Victims tell me that what matters most is being kept informed', 'Women
    # regularly tell its caseworkers that they have not reported ...'
    exact=tuple(f"{who} {verb}" for who in ("victims", "women", "survivors")
                for verb in ("tell me", "tell us", "have told me", "have told us",
                             "regularly tell", "often tell", "tell its caseworkers",
                             "tell our caseworkers")),
    phrases=(
        *(f"{who} {verb}" for who in TELLERS for verb in TOLD),
        # a force by its name: 'What Martindale Police has told me'
        *(f"{who} {verb}" for who in ("police", "constabulary")
          for verb in ("have tell me", "have also tell me", "tell me", "have inform me",
                       "have assure me", "have confirm to me", "have tell us",
                       # 'Beetham Constabulary has told the Commissioner that its officers ...',
                       # a forum's notes: 'Police said that anyone who did not want to ...'
                       "have tell the commissioner", "tell the commissioner",
                       "have tell the pcc", "tell the pcc", "have tell the panel",
                       "tell the panel", "say that", "have say that", "tell the forum")),
        # evidence given to a review or task group: 'The Head of Public Protection told the task
        # group that, since early 2021, officers had been instructed ...'
        "tell the task group", "have tell the task group", "tell the review", "tell the inquiry",
        "tell the scrutiny panel", "tell the committee that", "tell the board that",
        # a task and finish group's evidence: 'The Superintendent told the group that the force
        # had introduced a procedure ...', 'It took evidence from the force and two charities'
        "tell the group that", "have tell the group", "tell the working group",
        "tell the meeting that", "tell member that", "tell members that", "take evidence from",
        # what a partner has told the force, in the force's own paper: 'The Migrant Women's
        # Project has told the force that three women have cancelled appointments ...'
        "have tell the force", "have tell the constabulary", "have tell the police",
        "have inform the force", "have inform the constabulary", "have also tell the force",

        # a column of consultees' points in an equality impact assessment or consultation log
        "issue raise", "point raise", "comment receive", "feedback receive",
        "view express", "concern raise",
        # their account as a sentence's subject: 'What they told us was shared with the force'
        "what they tell us be", "what they say be", "what we hear be", "what women tell us be",
        # minutes: '3. Members' comments' and what follows are the members' views
        "member ' comment", "member ’ comment", "member 's comment", "comment from member",
        "members ' comment", "members ’ comment", "discussion and comment",
        "report by the force", "provide by the force", "report by the constabulary",
        "provide by the constabulary", "the force 's own assessment",
        "under the force 's", "the force 's procedure", "the force 's policy",
        "the force 's framework", "the constabulary 's procedure", "the constabulary 's policy",
        "be tell in the procedure", "the procedure state that", "the procedure say that",
        "the procedure require", "the policy state that", "the policy require",
        "the framework state that", "the force advise", "the force rate",
        "the force 's instruction", "the force 's interim", "the force 's direction",
        "the force 's submission", "the force 's update", "what the force have tell",
        "force update", "update from the force", "update provide by the force",
        "position report by the force",
        # 'The force reports, from its internal audit of 60 crimes, that ...'
        "the force report ,", "the force also report", "the constabulary report ,",
        "the constabulary also report",
        "the force tell us", "the force have tell us", "unit tell us", "the team tell us",
        # a speaker's stance reported in minutes: 'His own position was clear: victims ...'
        "his own position", "her own position", "his position be", "her position be",
        "he add that", "she add that", "he say that", "she say that", "he report that",
        "she report that", "he explain that", "she explain that",
        "the police have agree to", "the force have agree to", "police have agree to :",
        "what the force have report", "update from the force", "the force 's account",
        "accord to the force", "the force say", "the force tell",
    ),
    # 'This procedure is the force's framework for ...' names the document itself.
    unless_within=("be the force 's", "be the constabulary 's", "form part of the force 's",
                   "this be the force 's"),
)

# A body looking at someone else's practice: scrutiny, assurance, understanding (sentence-level).
SCRUTINY = Concept(
    "scrutiny",
    phrases=(
        "work with the force to", "work with the constabulary to", "work with the chief constable",
        "work with the police to", "work closely with the force", "work with force",
        "seek assurance", "seek reassurance", "seek further assurance", "gain assurance",
        "obtain assurance", "receive assurance", "seek ... assurance", "be assure that",
        "hold ... to account", "scrutinise", "scrutinize", "scrutiny of", "monitor ... progress",
        "monitor the force", "monitor how the force", "monitor ... implementation",
        # a commissioner's plan: 'I will also monitor how Ambleside Constabulary delivers ...'
        "monitor how", "will monitor whether",
        "ask the force to", "ask the chief constable to", "request ... update",
        "receive ... update", "understand how the force", "understand whether the force",
        "understand the force", "to understand how", "to understand what", "to understand whether",
        "continue to engage", "continue to work with the force", "we value", "value the finding",
        "value the report", "value the work", "oversight of", "provide ... oversight",
        "report back to the panel", "report to the panel", "the panel be ask", "the panel will",
        "keep the panel", "discuss with the chief constable", "discuss with the force",
        "will discuss", "raise with the chief constable", "raise with the force",
        "may wish to ask", "might wish to ask", "member may wish", "the panel may wish",
        "member may ask", "the panel may ask", "question for the commissioner",
        "question for the chief constable", "question for the force", "ask the commissioner",
        "will expect the procedure", "will expect the force", "expect the force to",
        "expect the procedure to", "expect the chief constable to", "will look for",
        "will want to see", "want to see the force", "will check that the force",
        "ask the chief constable how", "ask the chief constable whether", "ask the force how",
        "ask the force whether", "ask the constabulary how", "ask the constabulary whether",
        # questions put at a meeting: 'The Chair asked whether the procedure explained ...'
        "the chair ask", "chair ask whether", "member ask whether", "ask whether the procedure",
        "ask whether the force", "ask whether the policy", "ask whether officer",
        "I have ask that", "have ask that the", "ask that the procedure", "ask that the force",
        "ask that the chief constable",
        # a commissioner's pledge about the force: 'ensure that the force has a clear procedure'
        "ensure that the force", "ensure the force", "make sure that the force",
        "make sure the force", "ensure that the constabulary",
        # a commissioner's oversight pledges: 'I will expect neighbourhood teams to ...'
        "I will expect", "I will ask for", "commissioner expect", "expect ... constabulary to",
        "expect ... police to", "expect ... force to", "PCC expect", "OPCC expect",
        "review the force 's compliance", "review how well",
        "keep under review how", "ask for a report", "review of ... compliance",
        "compliance review", "annual review of",
        # an OPCC checking the force's own sharing: 'review ... to ensure that any sharing by the
        # force complies with the Data Protection Act 2018'
        "sharing by the force", "by the force comply", "the force comply with",
        "my office will review", "my office will also review", "office will scrutinise",
    ),
    # the victim's own request is a circumstance of sharing: 'the victim asks the force to
    # contact the Home Office on their behalf'
    unless_within=("victim ask the force to", "person ask the force to", "witness ask the force to",
                   "they ask the force to", "she ask the force to", "he ask the force to",
                   "victim ask the chief constable to", "victim ask the constabulary to",
                   "person ask the constabulary to", "they ask the constabulary to",
                   "she ask the constabulary to", "he ask the constabulary to",
                   # the Victims' Code's first right: 'the right to understand what you are told'
                   "right to understand what", "right to understand how",
                   "help you to understand what", "help you understand what",
                   "help them to understand what", "help them understand what",
                   "help the victim to understand what", "help the victim understand what"),
)

# An auditor's or inspector's own work: in a document that says these twice, it is an audit or
# inspection report, and what it says the procedure requires is a description, not a commitment.
AUDITOR = Concept(
    "auditor",
    phrases=(
        "we find that", "we find", "we sample", "we test", "our audit", "audit opinion",
        "we review", "we interview", "we examine", "reasonable assurance", "limited assurance",
        "substantial assurance", "the audit find", "audit finding", "officer we interview",
        "case we sample", "case sample", "of the case we",
        # a thematic review or inspection: 'The review found', 'semi-structured interviews'
        "thematic review", "the review find", "this review find", "our review find",
        "the review team", "semi-structured interview", "interviewee", "we find no",
        "the review test", "the review look at",
        # an audit's scope: 'This audit examined whether the force is complying with PR-210'
        "this audit examine", "the audit examine", "this audit test", "the audit test",
        "this audit consider", "the audit consider",
        # a scrutiny panel's review: 'We held evidence sessions with ...', 'our call for evidence'
        "call for evidence", "evidence session", "we be not assure", "we be not satisfied that",
        "the panel find", "the panel be not assure",
        # a task group's or file review's evidence: 'The Head of Public Protection told the task
        # group that ...', 'In 11 files there was nothing to show ...'
        "the task group", "task group hear", "evidence hear", "case file review", "file review",
        "the file show", "the files show", "file record", "in ... file there", "of the file",
        "of the files", "in ... files ,",
        # a file review's counts: 'Needs assessments were recorded in 15 files', 'Updates were
        # within Victims' Code timescales in only half of the files'
        "in ... of the ... file", "record in ... file", "offer in ... file", "use in ... file",
        "in only ... of the file", "in half of the file", "in most of the file",
        "in none of the file", "in all ... file review",
        # an inspection's fieldwork and counts: 'Officers we spoke to', 'In 6 of the 9 cases,'
        "officer we speak to", "we speak to", "in ... of the ... case ,",
        "in ... of the ... file ,", "in ... of these case", "in ... of these file",
        # a survey of staff: 'of the 300 respondents', 'the survey found'
        "respondent", "survey respondent", "the survey find", "the survey show", "a survey of",
        "survey of ... officer", "survey of ... staff", "of those who respond",
    ),
)
DESCRIBED = Concept(
    "described",
    phrases=(
        "the procedure ... require", "the procedure ... state", "the procedure ... set out",
        "the procedure ... refer to", "the procedure ... say", "the procedure ... list",
        "the procedure ... provide", "the procedure ... describe", "section ... list",
        "section ... set out", "section ... require", "section ... state", "it state that",
        "it require", "it set out", "paragraph ... require", "paragraph ... state",
        "the procedure ... permit", "the procedure ... deal with", "the procedure ... cover",
        "paragraph ... provide", "in summary , the procedure",
        # a review's summary of the procedure's paragraphs: 'Para 4.4: officers should offer ...'
        "para ... :", "paragraph ... :",
        # 'Under the procedure, officers must ...': in a panel paper or review, the force's
        # procedure retold; in the force's own assessment of it, the force's own rule
        "under the procedure ,",
        # a reviewer's advice: 'The force should ...', 'The policy should ...'
        "the force should", "the procedure should", "the policy should", "the framework should",
        # an inspector's account of what the force has: 'The force has a third-party reporting
        # arrangement with ...'
        "the force have a", "the force have an", "the force do not have", "the force have no",
        "the force tell us",
    ),
)

# Someone at a meeting and what they said: found apart (two cheap phrase lists), joined in voice.py
# when the speaker stands just before the verb ('DCI Patel reported that', 'the Chair said that').
# Headings and column headers that introduce another's account, but say nothing of the kind in
# a sentence: an OPCC paper's 'Force position' column is the force's account; a lesson's
# 'Explain the force position on victims ...' and 'we publish what we hear' are the author's own.
REPORTED_HEAD = Concept(
    "reported-head",
    phrases=("force position", "constabulary position", "force response", "constabulary response",
             "force progress", "what we hear", "what we have hear",
             # 'to reflect what they told us' is the author's consultation, not their account
             "what they tell us", "what they say"),
)

SPEAKER = Concept("speaker", exact=SPEAKERS)
SPOKEN = Concept("spoken", phrases=SPOKE)

# Words that make a sentence a commitment (for citation).
COMMITMENT = frozenset({
    "always", "commit", "ensure", "expect", "must", "need", "require", "shall", "should", "will"
})

# Stock phrases a reader cannot act on (sentence-level, unless something concrete is named).
GENERIC = Concept(
    "generic",
    exact=(
        "where appropriate", "as appropriate", "if appropriate", "when appropriate",
        "where applicable", "as applicable", "case by case", "partner agencies", "partner agency",
        "relevant agencies", "relevant agency", "other agencies", "appropriate agencies",
        "appropriate agency", "partner organisations", "relevant organisations",
        "appropriate organisations", "appropriate support", "relevant support",
        "relevant legislation", "all relevant legislation", "relevant guidance", "relevant law",
        "relevant laws", "appropriate services", "relevant services", "relevant policies",
        "relevant national guidance", "all applicable", "any relevant", "as necessary",
        "where necessary", "as required", "where required", "on an individual basis",
        "relevant partners", "appropriate partners", "appropriate bodies", "relevant bodies",
        "relevant legal", "in line with legislation", "applicable legislation", "applicable law",
        "best practice", "good practice", "a wide range of community groups",
        "a wide range of communities", "a range of community groups", "all our communities",
        "as part of their routine work", "as part of routine work", "as part of their usual work",
        "business as usual", "where practicable", "if practicable", "as far as practicable",
        "not normally", "will normally",
    ),
)

NEGATIONS = frozenset({"not", "never", "no", "neither", "nor", "none", "nobody", "nothing"})

CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "-", "--", "[", "]", "/", "\u2013", "\u2014"})
CLAUSE_WORDS = frozenset({
    "after", "although", "as", "because", "before", "but", "except", "however", "if", "instead",
    "once", "otherwise", "rather", "so", "than", "though", "unless", "until", "when", "where",
    "whereas", "whether", "which", "while", "who"
})

# Verbs of knowing or recording: 'not record whether ...' denies the whether-clause too.
KNOWING = frozenset({"record", "know", "hold", "collect", "capture", "track", "monitor", "log",
                     "note", "check"})

# Auxiliaries whose 'not' negates the clause; after other words 'not to' is an infinitive
# ("a decision not to prosecute"), and 'or not' / 'not only' negate nothing.
AUXILIARIES = frozenset({
    "be", "can", "could", "do", "have", "may", "might", "must", "need", "ought", "shall", "should",
    "will", "would"
})

# Modal verbs: after a negated verb, a modal starts the main clause's own predicate.
MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})

# Inverted meaning: victims sent TO Immigration Enforcement for help, or officers advising.
IE_NAMES = (
    "immigration enforcement", "home office immigration enforcement", "home office",
    "immigration officers", "immigration officer", "immigration compliance and enforcement",
    "uk visas and immigration", "immigration team", "immigration authorities", "border force",
    "national command and control unit",
)
HELP_WORDS = ("advice", "assistance", "support", "help", "guidance", "resolve", "regularise")
SEND_VERBS = ("refer", "signpost", "direct", "send", "put in touch")
CONTACT_VERBS = (
    "advise ... to contact", "encourage ... to contact", "tell ... to contact",
    "advise ... to approach", "advise ... to speak to", "seek advice from", "get advice from",
    "obtain advice from", "seek help from", "seek support from", "seek assistance from",
)
ADVICE_GIVING = (
    "give immigration advice", "provide immigration advice", "offer immigration advice",
    "give ... advice on ... immigration", "provide ... advice on ... immigration",
    "offer ... advice on ... immigration", "advise ... on ... immigration status",
    "advise ... on ... immigration option", "advise ... about ... immigration status",
    "advise ... about ... immigration option", "advise ... on ... visa", "help ... regularise",
    "assist ... with ... immigration application", "help ... with ... immigration application",
    "complete ... immigration application",
)
OFFICER_WORDS = frozenset({
    "colleague", "constable", "constabulary", "force", "handler", "investigator", "officer", "oic",
    "police", "staff", "supervisor", "we", "you"
})
THIRD_PARTY_WORDS = frozenset({
    "organisation", "adviser", "advisor", "service", "charity", "solicitor", "lawyer", "centre",
    "regulated", "independent", "specialist", "agency", "who", "which", "project", "line",
})
# fmt: on

IE_SHORT = ("ie", "hoie", "ukvi", "nccu")


def _phrases(verbs: tuple[str, ...], pattern: str) -> tuple[str, ...]:
    names = IE_NAMES + IE_SHORT
    return tuple(pattern.format(verb=v, name=n) for v in verbs for n in names)


# "refer the victim to Immigration Enforcement" + a help word after it.
INVERTED_REFERRAL = Concept(
    "inverted-referral", phrases=_phrases(SEND_VERBS, "{verb} ... to ... {name}")
)
# "advise the victim to contact the Home Office", "seek advice from Immigration Enforcement".
INVERTED_CONTACT = Concept("inverted-contact", phrases=_phrases(CONTACT_VERBS, "{verb} ... {name}"))
ADVICE = Concept("advice-giving", phrases=ADVICE_GIVING)

CUE_CONCEPTS: tuple[Concept, ...] = (
    EXCLUSION,
    EXCLUDED_HEADING,
    DEFERRAL,
    CITATION,
    GENERIC,
    INVERTED_REFERRAL,
    INVERTED_CONTACT,
    ADVICE,
    ATTRIBUTION,
    HISTORY,
    ADDRESSED,
    SCRUTINY,
    REPORTED,
    REPORTED_HEAD,
    AUDITOR,
    DESCRIBED,
    SPEAKER,
    SPOKEN,
)
