// Loaded lazily by a project's and an opportunity's page: "I am interested" and its answers.
export { InterestPanel } from './components/interest-panel';
