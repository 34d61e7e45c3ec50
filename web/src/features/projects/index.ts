// What an opportunity page and the search results use of a project.
export { projectQueryOptions, useIsOwner, useMayEdit, useMyProjects, type Project } from './api/get-project';
export { ProjectSummary } from './components/project-summary';
