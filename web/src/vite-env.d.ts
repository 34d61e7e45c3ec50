/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** The app shell's sections of a locale file (see `localeShell` in vite.config.ts). */
declare module 'virtual:locale-shell/*' {
  const texts: Record<string, Record<string, string>>;
  export default texts;
}

/** One feature's section of a locale file (see `localeModules` in vite.config.ts). */
declare module 'virtual:locale-section/*' {
  const texts: Record<string, unknown>;
  export default texts;
}
