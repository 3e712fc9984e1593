// Date-histogram intervals: the "nice" interval that gives about the wanted number of bars over a time span.

const niceIntervalsMilliseconds = [
  1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
  86_400_000, 604_800_000, 2_592_000_000, 31_536_000_000,
];

export function autoIntervalMilliseconds(spanMilliseconds: number, targetBuckets = 60): number {
  const wanted = Math.max(1, spanMilliseconds) / Math.max(1, targetBuckets);
  return niceIntervalsMilliseconds.find((interval) => interval >= wanted) ?? (niceIntervalsMilliseconds.at(-1) as number);
}
