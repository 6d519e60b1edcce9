/**
 * Runs `task` every `intervalMs` without keeping the process alive; failures go to `onError` and
 * the next run happens as usual. Returns the function that stops it. (With Redis, [scale] moves
 * these onto a shared queue so one instance runs each schedule.)
 */
export function runPeriodically(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => void {
  const timer = setInterval(() => void task().catch(onError), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
