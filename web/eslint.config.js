import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Boundaries (bulletproof-react): a feature uses another only through its public entry point,
// `@/features/<name>` (its index.ts); what several features share lives in src/components,
// src/lib or src/testing, which import no feature. The app composes the features: it may also
// load their route modules (`@/features/<name>/routes/...`) lazily, one chunk per page.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const leavingMessage =
  "A relative path leaves the feature: import another feature through '@/features/<name>', shared code from @/components, @/lib or @/testing.";

/** The dynamic `import()` of a path, which no-restricted-imports does not see. */
const dynamicImport = (regex, message) => ({
  selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\u002f')}/]`,
  message,
});

/**
 * In src/features/<own>: no deep path into another feature (statically or lazily), no import of
 * the app, no relative path out of the feature (from its index.ts, `../` already leaves it).
 */
const featureBoundary = (own) => {
  const internals = `^@/features/(?!${own}/)[^/]+/`;
  const internalsMessage = "Another feature's internals: import its public entry point '@/features/<name>' (its index.ts).";
  const rules = (leaving) => ({
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: internals, message: internalsMessage },
          { regex: '^@/app(/|$)', message: 'A feature does not import the app that composes it.' },
          { regex: leaving, message: leavingMessage },
        ],
      },
    ],
    'no-restricted-syntax': ['error', dynamicImport(internals, internalsMessage)],
  });
  return [
    { files: [`src/features/${own}/**/*.{ts,tsx}`], rules: rules('^\\.\\./\\.\\./') },
    { files: [`src/features/${own}/index.ts`], rules: rules('^\\.\\./') },
  ];
};

/** Shared code (src/components, src/lib): no feature, no app, no test helper. */
const sharedOut = '^(@/|(\\.\\./)+)(features|app|testing)(/|$)';
const sharedOutMessage = 'Shared code (src/components, src/lib) imports no feature, app or test helper.';

/** The app and the test helpers: a feature's entry point, or (for lazy pages) its route modules. */
const appDeep = '^@/features/[^/]+/(?!routes/)';
const appDeepMessage = "Import a feature through '@/features/<name>'; only its route modules may be loaded by path.";

export default defineConfig([
  globalIgnores(['dist', 'test-results', 'playwright-report', 'src/lib/api/schema.d.ts']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...features.flatMap(featureBoundary),
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: sharedOut,
              message: sharedOutMessage,
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', dynamicImport(sharedOut, sharedOutMessage)],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}', 'src/testing/**/*.{ts,tsx}', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: appDeep,
              message: appDeepMessage,
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', dynamicImport(appDeep, appDeepMessage)],
    },
  },
  {
    files: ['*.config.ts', 'e2e/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
]);
