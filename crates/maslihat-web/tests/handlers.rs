//! Every route in process (no socket): pages, downloads, the API, every bad input and limit.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use maslihat_web::{Limits, Site, router};
use serde_json::{Value, json};
use tower::ServiceExt;

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets");
        Site::load(&dir, Limits::default()).expect("the bundled dataset loads")
    })
}

/// The answer's status, headers and body as text.
struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send_to(site: Site, request: Request<Body>) -> Answer {
    let response = router(Arc::new(site)).oneshot(request).await.expect("an answer");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("a body");
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

async fn get(path: &str) -> Answer {
    send_to(site().clone(), Request::get(path).body(Body::empty()).unwrap()).await
}

async fn post_with(site: Site, path: &str, body: impl Into<Body>) -> Answer {
    let request = Request::post(path).header(header::CONTENT_TYPE, "application/json").body(body.into()).unwrap();
    send_to(site, request).await
}

async fn post(path: &str, body: Value) -> Answer {
    post_with(site().clone(), path, body.to_string()).await
}

fn shymkent() -> Value {
    json!([
        {"party": "Nur Otan", "votes": 261213},
        {"party": "Ak Zhol", "votes": "31 876"},
        {"party": "Auyl", "votes": "31.355"},
        {"party": "People's Party", "votes": 4351},
        {"party": "Adal", "votes": "3411"}
    ])
}

fn query(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const SHYMKENT_CSV: &str = include_str!("../../../datasets/examples/shymkent-2021.csv");
const HOSTILE: &str = "<img src=x onerror=alert(1)>";

fn seats_in(page: &str) -> Vec<u32> {
    page.split("data-seats=\"").skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect()
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    for path in ["/", "/calculator", "/api/maslihats", "/nowhere", "/assets/calculator.js"] {
        let answer = get(path).await;
        let csp = answer.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline'; img") || csp.contains("style-src"));
        assert!(!csp.split(';').any(|d| d.contains("script-src") && d.contains("unsafe-inline")), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(answer.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(answer.headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
    }
}

#[tokio::test]
async fn the_index_and_the_glossary_are_the_reports() {
    let index = get("/").await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(index.body, site().index());
    assert!(index.body.contains("elections/shymkent-city-2021/report.html"));
    assert_eq!(get("/index.html").await.body, index.body);
    assert!(get("/glossary.html").await.body.contains("Words used in this report"));
}

#[tokio::test]
async fn election_pages_are_the_reports_and_name_no_file() {
    let redirect = get("/election/shymkent-city-2021").await;
    assert_eq!(redirect.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(redirect.headers[header::LOCATION], "/election/shymkent-city-2021/");
    let page = get("/election/shymkent-city-2021/").await;
    assert_eq!(page.status, StatusCode::OK);
    let expected = site().source.election_page("shymkent-city-2021", maslihat_report::ElectionPage::Html).unwrap();
    assert_eq!(page.body, expected);
    assert_eq!(get("/elections/shymkent-city-2021/report.html").await.body, expected);
    let svg = get("/election/shymkent-city-2021/recomputed.svg").await;
    assert_eq!(svg.status, StatusCode::OK);
    assert!(svg.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("image/svg+xml"));
    for bad in [
        "/election/nowhere-2021/",
        "/election/shymkent-city-2021/..%2F..%2FCargo.toml",
        "/election/shymkent-city-2021/%2Fetc%2Fpasswd",
        "/elections/..%2F..%2F/report.html",
        "/election/shymkent-city-2021/elections.csv",
    ] {
        assert_eq!(get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn maslihat_pages_show_the_infobox_and_the_elections() {
    let list = get("/maslihats").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("/maslihat/karaganda-region"));
    let page = get("/maslihat/karaganda-region").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Karaganda"));
    assert!(page.body.contains("{{Infobox legislature"));
    assert!(page.body.contains("/election/karaganda-region-2021/"));
    assert!(page.body.contains("<svg"));
    assert_eq!(get("/maslihat/atlantis").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_calculator_allocates_a_pasted_table() {
    let empty = get("/calculator").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("<script src=\"/assets/calculator.js\" defer>"));
    let page = get(&format!("/calculator?table={}&rules=kz-2021&seats=30", query(SHYMKENT_CSV))).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(seats_in(&page.body), [24, 3, 3, 0, 0]);
    assert_eq!(page.body.matches("class=\"seat\"").count(), 30);
    assert!(page.body.contains("Margin of the composition"));
    assert!(page.body.contains("What if"));
    // Tabs and grouped thousands, without a header, as a spreadsheet copies them.
    let pasted = "Nur Otan\t261 213\nAk Zhol\t31 876\nAuyl\t31 355\nPeople's Party\t4 351\nAdal\t3 411\n";
    let page = get(&format!("/calculator?table={}&rules=kz-2021&seats=30", query(pasted))).await;
    assert_eq!(seats_in(&page.body), [24, 3, 3, 0, 0], "{}", page.body);
    // Semicolons and dots, as a European spreadsheet saves them.
    let pasted = "party;votes\nNur Otan;261.213\nAk Zhol;31.876\nAuyl;31.355\nPeople's Party;4.351\nAdal;3.411\n";
    let page = get(&format!("/calculator?table={}&rules=kz-2021&seats=30", query(pasted))).await;
    assert_eq!(seats_in(&page.body), [24, 3, 3, 0, 0]);
}

#[tokio::test]
async fn the_calculator_says_where_a_table_is_wrong() {
    let pasted = "Nur Otan\t261 213\nAk Zhol\tabc\nAuyl\t12,5\n";
    let page = get(&format!("/calculator?table={}&seats=30", query(pasted))).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("table:2:2"), "{}", page.body);
    assert!(page.body.contains("table:3:2"), "{}", page.body);
    let page = get(&format!("/calculator?table={}&seats=0", query(SHYMKENT_CSV))).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let page = get(&format!("/calculator?table={}&seats=30&method=nonsense", query(SHYMKENT_CSV))).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("<code>method</code>"));
    let long = "a,1\n".repeat(4_500);
    assert_eq!(get(&format!("/calculator?table={}&seats=3", query(&long))).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    let many: String = (0..300).map(|i| format!("list {i},{}\n", i + 1)).collect();
    assert_eq!(get(&format!("/calculator?table={}&seats=3", query(&many))).await.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_calculator_escapes_party_names_everywhere() {
    let table = format!("party,votes\n\"{HOSTILE}\",1000\nB,500\n");
    let q = format!("table={}&seats=5", query(&table));
    let page = get(&format!("/calculator?{q}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(HOSTILE));
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    for file in ["result.svg", "infobox.txt"] {
        let download = get(&format!("/calculator/{file}?{q}")).await;
        assert_eq!(download.status, StatusCode::OK);
        assert!(!download.body.contains(HOSTILE), "{file}: {}", download.body);
    }
}

#[tokio::test]
async fn the_calculator_starts_from_an_election_and_downloads() {
    let page = get("/calculator?election=shymkent-city-2021").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(seats_in(&page.body), [24, 3, 3, 0, 0]);
    assert_eq!(get("/calculator?election=atlantis-1999").await.status, StatusCode::BAD_REQUEST);
    let q = format!("table={}&rules=kz-2021&seats=30", query(SHYMKENT_CSV));
    for (file, kind) in [
        ("result.svg", "image/svg+xml"),
        ("result.csv", "text/csv"),
        ("result.json", "application/json"),
        ("infobox.txt", "text/plain"),
    ] {
        let answer = get(&format!("/calculator/{file}?{q}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{file}");
        assert!(answer.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind));
        assert!(answer.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains(file));
    }
    let json = get(&format!("/calculator/result.json?{q}")).await.json();
    assert_eq!(json["parties"][0]["seats"], 24);
    assert!(get(&format!("/calculator/infobox.txt?{q}")).await.body.contains("{{Infobox legislature"));
    assert_eq!(get(&format!("/calculator/passwd?{q}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get("/calculator/result.csv").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_script_is_a_file() {
    let script = get("/assets/calculator.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
    assert_eq!(get("/assets/server.css").await.status, StatusCode::OK);
}

#[tokio::test]
async fn allocate_answers_the_clis_json() {
    let answer = post("/api/allocate", json!({"seats": 30, "rules": "kz-2021", "parties": shymkent()})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let doc = answer.json();
    assert_eq!(doc["schema"], "maslihat.allocation/1");
    let seats: Vec<u64> = doc["parties"].as_array().unwrap().iter().map(|p| p["seats"].as_u64().unwrap()).collect();
    assert_eq!(seats, [24, 3, 3, 0, 0]);
    assert_eq!(doc["rules"]["preset"], "kz-2021");
    assert!(doc.get("explanation").is_none());
    let explained =
        post("/api/allocate", json!({"seats": 30, "rules": "kz-2021", "parties": shymkent(), "explain": true})).await;
    assert!(explained.json()["explanation"].as_str().unwrap().contains("quota"));
    let election = post("/api/allocate", json!({"election": "shymkent-city-2021"})).await;
    assert_eq!(election.status, StatusCode::OK);
    assert_eq!(election.json()["seats"], 30);
    let options = json!({"seats": 30, "method": "dhondt", "threshold": "5%", "threshold_base": "cast",
        "against_all": "1 000", "invalid": 20, "tie_break": "lot:7", "runner_up": "none", "parties": shymkent()});
    let answer = post("/api/allocate", options).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.json()["rules"]["threshold_base"], "cast");
}

#[tokio::test]
async fn allocate_refuses_bad_input_with_the_field() {
    let cases: Vec<(Value, StatusCode, Option<&str>)> = vec![
        (json!({"seats": 30, "parties": shymkent(), "file": "/etc/passwd"}), StatusCode::BAD_REQUEST, Some("file")),
        (json!({"seats": 0, "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("seats")),
        (json!({"seats": -3, "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("seats")),
        (json!({"seats": "thirty", "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("seats")),
        (json!({"seats": 10_001, "parties": shymkent()}), StatusCode::PAYLOAD_TOO_LARGE, Some("seats")),
        (json!({"parties": shymkent()}), StatusCode::BAD_REQUEST, Some("seats")),
        (json!({"seats": 30}), StatusCode::BAD_REQUEST, Some("parties")),
        (json!({"seats": 30, "parties": []}), StatusCode::BAD_REQUEST, Some("parties")),
        (
            json!({"seats": 30, "parties": [{"party": "A", "votes": "12,5"}]}),
            StatusCode::BAD_REQUEST,
            Some("parties[0].votes"),
        ),
        (
            json!({"seats": 30, "parties": [{"party": "A", "votes": -1}]}),
            StatusCode::BAD_REQUEST,
            Some("parties[0].votes"),
        ),
        (
            json!({"seats": 30, "parties": [{"party": "A", "votes": 1.5}]}),
            StatusCode::BAD_REQUEST,
            Some("parties[0].votes"),
        ),
        (json!({"seats": 30, "parties": [{"party": "A"}]}), StatusCode::BAD_REQUEST, Some("parties[0].votes")),
        (
            json!({"seats": 30, "parties": [{"party": "A", "share": 3.0, "votes": 1}]}),
            StatusCode::BAD_REQUEST,
            Some("parties[0].share"),
        ),
        (json!({"seats": 30, "method": "nonsense", "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("method")),
        (json!({"seats": 30, "rules": "kz-1999", "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("rules")),
        (json!({"seats": 30, "threshold": "7", "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("threshold")),
        (
            json!({"seats": 30, "threshold_base": "all", "parties": shymkent()}),
            StatusCode::BAD_REQUEST,
            Some("threshold_base"),
        ),
        (json!({"seats": 30, "tie_break": "coin", "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("tie_break")),
        (json!({"seats": 30, "runner_up": "d", "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("runner_up")),
        (
            json!({"seats": 30, "against_all": "many", "parties": shymkent()}),
            StatusCode::BAD_REQUEST,
            Some("against_all"),
        ),
        (json!({"seats": 30, "invalid": -2, "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("invalid")),
        (json!({"seats": 30, "runs": 10, "parties": shymkent()}), StatusCode::BAD_REQUEST, Some("runs")),
        (
            json!({"seats": 30, "parties": shymkent(), "election": "shymkent-city-2021"}),
            StatusCode::BAD_REQUEST,
            Some("election"),
        ),
        (json!({"election": "atlantis 1999"}), StatusCode::BAD_REQUEST, Some("election")),
        (
            json!({"seats": 30, "threshold": "90%", "runner_up": "none", "parties": shymkent()}),
            StatusCode::BAD_REQUEST,
            None,
        ),
        (
            json!({"seats": 2, "tie_break": "error", "parties": [{"party": "A", "votes": 10}, {"party": "B", "votes": 10}, {"party": "C", "votes": 10}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
        ),
    ];
    for (body, status, field) in cases {
        let answer = post("/api/allocate", body.clone()).await;
        assert_eq!(answer.status, status, "{body}: {}", answer.body);
        let doc = answer.json();
        assert!(doc["error"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
        assert_eq!(doc["field"].as_str(), field, "{body}: {}", answer.body);
    }
    let malformed = post_with(site().clone(), "/api/allocate", "{\"seats\": 30,").await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert!(malformed.json()["error"].as_str().unwrap().contains("not a valid request"));
    let not_json = post_with(site().clone(), "/api/allocate", "[1, 2]").await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    let wrong_method = get("/api/allocate").await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn the_limits_answer_413() {
    let small = site().clone().with_limits(Limits { body_bytes: 100, lists: 3, ..Limits::default() });
    let body = json!({"seats": 30, "parties": shymkent()}).to_string();
    let answer = post_with(small.clone(), "/api/allocate", body).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.json()["error"].as_str().unwrap().contains("larger"));
    let body = json!({"seats": 3, "parties": [{"party": "A", "votes": 1}, {"party": "B", "votes": 1}, {"party": "C", "votes": 1}, {"party": "D", "votes": 1}]});
    let answer =
        post_with(small.with_limits(Limits { lists: 3, ..Limits::default() }), "/api/allocate", body.to_string()).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json()["field"], "parties");
    let many: Vec<Value> = (0..201).map(|i| json!({"party": format!("L{i}"), "votes": i})).collect();
    assert_eq!(
        post("/api/allocate", json!({"seats": 30, "parties": many})).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn the_time_budget_answers_503() {
    let hurried = site().clone().with_limits(Limits { time: Duration::from_millis(1), ..Limits::default() });
    let body = json!({"seats": 500, "runs": 20_000, "parties": [{"party": "A", "share": 40}, {"party": "B", "share": 35}, {"party": "C", "share": 25}]});
    let answer = post_with(hurried, "/api/simulate", body.to_string()).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE, "{}", answer.body);
    assert!(answer.json()["error"].as_str().unwrap().contains("time budget"));
}

#[tokio::test]
async fn margins_answer_the_clis_json() {
    let answer = post("/api/margins", json!({"seats": 30, "rules": "kz-2021", "parties": shymkent()})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let doc = answer.json();
    assert_eq!(doc["schema"], "maslihat.margins/1");
    assert_eq!(doc["margins"]["lists"].as_array().unwrap().len(), 5);
    let refused = post("/api/margins", json!({"seats": 30, "explain": true, "parties": shymkent()})).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.json()["field"], "explain");
}

#[tokio::test]
async fn sweep_answers_the_clis_json_within_its_limit() {
    let answer = post(
        "/api/sweep",
        json!({"seats": "29-31", "methods": ["hare", "dhondt"], "thresholds": ["5%", "7%"], "parties": shymkent()}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let doc = answer.json();
    assert_eq!(doc["schema"], "maslihat.sweep/1");
    assert_eq!(doc["scenarios"].as_array().unwrap().len(), 12);
    let default = post("/api/sweep", json!({"election": "shymkent-city-2021"})).await;
    assert_eq!(default.status, StatusCode::OK);
    let big = post("/api/sweep", json!({"seats": "1-9000", "parties": shymkent()})).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(big.json()["field"], "seats");
    let bad = post("/api/sweep", json!({"seats": "30-20", "parties": shymkent()})).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = post("/api/sweep", json!({"seats": 30, "methods": ["coin"], "parties": shymkent()})).await;
    assert_eq!(bad.json()["field"], "methods");
}

#[tokio::test]
async fn simulate_answers_the_clis_json_within_its_limit() {
    let parties = json!([{"party": "A", "share": 40}, {"party": "B", "share": 35}, {"party": "C", "share": 25}]);
    let answer = post("/api/simulate", json!({"seats": 30, "runs": 200, "seed": 3, "parties": parties})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let doc = answer.json();
    assert_eq!(doc["schema"], "maslihat.projection/1");
    assert_eq!(doc["projection"]["runs"], 200);
    let again = post("/api/simulate", json!({"seats": 30, "runs": 200, "seed": 3, "parties": parties})).await;
    assert_eq!(again.body, answer.body, "seeded: the same answer");
    let too_many = post("/api/simulate", json!({"seats": 30, "runs": 1_000_000, "parties": parties})).await;
    assert_eq!(too_many.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_many.json()["field"], "runs");
    let no_share = post("/api/simulate", json!({"seats": 30, "parties": [{"party": "A"}]})).await;
    assert_eq!(no_share.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_share.json()["field"], "parties[0].share");
    let election = post("/api/simulate", json!({"election": "shymkent-city-2021", "runs": 100})).await;
    assert_eq!(election.status, StatusCode::OK, "{}", election.body);
}

#[tokio::test]
async fn the_dataset_api() {
    let list = get("/api/maslihats").await;
    assert_eq!(list.status, StatusCode::OK);
    let doc = list.json();
    assert_eq!(doc["maslihats"].as_array().unwrap().len(), site().source.dataset.bodies.len());
    let body = get("/api/maslihats/karaganda-region").await;
    assert_eq!(body.status, StatusCode::OK);
    assert!(body.json()["wikitext"].as_str().unwrap().contains("Infobox legislature"));
    assert_eq!(get("/api/maslihats/atlantis").await.status, StatusCode::NOT_FOUND);
    let election = get("/api/elections/shymkent-city-2021").await;
    assert_eq!(election.status, StatusCode::OK);
    assert_eq!(election.json()["allocation"]["schema"], "maslihat.allocation/1");
    let missing = get("/api/elections/atlantis-1999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.json()["error"].as_str().is_some());
    let nowhere = get("/api/nowhere").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert!(nowhere.json()["error"].as_str().is_some());
}

#[tokio::test]
async fn a_real_socket_serves_and_shuts_down() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(maslihat_web::serve(listener, Arc::new(site().clone()), async {
        let _ = stopped.await;
    }));
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream.write_all(b"GET /api/maslihats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let _ = Method::GET;
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
