//! `loket [serve]` runs the web server; `loket migrate` only applies
//! migrations; `loket init <file>` sets up the municipality (name,
//! contact details, teams, case types) on a fresh database; `loket config`
//! prints the effective configuration (secrets redacted); `loket
//! bench-data [residents] [seed]` fills a development database with an
//! invented municipality for the benchmarks.

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
        "init" => {
            telemetry::init_logging(&config);
            let file = std::env::args().nth(2).context("usage: loket init <municipality.toml> (see config/municipality.example.toml)")?;
            use figment::providers::Format;
            let setup: app::model::municipality::Setup = figment::Figment::new()
                .merge(figment::providers::Toml::file_exact(&file))
                .extract()
                .with_context(|| format!("reading {file}"))?;
            let db = Db::connect(config.database_url(), 1).await?;
            db.migrate().await?;
            match app::backend::service::municipality::init(&db, &setup, time::OffsetDateTime::now_utc()).await {
                Ok(true) => println!("{} is set up", setup.name),
                Ok(false) => println!("a municipality with slug `{}` is set up already; nothing changed", setup.slug),
                Err(app::backend::Error::Validation(fields)) => {
                    let fields: Vec<_> = fields.iter().map(|f| format!("{} ({:?})", f.field, f.code)).collect();
                    anyhow::bail!("{file} is not complete: {}", fields.join(", "));
                }
                Err(e) => return Err(e.into()),
            }
            Ok(())
        }
        "bench-data" => bench_data(config).await,
        "config" => {
            println!("{config:#?}");
            Ok(())
        }
        other => anyhow::bail!("unknown command '{other}': use serve, migrate, init, bench-data or config"),
    }
}

/// `loket bench-data [residents] [seed]`: fills a development database
/// with an invented municipality for the benchmarks (100,000 residents
/// unless told), the same for the same seed, and says how long it took.
async fn bench_data(mut config: Config) -> anyhow::Result<()> {
    use app::backend::service::{bench_data, seed};
    // Bulk statements take over a second by design: not worth a warning each.
    config.log_filter = format!("{},sqlx::query=error", config.log_filter);
    telemetry::init_logging(&config);
    if config.environment == server::config::Environment::Production {
        anyhow::bail!("bench-data fills the database with invented residents: only with LOKET_ENVIRONMENT=development, on a database of its own");
    }
    let residents: u64 = std::env::args().nth(2).map(|n| n.parse()).transpose().context("usage: loket bench-data [residents] [seed]")?.unwrap_or(bench_data::FULL);
    let seed: u64 = std::env::args().nth(3).map(|n| n.parse()).transpose().context("usage: loket bench-data [residents] [seed]")?.unwrap_or(1);
    let db = Db::connect(config.database_url(), 4).await?;
    db.migrate().await?;
    let now = time::OffsetDateTime::now_utc();
    if config.seed_demo {
        seed::demo(&db, now).await?;
    }
    let report = match bench_data::generate(&db, residents, seed, now, |done| {
        if done % 10_000 == 0 || done == residents {
            eprintln!("{done} of {residents} residents");
        }
    })
    .await
    {
        Err(app::backend::Error::Conflict) => anyhow::bail!("this database holds generated residents already: generate into a fresh one"),
        other => other?,
    };
    let rows: u64 = report.tables.iter().map(|(_, n)| n).sum();
    println!("{:<16} {:>12}", "table", "rows");
    for (table, n) in &report.tables {
        println!("{table:<16} {n:>12}");
    }
    println!("{:<16} {rows:>12}  in {:.1} s ({:.0} rows/s, {:?})", "total", report.seconds, rows as f64 / report.seconds.max(0.001), db.kind());
    println!("(of which counting the statistics' figures: {:.1} s)", report.statistics_seconds);
    Ok(())
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
