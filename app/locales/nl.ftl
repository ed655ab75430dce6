# Loket's texts in Dutch (B1, the default). One message per text; the key says where it is used.
# The same keys are in every language (a test checks it).


## callback

callback-team = Team
callback-created = Aangemaakt
callback-contact = Contact
callback-reached = bereikt
callback-not-reached = niet bereikt
callback-handed-over = Overgedragen
callback-reminder-sent-the-term-has-passed = Herinnering verstuurd: de termijn is voorbij
callback-escalated-to-the-backup = Opgeschaald naar de achtervang
callback-resident-added-information = Inwoner heeft informatie toegevoegd
callback-cancelled-by-the-resident = Ingetrokken door de inwoner
callback-handled = Afgehandeld
callback-team-lead = teamleider
callback-the-team-lead = De teamleider

## conversation

conversation-resident = Inwoner
conversation-you = Jij

## routing

routing-channel = kanaal
routing-contains = bevat
routing-case-type = zaaktype

## workspace

workspace-resident-with-bsn = Inwoner met BSN
workspace-not-identified-yet = Nog niet bekend wie dit is

## case

case-card-case-number = Zaaknummer
case-card-started-on = gestart op
case-card-status = Status

## error

error-notice-error-code = Foutcode:{" "}
error-notice-go-to-the-home-page = Naar de startpagina

## layout

layout-home = Home
layout-my-environment = Mijn omgeving
layout-messages = Berichten
layout-skip-to-content = Direct naar de inhoud
layout-menu = Menu
layout-main-menu = Hoofdmenu
layout-call = Bel{" "}

## logout

logout-log-out = Uitloggen

## error

error-please-fill-this-in = Vul dit in.
error-this-is-too-long = Dit is te lang.
error-this-is-not-right-please-check = Dit klopt niet. Kijk het nog eens na.
error-this-code-no-longer-works-please = Deze code werkt niet meer. Vraag een nieuwe code aan.
error-we-do-not-know-this = Dit kennen we niet.
error-page-not-found = Pagina niet gevonden
error-please-log-in-first = Log eerst in
error-no-access = Geen toegang
error-please-check-what-you-entered = Controleer wat je hebt ingevuld
error-this-has-already-changed = Dit is al veranderd
error-please-wait-a-moment = Even geduld
error-something-went-wrong = Er ging iets mis
error-we-cannot-find-this-page-the = We kunnen deze pagina niet vinden. Misschien is de link oud of klopt het adres niet.
error-you-need-to-be-logged-in = Je moet ingelogd zijn om dit te zien.
error-you-do-not-have-access-to = Je hebt geen toegang tot dit deel van de website.
error-not-everything-was-filled-in-correctly = Niet alles is goed ingevuld. Er is niets opgeslagen.
error-someone-else-just-changed-this-reload = Iemand anders heeft dit net aangepast. Laad de pagina opnieuw en probeer het nog eens.
error-you-tried-this-too-often-in = Je hebt dit te vaak achter elkaar geprobeerd. Wacht een minuut en probeer het opnieuw.
error-one-of-our-systems-cannot-be = Een van onze systemen is even niet bereikbaar. Probeer het over een paar minuten opnieuw.
error-this-is-our-fault-not-yours = Dit is onze fout, niet de jouwe. Probeer het later opnieuw. Bel je ons? Noem dan de foutcode.

## model

model-callback-we-will-call-you-back = We bellen je terug
model-callback-cancelled = Ingetrokken
model-consent-in-my-environment = via Mijn omgeving
model-consent-by-phone-recorded-by-a-staff = telefonisch, vastgelegd door een medewerker
model-consent-at-the-counter-recorded-by-a = aan de balie, vastgelegd door een medewerker
model-conversation-e-mail = E-mail
model-conversation-phone = Telefoon
model-conversation-counter = Balie
model-conversation-letter = Brief
model-conversation-open = Open
model-conversation-waiting-for-your-answer = Wacht op jouw antwoord
model-conversation-we-will-reply-as-soon-as = Wij reageren zo snel mogelijk
model-conversation-closed = Afgesloten
model-conversation-waiting-for-resident = Wacht op inwoner
model-conversation-waiting-for-municipality = Wacht op gemeente
model-conversation-being-sent = Wordt verstuurd
model-conversation-sent = Verstuurd
model-conversation-delivered = Afgeleverd
model-conversation-read = Gelezen
model-conversation-not-delivered = Niet afgeleverd

## contact

contact-phone = Bellen
contact-monday-to-friday-8-30-am = (maandag tot en met vrijdag, 8.30 tot 17.00 uur)
contact-visit-us = Langskomen
contact-by-appointment-only = (alleen op afspraak)

## home

home-home = Startpagina
home-welcome-to = Welkom bij
home-here-you-arrange-matters-with-the = Hier regel je zaken met de gemeente en zie je wat er nog loopt.
home-loading = Bezig met laden…
home-what-can-you-arrange-here = Wat kun je hier regelen?

## login

login-you-were-logged-out-automatically-because = Je bent automatisch uitgelogd, omdat je een tijd niets hebt gedaan. Log opnieuw in om verder te gaan.
login-logging-in-failed-the-attempt-was = Het inloggen is niet gelukt: de inlogpoging was te oud of niet van deze browser. Probeer het opnieuw.
login-digid-cannot-be-reached-right-now = DigiD is nu niet bereikbaar of heeft het inloggen geweigerd. Probeer het later opnieuw.
login-we-could-not-verify-that-the = We konden niet controleren dat de inlog echt is. Voor je veiligheid ben je niet ingelogd. Probeer het opnieuw.
login-we-did-not-receive-a-valid = We kregen geen geldig burgerservicenummer (BSN) mee. Daarom kun je niet inloggen. Bel ons als dit blijft gebeuren.
login-this-part-needs-a-login-at = Voor dit deel moet je inloggen met een hoger niveau. Gebruik de DigiD app met ID-check.
login-your-account-has-no-role-in = Je account heeft geen rol in Loket. Vraag de beheerder om toegang.
login-you-tried-too-often-in-a = Je hebt het te vaak achter elkaar geprobeerd. Wacht een minuut en probeer het opnieuw.
login-you-cancelled-logging-in = Je hebt het inloggen afgebroken.
login-something-went-wrong-while-logging-in = Er ging iets mis bij het inloggen. Probeer het later opnieuw.
login-log-in = Inloggen
login-log-in-to-my-environment = Inloggen op Mijn omgeving
login-in-my-environment-you-see-your = In Mijn omgeving zie je je zaken, berichten en afspraken met de gemeente. Je logt in met DigiD.
login-log-in-with-digid = Inloggen met DigiD
login-no-digid-call-us-and-we = Heb je geen DigiD? Bel ons, dan helpen we je verder.
login-staff-login = Inloggen medewerkers
login-staff-login-2 = Inloggen voor medewerkers
login-log-in-with-your-municipality-account = Log in met je account van de gemeente.
login-log-in-as-staff = Inloggen als medewerker
login-logged-out = Uitgelogd
login-you-are-logged-out = Je bent uitgelogd
login-you-have-been-logged-out-safely = Je bent veilig uitgelogd. Gebruik je een computer van iemand anders? Sluit dan ook de browser.
login-log-in-again = Opnieuw inloggen

## resident

resident-callbacks-something-changed-in-your-callback-request = Er is iets veranderd aan je terugbelverzoek.
resident-callbacks-see-it = Bekijk het
resident-callbacks-callback-requests = Terugbelverzoeken
resident-callbacks-you-have-no-open-callback-requests = Je hebt geen open terugbelverzoeken.
resident-callbacks-ask-us-to-call-you-back = Vraag of we je terugbellen
resident-callbacks-call-me-back = Bel mij terug
resident-callbacks-tell-us-what-your-question-is = Vertel waar je vraag over gaat. Een medewerker van het team dat erover gaat, belt je terug. Je ziet op Mijn overzicht wanneer uiterlijk.
resident-callbacks-what-is-it-about = Waar gaat het over?
resident-callbacks-which-number-should-we-call = Op welk nummer bellen we je?
resident-callbacks-when-is-the-best-time-to = Wanneer kun je het best gebeld worden? (mag leeg)
resident-callbacks-for-example-monday-after-2-pm = Bijvoorbeeld: maandag na 14 uur
resident-callbacks-your-question = Je vraag
resident-callbacks-request-a-call = Vraag terugbellen aan
resident-callbacks-your-callback-request-has-been-received = Je terugbelverzoek is ontvangen.
resident-callbacks-your-addition-has-been-added = Je aanvulling is toegevoegd.
resident-callbacks-your-callback-request-has-been-cancelled = Je terugbelverzoek is ingetrokken. We bellen je niet.
resident-callbacks-callback-request = Terugbelverzoek
resident-callbacks-the-best-time-for-you = Het beste moment voor jou:
resident-callbacks-add-something-to-your-question = Iets toevoegen aan je vraag
resident-callbacks-add = Toevoegen
resident-callbacks-i-no-longer-need-a-call = Ik hoef niet meer gebeld te worden
resident-callbacks-back-to-my-overview = Terug naar Mijn overzicht
resident-case-detail-your-document-has-been-sent-thank = Je document is verstuurd. Dank je wel!
resident-case-detail-we-cannot-use-this-file-send = Dit bestand kunnen we niet gebruiken. Stuur een PDF, JPG of PNG. Er is niets verstuurd.
resident-case-detail-this-file-is-larger-than-10 = Dit bestand is groter dan 10 MB. Maak het kleiner of stuur het in delen. Er is niets verstuurd.
resident-case-detail-choose-a-file-first-nothing-was = Kies eerst een bestand. Er is niets verstuurd.
resident-case-detail-sending-failed-please-try-again-later = Het versturen is niet gelukt. Probeer het later opnieuw. Er is niets verstuurd.
resident-case-detail-choose-a-file-pdf-jpg-or = Kies een bestand (PDF, JPG of PNG, hoogstens 10 MB)
resident-case-detail-send-document = Document versturen
resident-case-detail-by = Uiterlijk
resident-case-detail-what-you-need-to-do = Wat moet je doen
resident-case-detail-there-are-no-documents-in-this = Er zijn nog geen documenten bij deze zaak.
resident-case-detail-sent-by-you = door jou gestuurd
resident-case-detail-from-the-municipality = van de gemeente
resident-case-detail-done = Klaar
resident-case-detail-now = Nu
resident-case-detail-not-yet = Nog niet
resident-case-detail-started-on = Gestart op
resident-case-detail-decision-by = Besluit uiterlijk
resident-case-detail-how-your-case-proceeds = Zo verloopt je zaak
resident-case-detail-documents = Documenten
resident-case-detail-questions-about-this-case = Vragen over deze zaak
resident-case-detail-ask-a-question-about-this-case = Stel een vraag over deze zaak
resident-consent-nothing-has-been-recorded-yet = Er is nog niets vastgelegd.
resident-consent-recorded-by = Vastgelegd door
resident-consent-consents = Toestemmingen
resident-consent-the-municipality-already-has-some-of = De gemeente heeft al gegevens van je. Hier kies je of we die ook mogen gebruiken om je ergens mee te helpen. Je kiest per doel. Je kunt je keuze altijd weer veranderen. Intrekken is net zo makkelijk als toestemming geven.
resident-consent-your-choice-has-been-recorded = Je keuze is vastgelegd
resident-consent-want-to-undo-this-choose-withdraw = Wil je dit terugdraaien? Kies hieronder “Trek toestemming in”. Dat kan altijd.
resident-consent-want-to-undo-this-choose-give = Wil je dit terugdraaien? Kies hieronder “Geef toestemming”.
resident-consent-you-have-given-consent = Je hebt toestemming gegeven.
resident-consent-you-have-not-given-consent = Je hebt geen toestemming gegeven.
resident-consent-the-explanation-has-changed-since-you = De uitleg is veranderd sinds je toestemming gaf. Daarom gebruiken we je gegevens hier nu niet. Lees de nieuwe uitleg en geef opnieuw toestemming als je dat wilt.
resident-consent-give-consent = Geef toestemming
resident-consent-withdraw-consent = Trek toestemming in
resident-consent-history = Geschiedenis
resident-contact-address-we-have-sent-you-an-e = We hebben je een e-mail met een code gestuurd.
resident-contact-address-done-from-now-on-you-get = Gelukt. Je krijgt voortaan een e-mail als er iets verandert.
resident-contact-address-you-will-no-longer-get-e = Je krijgt geen e-mails meer van ons over je zaken.
resident-contact-address-messages-by-e-mail = Berichten per e-mail
resident-contact-address-would-you-like-an-e-mail = Wil je een e-mail krijgen als er iets verandert in je zaken? Vul je e-mailadres in. We sturen je dan eerst een code om het te bevestigen.
resident-contact-address-send-me-a-code = Stuur mij een code
resident-contact-address-code-from-the-e-mail = Code uit de e-mail
resident-contact-address-confirm = Bevestigen
resident-contact-address-send-a-new-code = Stuur een nieuwe code
resident-contact-address-use-another-e-mail-address = Ander e-mailadres gebruiken
resident-contact-address-e-mail-address = E-mailadres
resident-contact-address-stop-e-mails = Stop met e-mails
resident-contact-address-we-have-sent-you-a-text = We hebben je een sms met een code gestuurd.
resident-contact-address-done-your-phone-number-is-confirmed = Gelukt. Je telefoonnummer is bevestigd.
resident-contact-address-we-have-removed-your-phone-number = We hebben je telefoonnummer verwijderd.
resident-contact-address-sms-and-whatsapp = Sms en WhatsApp
resident-contact-address-do-you-send-us-messages-by = Stuur je ons berichten per sms of WhatsApp? Bevestig dan je mobiele nummer. Dan herkennen we je berichten en komen ze bij je andere berichten.
resident-contact-address-code-from-the-text-message = Code uit de sms
resident-contact-address-where-would-you-like-to-get = Waar wil je antwoorden krijgen?
resident-contact-address-saved = Opgeslagen.
resident-contact-address-answers-to-new-questions-are-always = Antwoorden op nieuwe vragen krijg je altijd in Mijn omgeving, en ook via:
resident-contact-address-nothing-else = Niets anders
resident-contact-address-save = Opslaan
resident-contact-address-mobile-number = Mobiel nummer
resident-contact-address-text-me-a-code = Stuur mij een code per sms
resident-contact-address-remove-my-number = Verwijder mijn nummer
resident-conversations-about-case = over zaak
resident-conversations-through = Via:
resident-conversations-my-messages = Mijn berichten
resident-conversations-ask-a-new-question = Stel een nieuwe vraag
resident-conversations-you-have-no-messages-yet-do = Je hebt nog geen berichten. Heb je een vraag? Stel hem hier. Je krijgt antwoord in Mijn omgeving.
resident-conversations-your-message = Je bericht
resident-conversations-attachments-optional-pdf-jpg-or-png = Bijlagen (niet verplicht): PDF, JPG of PNG, hoogstens 3 bestanden van 10 MB
resident-conversations-new-question = Nieuwe vraag
resident-conversations-ask-your-question = Stel je vraag
resident-conversations-we-read-your-question-on-working = We lezen je vraag op werkdagen. Je krijgt antwoord in Mijn omgeving. Als je dat hebt ingesteld, krijg je ook een e-mail.
resident-conversations-subject = Onderwerp
resident-conversations-is-your-question-about-a-case = Gaat je vraag over een zaak? (niet verplicht)
resident-conversations-no-another-question = Nee, een andere vraag
resident-conversations-send-your-question = Verstuur je vraag
resident-conversations-back-to-my-messages = Terug naar Mijn berichten
resident-conversations-about-case-2 = Over zaak
resident-conversations-your-message-has-been-sent-we = Je bericht is verstuurd. We reageren zo snel mogelijk.
resident-conversations-reply = Reageren
resident-conversations-this-conversation-is-closed-if-you = Dit gesprek is afgesloten. Stuur je toch een bericht? Dan gaat het weer open.
resident-conversations-send = Verstuur
resident-conversations-receiving-answers = Antwoorden ontvangen
resident-conversations-you-read-our-answers-here-would = Je leest onze antwoorden hier. Wil je ze ook per e-mail, sms of WhatsApp? Bevestig dan eerst je e-mailadres of telefoonnummer bij{" "}
resident-conversations-my-details = Mijn gegevens
resident-conversations-where-would-you-like-our-answers = Waar wil je onze antwoorden in dit gesprek krijgen?
resident-conversations-only-here-in-my-environment = Alleen hier in Mijn omgeving
resident-conversations-here-and-by = Hier en per
resident-details-citizen-service-number = Burgerservicenummer
resident-details-logged-in-at-level = Ingelogd met niveau
resident-details-log-in-again-with-digid = Opnieuw inloggen met DigiD
resident-overview-my-overview = Mijn overzicht
resident-overview-your-appointment-has-been-cancelled = Je afspraak is geannuleerd.
resident-overview-appointments = Afspraken
resident-overview-from = van
resident-overview-to = tot
resident-overview-text = uur
resident-overview-bring = Meenemen:
resident-overview-cancel-appointment = Afspraak annuleren
resident-overview-open-questions = Open vragen
resident-overview-you-have-no-open-questions = Je hebt geen open vragen.
resident-overview-all-messages-and-a-new-question = Alle berichten en een nieuwe vraag
resident-overview-cases-in-progress = Lopende zaken
resident-overview-you-have-no-cases-in-progress = Je hebt op dit moment geen lopende zaken.
resident-overview-my-account = Mijn account

## staff

staff-answers-answer-library = Antwoordenbank
staff-answers-search-for-an-answer = Zoek een antwoord
staff-answers-search = Zoeken
staff-answers-no-answers-found = Geen antwoorden gevonden.
staff-answers-check-this-answer-it-was-due = Controleer dit antwoord: het moest herzien zijn op
staff-answers-tags = Trefwoorden:
staff-answers-owner = Eigenaar:
staff-answers-review-on = Herzien op
staff-answers-update = Bijwerken
staff-answers-question = Vraag
staff-answers-answer-plain-language = Antwoord (taalniveau B1)
staff-answers-tags-2 = Trefwoorden
staff-answers-next-review = Volgende controle
staff-answers-new-answer = Nieuw antwoord
staff-answers-review-on-2 = Controleren op
staff-answers-add-answer = Antwoord toevoegen
staff-callbacks-new-callback-request = Nieuw terugbelverzoek
staff-callbacks-worklists = Werklijsten
staff-callbacks-mine = Van mij
staff-callbacks-my-team-s = Van mijn team
staff-callbacks-overdue = Over de termijn
staff-callbacks-escalated = Opgeschaald
staff-callbacks-nothing-on-this-list = Er staat niets op deze lijst.
staff-callbacks-topic = Onderwerp
staff-callbacks-owner = Eigenaar
staff-callbacks-state = Stand
staff-callbacks-reminders = herinneringen
staff-callbacks-on-time = Op tijd
staff-callbacks-back-to-the-worklist = Terug naar de werklijst
staff-callbacks-escalated-after-three-reminders-to = Opgeschaald na drie herinneringen naar
staff-callbacks-call = Bel
staff-callbacks-preferably = Liefst
staff-callbacks-backup = Achtervang
staff-callbacks-overdue-2 = {" "}(over de termijn)
staff-callbacks-reminders-2 = Herinneringen
staff-callbacks-result = Resultaat
staff-callbacks-conversation = Gesprek
staff-callbacks-open-the-conversation = Open het gesprek
staff-callbacks-record-a-contact-attempt = Contactpoging vastleggen
staff-callbacks-how = Hoe
staff-callbacks-reached = Bereikt?
staff-callbacks-yes = Ja
staff-callbacks-no = Nee
staff-callbacks-note = Notitie
staff-callbacks-record = Vastleggen
staff-callbacks-hand-over = Overdragen
staff-callbacks-to = Aan
staff-callbacks-why = Waarom
staff-callbacks-close = Afhandelen
staff-callbacks-result-what-was-agreed = Resultaat (wat is er afgesproken?)
staff-callbacks-kind-of-request = Soort verzoek
staff-callbacks-choose = Kies
staff-callbacks-number-to-call = Terugbelnummer
staff-callbacks-best-time-optional = Wanneer het beste (mag leeg)
staff-callbacks-the-resident-s-question = Vraag van de inwoner
staff-callbacks-me = Ikzelf
staff-callbacks-create-callback-request = Terugbelverzoek maken
staff-callbacks-kinds-of-callback-requests = Soorten terugbelverzoeken
staff-callbacks-term-in-working-hours = Termijn in werkuren
staff-callbacks-reminder-every-so-many-working-hours = Herinnering elke zoveel werkuren
staff-callbacks-intake-questions-one-per-line = Vragen bij de intake (één per regel)
staff-calls-calls-in-progress = Lopende telefoongesprekken
staff-calls-refresh-the-list = Ververs de lijst
staff-calls-no-call-is-in-progress = Er loopt nu geen gesprek.
staff-calls-caller = Beller
staff-calls-since = Sinds
staff-calls-known-resident = bekende inwoner
staff-calls-not-identified-yet = nog niet bekend
staff-cases-cases = Zaken
staff-cases-back-to-the-workspace = Terug naar de werkplek
staff-cases-open-cases = Lopende zaken
staff-cases-there-are-no-open-cases = Er zijn geen lopende zaken.
staff-cases-open-cases-most-recently-changed-first = Lopende zaken, laatst gewijzigd eerst
staff-cases-type = Soort
staff-cases-only-pdf-jpg-or-png-nothing = Alleen PDF, JPG of PNG. Er is niets toegevoegd.
staff-cases-the-file-is-larger-than-10 = Het bestand is groter dan 10 MB. Er is niets toegevoegd.
staff-cases-give-the-document-a-title-of = Geef het document een titel van hoogstens 200 tekens. Er is niets toegevoegd.
staff-cases-choose-a-file-nothing-was-added = Kies een bestand. Er is niets toegevoegd.
staff-cases-adding-failed-nothing-was-added = Toevoegen is niet gelukt. Er is niets toegevoegd.
staff-cases-done = klaar
staff-cases-now = nu
staff-cases-not-yet = nog niet
staff-cases-back-to-the-cases = Terug naar de zaken
staff-cases-the-status-has-been-updated-the = De status is bijgewerkt. De inwoner ziet dit meteen.
staff-cases-add-a-document = Document toevoegen
staff-cases-the-document-has-been-added-the = Het document is toegevoegd. De inwoner ziet het bij de zaak.
staff-cases-title = Titel
staff-cases-file-pdf-jpg-or-png-at = Bestand (PDF, JPG of PNG, hoogstens 10 MB)
staff-cases-add-document = Document toevoegen
staff-cases-you-are-viewing-this-case-for = Je bekijkt deze zaak voor zaakbehandeling. Dat wordt vastgelegd en de inwoner kan het zien.
staff-consent-the-resident-s-consents = Toestemmingen van de inwoner
staff-consent-you-view-this-for-consent-management = Je bekijkt dit voor toestemmingenbeheer; dat wordt vastgelegd en de inwoner kan het zien.
staff-consent-the-resident-s-choice-has-been = De keuze van de inwoner is vastgelegd.
staff-consent-the-move-has-been-passed-on = De verhuizing is doorgegeven. Loket handelt hem af volgens de toestemmingen.
staff-consent-consent-given = Toestemming gegeven
staff-consent-no-consent = Geen toestemming
staff-consent-given-for-an-older-text-not = Gegeven voor een oudere tekst: geldt niet
staff-consent-text-version = tekstversie
staff-consent-how-did-the-resident-tell-us = Hoe gaf de inwoner dit door?
staff-consent-by-phone = Telefonisch
staff-consent-at-the-counter = Aan de balie
staff-consent-record-withdrawal = Leg intrekking vast
staff-consent-record-consent = Leg toestemming vast
staff-consent-pass-on-a-move = Verhuizing doorgeven
staff-consent-this-is-how-an-address-change = Zo komt een adreswijziging uit de Basisregistratie Personen binnen.
staff-consent-new-address = Nieuw adres
staff-consent-pass-on-the-move = Verhuizing doorgeven
staff-consent-consent-purposes = Doelen voor toestemming
staff-consent-a-changed-text-becomes-a-new = Een gewijzigde tekst wordt een nieuwe versie. Inwoners die voor een oudere versie toestemming gaven, vragen we opnieuw; tot dan gebruiken we hun gegevens niet.
staff-consent-the-new-version-has-been-published = De nieuwe versie is gepubliceerd.
staff-consent-version = versie
staff-consent-publish-as-a-new-version = Publiceer als nieuwe versie
staff-conversations-all-but-closed = Alles behalve afgesloten
staff-conversations-all-channels = Alle kanalen
staff-conversations-anyone = Iedereen
staff-conversations-assigned-to-me = Aan mij toegewezen
staff-conversations-not-assigned-yet = Nog niet toegewezen
staff-conversations-inbox = Inbox
staff-conversations-inbox-all-channels = Inbox: alle kanalen
staff-conversations-all-teams = Alle teams
staff-conversations-channel = Kanaal
staff-conversations-assigned = Toegewezen
staff-conversations-filter = Filter
staff-conversations-conversations-longest-waiting-first = gesprekken, langst wachtend eerst
staff-conversations-conversations = Gesprekken
staff-conversations-channels = Kanalen
staff-conversations-last = Laatst
staff-conversations-back-to-the-inbox = Terug naar de inbox
staff-conversations-nobody = Niemand
staff-conversations-the-conversation-is-closed = Het gesprek is afgesloten.
staff-conversations-a-call-with-this-caller-has = Telefoongesprek met deze beller loopt sinds
staff-conversations-who = Wie
staff-conversations-case = Zaak
staff-conversations-messages-and-notes = Berichten en notities
staff-conversations-reply = Antwoorden
staff-conversations-your-reply-goes-out-through = Je antwoord gaat via
staff-conversations-to = naar
staff-conversations-the-resident-also-sees-it-in = De inwoner ziet het ook in Mijn omgeving.
staff-conversations-your-reply-shows-in-the-resident = Je antwoord staat in Mijn omgeving van de inwoner.
staff-conversations-the-resident-s-last-whatsapp-message = Het laatste WhatsApp-bericht van de inwoner is meer dan 24 uur oud. WhatsApp laat dan alleen een goedgekeurd standaardbericht toe. De inwoner krijgt via WhatsApp: 'Er staat een nieuw bericht voor je klaar in Mijn omgeving'. Je antwoord zelf leest de inwoner in Mijn omgeving.
staff-conversations-search-for-an-approved-answer = Zoek een goedgekeurd antwoord
staff-conversations-past-its-review-date-check-it = Over de controledatum: kijk het na voor je het gebruikt.
staff-conversations-use-this-answer = Gebruik dit antwoord
staff-conversations-this-answer-is-past-its-review = Dit antwoord is over de controledatum: kijk het na voor je het verstuurt.
staff-conversations-reply-to-the-resident = Antwoord aan de inwoner
staff-conversations-send-reply = Verstuur antwoord
staff-conversations-internal-note-the-resident-does-not = Interne notitie (de inwoner ziet dit niet)
staff-conversations-save-note = Notitie opslaan
staff-conversations-record-a-contact-how-was-it = Contact vastleggen: hoe was het contact?
staff-conversations-what-did-the-resident-ask-or = Wat vroeg of zei de inwoner?
staff-conversations-record-contact = Contact vastleggen
staff-conversations-send-a-link-to-continue-securely = Stuur link om veilig verder te gaan in Mijn omgeving
staff-conversations-handle = Behandelen
staff-conversations-create-a-callback-request = Maak een terugbelverzoek
staff-conversations-suggestion = Suggestie:
staff-conversations-sure = zeker
staff-conversations-send-to = Stuur naar
staff-conversations-send-to-another-team = Stuur naar een ander team
staff-conversations-send = Doorsturen
staff-conversations-link-to-resident-bsn-after-checking = Koppel aan inwoner (BSN, na controle van de identiteit)
staff-conversations-link = Koppelen
staff-conversations-assign-to = Toewijzen aan
staff-conversations-assign = Toewijzen
staff-conversations-take-it-myself = Zelf oppakken
staff-conversations-link-to-case = Koppel aan zaak
staff-conversations-result-what-was-answered-or-done = Resultaat (wat is er geantwoord of gedaan?)
staff-conversations-close = Afsluiten
staff-home-workspace = Werkplek
staff-home-kinds-of-callback-requests-administration = Soorten terugbelverzoeken (beheer)
staff-home-routing-administration = Routering (beheer)
staff-home-consent-purposes-administration = Doelen voor toestemming (beheer)
staff-routing-routing = Routering
staff-routing-a-new-conversation-goes-to-the = Een nieuw gesprek gaat naar het team van de eerste regel die past. Past er geen, dan gaat het naar het KCC. Naast elk gesprek staat ook een suggestie die Loket leert van hoe medewerkers gesprekken doorsturen.
staff-routing-remove = Verwijder
staff-routing-new-rule = Nieuwe regel
staff-routing-channel-optional = Kanaal (mag leeg)
staff-routing-any-channel = Elk kanaal
staff-routing-keyword-optional = Trefwoord (mag leeg)
staff-routing-case-type-optional = Zaaktype (mag leeg)
staff-routing-any-case-type = Elk zaaktype
staff-routing-to-team = Naar team
staff-routing-add-rule = Regel toevoegen

## Texts written by the server for islands and messages

message-internal-note = Interne notitie
session-timer-title = Je wordt bijna uitgelogd
session-timer-before = Over{" "}
session-timer-after = {" "}minuten log je automatisch uit, omdat je even niets hebt gedaan.
session-timer-stay = Ingelogd blijven

## Roles, the workspace start page, finding a resident and the 360-degree view
role-kcc = KCC-medewerker
role-specialist = Specialist
role-teamleider = Teamleider
role-beheerder = Functioneel beheerder
role-privacy = Privacy officer
staff-home-signed-in-as = Ingelogd als
staff-home-teams = Teams
staff-reason-label = Waarom? Dit wordt vastgelegd.
staff-identify-reason-label = Hoe heb je de identiteit gecontroleerd? Dit wordt vastgelegd.
staff-residents-find-a-resident = Inwoner zoeken
staff-residents-search-explanation = Zoek op BSN, op postcode met huisnummer (1234 AB 5), op een bevestigd e-mailadres of telefoonnummer, of op naam met geboortedatum. Wat je ziet, wordt vastgelegd.
staff-residents-search-label = BSN, postcode met huisnummer, e-mailadres, telefoonnummer of naam
staff-residents-born-label = Geboortedatum (alleen bij zoeken op naam)
staff-residents-search = Zoeken
staff-residents-nobody-found = Niemand gevonden. Controleer wat je hebt ingevuld.
staff-residents-residents-found = inwoners gevonden
staff-residents-born = Geboren
staff-residents-address = Adres
resident-name-unknown = Naam onbekend
staff-client-view-title = Klantbeeld
staff-client-view-why = Waarvoor open je het klantbeeld? Je keuze wordt vastgelegd en de inwoner kan die zien.
staff-client-view-purpose = Doel
staff-client-view-open = Klantbeeld openen
staff-client-view-live-contact = Je bent nu in contact met deze inwoner
staff-client-view-opened-for = Geopend voor:
staff-client-view-logged = Dit is vastgelegd en de inwoner kan het zien.
staff-client-view-email = E-mailadres
staff-client-view-phone = Telefoonnummer
staff-client-view-preferred-channel = Antwoord het liefst via
staff-client-view-cases = Zaken
staff-client-view-todos = Wat de inwoner nog moet doen
staff-client-view-conversations = Gesprekken
staff-client-view-contacts = Contacten op alle kanalen
staff-client-view-from-resident = van de inwoner
staff-client-view-from-municipality = van de gemeente
staff-client-view-open-conversation = Open het gesprek
staff-client-view-appointments = Afspraken
staff-client-view-record-consent = Toestemming vastleggen of een verhuizing doorgeven
staff-processing-log-title = Verwerkingenlog
staff-processing-log-explanation = Elke keer dat een medewerker gegevens van een inwoner bekeek of wijzigde: wie, wanneer, wat, waarom en op welke grondslag. Niemand kan dit log wijzigen.
staff-processing-log-bsn = BSN van de inwoner
staff-processing-log-from = Van
staff-processing-log-until = Tot en met
staff-processing-log-everyone = Alle inwoners tonen
staff-processing-log-download = Download als CSV
staff-processing-log-newest = De nieuwste 100 verwerkingen; zoek om ze te beperken. De download bevat alles wat je zoekt.
staff-processing-log-nothing = Geen verwerkingen gevonden.
staff-processing-log-when = Wanneer
staff-processing-log-who = Medewerker
staff-processing-log-what = Wat
staff-processing-log-purpose = Doel en grondslag
staff-processing-log-reason = Reden

## "Wie heeft mijn gegevens bekeken"
resident-processing-log-title = Wie heeft mijn gegevens bekeken
resident-processing-log-explanation = Hier zie je wanneer een medewerker van de gemeente jouw gegevens bekeek of wijzigde, en waarom.
resident-processing-log-nothing = Nog niemand heeft je gegevens bekeken.
resident-processing-log-viewed = Bekeken
resident-processing-log-changed = Gewijzigd
resident-processing-log-why = Waarom
processing-team = Team
processing-a-colleague = Een medewerker
processing-category-client-view = je gegevens in één overzicht
processing-category-case = je zaak
processing-category-conversation = je gesprek
processing-category-callback = je terugbelverzoek
processing-category-consent = je toestemmingen
processing-category-document = een document of bijlage
processing-category-listing = je naam in een lijst of zoekresultaat
processing-category-identity = wie contact met ons opnam
processing-category-relocation = je verhuizing

resident-handover-title = Gesprek verder in Mijn omgeving
resident-handover-explanation = Met deze link zet je een gesprek met de gemeente in je Mijn omgeving. Kijk eerst of dit jouw gesprek is.
resident-handover-subject = Onderwerp
resident-handover-channel = Begonnen via
resident-handover-last-message = Laatste bericht
resident-handover-answers-go-to-portal = Na het overnemen zie je het gesprek en de antwoorden in Mijn omgeving. Antwoorden gaan alleen nog naar een e-mailadres of telefoonnummer dat je zelf hebt bevestigd.
resident-handover-take-over = Ja, zet dit gesprek in Mijn omgeving
resident-handover-not-mine = Dit is niet mijn gesprek. Ga terug naar Mijn overzicht

message-sender-unverified = Afzender niet geverifieerd: dit e-mailadres hoort bij een inwoner, maar we weten niet zeker dat de inwoner dit stuurde. Controleer wie het is voordat je gegevens deelt.
message-number-recognised = Nummer herkend, niet geverifieerd: dit nummer hoort bij een inwoner, maar een nummer kan vervalst zijn. Controleer wie het is voordat je gegevens deelt.
staff-calls-number-recognised = nummer herkend, niet geverifieerd

staff-cases-documents = Documenten
staff-cases-no-documents-yet = Er zijn nog geen documenten bij deze zaak.
staff-cases-sent-by-the-resident = gestuurd door de inwoner
staff-cases-added-by-the-municipality = toegevoegd door de gemeente
