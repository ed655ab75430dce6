//! The main menu on small screens. Without JavaScript the menu is simply
//! always shown; with it, this island folds the menu behind a button.

use leptos::prelude::*;

#[island]
pub fn MenuToggle(label: String, children: Children) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    let (open, set_open) = signal(false);
    // Effects run only in the browser: the button exists once the island is alive.
    Effect::new(move |_| set_hydrated.set(true));
    view! {
        <div class="menu page-width" class:menu--folding=hydrated class:menu--open=open>
            <button
                type="button"
                class="menu__button"
                aria-controls="main-nav"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                hidden=move || !hydrated.get()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {label}
            </button>
            {children()}
        </div>
    }
}
