//! Where residents pay: a payment provider behind a trait (an iDEAL
//! provider such as Mollie or Adyen takes its place), and the local test
//! provider for development and tests, which keeps its payments in
//! Loket's database and shows its own checkout page. A provider's webhook
//! only says that a payment changed; its status is always asked of the
//! provider itself, so a forged notification changes nothing.

use std::{future::Future, pin::Pin};

use crate::backend::{db::{self, Db}, Error};

pub type PaymentFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// Where a payment stands at the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentStatus {
    Open,
    Paid,
    Failed,
    Cancelled,
    Expired,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 5] = [PaymentStatus::Open, PaymentStatus::Paid, PaymentStatus::Failed, PaymentStatus::Cancelled, PaymentStatus::Expired];

    pub fn code(self) -> &'static str {
        match self {
            PaymentStatus::Open => "open",
            PaymentStatus::Paid => "paid",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Cancelled => "cancelled",
            PaymentStatus::Expired => "expired",
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentStatus> {
        PaymentStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What Loket asks the provider to collect.
pub struct Checkout<'a> {
    pub amount_cents: i64,
    /// Shown on the provider's page and the bank statement (no personal data).
    pub description: &'a str,
    /// Where the provider sends the resident back.
    pub return_url: String,
    /// Where the provider says that something changed.
    pub webhook_url: String,
}

/// A payment the provider made: its reference, and the page where the resident pays.
pub struct Started {
    pub reference: String,
    pub checkout_url: String,
}

pub trait PaymentProvider: Send + Sync + 'static {
    /// The name kept with each payment (`test`, `mollie` ...).
    fn name(&self) -> &'static str;
    fn start<'a>(&'a self, checkout: &'a Checkout<'a>) -> PaymentFuture<'a, Started>;
    fn status<'a>(&'a self, reference: &'a str) -> PaymentFuture<'a, PaymentStatus>;
}

/// The local test provider: a checkout page at `/betalen/test/{reference}`
/// with "pay" and "do not pay"; development and tests only.
pub struct TestProvider {
    pub db: Db,
}

/// Where the test provider's checkout page lives.
pub fn test_checkout_path(reference: &str) -> String {
    format!("/betalen/test/{reference}")
}

#[derive(askama::Template)]
#[template(path = "payment/test_checkout.html")]
struct TestCheckoutPage<'a> {
    amount: String,
    description: &'a str,
    open: bool,
    return_url: &'a str,
}

impl TestProvider {
    /// The checkout page of one of its payments; `NotFound` for an unknown reference.
    pub async fn checkout_page(&self, reference: &str) -> Result<String, Error> {
        use askama::Template;
        let row = db::payment::find_test(&self.db, reference).await?.ok_or(Error::NotFound)?;
        let page = TestCheckoutPage {
            amount: crate::model::case::format_euros(row.amount_cents),
            description: &row.description,
            open: row.status == PaymentStatus::Open.code(),
            return_url: &row.return_url,
        };
        page.render().map_err(|_| Error::Internal("the test checkout page cannot be rendered"))
    }

    /// The tester chose to pay or not: records it, tells Loket's webhook
    /// (as a provider does, over HTTP), and gives the page to go back to.
    pub async fn decide(&self, reference: &str, paid: bool) -> Result<String, Error> {
        let row = db::payment::find_test(&self.db, reference).await?.ok_or(Error::NotFound)?;
        let status = if paid { PaymentStatus::Paid } else { PaymentStatus::Cancelled };
        if db::payment::decide_test(&self.db, reference, status.code()).await? {
            let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build().map_err(|_| Error::Internal("no HTTP client"))?;
            let notified = client.post(&row.webhook_url).form(&[("id", reference)]).send().await;
            if !notified.is_ok_and(|r| r.status().is_success()) {
                // A real provider tries again later; the return page says the payment is being processed.
                tracing::warn!("the test provider's webhook call failed");
            }
        }
        Ok(row.return_url)
    }
}

impl PaymentProvider for TestProvider {
    fn name(&self) -> &'static str {
        "test"
    }

    fn start<'a>(&'a self, checkout: &'a Checkout<'a>) -> PaymentFuture<'a, Started> {
        Box::pin(async move {
            let reference = format!("tp_{}", uuid::Uuid::new_v4().simple());
            let row = db::payment::TestPaymentRow {
                reference: reference.clone(),
                amount_cents: checkout.amount_cents,
                description: checkout.description.to_string(),
                return_url: checkout.return_url.clone(),
                webhook_url: checkout.webhook_url.clone(),
                status: PaymentStatus::Open.code().to_string(),
            };
            db::payment::insert_test(&self.db, &row, time::OffsetDateTime::now_utc()).await?;
            Ok(Started { checkout_url: test_checkout_path(&reference), reference })
        })
    }

    fn status<'a>(&'a self, reference: &'a str) -> PaymentFuture<'a, PaymentStatus> {
        Box::pin(async move {
            let row = db::payment::find_test(&self.db, reference).await?.ok_or(Error::NotFound)?;
            crate::backend::error::decode(&row.status, PaymentStatus::from_code, "a test payment has an unknown status")
        })
    }
}
