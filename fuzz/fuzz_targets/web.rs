//! The web server's request decoding: any method, path, query and body sent to the router (in
//! process, over the bundled dataset). Every answer has the security headers; no answer is a
//! 500; every API error is JSON with an `error` message; a 200 from the API is JSON.
#![no_main]

use std::sync::{Arc, OnceLock};

use arbitrary::{Arbitrary, Unstructured};
use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use libfuzzer_sys::fuzz_target;
use maslihat_web::{Limits, Site, router};
use tower::ServiceExt;

/// The routes a request is most often aimed at, so the fuzzer reaches the decoders quickly.
const PATHS: &[&str] = &[
    "/api/allocate",
    "/api/margins",
    "/api/sweep",
    "/api/simulate",
    "/api/maslihats",
    "/api/maslihats/karaganda",
    "/api/elections/karaganda-2023",
    "/calculator/seats.csv",
    "/election/karaganda-2023/",
    "/maslihat/karaganda",
];

/// The request fields, so a structured body names fields the API knows.
const FIELDS: &[&str] = &[
    "seats", "rules", "method", "threshold", "threshold_base", "against_all", "invalid", "tie_break", "runner_up",
    "parties", "election", "explain", "methods", "thresholds", "sample_size", "runs", "seed", "model", "party",
    "votes", "share",
];

#[derive(Debug)]
struct Input {
    method: Method,
    path: String,
    json_content_type: bool,
    body: Vec<u8>,
}

/// A JSON value drawn from the fuzzer's bytes, objects keyed by the request's field names.
fn json_value(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<serde_json::Value> {
    use serde_json::Value;
    let kind = if depth >= 3 { u.int_in_range(0..=4u8)? } else { u.int_in_range(0..=6u8)? };
    Ok(match kind {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => Value::from(u.arbitrary::<u64>()?),
        4 => Value::String(u.arbitrary()?),
        5 => Value::Array((0..u.int_in_range(0..=6u8)?).map(|_| json_value(u, depth + 1)).collect::<Result<_, _>>()?),
        _ => {
            let mut object = serde_json::Map::new();
            for _ in 0..u.int_in_range(0..=8u8)? {
                let key = if u.ratio(9u8, 10)? { (*u.choose(FIELDS)?).to_owned() } else { u.arbitrary()? };
                object.insert(key, json_value(u, depth + 1)?);
            }
            Value::Object(object)
        }
    })
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Input> {
        let method = match u.int_in_range(0..=3u8)? {
            0 => Method::GET,
            1 | 2 => Method::POST,
            _ => Method::HEAD,
        };
        let path = if u.ratio(3u8, 4)? {
            let mut path = (*u.choose(PATHS)?).to_owned();
            if u.ratio(1u8, 4)? {
                path.push('?');
                path.push_str(&u.arbitrary::<String>()?);
            }
            path
        } else {
            u.arbitrary()?
        };
        let json_content_type = u.ratio(9u8, 10)?;
        let body = if u.ratio(3u8, 4)? { json_value(u, 0)?.to_string().into_bytes() } else { u.arbitrary()? };
        Ok(Input { method, path, json_content_type, body })
    }
}

fn site() -> Arc<Site> {
    static SITE: OnceLock<Arc<Site>> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../datasets");
        Arc::new(Site::load(&dir, Limits::default()).expect("the bundled dataset loads"))
    })
    .clone()
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a runtime"))
}

fuzz_target!(|input: Input| {
    let mut builder = Request::builder().method(input.method.clone()).uri(input.path.as_str());
    if input.json_content_type {
        builder = builder.header(header::CONTENT_TYPE, "application/json");
    }
    // A path that is no URI never reaches the server: hyper refuses it first.
    let Ok(request) = builder.body(Body::from(input.body)) else { return };
    let api = request.uri().path().starts_with("/api/");
    let (status, headers, body) = runtime().block_on(async {
        let response = router(site()).oneshot(request).await.expect("the router always answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = to_bytes(response.into_body(), usize::MAX).await.expect("a body");
        (status, headers, body)
    });
    assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{}", String::from_utf8_lossy(&body));
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY), "no security headers");
    assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]));
    if api && input.method != Method::HEAD && status != StatusCode::METHOD_NOT_ALLOWED {
        let json: serde_json::Value = serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("an API answer ({status}) that is not JSON ({e}): {}", String::from_utf8_lossy(&body)));
        if !status.is_success() {
            assert!(json.get("error").and_then(|e| e.as_str()).is_some_and(|e| !e.is_empty()), "{json}");
        }
    }
});
