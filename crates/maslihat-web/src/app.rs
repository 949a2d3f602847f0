//! The router: every route, the security headers, the time budget and the request log.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request as HttpRequest, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::api;
use crate::calculator::{Download, Form, calculator_page};
use crate::error::ApiError;
use crate::pages::{maslihat_page, maslihats_page};
use crate::request::Request;
use crate::site::Site;

/// The script of the calculator, served as a file (the CSP allows no inline script).
const CALCULATOR_JS: &str = include_str!("../assets/calculator.js");
/// The calculator's and the server pages' own style, beside the report's.
const SERVER_CSS: &str = include_str!("../assets/server.css");

/// Every page allows only its own script and style files, inline styles (the report's pages
/// carry theirs inline) and inline images; it may not be framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

type Shared = State<Arc<Site>>;

/// The whole application over `site`.
pub fn router(site: Arc<Site>) -> Router {
    let body_limit = site.limits.body_bytes;
    Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/glossary.html", get(glossary))
        .route("/maslihats", get(maslihats))
        .route("/maslihat/{id}", get(maslihat))
        .route("/election/{id}", get(election_redirect))
        .route("/election/{id}/", get(election_page))
        .route("/election/{id}/{file}", get(election_file))
        .route("/elections/{id}/{file}", get(election_file))
        .route("/calculator", get(calculator))
        .route("/calculator/{file}", get(calculator_download))
        .route("/assets/calculator.js", get(script))
        .route("/assets/server.css", get(style))
        .route("/api/allocate", post(api_allocate))
        .route("/api/margins", post(api_margins))
        .route("/api/sweep", post(api_sweep))
        .route("/api/simulate", post(api_simulate))
        .route("/api/maslihats", get(api_maslihats))
        .route("/api/maslihats/{id}", get(api_maslihat))
        .route("/api/elections/{id}", get(api_election))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(site.clone(), budget))
        .layer(middleware::from_fn(secure_and_log))
        .with_state(site)
}

/// Adds the security headers to every answer and logs the request.
async fn secure_and_log(request: HttpRequest, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    tracing::info!(%method, %path, status = response.status().as_u16(), micros = started.elapsed().as_micros() as u64, "request");
    response
}

/// Stops waiting for an answer past the time budget (503).
async fn budget(State(site): Shared, request: HttpRequest, next: Next) -> Response {
    let limit = site.limits.time;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::too_slow(limit.as_secs()).into_response(),
    }
}

/// Runs `work` on the blocking pool, so the time budget can stop waiting for it.
async fn off_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|err| ApiError::internal(format!("the worker failed: {err}")))
}

fn html_page(text: String) -> Response {
    Html(text).into_response()
}

fn page_error(err: ApiError) -> Response {
    let body =
        crate::pages::page("Not found", maud::html! { h1 { "Not found" } p { (crate::pages::Text(&err.message)) } });
    (err.status, Html(body)).into_response()
}

async fn index(State(site): Shared) -> Response {
    Html(site.index().to_owned()).into_response()
}

async fn glossary(State(site): Shared) -> Response {
    Html(site.glossary().to_owned()).into_response()
}

async fn maslihats(State(site): Shared) -> Response {
    html_page(maslihats_page(&site.source.dataset))
}

async fn maslihat(State(site): Shared, Path(id): Path<String>) -> Response {
    match site.source.dataset.bodies.iter().find(|b| b.id.0 == id) {
        Some(body) => html_page(maslihat_page(&site, body)),
        None => page_error(ApiError::not_found(format!("No mäslihat has the id “{id}”."))),
    }
}

async fn election_redirect(Path(id): Path<String>) -> Response {
    Redirect::permanent(&format!("/election/{}/", crate::calculator::encode(&id))).into_response()
}

async fn election_page(State(site): Shared, Path(id): Path<String>) -> Response {
    serve_election_file(&site, &id, "report.html")
}

async fn election_file(State(site): Shared, Path((id, file)): Path<(String, String)>) -> Response {
    serve_election_file(&site, &id, &file)
}

/// One of an election's files, by its name in the report (never a path on disk).
fn serve_election_file(site: &Site, id: &str, file: &str) -> Response {
    let Some(files) = site.election(id) else {
        return page_error(ApiError::not_found(format!("No election has the id “{id}”.")));
    };
    let Some(contents) = files.file(file) else {
        return page_error(ApiError::not_found(format!("The election {id} has no file “{file}”.")));
    };
    let content_type = match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("svg") => "image/svg+xml; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        _ => "text/plain; charset=utf-8",
    };
    ([(header::CONTENT_TYPE, content_type)], contents.to_owned()).into_response()
}

async fn calculator(State(site): Shared, form: Result<Query<Form>, QueryRejection>) -> Response {
    let Ok(Query(form)) = form else {
        return (StatusCode::BAD_REQUEST, "the calculator's query string cannot be read").into_response();
    };
    let answer = off_thread(move || {
        let form = match form.clone().with_election(&site) {
            Ok(form) => form,
            Err(err) => {
                return (err.status, calculator_page(&site, &form, &crate::calculator::Calculation::Errors(vec![err])));
            }
        };
        let outcome = form.compute(&site);
        let status = match &outcome {
            crate::calculator::Calculation::Errors(errors) => errors.first().map_or(StatusCode::OK, |e| e.status),
            _ => StatusCode::OK,
        };
        (status, calculator_page(&site, &form, &outcome))
    })
    .await;
    match answer {
        Ok((status, page)) => (status, Html(page)).into_response(),
        Err(err) => err.into_response(),
    }
}

async fn calculator_download(
    State(site): Shared,
    Path(file): Path<String>,
    form: Result<Query<Form>, QueryRejection>,
) -> Response {
    let Some(download) = Download::from_name(&file) else {
        return ApiError::not_found(format!("no download called {file:?}")).into_response();
    };
    let Ok(Query(form)) = form else {
        return ApiError::bad(None, "the query string cannot be read").into_response();
    };
    let answer = off_thread(move || {
        let form = form.with_election(&site)?;
        match form.compute(&site) {
            crate::calculator::Calculation::Result(computed) => Ok(download.render(&computed)),
            crate::calculator::Calculation::Errors(mut errors) => Err(errors.swap_remove(0)),
            crate::calculator::Calculation::Empty => {
                Err(ApiError::bad("table".to_owned(), "table: give the lists and votes"))
            }
        }
    })
    .await
    .and_then(|r| r);
    match answer {
        Ok(text) => (
            [
                (header::CONTENT_TYPE, download.content_type().to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", download.file_name())),
            ],
            text,
        )
            .into_response(),
        Err(err) => err.into_response(),
    }
}

async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], CALCULATOR_JS).into_response()
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], SERVER_CSS).into_response()
}

fn json_response(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

/// Reads a request body; an over-long body is 413, a malformed one 400, both as JSON.
fn request_of(body: Result<Bytes, BytesRejection>) -> Result<Request, ApiError> {
    let bytes = body.map_err(|rejection| {
        let status = rejection.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "the request body is larger than this server takes".to_owned()
        } else {
            rejection.body_text()
        };
        ApiError { status, message, field: None }
    })?;
    Request::from_json(&bytes)
}

type Handler = fn(&Request, &maslihat_model::Dataset, &crate::request::Limits) -> Result<String, ApiError>;

async fn run_api(site: Arc<Site>, body: Result<Bytes, BytesRejection>, handler: Handler, inline: bool) -> Response {
    let request = match request_of(body) {
        Ok(request) => request,
        Err(err) => return err.into_response(),
    };
    let answer = if inline {
        handler(&request, &site.source.dataset, &site.limits)
    } else {
        off_thread(move || handler(&request, &site.source.dataset, &site.limits)).await.and_then(|r| r)
    };
    match answer {
        Ok(text) => json_response(text),
        Err(err) => err.into_response(),
    }
}

async fn api_allocate(State(site): Shared, body: Result<Bytes, BytesRejection>) -> Response {
    // One allocation takes microseconds: answered on the request's own thread.
    run_api(site, body, api::allocate, true).await
}

async fn api_margins(State(site): Shared, body: Result<Bytes, BytesRejection>) -> Response {
    run_api(site, body, api::margins_of, false).await
}

async fn api_sweep(State(site): Shared, body: Result<Bytes, BytesRejection>) -> Response {
    run_api(site, body, api::sweep_of, false).await
}

async fn api_simulate(State(site): Shared, body: Result<Bytes, BytesRejection>) -> Response {
    run_api(site, body, api::simulate_of, false).await
}

async fn api_maslihats(State(site): Shared) -> Response {
    json_response(api::maslihats(&site.source.dataset))
}

async fn api_maslihat(State(site): Shared, Path(id): Path<String>) -> Response {
    match api::maslihat(&site.source.dataset, &id) {
        Ok(text) => json_response(text),
        Err(err) => err.into_response(),
    }
}

async fn api_election(State(site): Shared, Path(id): Path<String>) -> Response {
    match api::election(&site.source.dataset, &id) {
        Ok(text) => json_response(text),
        Err(err) => err.into_response(),
    }
}

async fn not_found(request: HttpRequest<Body>) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with("/api/") {
        return ApiError::not_found(format!("no API route {path}")).into_response();
    }
    page_error(ApiError::not_found(format!("Nothing is at {path}.")))
}
