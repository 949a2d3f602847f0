//! `maslihat serve`: the dataset's pages, the seat calculator and the JSON API over HTTP.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use maslihat_web::{Limits, Site, serve, shutdown_signal};

use crate::exit::Failure;

/// Serve the dataset's pages, a seat calculator and a JSON API over HTTP (see docs/web.md).
///
/// Pages: / (every election), /maslihats, /maslihat/ID, /election/ID/, /calculator. API:
/// POST /api/allocate, /api/margins, /api/sweep, /api/simulate; GET /api/maslihats,
/// /api/maslihats/ID, /api/elections/ID. Stops on Ctrl-C after the requests under way.
///
/// Example: maslihat serve --addr 127.0.0.1:8080
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; the default answers this machine only. Give 0.0.0.0:PORT to
    /// answer others (the server has no login: everything it serves is public data).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub data: crate::data::DataArgs,
}

pub fn run(args: &ServeArgs) -> crate::CmdResult {
    // Checks the folder and reports the dataset's errors as the other commands do.
    args.data.load()?;
    let dir = args.data.dir_path();
    let site = Site::load(&dir, Limits::default()).map_err(|err| Failure::Input(err.into()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr().context("the listening address")?;
        eprintln!(
            "maslihat serve: {} elections from {}, at http://{local}/ (calculator: http://{local}/calculator); \
             Ctrl-C stops",
            site.source.dataset.elections.len(),
            dir.display()
        );
        serve(listener, Arc::new(site), shutdown_signal()).await.context("the server stopped")?;
        Ok::<(), anyhow::Error>(())
    })?;
    Ok(())
}
