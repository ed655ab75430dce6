//! The OpenID Connect relying party: authorization code flow with PKCE,
//! `state` and `nonce`, ID-token signature and claims checked against the
//! provider's published keys. The provider is found through discovery
//! from its issuer URL, lazily and cached, so Loket starts even when the
//! provider is briefly down.

use std::time::{Duration, Instant};

use openidconnect::{
    core::{CoreClient, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreResponseType},
    AdditionalClaims, AuthenticationContextClass, AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret,
    CsrfToken, EndSessionUrl, IdToken, IssuerUrl, LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tokio::sync::RwLock;

use crate::backend::auth::{loa::Loa, Audience};
use crate::backend::error::error_chain;

/// Where a provider is and who Loket is to it.
#[derive(Clone, Debug)]
pub struct ProviderSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// Loket's callback URL for this provider.
    pub redirect_url: String,
    /// Scopes besides `openid`.
    pub scopes: Vec<String>,
}

pub struct Provider {
    settings: ProviderSettings,
    http: reqwest::Client,
    metadata: RwLock<Option<(ProviderMetadataWithLogout, Instant)>>,
}

/// What Loket remembers (in the session) between sending the browser to
/// the provider and its return.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingLogin {
    pub audience: Audience,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// Local path to return to afterwards.
    pub next: String,
    /// A level asked for up front (step-up for a sensitive page).
    pub min_loa: Option<Loa>,
}

/// Claims beyond the standard ones, kept as the provider sent them: which
/// claim carries the BSN, level or roles is configuration.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ExtraClaims(pub serde_json::Map<String, serde_json::Value>);
impl AdditionalClaims for ExtraClaims {}

pub type LoketIdToken =
    IdToken<ExtraClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// A login whose ID token was verified.
#[derive(Debug)]
pub struct VerifiedLogin {
    pub subject: String,
    /// The `acr` claim, when the provider sends one.
    pub acr: Option<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub name: Option<String>,
    /// The standard `email` claim: where a staff member gets reminders.
    pub email: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("provider unreachable or misconfigured: {0}")]
    Provider(String),
    #[error("state does not match")]
    State,
    #[error("token request refused: {0}")]
    Token(String),
    #[error("ID token invalid: {0}")]
    IdToken(String),
}

const METADATA_TTL: Duration = Duration::from_secs(3600);

impl Provider {
    pub fn new(settings: ProviderSettings) -> Result<Provider, LoginError> {
        let http = reqwest::Client::builder()
            // Following redirects from a provider would open a path for request forgery.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| LoginError::Provider(e.to_string()))?;
        Ok(Provider { settings, http, metadata: RwLock::new(None) })
    }

    pub fn issuer(&self) -> &str {
        &self.settings.issuer
    }

    async fn metadata(&self) -> Result<ProviderMetadataWithLogout, LoginError> {
        if let Some((metadata, fetched)) = self.metadata.read().await.as_ref()
            && fetched.elapsed() < METADATA_TTL
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| LoginError::Provider(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| LoginError::Provider(error_chain(&e)))?;
        *self.metadata.write().await = Some((metadata.clone(), Instant::now()));
        Ok(metadata)
    }

    fn client(
        &self,
        metadata: ProviderMetadataWithLogout,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        LoginError,
    > {
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone()).map_err(|e| LoginError::Provider(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }

    /// The provider URL to send the browser to, and what to remember until it returns.
    pub async fn start(&self, audience: Audience, next: String, min_loa: Option<Loa>) -> Result<(String, PendingLogin), LoginError> {
        let client = self.client(self.metadata().await?)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(AuthenticationFlow::<CoreResponseType>::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if let Some(loa) = min_loa {
            request = request.add_auth_context_value(AuthenticationContextClass::new(loa.context_class().to_string()));
        }
        let (url, state, nonce) = request.url();
        let pending = PendingLogin {
            audience,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            next,
            min_loa,
        };
        Ok((url.to_string(), pending))
    }

    /// Exchanges the code and verifies the ID token (signature, issuer,
    /// audience, expiry against `now`, nonce).
    pub async fn finish(&self, pending: &PendingLogin, code: &str, state: &str, now: OffsetDateTime) -> Result<VerifiedLogin, LoginError> {
        if !super::constant_time_eq(state.as_bytes(), pending.state.as_bytes()) {
            return Err(LoginError::State);
        }
        let client = self.client(self.metadata().await?)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| LoginError::Provider(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| LoginError::Token(error_chain(&e)))?;
        let raw = response.id_token().ok_or_else(|| LoginError::IdToken("no ID token".into()))?.to_string();
        let id_token: LoketIdToken = raw.parse().map_err(|e: serde_json::Error| LoginError::IdToken(e.to_string()))?;
        let now = chrono::DateTime::from_timestamp(now.unix_timestamp(), 0).unwrap_or_default();
        let verifier = client.id_token_verifier().set_time_fn(move || now);
        let claims = id_token
            .claims(&verifier, &Nonce::new(pending.nonce.clone()))
            .map_err(|e| LoginError::IdToken(error_chain(&e)))?;
        Ok(VerifiedLogin {
            subject: claims.subject().to_string(),
            acr: claims.auth_context_ref().map(|acr| acr.to_string()),
            extra: claims.additional_claims().0.clone(),
            name: claims.name().and_then(|n| n.get(None)).map(|n| n.to_string()),
            email: claims.email().map(|e| e.to_string()),
        })
    }

    /// Where to send the browser to end the provider's session too, if it
    /// supports RP-initiated logout. Without an ID token hint (Loket does
    /// not keep the token) the provider may ask the person to confirm.
    pub async fn logout_url(&self, after: &str) -> Option<String> {
        let metadata = self.metadata().await.ok()?;
        let endpoint: EndSessionUrl = metadata.additional_metadata().end_session_endpoint.clone()?;
        let after = PostLogoutRedirectUrl::new(after.to_string()).ok()?;
        Some(
            LogoutRequest::from(endpoint)
                .set_client_id(ClientId::new(self.settings.client_id.clone()))
                .set_post_logout_redirect_uri(after)
                .http_get_url()
                .to_string(),
        )
    }
}
