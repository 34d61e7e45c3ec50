import { rmSync } from 'node:fs';

/** Removes the run's database directory (made in playwright.config.ts). */
export default function globalTeardown() {
  const dir = process.env.MARCOTTAGE_E2E_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
