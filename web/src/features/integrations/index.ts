// An organisation's integration settings (API keys): the app reaches them through their route
// (see src/app/routes.tsx); nothing else is shared yet.
export {};
