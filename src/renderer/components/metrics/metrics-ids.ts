/** Kept out of the lazy chunk: the header's toggle names the view it controls. */
export const METRICS_VIEW_ID = 'metrics-view';
