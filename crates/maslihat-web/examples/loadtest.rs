//! A bounded load test of `maslihat serve` on loopback: the server and 32 keep-alive clients in
//! one process, 20 s on `POST /api/allocate` (a 6-list election), then 20 s on an election page.
//! It stops by itself and prints requests per second, p50/p99 latency, errors, and the
//! process's resident memory (VmRSS) before and after each phase.
//!
//! Run: `cargo run --release -p maslihat-web --example loadtest [-- SECONDS [CLIENTS]]`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use maslihat_web::{Limits, Site};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const ALLOCATE: &str = r#"{"seats":30,"rules":"kz-2021","parties":[{"party":"Nur Otan","votes":261213},{"party":"Ak Zhol","votes":31876},{"party":"Auyl","votes":31355},{"party":"People's Party","votes":4351},{"party":"Adal","votes":3411},{"party":"Baytaq","votes":2907}]}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let clients: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(32);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let site = Arc::new(Site::load(&dir, Limits::default()).expect("the bundled dataset loads"));
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a loopback port");
    let addr = listener.local_addr().expect("its address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(maslihat_web::serve(listener, site, async {
        let _ = stopped.await;
    }));
    println!("loopback {addr}, {clients} clients, {seconds} s per phase");
    let allocate = format!(
        "POST /api/allocate HTTP/1.1\r\nHost: l\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{ALLOCATE}",
        ALLOCATE.len()
    );
    let page = "GET /election/karaganda-region-2021/ HTTP/1.1\r\nHost: l\r\n\r\n".to_owned();
    for (name, request) in [("POST /api/allocate (6 lists)", allocate), ("GET /election/karaganda-region-2021/", page)]
    {
        let before = rss_kib();
        let (latencies, errors, elapsed) =
            runtime.block_on(phase(addr, request, clients, Duration::from_secs(seconds)));
        let after = rss_kib();
        report(name, &latencies, errors, elapsed, before, after);
    }
    let _ = stop.send(());
    let _ = runtime.block_on(server);
}

/// `clients` connections sending `request` over and over for `length`; every latency in µs.
async fn phase(
    addr: std::net::SocketAddr,
    request: String,
    clients: usize,
    length: Duration,
) -> (Vec<u32>, u64, Duration) {
    let request = Arc::new(request.into_bytes());
    let started = Instant::now();
    let deadline = started + length;
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let request = request.clone();
            tokio::spawn(async move { client(addr, &request, deadline).await })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (mine, failed) = task.await.expect("a client");
        latencies.extend(mine);
        errors += failed;
    }
    (latencies, errors, started.elapsed())
}

/// One keep-alive client until `deadline`: its latencies and its failed requests.
async fn client(addr: std::net::SocketAddr, request: &[u8], deadline: Instant) -> (Vec<u32>, u64) {
    let mut latencies = Vec::with_capacity(200_000);
    let mut errors = 0;
    let mut stream = TcpStream::connect(addr).await.expect("a connection");
    stream.set_nodelay(true).expect("nodelay");
    let mut buffer = vec![0u8; 256 * 1024];
    while Instant::now() < deadline {
        let sent = Instant::now();
        if stream.write_all(request).await.is_err() {
            errors += 1;
            break;
        }
        match read_response(&mut stream, &mut buffer).await {
            Some(200) => latencies.push(sent.elapsed().as_micros().min(u128::from(u32::MAX)) as u32),
            _ => errors += 1,
        }
    }
    (latencies, errors)
}

/// Reads one response (headers and a Content-Length body); its status.
async fn read_response(stream: &mut TcpStream, buffer: &mut [u8]) -> Option<u16> {
    let mut filled = 0;
    loop {
        let n = stream.read(&mut buffer[filled..]).await.ok()?;
        if n == 0 {
            return None;
        }
        filled += n;
        let Some(end) = buffer[..filled].windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = std::str::from_utf8(&buffer[..end]).ok()?;
        let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
        let length: usize = head
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))?
            .parse()
            .ok()?;
        let total = end + 4 + length;
        while filled < total {
            let n = stream.read(&mut buffer[filled..]).await.ok()?;
            if n == 0 {
                return None;
            }
            filled += n;
        }
        return Some(status);
    }
}

fn report(name: &str, latencies: &[u32], errors: u64, elapsed: Duration, before: u64, after: u64) {
    let mut sorted = latencies.to_vec();
    sorted.sort_unstable();
    let at = |q: f64| sorted.get(((sorted.len() as f64 - 1.0) * q) as usize).copied().unwrap_or(0);
    println!(
        "{name}: {} requests in {:.1} s = {:.0} req/s; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; errors {errors}; RSS {} MiB before, {} MiB after",
        sorted.len(),
        elapsed.as_secs_f64(),
        sorted.len() as f64 / elapsed.as_secs_f64(),
        f64::from(at(0.5)) / 1000.0,
        f64::from(at(0.99)) / 1000.0,
        f64::from(sorted.last().copied().unwrap_or(0)) / 1000.0,
        before / 1024,
        after / 1024
    );
}

/// The process's resident memory in KiB (VmRSS), 0 where /proc is missing.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("VmRSS:").map(|v| v.trim().trim_end_matches(" kB").trim().to_owned()))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
