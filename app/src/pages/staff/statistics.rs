//! `/staff/statistieken`: a team lead's (or administrator's) figures for
//! a period, team and channel: contacts per channel (a chart drawn on
//! the server as SVG, with the same numbers in a table), response and
//! handling times with first-contact resolution, repeat contact, service
//! norms and callback requests; each table also as CSV. A plain GET form:
//! it works the same without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::statistics::load_statistics;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{use_lang, Lang};
use crate::model::ids::TeamId;
use crate::model::statistics::{percent, Choice, NormFigures, Statistics, Table, WeekVolume};

/// Fills of the chart's channels, in the order of `Channel::ALL`; each
/// has at least 3:1 contrast with the white page (WCAG 1.4.11).
const FILLS: [&str; 7] = ["#01689b", "#ca005d", "#275937", "#94710a", "#42145f", "#a90061", "#535353"];

/// Working minutes as people read them: "45 min", "2 u 15 min".
fn duration(lang: Lang, minutes: Option<i64>) -> String {
    let Some(m) = minutes else { return "–".to_string() };
    let hour = if lang == Lang::Nl { "u" } else { "h" };
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} {hour}"),
        (h, m) => format!("{h} {hour} {m} min"),
    }
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let ask = query.with_untracked(|q| (q.get("van"), q.get("tot"), q.get("team"), q.get("kanaal")));
    let report = Resource::new_blocking(move || ask.clone(), |(from, until, team, channel)| load_statistics(from, until, team, channel));
    view! {
        <Title text=lang.t("statistics-title")/>
        <p><a class="utrecht-link" href="/staff">{lang.t("staff-cases-back-to-the-workspace")}</a></p>
        <h1 class="utrecht-heading-1">{lang.t("statistics-title")}</h1>
        <p class="utrecht-paragraph">{lang.t("statistics-explanation")}</p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href=crate::path::STEERING>{lang.t("steering-title")}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(s) => view! { <Report lang s/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(lang: Lang, s: Statistics) -> impl IntoView {
    let filters = format!(
        "van={}&tot={}{}{}",
        s.from,
        s.until,
        s.team.map(|t| format!("&team={t}")).unwrap_or_default(),
        s.channel.as_ref().map(|c| format!("&kanaal={c}")).unwrap_or_default()
    );
    let export = move |table: Table| format!("/staff/statistieken/export?tabel={}&{filters}", table.code());
    let download = move |table: Table| {
        view! { <p class="utrecht-paragraph"><a class="utrecht-link" href=export(table) download="">{lang.t("statistics-download-csv")}</a></p> }
    };
    let total: i64 = s.volume.iter().map(|v| v.total()).sum();
    let repeat = s.repeat.clone();
    view! {
        <form method="get" action="/staff/statistieken" class="form" role="search">
            <PeriodAndTeam lang from=s.from.clone() until=s.until.clone() team=s.team teams=s.teams.clone()/>
            <label for="kanaal">{lang.t("statistics-channel")}</label>
            <select id="kanaal" name="kanaal" class="form__input form__input--short">
                <option value="" selected=s.channel.is_none()>{lang.t("statistics-all-channels")}</option>
                {s.channels.iter().map(|c| view! { <option value=c.value.clone() selected=s.channel.as_deref() == Some(c.value.as_str())>{c.label.clone()}</option> }).collect_view()}
            </select>
            <button type="submit" class="utrecht-button utrecht-button--primary">{lang.t("statistics-show")}</button>
        </form>
        <p class="utrecht-paragraph">
            {match &s.counted_until {
                Some(at) => format!("{} {at}.", lang.t("statistics-counted-until")),
                None => lang.t("statistics-not-counted-yet").to_string(),
            }}
        </p>
        {s.recounting.then(|| view! { <p class="utrecht-paragraph" role="status">{lang.t("statistics-recounting")}</p> })}

        <h2 class="utrecht-heading-2">{lang.t("statistics-contacts-per-channel")}</h2>
        <p class="utrecht-paragraph">{lang.t("statistics-contacts-explanation")}</p>
        {(total > 0).then(|| view! { <WeekChart lang labels=s.volume.iter().map(|v| v.label.clone()).collect() weeks=s.weeks.clone()/> })}
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("statistics-contacts-per-channel")>
            <table class="data-table" id="tabel-contacten">
                <caption class="visually-hidden">{lang.t("statistics-contacts-per-channel")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("statistics-channel")}</th>
                    <th scope="col">{lang.t("statistics-inbound")}</th>
                    <th scope="col">{lang.t("statistics-outbound")}</th>
                    <th scope="col">{lang.t("statistics-total")}</th>
                    <th scope="col">{lang.t("statistics-share")}</th>
                </tr></thead>
                <tbody>
                    {s.volume.iter().map(|v| view! {
                        <tr>
                            <th scope="row">{v.label.clone()}</th>
                            <td>{v.inbound}</td>
                            <td>{v.outbound}</td>
                            <td>{v.total()}</td>
                            <td>{format!("{}%", percent(v.total(), total))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr><th scope="row">{lang.t("statistics-total")}</th><td>{s.volume.iter().map(|v| v.inbound).sum::<i64>()}</td><td>{s.volume.iter().map(|v| v.outbound).sum::<i64>()}</td><td>{total}</td><td>"100%"</td></tr></tfoot>
            </table>
        </div>
        {download(Table::Contacts)}
        <details>
            <summary>{lang.t("statistics-per-week-as-table")}</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("statistics-per-week-as-table")>
                <table class="data-table" id="tabel-weken">
                    <caption class="visually-hidden">{lang.t("statistics-per-week-as-table")}</caption>
                    <thead><tr>
                        <th scope="col">{lang.t("statistics-week")}</th>
                        {s.volume.iter().map(|v| view! { <th scope="col">{v.label.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {s.weeks.iter().map(|w| view! {
                            <tr><th scope="row">{w.week.clone()}</th>{w.per_channel.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {download(Table::Weeks)}
        </details>

        <h2 class="utrecht-heading-2">{lang.t("statistics-times")}</h2>
        <p class="utrecht-paragraph">{lang.t("statistics-times-explanation")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("statistics-times")>
            <table class="data-table" id="tabel-tijden">
                <caption class="visually-hidden">{lang.t("statistics-times")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("statistics-began-on")}</th>
                    <th scope="col">{lang.t("statistics-conversations")}</th>
                    <th scope="col">{lang.t("statistics-first-response-median")}</th>
                    <th scope="col">{lang.t("statistics-first-response-p90")}</th>
                    <th scope="col">{lang.t("statistics-closed")}</th>
                    <th scope="col">{lang.t("statistics-resolved-first")}</th>
                    <th scope="col">{lang.t("statistics-handling-median")}</th>
                    <th scope="col">{lang.t("statistics-handling-p90")}</th>
                </tr></thead>
                <tbody>
                    {s.times.iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.label.clone()}</th>
                            <td>{r.conversations}</td>
                            <td>{duration(lang, r.first_response_median)}</td>
                            <td>{duration(lang, r.first_response_p90)}</td>
                            <td>{r.closed}</td>
                            <td>{format!("{} ({}%)", r.resolved_first, percent(r.resolved_first, r.closed))}</td>
                            <td>{duration(lang, r.handling_median)}</td>
                            <td>{duration(lang, r.handling_p90)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {download(Table::Times)}

        <h2 class="utrecht-heading-2">{lang.t("statistics-repeat-contact")}</h2>
        <p class="utrecht-paragraph">{lang.t("statistics-repeat-explanation")}</p>
        <p class="utrecht-paragraph">{match lang {
            Lang::Nl => format!("Komt een inwoner binnen {} dagen terug over dezelfde zaak of hetzelfde onderwerp, dan telt dat ook als herhaalcontact.", repeat.window_days),
            Lang::En => format!("A resident who comes back about the same case or topic within {} days makes a repeat contact too.", repeat.window_days),
        }}</p>
        <p class="utrecht-paragraph" id="herhaalcontact">
            {format!(
                "{}: {}% ({} / {}; {} {}, {} {}). {}: {}%.",
                lang.t("statistics-repeat-rate"),
                percent(repeat.repeats(), repeat.contacts),
                repeat.repeats(),
                repeat.contacts,
                repeat.while_waiting,
                lang.t("statistics-repeat-while-waiting"),
                repeat.came_back,
                lang.t("statistics-repeat-came-back"),
                lang.t("statistics-repeat-after-overdue-callback"),
                percent(repeat.after_overdue_callback, repeat.repeats()),
            )}
        </p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("statistics-repeat-contact")>
            <table class="data-table" id="tabel-herhaalcontact">
                <caption class="visually-hidden">{lang.t("statistics-repeat-contact")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("statistics-began-on")}</th>
                    <th scope="col">{lang.t("statistics-contact-moments")}</th>
                    <th scope="col">{lang.t("statistics-repeats")}</th>
                    <th scope="col">{lang.t("statistics-share")}</th>
                </tr></thead>
                <tbody>
                    {repeat.per_channel.iter().map(|(label, contacts, repeats)| view! {
                        <tr><th scope="row">{label.clone()}</th><td>{*contacts}</td><td>{*repeats}</td><td>{format!("{}%", percent(*repeats, *contacts))}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {download(Table::Repeat)}
        {(!repeat.moves.is_empty()).then(|| view! {
            <h3 class="utrecht-heading-3">{lang.t("statistics-channel-moves")}</h3>
            <ul class="utrecht-unordered-list" id="kanaalwissels">
                {repeat.moves.iter().map(|(from, to, n)| view! { <li>{format!("{from} → {to}: {n}")}</li> }).collect_view()}
            </ul>
        })}

        <h2 class="utrecht-heading-2">{lang.t("statistics-norms")}</h2>
        <p class="utrecht-paragraph">{lang.t("statistics-norms-explanation")}</p>
        <NormTable lang norms=s.norms.clone() id="tabel-servicenormen"/>
        {download(Table::Norms)}

        <h2 class="utrecht-heading-2">{lang.t("statistics-satisfaction")}</h2>
        <p class="utrecht-paragraph">{lang.t("statistics-satisfaction-explanation")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("statistics-satisfaction")>
            <table class="data-table" id="tabel-tevredenheid">
                <caption class="visually-hidden">{lang.t("statistics-satisfaction")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("statistics-satisfaction-group")}</th>
                    <th scope="col">{lang.t("statistics-asked")}</th>
                    <th scope="col">{lang.t("statistics-scored")}</th>
                    <th scope="col">{lang.t("statistics-average")}</th>
                    <th scope="col">{lang.t("statistics-satisfied")}</th>
                </tr></thead>
                <tbody>
                    {s.satisfaction.iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.group.clone()}</th>
                            <td>{r.asked}</td>
                            <td>{r.answered}</td>
                            <td>{r.average(lang == Lang::Nl)}</td>
                            <td>{format!("{} ({}%)", r.satisfied, percent(r.satisfied, r.answered))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {download(Table::Satisfaction)}

        <h2 class="utrecht-heading-2">{lang.t("statistics-callbacks")}</h2>
        <p class="utrecht-paragraph">{lang.t("statistics-callbacks-explanation")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("statistics-callbacks")>
            <table class="data-table" id="tabel-terugbelverzoeken">
                <caption class="visually-hidden">{lang.t("statistics-callbacks")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("statistics-team")}</th>
                    <th scope="col">{lang.t("statistics-callbacks-total")}</th>
                    <th scope="col">{lang.t("statistics-on-time")}</th>
                    <th scope="col">{lang.t("statistics-reminded")}</th>
                    <th scope="col">{lang.t("statistics-escalated")}</th>
                    <th scope="col">{lang.t("statistics-still-open")}</th>
                </tr></thead>
                <tbody>
                    {s.callbacks.iter().map(|c| view! {
                        <tr>
                            <th scope="row">{c.team.clone()}</th>
                            <td>{c.total}</td>
                            <td>{format!("{} ({}%)", c.on_time, percent(c.on_time, c.total))}</td>
                            <td>{c.reminded}</td>
                            <td>{c.escalated}</td>
                            <td>{c.open}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {download(Table::Callbacks)}
    }
}

/// The period and team fields of a statistics page's filter (a GET form).
#[component]
pub fn PeriodAndTeam(lang: Lang, from: String, until: String, team: Option<TeamId>, teams: Vec<Choice>) -> impl IntoView {
    let chosen = team.map(|t| t.to_string());
    view! {
        <label for="van">{lang.t("statistics-from")}</label>
        <input id="van" name="van" type="date" value=from class="form__input form__input--short"/>
        <label for="tot">{lang.t("statistics-until")}</label>
        <input id="tot" name="tot" type="date" value=until class="form__input form__input--short"/>
        <label for="team">{lang.t("statistics-team")}</label>
        <select id="team" name="team" class="form__input form__input--short">
            <option value="" selected=chosen.is_none()>{lang.t("statistics-all-my-teams")}</option>
            {teams.into_iter().map(|t| {
                let selected = chosen.as_deref() == Some(t.value.as_str());
                view! { <option value=t.value selected=selected>{t.label}</option> }
            }).collect_view()}
        </select>
    }
}

/// How each team met each service norm: on the statistics page for the
/// period, on a team lead's start page for today.
#[component]
pub fn NormTable(lang: Lang, norms: Vec<NormFigures>, id: &'static str) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t("statistics-norms")>
            <table class="data-table" id=id>
                <caption class="visually-hidden">{lang.t("statistics-norms")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("statistics-team")}</th>
                    <th scope="col">{lang.t("statistics-norm-subject")}</th>
                    <th scope="col">{lang.t("statistics-norm")}</th>
                    <th scope="col">{lang.t("statistics-norm-measured")}</th>
                    <th scope="col">{lang.t("statistics-norm-met")}</th>
                </tr></thead>
                <tbody>
                    {norms.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.team}</th>
                            <td>{r.subject}</td>
                            <td>{r.norm}</td>
                            <td>{r.measured}</td>
                            <td>{format!("{} ({}%)", r.met, percent(r.met, r.measured))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Contacts per week as stacked bars, one colour per channel, drawn on
/// the server. The figure is described for screen readers; its numbers
/// are in the table "per week" below it.
#[component]
fn WeekChart(lang: Lang, labels: Vec<String>, weeks: Vec<WeekVolume>) -> impl IntoView {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 220.0;
    const LEFT: f64 = 48.0;
    const BOTTOM: f64 = 24.0;
    let most = weeks.iter().map(|w| w.per_channel.iter().sum::<i64>()).max().unwrap_or(0).max(1) as f64;
    let slot = (WIDTH - LEFT) / weeks.len().max(1) as f64;
    let scale = (HEIGHT - BOTTOM - 8.0) / most;
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = LEFT + slot * i as f64 + slot * 0.15;
            let mut y = HEIGHT - BOTTOM;
            let parts = w
                .per_channel
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(c, n)| {
                    let h = *n as f64 * scale;
                    y -= h;
                    view! { <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{:.1}", slot * 0.7) height=format!("{h:.1}") fill=FILLS[c % FILLS.len()]/> }
                })
                .collect_view();
            let week = w.week.rsplit('-').next().unwrap_or_default().to_string();
            view! {
                {parts}
                <text x=format!("{:.1}", x + slot * 0.35) y=format!("{:.1}", HEIGHT - 6.0) text-anchor="middle" font-size="11">{week}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="statistics__chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="grafiek-titel grafiek-uitleg" width="100%" preserveAspectRatio="xMinYMin meet">
                <title id="grafiek-titel">{lang.t("statistics-chart-title")}</title>
                <desc id="grafiek-uitleg">{lang.t("statistics-chart-description")}</desc>
                <line x1=LEFT.to_string() y1=(HEIGHT - BOTTOM).to_string() x2=WIDTH.to_string() y2=(HEIGHT - BOTTOM).to_string() stroke="#535353"/>
                <text x="4" y="14" font-size="11">{(most as i64).to_string()}</text>
                <text x="4" y=format!("{:.1}", HEIGHT - BOTTOM) font-size="11">"0"</text>
                {bars}
            </svg>
            <figcaption>
                <ul class="statistics__legend">
                    {labels.into_iter().enumerate().map(|(c, label)| view! {
                        <li><svg class="statistics__swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill=FILLS[c % FILLS.len()]/></svg>{label}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}
