// A third-party, OpenID-certified provider (panva's oidc-provider) for the
// interoperability tests: Loket must log residents in against it exactly
// as against a DigiD broker. Its development login pages accept any
// login name; the demo account carries a BSN and a level of assurance.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT ?? 3300);
const loket = process.env.LOKET_URL ?? 'http://127.0.0.1:3102';

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'loket',
      token_endpoint_auth_method: 'none',
      redirect_uris: [`${loket}/auth/resident/callback`],
      post_logout_redirect_uris: [`${loket}/uitgelogd`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  scopes: ['openid', 'bsn'],
  claims: { openid: ['sub'], bsn: ['bsn', 'loa'] },
  // Brokers put the BSN in the ID token; so does this one.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, bsn: '999990019', loa: 'substantieel' }),
  }),
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider on http://127.0.0.1:${port}`));
