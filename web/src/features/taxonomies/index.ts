// The sector list on the home page. The taxonomies' data and pickers, which every feature
// uses, live in `src/lib/taxonomies` and `src/components/ui/code-select.tsx`.
export { SectorsRoute } from './routes/sectors-route';
