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
const SHELL_SECTIONS = ['app', 'nav', 'language', 'status', 'sectors', 'notFound', 'account', 'notices'];
const SHELL_PREFIX = 'virtual:locale-shell/';
/** Sections that load with their feature's pages, each as a module of its own. */
const FEATURE_SECTIONS = ['organisations', 'marketplace', 'contacts', 'cooperation', 'funding', 'integrations'];
const SECTION_PREFIX = 'virtual:locale-section/';

async function readTexts(lang: string, addWatchFile: (file: string) => void) {
  const file = fileURLToPath(new URL(`./src/locales/${lang}.json`, import.meta.url));
  addWatchFile(file);
  return { file, texts: JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> };
}

/**
 * `import texts from 'virtual:locale-shell/fr'` gives the shell's sections of `fr.json` as a
 * module of their own, and `virtual:locale-section/organisations/fr` the one section of a
 * feature. A module lives in one chunk only: importing `fr.json` itself from the entry would put
 * every page's texts in the first download, whereas the lazy account pages import the rest of
 * the file (see src/lib/i18n.ts, src/lib/i18n-account.ts and src/lib/i18n-organisations.ts).
 */
function localeModules(): Plugin {
  return {
    name: 'marcottage:locale-modules',
    resolveId: (source) =>
      source.startsWith(SHELL_PREFIX) || source.startsWith(SECTION_PREFIX) ? `\0${source}` : null,
    async load(id) {
      const watch = (file: string) => this.addWatchFile(file);
      if (id.startsWith(`\0${SHELL_PREFIX}`)) {
        const { file, texts } = await readTexts(id.slice(SHELL_PREFIX.length + 1), watch);
        const missing = SHELL_SECTIONS.filter((section) => !(section in texts));
        if (missing.length > 0) this.error(`${file} lacks the sections ${missing.join(', ')}`);
        const shell = Object.fromEntries(SHELL_SECTIONS.map((section) => [section, texts[section]]));
        return `export default ${JSON.stringify(shell)};`;
      }
      if (id.startsWith(`\0${SECTION_PREFIX}`)) {
        const [section = '', lang = ''] = id.slice(SECTION_PREFIX.length + 1).split('/');
        if (!FEATURE_SECTIONS.includes(section)) this.error(`${section} is not listed in FEATURE_SECTIONS`);
        const { file, texts } = await readTexts(lang, watch);
        if (!(section in texts)) this.error(`${file} lacks the section ${section}`);
        return `export default ${JSON.stringify(texts[section])};`;
      }
      return null;
    },
  };
}

export default defineConfig({
  plugins: [react(), localeModules()],
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
        // The chart and map libraries (recharts and what it brings, d3, the country shapes) serve
        // the cooperation pages only: they stay out of the vendor chunk of every first download
        // and go with those pages' lazy chunks.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/](?!(recharts|victory-vendor|d3-[^\\/]+|internmap|topojson-client|world-atlas|@reduxjs|react-redux|redux|redux-thunk|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant)[\\/])/,
            },
          ],
        },
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
