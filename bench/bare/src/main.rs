//! The reference the benchmark divides Loket's figures by: one server-rendered
//! Leptos page (shell, meta tags, router, one route), served by leptos_axum
//! on axum, with no database, session or middleware. `bare [address]`
//! listens on the address (default 127.0.0.1:3900).

use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router as LeptosRouter, Routes},
    path,
};

fn shell(_options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="nl">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Kaal"/>
        <LeptosRouter>
            <main>
                <Routes fallback=|| "Niet gevonden">
                    <Route path=path!("/") view=Page/>
                </Routes>
            </main>
        </LeptosRouter>
    }
}

#[component]
fn Page() -> impl IntoView {
    view! {
        <h1>"Kaal"</h1>
        <p>"Een pagina zonder gegevens: wat Leptos zelf kost."</p>
    }
}

#[tokio::main]
async fn main() {
    let address = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3900".into());
    let options = LeptosOptions::builder().output_name("bare").site_addr(address.parse::<std::net::SocketAddr>().expect("an address such as 127.0.0.1:3900")).build();
    let routes = generate_route_list(App);
    let app = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .with_state(options);
    let listener = tokio::net::TcpListener::bind(&address).await.expect("the address is free");
    axum::serve(listener, app).await.expect("serving");
}
