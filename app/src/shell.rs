//! The HTML document around every page. Rendered on the server only.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};

use crate::routes::App;

/// The Content-Security-Policy: nothing inline, nothing from other sites,
/// never in a frame. A page (`nonce` given) also runs the inline scripts
/// that carry its response's nonce (the hydration script and the resources
/// it resolves) and WebAssembly for the islands.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self'".to_string(),
    };
    format!("default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(policy) = http::HeaderValue::from_str(&content_security_policy(Some(&nonce))) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    #[cfg(feature = "ssr")]
    let lang = crate::i18n::lang_of_request();
    #[cfg(not(feature = "ssr"))]
    let lang = crate::i18n::Lang::default();
    provide_context(lang);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options=options islands=true/>
                <MetaTags/>
            </head>
            <body class="voorbeeld-theme">
                <App/>
            </body>
        </html>
    }
}
