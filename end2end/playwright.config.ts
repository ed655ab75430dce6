// Browser tests: every page on a phone and a desktop viewport, with
// JavaScript on and off, against Loket on SQLite and (when
// E2E_POSTGRES_URL_PREFIX is set) on PostgreSQL. script/test builds Loket
// and sets LOKET_BIN; Playwright starts and stops the servers. Each
// project gets its own server and database, so tests that change demo
// data (sending a document) do not meet each other.
import { defineConfig, type Project } from '@playwright/test';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const bin = process.env.LOKET_BIN ?? path.join(root, 'target/debug/loket');
const scratch = process.env.E2E_SCRATCH_DIR ?? path.join(root, '.loket-tmp');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const databases: { name: string; url: (i: number) => string; port: number }[] = [
  { name: 'sqlite', url: (i) => `sqlite://${scratch}/e2e-sqlite-${i}.db`, port: 3110 },
];
const pgPrefix = process.env.E2E_POSTGRES_URL_PREFIX;
if (pgPrefix) {
  databases.push({ name: 'postgres', url: (i) => `${pgPrefix}${i}`, port: 3120 });
}

const viewports = [
  { name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
];

const interop = { port: 3102, providerPort: 3300 };
// Channels: a real SMTP server keeping mail in a maildir, and a stand-in
// for the WhatsApp and Twilio APIs (end2end/fake-providers.mjs).
export const channels = {
  smtpPort: 3525,
  maildir: path.join(scratch, 'maildir'),
  providersPort: 3400,
  whatsappSecret: 'e2e-app-secret',
  mailSecret: 'e2e-mail-secret',
  telephonySecret: 'e2e-telephony-secret',
};
const python = process.env.LOKET_TEST_PYTHON ?? 'python3';

const projects: Project[] = [];
const servers: { port: number; url: string }[] = [];
for (const db of databases) {
  let index = 0;
  for (const vp of viewports) {
    for (const js of [true, false]) {
      const port = db.port + index;
      servers.push({ port, url: db.url(index) });
      index += 1;
      projects.push({
        name: `${db.name}-${vp.name}-${js ? 'js' : 'nojs'}`,
        testIgnore: /interop\.spec\.ts/,
        use: {
          baseURL: `http://127.0.0.1:${port}`,
          viewport: vp.viewport,
          isMobile: vp.isMobile,
          hasTouch: vp.hasTouch,
          javaScriptEnabled: js,
        },
      });
    }
  }
}

// Login against a third-party provider (oidc-provider), with JavaScript on and off.
for (const js of [true, false]) {
  projects.push({
    name: `interop-desktop-${js ? 'js' : 'nojs'}`,
    testMatch: /interop\.spec\.ts/,
    use: { baseURL: `http://127.0.0.1:${interop.port}`, viewport: viewports[1].viewport, javaScriptEnabled: js },
  });
}

const loketServer = (port: number, databaseUrl: string, extraEnv: Record<string, string> = {}) => ({
  // What each server logs is kept: script/test scans it for personal data afterwards.
  command: `"${bin}" serve >> "${scratch}/loket-${port}.log"`,
  cwd: root,
  url: `http://127.0.0.1:${port}/readyz`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env: {
    DATABASE_URL: databaseUrl,
    // Production is Loket's default; the tests ask for the demo and the development provider.
    LOKET_ENVIRONMENT: 'development',
    LOKET_DEV_IDP: 'true',
    LOKET_SEED_DEMO: 'true',
    LOKET_PAYMENT_PROVIDER: 'test',
    LOKET_LISTEN: `127.0.0.1:${port}`,
    LOKET_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOKET_METRICS_LISTEN: `127.0.0.1:${port + 1000}`,
    LOKET_DOCUMENTS_DIR: `${scratch}/documents-${port}`,
    LOKET_LOG_FILTER: 'info,tower_http=debug,app=debug,server=debug,sqlx=warn',
    // Every test logs in from 127.0.0.1: a project's tests together start
    // more than the default 30 logins a minute from one address, and the
    // limit then refuses one (seen: 52 in a minute). The limit itself is
    // tested in server/tests/it.
    LOKET_LOGIN_RATE_PER_MINUTE: '100000',
    LOKET_SMTP_URL: `smtp://127.0.0.1:${channels.smtpPort}`,
    LOKET_MAIL_REPLY_TO: 'vragen@voorbeeld.example',
    LOKET_MAIL_WEBHOOK_SECRET: channels.mailSecret,
    LOKET_WHATSAPP_API_URL: `http://127.0.0.1:${channels.providersPort}/p${port}/v23.0`,
    LOKET_WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
    LOKET_WHATSAPP_ACCESS_TOKEN: 'e2e-token',
    LOKET_WHATSAPP_APP_SECRET: channels.whatsappSecret,
    LOKET_WHATSAPP_VERIFY_TOKEN: 'e2e-verify',
    LOKET_TWILIO_API_URL: `http://127.0.0.1:${channels.providersPort}/p${port}`,
    LOKET_TWILIO_ACCOUNT_SID: 'ACe2e',
    LOKET_TWILIO_AUTH_TOKEN: 'e2e-twilio-token',
    LOKET_TWILIO_FROM: '+3197010501234',
    LOKET_TELEPHONY_WEBHOOK_SECRET: channels.telephonySecret,
    ...extraEnv,
  },
});

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  // The longest flows (a resident and a colleague side by side, axe-core on
  // every page, JavaScript off) take 20-30 s alone and more with the other
  // servers and workers busy on 2 cores.
  timeout: 90_000,
  use: {
    locale: 'nl-NL',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects,
  webServer: [
    {
      command: `${python} -m aiosmtpd -n -l 127.0.0.1:${channels.smtpPort} -c aiosmtpd.handlers.Mailbox ${channels.maildir}`,
      port: channels.smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node fake-providers.mjs',
      cwd: __dirname,
      url: `http://127.0.0.1:${channels.providersPort}/ready`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { PORT: String(channels.providersPort) },
    },
    ...servers.map((s) => loketServer(s.port, s.url)),
    {
      command: 'node oidc-provider.mjs',
      cwd: __dirname,
      url: `http://127.0.0.1:${interop.providerPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { PORT: String(interop.providerPort), LOKET_URL: `http://127.0.0.1:${interop.port}` },
    },
    loketServer(interop.port, `sqlite://${scratch}/e2e-interop.db`, {
      LOKET_RESIDENT_ISSUER: `http://127.0.0.1:${interop.providerPort}`,
    }),
  ],
});
