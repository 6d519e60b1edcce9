/**
 * Runs `task` every `intervalMs` without keeping the process alive; failures go to `onError` and
 * the next run happens as usual. Returns the function that stops it. This is the in-process
 * schedule; jobs schedule through `JobQueue.schedule` so that with Redis one instance runs each.
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
