// Fresh DataLoaders per request: field resolvers ask for rows by id and get one batched query
// per kind of row, never one query per row, and nothing is cached across requests.
import DataLoader from 'dataloader';

export interface LoaderHolder {
  loaders?: Map<string, DataLoader<unknown, unknown>>;
}

/** The request's loader for `key`, created on first use with `batch`. */
export function requestLoader<K, V>(
  holder: LoaderHolder,
  key: string,
  batch: (keys: readonly K[]) => Promise<(V | null)[]>,
): DataLoader<K, V | null> {
  holder.loaders ??= new Map();
  let loader = holder.loaders.get(key) as DataLoader<K, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V | null>(batch, { maxBatchSize: 500 });
    holder.loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Orders rows found by id in the order the loader asked for them; missing ones become null. */
export function byIds<V>(ids: readonly string[], rows: readonly V[], idOf: (row: V) => string): (V | null)[] {
  const found = new Map(rows.map((row) => [idOf(row), row]));
  return ids.map((id) => found.get(id) ?? null);
}
