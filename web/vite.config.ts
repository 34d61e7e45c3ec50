import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** The Rust API in development (`cargo run -p marcottage-api -- serve`) listens here by default. */
const apiTarget = process.env.MARCOTTAGE_API_URL ?? 'http://127.0.0.1:8080';

// The same proxy serves `vite` and `vite preview`, so a built SPA can reach a real API.
const proxy = Object.fromEntries(
  ['/api', '/healthz', '/readyz'].map((prefix) => [prefix, { target: apiTarget, changeOrigin: true }]),
);

/** The sections of `src/locales/<lang>.json` that the app shell and the public pages use. */
const SHELL_SECTIONS = ['app', 'language', 'status', 'sectors', 'notFound', 'account', 'notices'];
const SHELL_PREFIX = 'virtual:locale-shell/';

/**
 * `import texts from 'virtual:locale-shell/fr'` gives the shell's sections of `fr.json` as a
 * module of their own. A module lives in one chunk only: importing `fr.json` itself from the
 * entry would put every page's texts in the first download, whereas the lazy account pages
 * import the rest of the file (see src/lib/i18n.ts and src/lib/i18n-account.ts).
 */
function localeShell(): Plugin {
  return {
    name: 'marcottage:locale-shell',
    resolveId: (source) => (source.startsWith(SHELL_PREFIX) ? `\0${source}` : null),
    async load(id) {
      if (!id.startsWith(`\0${SHELL_PREFIX}`)) return null;
      const lang = id.slice(SHELL_PREFIX.length + 1);
      const file = fileURLToPath(new URL(`./src/locales/${lang}.json`, import.meta.url));
      this.addWatchFile(file);
      const texts = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      const missing = SHELL_SECTIONS.filter((section) => !(section in texts));
      if (missing.length > 0) this.error(`${file} lacks the sections ${missing.join(', ')}`);
      const shell = Object.fromEntries(SHELL_SECTIONS.map((section) => [section, texts[section]]));
      return `export default ${JSON.stringify(shell)};`;
    },
  };
}

export default defineConfig({
  plugins: [react(), localeShell()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { proxy },
  preview: { proxy },
  build: {
    target: 'es2022',
    // Members on metered 3G: warn when a chunk grows. The libraries' chunk is about 350 kB
    // minified (110 kB gzipped), two thirds of it react-dom.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: a separate chunk stays cached across releases.
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }] },
      },
    },
  },
  test: {
    environment: 'jsdom',
    environmentOptions: { jsdom: { url: 'http://localhost:5173/' } },
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
