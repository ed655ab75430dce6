//! The route table. Every route renders completely on the server before
//! the first byte is sent (`SsrMode::Async`): content is in the first
//! response and errors can still set the status code.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::layout::Layout;
use crate::pages::{
    contact::Contact,
    forbidden::Forbidden,
    home::Home,
    login::{LoggedOut, Login, StaffLogin},
    not_found::NotFound,
    satisfaction::SatisfactionPage,
    resident::{
        appointments::{AppointmentPage, AppointmentTodoPage, MoveAppointmentPage},
        callbacks::{CallbackPage, NewCallback},
        case_detail::CaseDetailPage,
        consent::ConsentPage,
        conversations::{ConversationPage, Conversations, NewQuestion},
        data_export::DataExportPage,
        details::Details,
        handover::HandoverPage,
        overview::Overview,
        processing_log::ProcessingLogPage,
    },
    staff::{
        answers::Answers,
        appointments::{StaffBookAppointment, TeamAppointmentsPage},
        callbacks::{CallbackTypes, StaffCallbackPage, StaffCallbacks, StaffNewCallback},
        calls::StaffCalls,
        cases::{StaffCase, StaffCases},
        consent::{ConsentPurposes, StaffResidentConsent},
        conversations::{StaffConversationPage, StaffInbox, StaffNewConversation},
        home::StaffHome,
        privacy_requests::{PrivacyRequestPage, PrivacyRequests},
        processing_log::ProcessingLogSearch,
        retention::RetentionPage,
        client_view::ClientViewPage,
        closed_days::ClosedDays,
        residents::ResidentSearch,
        routing::RoutingRules,
        shortcuts::Shortcuts,
        statistics::StatisticsPage,
        steering::SteeringPage,
    },
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home ssr=SsrMode::Async/>
                    <Route path=path!("/contact") view=Contact ssr=SsrMode::Async/>
                    <Route path=path!("/inloggen") view=Login ssr=SsrMode::Async/>
                    <Route path=path!("/uitgelogd") view=LoggedOut ssr=SsrMode::Async/>
                    <Route path=path!("/tevredenheid/:token") view=SatisfactionPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn") view=Overview ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/gegevens") view=Details ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/gegevens/download") view=DataExportPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/zaken/:id") view=CaseDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/zaken/:id/afspraak/:todo") view=AppointmentTodoPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/afspraken/:id") view=AppointmentPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/afspraken/:id/verzetten") view=MoveAppointmentPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/toestemmingen") view=ConsentPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/inzage") view=ProcessingLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/berichten") view=Conversations ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/berichten/nieuw") view=NewQuestion ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/berichten/:id") view=ConversationPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/berichten/overnemen/:token") view=HandoverPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/terugbellen/nieuw") view=NewCallback ssr=SsrMode::Async/>
                    <Route path=path!("/mijn/terugbellen/:id") view=CallbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=StaffHome ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inloggen") view=StaffLogin ssr=SsrMode::Async/>
                    <Route path=path!("/staff/geen-toegang") view=Forbidden ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inwoners") view=ResidentSearch ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inwoners/:id") view=ClientViewPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/verwerkingen") view=ProcessingLogSearch ssr=SsrMode::Async/>
                    <Route path=path!("/staff/privacyverzoeken") view=PrivacyRequests ssr=SsrMode::Async/>
                    <Route path=path!("/staff/privacyverzoeken/:id") view=PrivacyRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/bewaartermijnen") view=RetentionPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/statistieken") view=StatisticsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/statistieken/kanaalsturing") view=SteeringPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sneltoetsen") view=Shortcuts ssr=SsrMode::Async/>
                    <Route path=path!("/staff/zaken") view=StaffCases ssr=SsrMode::Async/>
                    <Route path=path!("/staff/zaken/:id") view=StaffCase ssr=SsrMode::Async/>
                    <Route path=path!("/staff/zaken/:id/afspraak") view=StaffBookAppointment ssr=SsrMode::Async/>
                    <Route path=path!("/staff/afspraken") view=TeamAppointmentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/gesprekken") view=StaffInbox ssr=SsrMode::Async/>
                    <Route path=path!("/staff/gesprekken/nieuw") view=StaffNewConversation ssr=SsrMode::Async/>
                    <Route path=path!("/staff/telefoon") view=StaffCalls ssr=SsrMode::Async/>
                    <Route path=path!("/staff/antwoorden") view=Answers ssr=SsrMode::Async/>
                    <Route path=path!("/staff/routering") view=RoutingRules ssr=SsrMode::Async/>
                    <Route path=path!("/staff/sluitingsdagen") view=ClosedDays ssr=SsrMode::Async/>
                    <Route path=path!("/staff/terugbellen") view=StaffCallbacks ssr=SsrMode::Async/>
                    <Route path=path!("/staff/terugbellen/nieuw") view=StaffNewCallback ssr=SsrMode::Async/>
                    <Route path=path!("/staff/terugbellen/soorten") view=CallbackTypes ssr=SsrMode::Async/>
                    <Route path=path!("/staff/terugbellen/:id") view=StaffCallbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/inwoners/:id/toestemmingen") view=StaffResidentConsent ssr=SsrMode::Async/>
                    <Route path=path!("/staff/toestemmingen") view=ConsentPurposes ssr=SsrMode::Async/>
                    <Route path=path!("/staff/gesprekken/:id") view=StaffConversationPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
