// When is an hour's count unusual? Against the trailing 24 hourly counts of the same scope: at
// least a floor (a quiet board's first few posts are no emergency), at least three times the mean,
// and at least three standard deviations above it (a board that is always busy is not spiking).

export const BASELINE_HOURS = 24;

export interface SpikeVerdict {
  isSpike: boolean;
  mean: number;
  threshold: number;
}

export function spikeOf(observed: number, trailing: readonly number[], floor: number): SpikeVerdict {
  const hours = Math.max(trailing.length, 1);
  const mean = trailing.reduce((a, b) => a + b, 0) / hours;
  const variance = trailing.reduce((sum, value) => sum + (value - mean) ** 2, 0) / hours;
  const threshold = Math.max(floor, Math.ceil(3 * mean), mean + 3 * Math.sqrt(variance));
  return { isSpike: observed >= threshold, mean: Math.round(mean * 100) / 100, threshold };
}
