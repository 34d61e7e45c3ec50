// Fails when src/lib/api/schema.d.ts is not what `npm run generate:api` makes from ../openapi.yaml,
// so that a change to the API spec cannot land without the web client's types following it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(webDir, '../openapi.yaml');
const committed = resolve(webDir, 'src/lib/api/schema.d.ts');

if (!existsSync(spec)) {
  console.error(`check:api: ${spec} does not exist; generate it from the API first.`);
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'marcottage-check-api-'));
try {
  const fresh = join(scratch, 'schema.d.ts');
  const cli = resolve(webDir, 'node_modules/openapi-typescript/bin/cli.js');
  execFileSync(process.execPath, [cli, spec, '-o', fresh], { cwd: webDir, stdio: ['ignore', 'ignore', 'inherit'] });
  const current = existsSync(committed) ? readFileSync(committed, 'utf8') : '';
  if (readFileSync(fresh, 'utf8') !== current) {
    console.error(
      'check:api: web/src/lib/api/schema.d.ts is stale: it differs from what ../openapi.yaml generates.\n' +
        'Run `npm run generate:api` in web/ and commit the result.',
    );
    process.exit(1);
  }
  console.log('check:api: src/lib/api/schema.d.ts matches ../openapi.yaml');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
