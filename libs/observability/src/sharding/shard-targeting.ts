// Whether a database command can be routed to one shard (or the few owning its keys): its filter
// pins the first field of the collection's shard key with an equality or $in. Shard keys are
// declared on the schemas (`@Schema({ shardKey })`, which mongoose also adds to save() filters);
// docs/sharding.md explains each choice.
import type { Connection } from 'mongoose';

export type ShardKey = Record<string, 1 | 'hashed'>;

/**
 * Collections whose documents clients name by id alone (a thread link, the post a vote is for):
 * such a lookup broadcasts to every shard, each answering from its _id index. Everything else a
 * page loads afterwards must carry the key.
 */
export const ID_LOOKUPS_ALLOWED = new Set(['threads', 'posts']);

/** The shard key of every model registered on the connection, by collection name. */
export function declaredShardKeys(connection: Connection): Map<string, ShardKey> {
  const keys = new Map<string, ShardKey>();
  for (const model of Object.values(connection.models)) {
    const key = model.schema.get('shardKey') as ShardKey | undefined;
    if (key) keys.set(model.collection.collectionName, key);
  }
  return keys;
}

function isPlainValue(value: unknown): boolean {
  return typeof value !== 'object' || value === null || value instanceof Date || '_bsontype' in value;
}

/** Whether `filter` restricts `field` to one value or a list of values. */
export function pins(filter: unknown, field: string): boolean {
  if (!filter || typeof filter !== 'object') return false;
  const record = filter as Record<string, unknown>;
  if (Array.isArray(record.$and) && record.$and.some((part) => pins(part, field))) return true;
  if (!(field in record)) return false;
  const condition = record[field];
  if (isPlainValue(condition)) return true;
  const operators = condition as Record<string, unknown>;
  return '$eq' in operators || Array.isArray(operators.$in);
}

/** The filters a command routes by (one per statement for update and delete). */
function routingFilters(name: string, command: Record<string, any>): Record<string, unknown>[] | undefined {
  switch (name) {
    case 'find':
    case 'count':
    case 'distinct':
      return [command.filter ?? command.query ?? {}];
    case 'aggregate':
      return [command.pipeline?.[0]?.$match ?? {}];
    case 'findAndModify':
      return [command.query ?? {}];
    case 'update':
      return (command.updates ?? []).map((u: { q: Record<string, unknown> }) => u.q);
    case 'delete':
      return (command.deletes ?? []).map((d: { q: Record<string, unknown> }) => d.q);
    case 'insert':
      return command.documents ?? [];
    default:
      return undefined;
  }
}

/** A description of each statement of `command` that no shard key routes, or [] when all are routed. */
export function untargetedStatements(
  name: string,
  command: Record<string, any>,
  keys: Map<string, ShardKey>,
): string[] {
  const collection = String(command[name]);
  const key = keys.get(collection);
  const filters = key ? routingFilters(name, command) : undefined;
  if (!key || !filters) return [];
  const [prefix] = Object.keys(key);
  return filters
    .filter((filter) => !pins(filter, prefix) && !(ID_LOOKUPS_ALLOWED.has(collection) && pins(filter, '_id')))
    .map((filter) => `${name} ${collection} ${JSON.stringify(filter)} lacks ${prefix}`);
}
