import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The port of the SMTP sink that e2e/global-setup.ts starts (plain SMTP, no TLS, no auth). */
export const smtpPort = Number(process.env.MARCOTTAGE_E2E_SMTP_PORT ?? 2525);

/** One message the API sent during the run. */
export interface Mail {
  to: string[];
  from: string | null;
  subject: string;
  text: string;
  receivedAt: string;
}

/** Where the sink writes the messages: inside the run's directory (see playwright.config.ts). */
export function mailDir(): string {
  const runDir = process.env.MARCOTTAGE_E2E_DIR;
  if (!runDir) throw new Error('e2e: MARCOTTAGE_E2E_DIR is not set; run the tests through playwright.config.ts');
  return join(runDir, 'mail');
}

function readMails(): Mail[] {
  const dir = mailDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Mail);
}

/**
 * Waits for a message to `to` whose subject matches, and returns the latest such one. The API
 * sends mail from a background worker, about a second after the request.
 */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 15_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails()
      .filter((mail) => mail.to.includes(to.toLowerCase()) && subject.test(mail.subject))
      .at(-1);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = readMails().map((mail) => `${mail.to.join(', ')}: ${mail.subject}`);
      throw new Error(`e2e: no mail to ${to} matching ${subject} within ${timeoutMs} ms; received: ${seen.join(' | ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`e2e: no link starting with ${prefix} in:\n${mail.text}`);
  return link;
}
