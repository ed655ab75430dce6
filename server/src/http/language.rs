//! `GET /taal?lang=en&terug=/path`: remembers the chosen language in a
//! cookie and sends the resident back to where they were.

use app::i18n::{Lang, LANG_COOKIE};
use axum::{
    extract::{Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::state::ServerState;

/// The language switch.
pub fn routes() -> axum::Router<ServerState> {
    axum::Router::new().route("/taal", axum::routing::get(switch))
}

#[derive(Deserialize)]
pub struct Choice {
    lang: Option<String>,
    terug: Option<String>,
}

pub async fn switch(State(state): State<ServerState>, Query(choice): Query<Choice>) -> Response {
    let Some(lang) = choice.lang.as_deref().and_then(Lang::from_code) else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    let back = super::local_path(choice.terug.as_deref().unwrap_or("/")).unwrap_or("/");
    let secure = if state.production { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}", lang.code());
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, HeaderValue::from_str(back).unwrap_or(HeaderValue::from_static("/")));
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, value);
    }
    response
}
