import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mailDir, smtpPort } from './mailbox';

/**
 * A local SMTP sink for the API under test: plain SMTP without TLS or authentication, which
 * writes every message it receives as a JSON file into the run's mail directory, where the
 * tests (in other processes) read them. Returns the teardown that stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mailDir();
  mkdirSync(dir, { recursive: true });
  let received = 0;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideSTARTTLS: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const file = join(dir, `${Date.now()}-${++received}.json`);
          const message = {
            // The envelope says who it was delivered to, whatever the headers claim.
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            receivedAt: new Date().toISOString(),
          };
          // Written aside, then renamed: a reader never sees half a message.
          writeFileSync(`${file}.part`, JSON.stringify(message, null, 2));
          renameSync(`${file}.part`, file);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`e2e: the SMTP sink cannot listen on 127.0.0.1:${smtpPort}: ${error.message}`)),
    );
    server.listen(smtpPort, '127.0.0.1', () => resolve());
  });

  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
