// An opportunity in a list (search results, matches).
export { OpportunitySummary } from './components/opportunity-summary';
