//! `/staff/statistieken/kanaalsturing`: channel steering. What contacts
//! cost per product (case type, or the team a question without a case
//! went to) and channel in a period, where moving a share of non-digital
//! contacts to the cheapest digital channel would save, and how many
//! residents use only non-digital channels (the service the municipality
//! keeps for them). Team leads and administrators read it; the functional
//! administrator sets the prices, service norms and repeat window here.
//! Plain forms: it works the same without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::statistics::load_steering;
use crate::components::{
    error_notice::ErrorNotice,
    form_feedback::{form_error, FormFeedback},
};
use crate::i18n::{use_lang, Lang};
use crate::pages::staff::statistics::PeriodAndTeam;
use crate::model::statistics::{euros, percent, ChannelSetting, Steering, SHARES};

#[component]
pub fn SteeringPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let ask = query.with_untracked(|q| (q.get("van"), q.get("tot"), q.get("team"), q.get("deel")));
    let saved = query.with_untracked(|q| q.get("opgeslagen").is_some());
    let error = [form_error("set_channel_setting"), form_error("set_repeat_window")].into_iter().flatten().next();
    let steering = Resource::new_blocking(move || ask.clone(), |(from, until, team, share)| load_steering(from, until, team, share));
    view! {
        <Title text=lang.t("steering-title")/>
        <p><a class="utrecht-link" href="/staff/statistieken">{lang.t("steering-back-to-statistics")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("steering-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("steering-explanation")}</p>
        {saved.then(|| view! { <div class="notice notice--ok" role="status"><p class="utrecht-paragraph">{lang.t("steering-saved")}</p></div> })}
        <FormFeedback error/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match steering.await {
                    Ok(s) => view! { <Costs lang s=s.clone()/><Settings lang s/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Costs(lang: Lang, s: Steering) -> impl IntoView {
    let dutch = lang == Lang::Nl;
    let money = move |cents: Option<i64>| cents.map(|c| euros(c, dutch)).unwrap_or_else(|| "–".to_string());
    view! {
        <form method="get" action=crate::path::STEERING class="form" role="search">
            <PeriodAndTeam lang from=s.from.clone() until=s.until.clone() team=s.team teams=s.teams.clone()/>
            <label for="deel">{lang.t("steering-share-to-move")}</label>
            <select id="deel" name="deel" class="form__input form__input--short">
                {SHARES.into_iter().map(|p| view! { <option value=p.to_string() selected=p == s.share>{format!("{p}%")}</option> }).collect_view()}
            </select>
            <button type="submit" class="utrecht-button utrecht-button--primary">{lang.t("statistics-show")}</button>
        </form>

        <h2 class="utrecht-heading-2">{lang.t("steering-cost-per-product")}</h2>
        <p class="utrecht-paragraph">{lang.t("steering-cost-explanation")}</p>
        <p class="utrecht-paragraph" id="totale-kosten">{format!("{}: {}", lang.t("steering-total-cost"), euros(s.cents, dutch))}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("steering-cost-per-product")>
            <table class="data-table" id="tabel-kosten">
                <caption class="visually-hidden">{lang.t("steering-cost-per-product")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("steering-product")}</th>
                    {s.channels.iter().map(|c| view! { <th scope="col">{c.label.clone()}</th> }).collect_view()}
                    <th scope="col">{lang.t("statistics-total")}</th>
                    <th scope="col">{lang.t("steering-saving")}</th>
                </tr></thead>
                <tbody>
                    {s.products.iter().map(|p| view! {
                        <tr>
                            <th scope="row">{p.product.clone()}</th>
                            {p.per_channel.iter().map(|c| view! {
                                <td>{format!("{} ({})", c.contacts, money(c.cents))}</td>
                            }).collect_view()}
                            <td>{euros(p.cents, dutch)}</td>
                            <td>{match &p.saving {
                                Some(saving) => match lang {
                                    Lang::Nl => format!("{} contacten van {} naar {}: {} minder", saving.contacts, saving.from, saving.to, euros(saving.cents, true)),
                                    Lang::En => format!("{} contacts from {} to {}: {} less", saving.contacts, saving.from, saving.to, euros(saving.cents, false)),
                                },
                                None => "–".to_string(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>

        <h2 class="utrecht-heading-2">{lang.t("steering-non-digital")}</h2>
        <p class="utrecht-paragraph" id="alleen-niet-digitaal">{match lang {
            Lang::Nl => format!(
                "{} van de {} inwoners met contact in deze periode ({}%) namen alleen contact op via telefoon, balie of brief. Voor hen blijven deze kanalen nodig.",
                s.offline_only, s.residents, percent(s.offline_only, s.residents)
            ),
            Lang::En => format!(
                "{} of the {} residents in contact in this period ({}%) came only by phone, at the counter or by letter. These channels stay needed for them.",
                s.offline_only, s.residents, percent(s.offline_only, s.residents)
            ),
        }}</p>
    }
}

/// The prices, service norms and repeat window: read by everyone who may
/// see the page, changed by the functional administrator.
#[component]
fn Settings(lang: Lang, s: Steering) -> impl IntoView {
    let dutch = lang == Lang::Nl;
    let amount = move |cents: Option<i64>| cents.map(|c| euros(c, dutch).trim_start_matches('€').trim().to_string()).unwrap_or_default();
    let may = s.may_configure;
    let row = move |c: ChannelSetting| {
        let id = |field: &str| format!("{field}-{}", c.channel);
        let phone = c.channel == "phone";
        let in_contact = phone || c.channel == "counter";
        view! {
            <li class="card">
                <form method="post" action="/api/set_channel_setting" class="form">
                    <h3 class="utrecht-heading-3">{c.label.clone()}</h3>
                    <input type="hidden" name="channel" value=c.channel.clone()/>
                    {(!in_contact).then(|| view! {
                        <label for=id("norm")>{lang.t("steering-response-norm-hours")}</label>
                        <input id=id("norm") name="response_hours" inputmode="numeric" class="form__input form__input--short" disabled=!may
                            value=c.response_minutes.map(|m| (m / 60).to_string()).unwrap_or_default()/>
                    })}
                    {phone.then(|| view! {
                        <label for=id("wachtrij")>{lang.t("steering-queue-norm-seconds")}</label>
                        <input id=id("wachtrij") name="queue_seconds" inputmode="numeric" class="form__input form__input--short" disabled=!may
                            value=c.queue_seconds.map(|s| s.to_string()).unwrap_or_default()/>
                    })}
                    <label for=id("contact")>{lang.t("steering-cost-per-contact")}</label>
                    <input id=id("contact") name="contact_euros" inputmode="decimal" class="form__input form__input--short" disabled=!may value=amount(c.contact_cents)/>
                    {in_contact.then(|| view! {
                        <label for=id("minuut")>{lang.t("steering-cost-per-minute")}</label>
                        <input id=id("minuut") name="minute_euros" inputmode="decimal" class="form__input form__input--short" disabled=!may value=amount(c.minute_cents)/>
                    })}
                    {may.then(|| view! { <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-retention-save")}</button> })}
                </form>
            </li>
        }
    };
    view! {
        <h2 id="instellingen" class="utrecht-heading-2">{lang.t("steering-settings")}</h2>
        <p class="utrecht-paragraph">{if may { lang.t("steering-settings-explanation") } else { lang.t("steering-settings-read-only") }}</p>
        <form method="post" action="/api/set_repeat_window" class="form">
            <label for="herhaalvenster">{lang.t("steering-repeat-window-days")}</label>
            <input id="herhaalvenster" name="days" inputmode="numeric" class="form__input form__input--short" disabled=!may value=s.window_days.to_string()/>
            {may.then(|| view! { <button type="submit" class="utrecht-button utrecht-button--secondary">{lang.t("staff-retention-save")}</button> })}
        </form>
        <ul class="card-list">{s.settings.into_iter().map(row).collect_view()}</ul>
    }
}
