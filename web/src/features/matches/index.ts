// Loaded lazily: "for you" on the home page, the matches of a project or an opportunity.
export { ForYou } from './components/for-you';
export { MatchesPanel } from './components/matches-panel';
