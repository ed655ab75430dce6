//! The HTML document around every page. Rendered on the server only.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};

use crate::routes::App;

pub fn shell(options: LeptosOptions) -> impl IntoView {
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
