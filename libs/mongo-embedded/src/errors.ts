// Errors answered as MongoDB answers them: { ok: 0, errmsg, code, codeName } (+ labels).
import { type Document } from 'bson';

export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  HostUnreachable: 6,
  HostNotFound: 7,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  StaleShardVersion: 63,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  UnknownReplWriteConcern: 79,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NetworkTimeout: 89,
  ShutdownInProgress: 91,
  UnsatisfiableWriteConcern: 100,
  WriteConflict: 112,
  CommandNotSupportedOnView: 166,
  OptionNotSupportedOnView: 167,
  InvalidPipelineOperator: 168,
  CommandNotSupported: 115,
  MaxTimeMSExpired: 50,
  PrimarySteppedDown: 189,
  StaleEpoch: 150,
  FailedToSatisfyReadPreference: 133,
  RetryChangeStream: 234,
  ExceededTimeLimit: 262,
  SocketException: 9001,
  NotWritablePrimary: 10107,
  InterruptedAtShutdown: 11600,
  Interrupted: 11601,
  InterruptedDueToReplStateChange: 11602,
  NotPrimaryNoSecondaryOk: 13435,
  NotPrimaryOrSecondary: 13436,
  StaleConfig: 13388,
  DocumentValidationFailure: 121,
  InvalidViewDefinition: 182,
  ViewDepthLimitExceeded: 165,
  InvalidResumeToken: 260,
  CannotIndexParallelArrays: 171,
  NoSuchTransaction: 251,
  TransactionTooOld: 225,
  OperationNotSupportedInTransaction: 263,
  DuplicateKey: 11000,
  KeyTooLong: 17280,
  Location40352: 40352,
  Location40414: 40414,
  Location5858203: 5858203,
  Location40601: 40601,
  Location51183: 51183,
  MergeStageNoMatchingDocument: 13113,
  Location40415: 40415,
  Location40324: 40324,
  Location31249: 31249,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

const NAMES_BY_CODE = new Map<number, string>(Object.entries(ErrorCodes).map(([name, code]) => [code, name]));

/** MongoDB's codeName for a numeric code (`Location<code>` for those without a name, as mongod). */
export function codeNameOf(code: number): string {
  return NAMES_BY_CODE.get(code) ?? `Location${code}`;
}

/**
 * Codes after which drivers retry a retryable write; mongod (4.4+) labels such errors
 * RetryableWriteError and drivers rely on the label, not on the code.
 */
export const RETRYABLE_WRITE_CODES = new Set([
  6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 63, 150, 13388, 234, 133,
]);

export class MongoCommandError extends Error {
  constructor(
    readonly codeName: ErrorCodeName,
    message: string,
    readonly extra: Document = {},
    readonly labels: string[] = [],
  ) {
    super(message);
  }

  get code(): number {
    return ErrorCodes[this.codeName];
  }

  toReply(): Document {
    return {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
      ...(this.labels.length > 0 ? { errorLabels: this.labels } : {}),
    };
  }
}

export const writeConflict = () =>
  new MongoCommandError(
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    ['TransientTransactionError'],
  );

export class DuplicateKeyError extends MongoCommandError {
  constructor(ns: string, indexName: string, keyPattern: Document, keyValue: Document) {
    const shown = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(', ');
    super('DuplicateKey', `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${shown} }`, {
      keyPattern,
      keyValue,
    });
  }
}
