/**
 * The wait before reconnect attempt number {@code attempt} (0-based): exponential from 500 ms, capped at 30 s,
 * with "full jitter" (a random point in [base/2, base]) so that many clients dropped together do not return together.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 16));
  return Math.round(base / 2 + random() * (base / 2));
}
