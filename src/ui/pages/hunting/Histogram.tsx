// Hits over time as plain bars: each bar names its bucket and count for screen readers and on hover; a click zooms in.
import { formatCount, formatTime } from '../../format';

export interface HistogramData {
  intervalMilliseconds: number;
  buckets: Array<{ key: number; count: number }>;
}

export function Histogram({ histogram, onZoom }: { histogram: HistogramData; onZoom: (from: number, to: number) => void }) {
  const highest = Math.max(1, ...histogram.buckets.map((bucket) => bucket.count));
  const first = histogram.buckets[0];
  const last = histogram.buckets[histogram.buckets.length - 1];
  return (
    <figure className="histogram" aria-label="Hits over time">
      <ul className="histogram-bars">
        {histogram.buckets.map((bucket) => {
          const label = `${formatCount(bucket.count)} hits from ${formatTime(bucket.key)} to ${formatTime(bucket.key + histogram.intervalMilliseconds)}`;
          return (
            <li key={bucket.key} className="histogram-bucket">
              <button
                type="button"
                className="histogram-bar"
                aria-label={label}
                title={label}
                disabled={bucket.count === 0}
                onClick={() => onZoom(bucket.key, bucket.key + histogram.intervalMilliseconds)}
              >
                <span style={{ height: `${bucket.count === 0 ? 0 : Math.max(2, (bucket.count / highest) * 100)}%` }} />
              </button>
            </li>
          );
        })}
      </ul>
      {first === undefined || last === undefined ? (
        <figcaption className="muted small">No hits in this range.</figcaption>
      ) : (
        <figcaption className="histogram-axis muted small">
          <span>{formatTime(first.key)}</span>
          <span>peak {formatCount(highest)} per bar</span>
          <span>{formatTime(last.key + histogram.intervalMilliseconds)}</span>
        </figcaption>
      )}
    </figure>
  );
}
