import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { smtpPort } from './e2e/mailbox';

// End-to-end tests run the built app (web/dist) as the real API binary serves it, on a database
// of their own. Build both first: `cargo build -p marcottage-api` and `npm run build`.
const webDir = fileURLToPath(new URL('.', import.meta.url));
const binary = resolve(webDir, process.env.CARGO_TARGET_DIR ?? '../target', 'debug/marcottage');
const distDir = resolve(webDir, 'dist');
// Several checkouts on one machine each pick their own ports (MARCOTTAGE_E2E_PORT, _SMTP_PORT).
const port = Number(process.env.MARCOTTAGE_E2E_PORT ?? 18080);
const origin = `http://127.0.0.1:${port}`;

for (const [path, how] of [
  [binary, 'cargo build -p marcottage-api'],
  [join(distDir, 'index.html'), 'npm run build'],
]) {
  if (!existsSync(path!)) throw new Error(`e2e: ${path} is missing; run \`${how}\` first.`);
}

// Workers load this file again: the variable makes them share the main process's directory,
// which holds the database and the mail the SMTP sink (e2e/global-setup.ts) receives.
process.env.MARCOTTAGE_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'marcottage-e2e-'));
// SQLite by default; `MARCOTTAGE_E2E_DATABASE_URL` runs the same journeys on PostgreSQL.
const databaseUrl =
  process.env.MARCOTTAGE_E2E_DATABASE_URL ??
  `sqlite://${join(process.env.MARCOTTAGE_E2E_DIR, 'e2e.db')}?mode=rwc`;

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 1 : undefined,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: origin,
    locale: 'fr-FR',
    // The narrowest phones our members use.
    viewport: { width: 360, height: 740 },
    trace: 'retain-on-failure',
    // Debian's chromium: Playwright must never download a browser of its own here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `${binary} serve`,
    url: `${origin}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      MARCOTTAGE_BIND: `127.0.0.1:${port}`,
      MARCOTTAGE_DATABASE_URL: databaseUrl,
      MARCOTTAGE_WEB_DIR: distDir,
      // Links in e-mails point at the app under test; the mail goes to the sink.
      MARCOTTAGE_PUBLIC_URL: origin,
      MARCOTTAGE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=none`,
      // The webhook journey's receiver listens on this machine, which the server refuses to
      // reach unless told (SSRF guard).
      MARCOTTAGE_WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32',
    },
  },
});
