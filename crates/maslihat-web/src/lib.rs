//! `maslihat serve`: the dataset's pages (the report's own, rendered once at startup), a seat
//! calculator and a JSON API over HTTP, on `axum` and `tokio`.
//!
//! - [`Site`] is the dataset and its rendered pages; [`router`] every route over it.
//! - [`serve`] answers on a listener until a shutdown signal, then finishes the requests under
//!   way.
//!
//! Safe by default: the CLI binds to loopback; every request is within [`Limits`] (body size,
//! lists, seats, sweep scenarios, simulation runs, time); no request names a file; every user
//! text is escaped by the report's escaping; every answer carries a Content-Security-Policy
//! without inline script, `X-Content-Type-Options: nosniff` and `X-Frame-Options: DENY`.

mod api;
mod app;
pub mod calculator;
mod error;
mod pages;
pub mod request;
mod site;

use std::future::Future;
use std::sync::Arc;

pub use app::{CONTENT_SECURITY_POLICY, router};
pub use error::ApiError;
pub use request::Limits;
pub use site::{Site, SiteError};

/// Serves `site` on `listener` until `shutdown` completes, then lets the requests under way
/// finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    site: Arc<Site>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(site)).with_graceful_shutdown(shutdown).await
}

/// Completes on Ctrl-C (SIGINT), or SIGTERM on Unix.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests under way");
}
