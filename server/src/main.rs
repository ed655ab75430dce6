//! `loket [serve]` runs the web server; `loket migrate` only applies
//! migrations; `loket config` prints the effective configuration (secrets
//! redacted).

use std::sync::Arc;

use anyhow::Context;
use app::backend::{clock::SystemClock, db::Db};
use server::{config::Config, startup, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::load().map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    match command.as_str() {
        "serve" => serve(config).await,
        "migrate" => {
            telemetry::init_logging(&config);
            let db = Db::connect(config.database_url(), 1).await?;
            db.migrate().await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        "config" => {
            println!("{config:#?}");
            Ok(())
        }
        other => anyhow::bail!("unknown command '{other}': use serve, migrate or config"),
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    telemetry::init_logging(&config);
    let loket = startup::build(&config, Arc::new(SystemClock)).await?;
    let listener = tokio::net::TcpListener::bind(config.listen).await.with_context(|| format!("binding {}", config.listen))?;
    let metrics_listener = tokio::net::TcpListener::bind(config.metrics_listen)
        .await
        .with_context(|| format!("binding the metrics address {}", config.metrics_listen))?;
    tracing::info!(address = %config.listen, metrics = %config.metrics_listen, database = ?loket.state.app.db.kind(), "Loket is listening");

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|stop| *stop).await;
    };
    let interval = std::time::Duration::from_secs(config.worker_interval_seconds.max(1));
    let jobs = startup::spawn_jobs(&loket, interval, || stopped(stop_rx.clone()));
    let web = axum::serve(listener, loket.router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(stopped(stop_rx.clone()));
    let metrics = axum::serve(metrics_listener, loket.metrics_router).with_graceful_shutdown(stopped(stop_rx));
    let signal = async move {
        startup::shutdown_signal().await;
        tracing::info!("stopping: finishing requests in flight");
        let _ = stop_tx.send(true);
        tokio::time::sleep(startup::SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        result = async { tokio::try_join!(web, metrics) } => { result?; }
        _ = signal => tracing::warn!("grace period over; stopping with requests still open"),
    }
    for job in jobs {
        let _ = job.await;
    }
    loket.state.app.db.close().await;
    tracing::info!("stopped");
    Ok(())
}
