// Live updates re-check access for every event they deliver: a member removed from a private
// board, or a reader of a thread moved into one, must stop hearing of it (issue #21). The first
// refused event ends the subscription (the client sees it complete), so nothing after it leaks.
export async function* whileAllowed<T>(
  events: AsyncIterableIterator<T>,
  mayReceive: () => Promise<boolean>,
): AsyncGenerator<T> {
  try {
    for await (const event of events) {
      if (!(await mayReceive())) return;
      yield event;
    }
  } finally {
    await events.return?.();
  }
}
