// The storage port for uploaded files (avatars, post images): put bytes under a key, read them
// back with their content type, delete them. On disk by default, in an S3-compatible bucket when
// configured (files.module.ts picks). Keys are made by our code, never taken from a request as
// they are: isFileKey() is the one gate both adapters and the site's file route go through.

export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

export interface FileStore {
  /** Writes the whole file or nothing (a reader never sees half of it). Replaces a file under the same key. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The file, or null when there is none under the key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Injection token of the configured FileStore. */
export const FILE_STORE = Symbol('FILE_STORE');

/**
 * Lower-case segments of letters, digits, `-` and `_`, separated by `/`, the last with one
 * extension: no `..`, no leading `/`, no backslash, nothing a disk path or URL could reinterpret.
 */
const FILE_KEY = /^(?:[a-z0-9_-]{1,64}\/){0,4}[a-z0-9_-]{1,64}\.[a-z0-9]{1,8}$/;

export function isFileKey(key: string): boolean {
  return FILE_KEY.test(key);
}

export function assertFileKey(key: string): void {
  if (!isFileKey(key)) throw new Error(`Not a file key: ${JSON.stringify(key)}`);
}

/** Where the site serves stored files (apps/web's files controller): `/files/<key>`. */
export const FILE_URL_PREFIX = '/files/';

export const fileUrl = (key: string): string => FILE_URL_PREFIX + key;

/** The key of a site URL made by fileUrl(), or null for any other URL. */
export function fileKeyOf(url: string | null | undefined): string | null {
  if (!url?.startsWith(FILE_URL_PREFIX)) return null;
  const key = url.slice(FILE_URL_PREFIX.length);
  return isFileKey(key) ? key : null;
}
