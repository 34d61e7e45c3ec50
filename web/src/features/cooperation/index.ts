// Decentralised cooperation: its pages are loaded lazily by the app (routes/...); nothing else
// is shared with other features yet.
export {};
