// Bulk writers (importers) insert only what is missing: one query tells which ids already exist.
import type { ClientSession, Model, Types } from 'mongoose';

export async function presentIds<T>(
  model: Model<T>,
  ids: readonly Types.ObjectId[],
  session?: ClientSession,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await model
    .find({ _id: { $in: ids } }, { _id: 1 })
    .session(session ?? null)
    .lean<{ _id: Types.ObjectId }[]>()
    .exec();
  return new Set(rows.map((row) => row._id.toHexString()));
}
