// Calls for projects, applications and their review, a project's financing and results: the
// app reaches them through their routes (see src/app/routes.tsx); nothing else is shared yet.
export {};
