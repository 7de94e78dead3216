import type { CostLine } from '../types.js';

// Fixed locale: output must not depend on the machine that renders it.
const USD = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** `$1,234.50` for a monthly amount in US dollars. */
export function formatUsd(amount: number): string {
  return USD.format(amount);
}

/** A signed change such as `+$120.00`, `-$8.40` or `±$0.00`. */
export function formatUsdDelta(delta: number): string {
  const rounded = Math.round(delta * 100) / 100;
  if (rounded === 0) return `±${formatUsd(0)}`;
  return `${rounded > 0 ? '+' : '-'}${formatUsd(Math.abs(rounded))}`;
}

/** The sum of the plan's cost lines, as a cost line named `(total)`. */
export function costTotal(lines: readonly CostLine[]): CostLine {
  return lines.reduce<CostLine>(
    (total, line) => ({
      name: '(total)',
      liveMonthlyUsd: total.liveMonthlyUsd + line.liveMonthlyUsd,
      desiredMonthlyUsd: total.desiredMonthlyUsd + line.desiredMonthlyUsd,
    }),
    { name: '(total)', liveMonthlyUsd: 0, desiredMonthlyUsd: 0 },
  );
}
