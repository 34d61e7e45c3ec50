// The search's cache keys (writes refresh the results) and its state in the address, which a
// saved search keeps.
export { searchKeys } from './api/search-requests';
export { searchOf, type SearchState } from './components/search-state';
