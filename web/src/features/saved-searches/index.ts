// Loaded lazily by the search page: "save this search".
export { SaveSearch } from './components/save-search';
