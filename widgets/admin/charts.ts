// The chart seam: index.ts hands over a loader for the few chart.js parts the results view draws,
// so chart.js is imported (and tree-shaken) in one place and only downloaded when results are shown.
import type { Chart, ChartConfiguration } from 'chart.js';

type ChartClass = typeof Chart;

let loader: (() => Promise<ChartClass>) | null = null;
let loading: Promise<ChartClass | null> | null = null;
let ChartCtor: ChartClass | null = null;

export function provideChart(load: () => Promise<ChartClass>): void {
  loader = load;
}

/** Loads chart.js once; null when no loader was provided or the chunk failed to load. */
export function loadChart(): Promise<ChartClass | null> {
  loading ??= loader
    ? loader().then(
        (loaded) => (ChartCtor = loaded),
        () => null,
      )
    : Promise.resolve(null);
  return loading;
}

export function chartReady(): boolean {
  return ChartCtor !== null;
}

/** Draws the config on the canvas, reusing the chart already there; null until chart.js is loaded. */
export function drawChart(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<'bar'> | ChartConfiguration<'line'>,
): Chart | null {
  if (!ChartCtor) return null;
  const existing = ChartCtor.getChart(canvas);
  if (existing && (existing.config as { type?: string }).type === config.type) {
    existing.data = config.data as Chart['data'];
    if (config.options) existing.options = config.options as Chart['options'];
    existing.update('none');
    return existing;
  }
  existing?.destroy();
  return new ChartCtor(canvas, config as ChartConfiguration);
}

export function destroyCharts(root: ParentNode): void {
  if (!ChartCtor) return;
  for (const canvas of root.querySelectorAll('canvas')) ChartCtor.getChart(canvas)?.destroy();
}
