# Loket's texts in English. One message per text; the key says where it is used.
# The same keys are in every language (a test checks it).


## callback

callback-team = Team
callback-created = Created
callback-contact = Contact
callback-reached = reached
callback-not-reached = not reached
callback-handed-over = Handed over
callback-reminder-sent-the-term-has-passed = Reminder sent: the term has passed
callback-escalated-to-the-backup = Escalated to the backup
callback-resident-added-information = Resident added information
callback-cancelled-by-the-resident = Cancelled by the resident
callback-handled = Handled
callback-team-lead = team lead
callback-the-team-lead = The team lead

## conversation

conversation-resident = Resident
conversation-you = You

## routing

routing-channel = channel
routing-contains = contains
routing-case-type = case type

## workspace

workspace-resident-with-bsn = Resident with BSN
workspace-not-identified-yet = Not identified yet

## case

case-card-case-number = Case number
case-card-started-on = started on
case-card-status = Status

## error

error-notice-error-code = Error code:{" "}
error-notice-go-to-the-home-page = Go to the home page

## layout

layout-home = Home
layout-my-environment = My environment
layout-messages = Messages
layout-skip-to-content = Skip to content
layout-menu = Menu
layout-main-menu = Main menu
layout-call = Call{" "}

## logout

logout-log-out = Log out

## error

error-please-fill-this-in = Please fill this in.
error-this-is-too-long = This is too long.
error-this-is-not-right-please-check = This is not right. Please check it.
error-this-code-no-longer-works-please = This code no longer works. Please ask for a new code.
error-we-do-not-know-this = We do not know this.
error-page-not-found = Page not found
error-please-log-in-first = Please log in first
error-no-access = No access
error-please-check-what-you-entered = Please check what you entered
error-this-has-already-changed = This has already changed
error-please-wait-a-moment = Please wait a moment
error-something-went-wrong = Something went wrong
error-we-cannot-find-this-page-the = We cannot find this page. The link may be old or the address may be wrong.
error-you-need-to-be-logged-in = You need to be logged in to see this.
error-you-do-not-have-access-to = You do not have access to this part of the website.
error-not-everything-was-filled-in-correctly = Not everything was filled in correctly. Nothing was saved.
error-someone-else-just-changed-this-reload = Someone else just changed this. Reload the page and try again.
error-you-tried-this-too-often-in = You tried this too often in a row. Wait a minute and try again.
error-one-of-our-systems-cannot-be = One of our systems cannot be reached right now. Please try again in a few minutes.
error-this-is-our-fault-not-yours = This is our fault, not yours. Please try again later. If you call us, mention the error code.

## model

model-callback-we-will-call-you-back = We will call you back
model-callback-cancelled = Cancelled
model-consent-in-my-environment = in My environment
model-consent-by-phone-recorded-by-a-staff = by phone, recorded by a staff member
model-consent-at-the-counter-recorded-by-a = at the counter, recorded by a staff member
model-conversation-e-mail = E-mail
model-conversation-phone = Phone
model-conversation-counter = Counter
model-conversation-letter = Letter
model-conversation-open = Open
model-conversation-waiting-for-your-answer = Waiting for your answer
model-conversation-we-will-reply-as-soon-as = We will reply as soon as we can
model-conversation-closed = Closed
model-conversation-waiting-for-resident = Waiting for resident
model-conversation-waiting-for-municipality = Waiting for municipality
model-conversation-being-sent = Being sent
model-conversation-sent = Sent
model-conversation-delivered = Delivered
model-conversation-read = Read
model-conversation-not-delivered = Not delivered

## contact

contact-phone = Phone
contact-monday-to-friday-8-30-am = (Monday to Friday, 8.30 am to 5 pm)
contact-visit-us = Visit us
contact-by-appointment-only = (by appointment only)

## home

home-home = Home
home-welcome-to = Welcome to
home-here-you-arrange-matters-with-the = Here you arrange matters with the municipality and see what is still in progress.
home-loading = Loading…
home-what-can-you-arrange-here = What can you arrange here?

## login

login-you-were-logged-out-automatically-because = You were logged out automatically because you were inactive for a while. Log in again to continue.
login-logging-in-failed-the-attempt-was = Logging in failed: the attempt was too old or did not start in this browser. Please try again.
login-digid-cannot-be-reached-right-now = DigiD cannot be reached right now or refused the login. Please try again later.
login-we-could-not-verify-that-the = We could not verify that the login is genuine. For your safety you are not logged in. Please try again.
login-we-did-not-receive-a-valid = We did not receive a valid citizen service number (BSN). That is why you cannot log in. Call us if this keeps happening.
login-this-part-needs-a-login-at = This part needs a login at a higher level. Use the DigiD app with ID check.
login-your-account-has-no-role-in = Your account has no role in Loket. Ask the administrator for access.
login-you-tried-too-often-in-a = You tried too often in a row. Wait a minute and try again.
login-you-cancelled-logging-in = You cancelled logging in.
login-something-went-wrong-while-logging-in = Something went wrong while logging in. Please try again later.
login-log-in = Log in
login-log-in-to-my-environment = Log in to My environment
login-in-my-environment-you-see-your = In My environment you see your cases, messages and appointments with the municipality. You log in with DigiD.
login-log-in-with-digid = Log in with DigiD
login-no-digid-call-us-and-we = No DigiD? Call us and we will help you.
login-staff-login = Staff login
login-staff-login-2 = Staff login
login-log-in-with-your-municipality-account = Log in with your municipality account.
login-log-in-as-staff = Log in as staff
login-logged-out = Logged out
login-you-are-logged-out = You are logged out
login-you-have-been-logged-out-safely = You have been logged out safely. Using someone else's computer? Close the browser as well.
login-log-in-again = Log in again

## resident

resident-callbacks-something-changed-in-your-callback-request = Something changed in your callback request.
resident-callbacks-see-it = See it
resident-callbacks-callback-requests = Callback requests
resident-callbacks-you-have-no-open-callback-requests = You have no open callback requests.
resident-callbacks-ask-us-to-call-you-back = Ask us to call you back
resident-callbacks-call-me-back = Call me back
resident-callbacks-tell-us-what-your-question-is = Tell us what your question is about. Someone from the team that handles it will call you back. You see on My overview by when.
resident-callbacks-what-is-it-about = What is it about?
resident-callbacks-which-number-should-we-call = Which number should we call?
resident-callbacks-when-is-the-best-time-to = When is the best time to call you? (optional)
resident-callbacks-for-example-monday-after-2-pm = For example: Monday after 2 pm
resident-callbacks-your-question = Your question
resident-callbacks-request-a-call = Request a call
resident-callbacks-your-callback-request-has-been-received = Your callback request has been received.
resident-callbacks-your-addition-has-been-added = Your addition has been added.
resident-callbacks-your-callback-request-has-been-cancelled = Your callback request has been cancelled. We will not call you.
resident-callbacks-callback-request = Callback request
resident-callbacks-the-best-time-for-you = The best time for you:
resident-callbacks-add-something-to-your-question = Add something to your question
resident-callbacks-add = Add
resident-callbacks-i-no-longer-need-a-call = I no longer need a call
resident-callbacks-back-to-my-overview = Back to My overview
resident-case-detail-your-document-has-been-sent-thank = Your document has been sent. Thank you!
resident-case-detail-we-cannot-use-this-file-send = We cannot use this file. Send a PDF, JPG or PNG. Nothing was sent.
resident-case-detail-this-file-is-larger-than-10 = This file is larger than 10 MB. Make it smaller or send it in parts. Nothing was sent.
resident-case-detail-choose-a-file-first-nothing-was = Choose a file first. Nothing was sent.
resident-case-detail-sending-failed-please-try-again-later = Sending failed. Please try again later. Nothing was sent.
resident-case-detail-choose-a-file-pdf-jpg-or = Choose a file (PDF, JPG or PNG, at most 10 MB)
resident-case-detail-send-document = Send document
resident-case-detail-by = By
resident-case-detail-what-you-need-to-do = What you need to do
resident-case-detail-there-are-no-documents-in-this = There are no documents in this case yet.
resident-case-detail-sent-by-you = sent by you
resident-case-detail-from-the-municipality = from the municipality
resident-case-detail-done = Done
resident-case-detail-now = Now
resident-case-detail-not-yet = Not yet
resident-case-detail-started-on = Started on
resident-case-detail-decision-by = Decision by
resident-case-detail-how-your-case-proceeds = How your case proceeds
resident-case-detail-documents = Documents
resident-case-detail-questions-about-this-case = Questions about this case
resident-case-detail-ask-a-question-about-this-case = Ask a question about this case
resident-consent-nothing-has-been-recorded-yet = Nothing has been recorded yet.
resident-consent-recorded-by = Recorded by
resident-consent-consents = Consents
resident-consent-the-municipality-already-has-some-of = The municipality already has some of your data. Here you choose whether we may also use it to help you with something. You choose per purpose. You can always change your choice. Withdrawing is as easy as giving consent.
resident-consent-your-choice-has-been-recorded = Your choice has been recorded
resident-consent-want-to-undo-this-choose-withdraw = Want to undo this? Choose “Withdraw consent” below. You can do so at any time.
resident-consent-want-to-undo-this-choose-give = Want to undo this? Choose “Give consent” below.
resident-consent-you-have-given-consent = You have given consent.
resident-consent-you-have-not-given-consent = You have not given consent.
resident-consent-the-explanation-has-changed-since-you = The explanation has changed since you gave consent, so we do not use your data for this now. Read the new explanation and give consent again if you want to.
resident-consent-give-consent = Give consent
resident-consent-withdraw-consent = Withdraw consent
resident-consent-history = History
resident-contact-address-we-have-sent-you-an-e = We have sent you an e-mail with a code.
resident-contact-address-done-from-now-on-you-get = Done. From now on you get an e-mail when something changes.
resident-contact-address-you-will-no-longer-get-e = You will no longer get e-mails from us about your cases.
resident-contact-address-messages-by-e-mail = Messages by e-mail
resident-contact-address-would-you-like-an-e-mail = Would you like an e-mail when something changes in your cases? Enter your e-mail address. We first send you a code to confirm it.
resident-contact-address-send-me-a-code = Send me a code
resident-contact-address-code-from-the-e-mail = Code from the e-mail
resident-contact-address-confirm = Confirm
resident-contact-address-send-a-new-code = Send a new code
resident-contact-address-use-another-e-mail-address = Use another e-mail address
resident-contact-address-e-mail-address = E-mail address
resident-contact-address-stop-e-mails = Stop e-mails
resident-contact-address-we-have-sent-you-a-text = We have sent you a text message with a code.
resident-contact-address-done-your-phone-number-is-confirmed = Done. Your phone number is confirmed.
resident-contact-address-we-have-removed-your-phone-number = We have removed your phone number.
resident-contact-address-sms-and-whatsapp = SMS and WhatsApp
resident-contact-address-do-you-send-us-messages-by = Do you send us messages by SMS or WhatsApp? Then confirm your mobile number. We then recognise your messages and put them with your other messages.
resident-contact-address-code-from-the-text-message = Code from the text message
resident-contact-address-where-would-you-like-to-get = Where would you like to get answers?
resident-contact-address-saved = Saved.
resident-contact-address-answers-to-new-questions-are-always = Answers to new questions are always in My environment, and also by:
resident-contact-address-nothing-else = Nothing else
resident-contact-address-save = Save
resident-contact-address-mobile-number = Mobile number
resident-contact-address-text-me-a-code = Text me a code
resident-contact-address-remove-my-number = Remove my number
resident-conversations-about-case = about case
resident-conversations-through = Through:
resident-conversations-my-messages = My messages
resident-conversations-ask-a-new-question = Ask a new question
resident-conversations-you-have-no-messages-yet-do = You have no messages yet. Do you have a question? Ask it here. You will get the answer in My environment.
resident-conversations-your-message = Your message
resident-conversations-attachments-optional-pdf-jpg-or-png = Attachments (optional): PDF, JPG or PNG, at most 3 files of 10 MB
resident-conversations-new-question = New question
resident-conversations-ask-your-question = Ask your question
resident-conversations-we-read-your-question-on-working = We read your question on working days. You get the answer in My environment. If you set it up, you also get an e-mail.
resident-conversations-subject = Subject
resident-conversations-is-your-question-about-a-case = Is your question about a case? (optional)
resident-conversations-no-another-question = No, another question
resident-conversations-send-your-question = Send your question
resident-conversations-back-to-my-messages = Back to My messages
resident-conversations-about-case-2 = About case
resident-conversations-your-message-has-been-sent-we = Your message has been sent. We will reply as soon as we can.
resident-conversations-reply = Reply
resident-conversations-this-conversation-is-closed-if-you = This conversation is closed. If you send a message anyway, it opens again.
resident-conversations-send = Send
resident-conversations-receiving-answers = Receiving answers
resident-conversations-you-read-our-answers-here-would = You read our answers here. Would you also like them by e-mail, SMS or WhatsApp? First confirm your e-mail address or phone number in{" "}
resident-conversations-my-details = My details
resident-conversations-where-would-you-like-our-answers = Where would you like our answers in this conversation?
resident-conversations-only-here-in-my-environment = Only here in My environment
resident-conversations-here-and-by = Here and by
resident-details-citizen-service-number = Citizen service number
resident-details-logged-in-at-level = Logged in at level
resident-details-log-in-again-with-digid = Log in again with DigiD
resident-overview-my-overview = My overview
resident-overview-your-appointment-has-been-cancelled = Your appointment has been cancelled.
resident-overview-appointments = Appointments
resident-overview-from = from
resident-overview-to = to
resident-overview-text = {""}
resident-overview-bring = Bring:
resident-overview-cancel-appointment = Cancel appointment
resident-overview-open-questions = Open questions
resident-overview-you-have-no-open-questions = You have no open questions.
resident-overview-all-messages-and-a-new-question = All messages and a new question
resident-overview-cases-in-progress = Cases in progress
resident-overview-you-have-no-cases-in-progress = You have no cases in progress at the moment.
resident-overview-my-account = My account

## staff

staff-answers-answer-library = Answer library
staff-answers-search-for-an-answer = Search for an answer
staff-answers-search = Search
staff-answers-no-answers-found = No answers found.
staff-answers-check-this-answer-it-was-due = Check this answer: it was due for review on
staff-answers-tags = Tags:
staff-answers-owner = Owner:
staff-answers-review-on = Review on
staff-answers-update = Update
staff-answers-question = Question
staff-answers-answer-plain-language = Answer (plain language)
staff-answers-tags-2 = Tags
staff-answers-next-review = Next review
staff-answers-new-answer = New answer
staff-answers-review-on-2 = Review on
staff-answers-add-answer = Add answer
staff-callbacks-new-callback-request = New callback request
staff-callbacks-worklists = Worklists
staff-callbacks-mine = Mine
staff-callbacks-my-team-s = My team's
staff-callbacks-overdue = Overdue
staff-callbacks-escalated = Escalated
staff-callbacks-nothing-on-this-list = Nothing on this list.
staff-callbacks-topic = Topic
staff-callbacks-owner = Owner
staff-callbacks-state = State
staff-callbacks-reminders = reminders
staff-callbacks-on-time = On time
staff-callbacks-back-to-the-worklist = Back to the worklist
staff-callbacks-escalated-after-three-reminders-to = Escalated after three reminders to
staff-callbacks-call = Call
staff-callbacks-preferably = Preferably
staff-callbacks-backup = Backup
staff-callbacks-overdue-2 = {" "}(overdue)
staff-callbacks-reminders-2 = Reminders
staff-callbacks-result = Result
staff-callbacks-conversation = Conversation
staff-callbacks-open-the-conversation = Open the conversation
staff-callbacks-record-a-contact-attempt = Record a contact attempt
staff-callbacks-how = How
staff-callbacks-reached = Reached?
staff-callbacks-yes = Yes
staff-callbacks-no = No
staff-callbacks-note = Note
staff-callbacks-record = Record
staff-callbacks-hand-over = Hand over
staff-callbacks-to = To
staff-callbacks-why = Why
staff-callbacks-close = Close
staff-callbacks-result-what-was-agreed = Result (what was agreed?)
staff-callbacks-kind-of-request = Kind of request
staff-callbacks-choose = Choose
staff-callbacks-number-to-call = Number to call
staff-callbacks-best-time-optional = Best time (optional)
staff-callbacks-the-resident-s-question = The resident's question
staff-callbacks-me = Me
staff-callbacks-create-callback-request = Create callback request
staff-callbacks-kinds-of-callback-requests = Kinds of callback requests
staff-callbacks-term-in-working-hours = Term in working hours
staff-callbacks-reminder-every-so-many-working-hours = Reminder every so many working hours
staff-callbacks-intake-questions-one-per-line = Intake questions (one per line)
staff-calls-calls-in-progress = Calls in progress
staff-calls-refresh-the-list = Refresh the list
staff-calls-no-call-is-in-progress = No call is in progress.
staff-calls-caller = Caller
staff-calls-since = Since
staff-calls-known-resident = known resident
staff-calls-not-identified-yet = not identified yet
staff-cases-cases = Cases
staff-cases-back-to-the-workspace = Back to the workspace
staff-cases-open-cases = Open cases
staff-cases-there-are-no-open-cases = There are no open cases.
staff-cases-open-cases-most-recently-changed-first = Open cases, most recently changed first
staff-cases-type = Type
staff-cases-only-pdf-jpg-or-png-nothing = Only PDF, JPG or PNG. Nothing was added.
staff-cases-the-file-is-larger-than-10 = The file is larger than 10 MB. Nothing was added.
staff-cases-give-the-document-a-title-of = Give the document a title of at most 200 characters. Nothing was added.
staff-cases-choose-a-file-nothing-was-added = Choose a file. Nothing was added.
staff-cases-adding-failed-nothing-was-added = Adding failed. Nothing was added.
staff-cases-done = done
staff-cases-now = now
staff-cases-not-yet = not yet
staff-cases-back-to-the-cases = Back to the cases
staff-cases-the-status-has-been-updated-the = The status has been updated. The resident sees it right away.
staff-cases-add-a-document = Add a document
staff-cases-the-document-has-been-added-the = The document has been added. The resident sees it in the case.
staff-cases-title = Title
staff-cases-file-pdf-jpg-or-png-at = File (PDF, JPG or PNG, at most 10 MB)
staff-cases-add-document = Add document
staff-cases-you-are-viewing-this-case-for = You are viewing this case for case handling. This is recorded and the resident can see it.
staff-consent-the-resident-s-consents = The resident's consents
staff-consent-you-view-this-for-consent-management = You view this for consent management; that is recorded and the resident can see it.
staff-consent-the-resident-s-choice-has-been = The resident's choice has been recorded.
staff-consent-the-move-has-been-passed-on = The move has been passed on. Loket handles it according to the consents.
staff-consent-consent-given = Consent given
staff-consent-no-consent = No consent
staff-consent-given-for-an-older-text-not = Given for an older text: not valid
staff-consent-text-version = text version
staff-consent-how-did-the-resident-tell-us = How did the resident tell us?
staff-consent-by-phone = By phone
staff-consent-at-the-counter = At the counter
staff-consent-record-withdrawal = Record withdrawal
staff-consent-record-consent = Record consent
staff-consent-pass-on-a-move = Pass on a move
staff-consent-this-is-how-an-address-change = This is how an address change from the population register comes in.
staff-consent-new-address = New address
staff-consent-pass-on-the-move = Pass on the move
staff-consent-consent-purposes = Consent purposes
staff-consent-a-changed-text-becomes-a-new = A changed text becomes a new version. Residents who consented to an older version are asked again; until then we do not use their data.
staff-consent-the-new-version-has-been-published = The new version has been published.
staff-consent-version = version
staff-consent-publish-as-a-new-version = Publish as a new version
staff-conversations-all-but-closed = All but closed
staff-conversations-all-channels = All channels
staff-conversations-anyone = Anyone
staff-conversations-assigned-to-me = Assigned to me
staff-conversations-not-assigned-yet = Not assigned yet
staff-conversations-inbox = Inbox
staff-conversations-inbox-all-channels = Inbox: all channels
staff-conversations-all-teams = All teams
staff-conversations-channel = Channel
staff-conversations-assigned = Assigned
staff-conversations-filter = Filter
staff-conversations-conversations-longest-waiting-first = conversations, longest waiting first
staff-conversations-conversations = Conversations
staff-conversations-channels = Channels
staff-conversations-last = Last
staff-conversations-back-to-the-inbox = Back to the inbox
staff-conversations-nobody = Nobody
staff-conversations-the-conversation-is-closed = The conversation is closed.
staff-conversations-a-call-with-this-caller-has = A call with this caller has been on since
staff-conversations-who = Who
staff-conversations-case = Case
staff-conversations-messages-and-notes = Messages and notes
staff-conversations-reply = Reply
staff-conversations-your-reply-goes-out-through = Your reply goes out through
staff-conversations-to = to
staff-conversations-the-resident-also-sees-it-in = The resident also sees it in My environment.
staff-conversations-your-reply-shows-in-the-resident = Your reply shows in the resident's My environment.
staff-conversations-the-resident-s-last-whatsapp-message = The resident's last WhatsApp message is more than 24 hours old. WhatsApp then only allows an approved standard message. The resident gets on WhatsApp: 'There is a new message for you in My environment'. They read your reply itself in My environment.
staff-conversations-search-for-an-approved-answer = Search for an approved answer
staff-conversations-past-its-review-date-check-it = Past its review date: check it before you use it.
staff-conversations-use-this-answer = Use this answer
staff-conversations-this-answer-is-past-its-review = This answer is past its review date: check it before you send it.
staff-conversations-reply-to-the-resident = Reply to the resident
staff-conversations-send-reply = Send reply
staff-conversations-internal-note-the-resident-does-not = Internal note (the resident does not see this)
staff-conversations-save-note = Save note
staff-conversations-record-a-contact-how-was-it = Record a contact: how was it?
staff-conversations-what-did-the-resident-ask-or = What did the resident ask or say?
staff-conversations-record-contact = Record contact
staff-conversations-send-a-link-to-continue-securely = Send a link to continue securely in My environment
staff-conversations-handle = Handle
staff-conversations-create-a-callback-request = Create a callback request
staff-conversations-suggestion = Suggestion:
staff-conversations-sure = sure
staff-conversations-send-to = Send to
staff-conversations-send-to-another-team = Send to another team
staff-conversations-send = Send
staff-conversations-link-to-resident-bsn-after-checking = Link to resident (BSN, after checking identity)
staff-conversations-link = Link
staff-conversations-assign-to = Assign to
staff-conversations-assign = Assign
staff-conversations-take-it-myself = Take it myself
staff-conversations-link-to-case = Link to case
staff-conversations-result-what-was-answered-or-done = Result (what was answered or done?)
staff-conversations-close = Close
staff-home-workspace = Workspace
staff-home-kinds-of-callback-requests-administration = Kinds of callback requests (administration)
staff-home-routing-administration = Routing (administration)
staff-home-consent-purposes-administration = Consent purposes (administration)
staff-routing-routing = Routing
staff-routing-a-new-conversation-goes-to-the = A new conversation goes to the team of the first rule that fits. If none fits, it goes to the KCC. Next to each conversation there is also a suggestion that Loket learns from how staff route conversations.
staff-routing-remove = Remove
staff-routing-new-rule = New rule
staff-routing-channel-optional = Channel (optional)
staff-routing-any-channel = Any channel
staff-routing-keyword-optional = Keyword (optional)
staff-routing-case-type-optional = Case type (optional)
staff-routing-any-case-type = Any case type
staff-routing-to-team = To team
staff-routing-add-rule = Add rule

## Texts written by the server for islands and messages

message-internal-note = Internal note
session-timer-title = You will be logged out soon
session-timer-before = You will be logged out in{" "}
session-timer-after = {" "}minutes because you have been inactive.
session-timer-stay = Stay logged in

## Roles, the workspace start page, finding a resident and the 360-degree view
role-kcc = Customer contact agent
role-specialist = Specialist
role-teamleider = Team lead
role-beheerder = Functional administrator
role-privacy = Privacy officer
staff-home-signed-in-as = Signed in as
staff-home-teams = Teams
staff-reason-label = Why? This is recorded.
staff-identify-reason-label = How did you check their identity? This is recorded.
staff-residents-find-a-resident = Find a resident
staff-residents-search-explanation = Search by BSN, postal code with house number (1234 AB 5), a confirmed e-mail address or phone number, or a name with date of birth. What you see is recorded.
staff-residents-search-label = BSN, postal code with house number, e-mail address, phone number or name
staff-residents-born-label = Date of birth (only when searching by name)
staff-residents-search = Search
staff-residents-nobody-found = Nobody found. Check what you entered.
staff-residents-residents-found = residents found
staff-residents-born = Born
staff-residents-address = Address
resident-name-unknown = Name unknown
staff-client-view-title = Client view
staff-client-view-why = What do you open the client view for? Your choice is recorded and the resident can see it.
staff-client-view-purpose = Purpose
staff-client-view-open = Open client view
staff-client-view-live-contact = You are in contact with this resident now
staff-client-view-opened-for = Opened for:
staff-client-view-logged = This is recorded and the resident can see it.
staff-client-view-email = E-mail address
staff-client-view-phone = Phone number
staff-client-view-preferred-channel = Prefers answers by
staff-client-view-cases = Cases
staff-client-view-todos = What the resident still needs to do
staff-client-view-conversations = Conversations
staff-client-view-contacts = Contacts on every channel
staff-client-view-from-resident = from the resident
staff-client-view-from-municipality = from the municipality
staff-client-view-open-conversation = Open the conversation
staff-client-view-appointments = Appointments
staff-client-view-record-consent = Record consent or pass on a move
staff-processing-log-title = Processing log
staff-processing-log-explanation = Every time a staff member viewed or changed a resident's data: who, when, what, why and on which legal ground. Nobody can change this log.
staff-processing-log-bsn = The resident's BSN
staff-processing-log-from = From
staff-processing-log-until = Up to and including
staff-processing-log-everyone = Show all residents
staff-processing-log-download = Download as CSV
staff-processing-log-newest = The newest 100 processings; search to narrow them. The download holds everything you search for.
staff-processing-log-nothing = No processing found.
staff-processing-log-when = When
staff-processing-log-who = Staff member
staff-processing-log-what = What
staff-processing-log-purpose = Purpose and legal ground
staff-processing-log-reason = Reason

## "Who has viewed my data"
resident-processing-log-title = Who has viewed my data
resident-processing-log-explanation = Here you see when a member of the municipality's staff viewed or changed your data, and why.
resident-processing-log-nothing = Nobody has viewed your data yet.
resident-processing-log-viewed = Viewed
resident-processing-log-changed = Changed
resident-processing-log-why = Why
processing-team = Team
processing-a-colleague = A staff member
processing-category-client-view = your data in one overview
processing-category-case = your case
processing-category-conversation = your conversation
processing-category-callback = your callback request
processing-category-consent = your consents
processing-category-document = a document or attachment
processing-category-listing = your name in a list or search result
processing-category-identity = who contacted us
processing-category-relocation = your move

resident-handover-title = Continue the conversation in My environment
resident-handover-explanation = With this link you move a conversation with the municipality into your My environment. First check that this is your conversation.
resident-handover-subject = Subject
resident-handover-channel = Started through
resident-handover-last-message = Last message
resident-handover-answers-go-to-portal = After you take it over, you see the conversation and its answers in My environment. Answers only go to an e-mail address or phone number you confirmed yourself.
resident-handover-take-over = Yes, move this conversation into My environment
resident-handover-not-mine = This is not my conversation. Go back to my overview

message-sender-unverified = Sender not verified: this e-mail address belongs to a resident, but we are not sure the resident sent this. Check who it is before you share any data.
message-number-recognised = Number recognised, not verified: this number belongs to a resident, but a number can be spoofed. Check who it is before you share any data.
staff-calls-number-recognised = number recognised, not verified

staff-cases-documents = Documents
staff-cases-no-documents-yet = There are no documents in this case yet.
staff-cases-sent-by-the-resident = sent by the resident
staff-cases-added-by-the-municipality = added by the municipality
