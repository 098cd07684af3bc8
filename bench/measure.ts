export interface BenchResult {
  suite: string;
  metric: string;
  unit: 'ms' | 'rows/s' | 'MB';
  value: number;
  limit: number | null;
  n: number;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** Milliseconds for each call of `fn` over `inputs`. */
export function timeEach<T>(inputs: T[], fn: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const started = performance.now();
    fn(input);
    return performance.now() - started;
  });
}

export async function timeEachAsync<T>(inputs: T[], fn: (input: T) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await fn(input);
    samples.push(performance.now() - started);
  }
  return samples;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** p50/p95/p99 of our path beside the same percentiles of the physical limit. */
export function percentiles(suite: string, metric: string, ours: number[], limit: number[]): BenchResult[] {
  return [50, 95, 99].map((p) => ({
    suite,
    metric: `${metric}_p${p}`,
    unit: 'ms',
    value: round(percentile(ours, p)),
    limit: round(percentile(limit, p)),
    n: ours.length,
  }));
}
