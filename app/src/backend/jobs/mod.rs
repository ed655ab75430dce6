//! Background work: one small runner ([`run`]) and one file per job.
//! Every node runs every job; each job claims its own work so that two
//! nodes never do one piece twice (notices by a lease, reminders and
//! relocations by a conditional update in the transaction that acts).
//! A failed round is logged and tried again after a backoff: a job's loop
//! only ends when the process stops. Jobs call the same services pages
//! call, and apply their effects the same way.

pub mod callback_reminder;
pub mod case_sync;
pub mod data_export;
pub mod notice_delivery;
pub mod orphan_sweep;
pub mod publication;
pub mod relocation;
pub mod retention;
pub mod session_sweep;
pub mod statistics;
pub mod todo_reminder;

use std::{future::Future, pin::Pin, sync::Arc, time::Duration};

use tokio::sync::Notify;

use crate::backend::{error::error_chain, Error};

/// One round of a job: does what is due now.
pub trait Job: Send + Sync + 'static {
    /// For the log: `notice_delivery`, `relocation` ...
    fn name(&self) -> &'static str;
    fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>>;
}

/// When a job runs: every `interval`, and at once when `wake` is notified.
pub struct Schedule {
    pub interval: Duration,
    pub wake: Option<Arc<Notify>>,
}

/// The pause after `failures` failed rounds in a row: doubling from one
/// second up to `interval` (a broken database is not hammered, and work
/// resumes soon after it is back).
pub fn backoff(failures: u32, interval: Duration) -> Duration {
    Duration::from_secs(1u64 << failures.saturating_sub(1).min(16)).min(interval)
}

/// Runs `job` by `schedule` until `shutdown` resolves. A failure is
/// logged once with its causes and retried; it never ends the loop.
pub async fn run(job: Arc<dyn Job>, schedule: Schedule, shutdown: impl Future<Output = ()>) {
    tokio::pin!(shutdown);
    let mut failures = 0u32;
    loop {
        let pause = match job.round().await {
            Ok(()) => {
                failures = 0;
                schedule.interval
            }
            Err(error) => {
                failures = failures.saturating_add(1);
                tracing::warn!(job = job.name(), failures, error = %error_chain(&error), "job round failed; trying again");
                backoff(failures, schedule.interval)
            }
        };
        let woken = async {
            match &schedule.wake {
                Some(wake) => wake.notified().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = &mut shutdown => return,
            _ = woken => {}
            _ = tokio::time::sleep(pause) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use tokio::sync::mpsc;

    use super::*;

    /// Fails its first `failing` rounds, then succeeds; reports each round.
    struct Flaky {
        rounds: AtomicU32,
        failing: u32,
        report: mpsc::UnboundedSender<bool>,
    }

    impl Job for Flaky {
        fn name(&self) -> &'static str {
            "flaky"
        }
        fn round(&self) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send + '_>> {
            Box::pin(async move {
                let ok = self.rounds.fetch_add(1, Ordering::SeqCst) >= self.failing;
                let _ = self.report.send(ok);
                if ok { Ok(()) } else { Err(Error::Internal("the database is away")) }
            })
        }
    }

    fn flaky(failing: u32) -> (Arc<Flaky>, mpsc::UnboundedReceiver<bool>) {
        let (report, rounds) = mpsc::unbounded_channel();
        (Arc::new(Flaky { rounds: AtomicU32::new(0), failing, report }), rounds)
    }

    async fn next(rounds: &mut mpsc::UnboundedReceiver<bool>) -> bool {
        tokio::time::timeout(Duration::from_secs(10), rounds.recv()).await.expect("a round within 10 s").expect("the job runs")
    }

    #[tokio::test]
    async fn a_failed_round_is_retried_and_never_ends_the_loop() {
        let (job, mut rounds) = flaky(2);
        let stop = Arc::new(Notify::new());
        let stopped = stop.clone();
        // A short interval: the backoff after a failure never waits longer than it.
        let schedule = Schedule { interval: Duration::from_millis(20), wake: None };
        let runner = tokio::spawn(run(job, schedule, async move { stopped.notified().await }));
        assert_eq!([next(&mut rounds).await, next(&mut rounds).await, next(&mut rounds).await, next(&mut rounds).await], [false, false, true, true]);
        stop.notify_one();
        runner.await.unwrap();
    }

    #[tokio::test]
    async fn a_wake_runs_a_round_at_once() {
        let (job, mut rounds) = flaky(0);
        let (wake, stop) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        let stopped = stop.clone();
        let schedule = Schedule { interval: Duration::from_secs(3600), wake: Some(wake.clone()) };
        let runner = tokio::spawn(run(job, schedule, async move { stopped.notified().await }));
        assert!(next(&mut rounds).await, "the first round runs at start");
        wake.notify_one();
        assert!(next(&mut rounds).await, "woken long before the hour is over");
        stop.notify_one();
        runner.await.unwrap();
    }

    #[test]
    fn backoff_doubles_up_to_the_interval() {
        let minute = Duration::from_secs(60);
        assert_eq!(backoff(1, minute), Duration::from_secs(1));
        assert_eq!(backoff(3, minute), Duration::from_secs(4));
        assert_eq!(backoff(30, minute), minute);
        assert_eq!(backoff(3, Duration::from_millis(20)), Duration::from_millis(20));
    }
}
