//! Compressed pages and data: HTML and JSON leave brotli- or
//! gzip-compressed when the browser accepts it (a phone's overview is a
//! quarter of its size), quickly rather than smallest (quality 4: the
//! server compresses every page anew). Never for a request another site
//! started (`Sec-Fetch-Site: cross-site`): a page that mixes what an
//! attacker put in its address with personal data would otherwise leak
//! that data through its compressed length (BREACH). Live streams, files
//! and downloads go as they are.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderMap, StatusCode, Version},
    middleware::Next,
    response::Response,
};
use tower_http::compression::{
    predicate::{Predicate, SizeAbove},
    CompressionLayer, CompressionLevel,
};

/// Responses smaller than this are sent as they are.
const SMALLEST: u16 = 1024;

/// The compression of pages and data, for the routes it wraps.
pub fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new().quality(CompressionLevel::Precise(4)).compress_when(SizeAbove::new(SMALLEST).and(pages_and_data))
}

/// HTML and JSON, nothing else (no event streams, files or archives).
fn pages_and_data(_: StatusCode, _: Version, headers: &HeaderMap, _: &axum::http::Extensions) -> bool {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    kind.starts_with("text/html") || kind.starts_with("application/json")
}

/// Takes `Accept-Encoding` off requests another site started, so their
/// answers leave uncompressed.
pub async fn same_site_only(mut req: Request<Body>, next: Next) -> Response {
    if req.headers().get("sec-fetch-site").is_some_and(|v| v.as_bytes() == b"cross-site") {
        req.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    next.run(req).await
}
