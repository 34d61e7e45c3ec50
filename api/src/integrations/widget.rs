//! The embeddable widget: `/widget.js`, a script a partner's site includes to list an
//! organisation's open opportunities, and `/widget`, a page that shows it at work with the
//! snippet to copy. The script reads the public API (or through a key); public reads answer
//! any origin (see `gate::public_cors`).

use actix_web::{
    HttpResponse,
    http::header::{CACHE_CONTROL, ContentType},
    web::Query,
};
use quick_xml::escape::escape;
use serde::Deserialize;
use uuid::Uuid;

use crate::config::Config;

const SCRIPT: &str = include_str!("../../assets/widget.js");

/// `GET /widget.js`: cached for an hour by browsers and proxies.
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/javascript; charset=utf-8")
        .insert_header((CACHE_CONTROL, "public, max-age=3600"))
        .body(SCRIPT)
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    organisation: Option<Uuid>,
    lang: Option<String>,
}

/// What a partner pastes into their page to show `organisation`'s opportunities.
pub fn snippet(public_url: &str, organisation: Uuid, lang: &str) -> String {
    format!(
        "<div data-marcottage-opportunities data-organisation=\"{organisation}\" \
         data-lang=\"{lang}\" data-limit=\"5\"></div>\n\
         <script src=\"{}/widget.js\" async></script>",
        public_url.trim_end_matches('/')
    )
}

/// `GET /widget?organisation=…&lang=fr|en`: the widget at work, and its snippet.
pub async fn page(config: actix_web::web::Data<Config>, query: Query<PageQuery>) -> HttpResponse {
    let english = query.lang.as_deref() == Some("en");
    let (lang, title, intro, missing) = if english {
        (
            "en",
            "The Marcottage widget",
            "Paste these two lines into a page of your site: it lists the organisation's open opportunities, in a box of its own, and stays up to date.",
            "Add ?organisation=<your organisation's id> to this page's address to see the widget with your opportunities.",
        )
    } else {
        (
            "fr",
            "Le widget Marcottage",
            "Collez ces deux lignes dans une page de votre site : elles affichent les opportunités ouvertes de l'organisation, dans un cadre à part, toujours à jour.",
            "Ajoutez ?organisation=<l'identifiant de votre organisation> à l'adresse de cette page pour voir le widget avec vos opportunités.",
        )
    };
    let body = match query.organisation {
        Some(organisation) => {
            let snippet = snippet(&config.public_url, organisation, lang);
            format!(
                "<p>{intro}</p><pre><code>{}</code></pre><hr>\
                 <div data-marcottage-opportunities data-organisation=\"{organisation}\" \
                 data-lang=\"{lang}\" data-limit=\"5\"></div>\
                 <script src=\"/widget.js\" async></script>",
                escape(snippet.as_str())
            )
        }
        None => format!("<p>{}</p>", escape(missing)),
    };
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_points_at_the_public_address() {
        let id = Uuid::nil();
        let snippet = snippet("https://marcottage.example/", id, "en");
        assert!(snippet.contains("src=\"https://marcottage.example/widget.js\""));
        assert!(snippet.contains(&format!("data-organisation=\"{id}\"")));
        assert!(snippet.contains("data-lang=\"en\""));
    }
}
