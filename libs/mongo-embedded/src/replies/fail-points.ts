// mongod's `failCommand` fail point, for drivers' and our own tests of error handling. Like
// mongod, `configureFailPoint` exists only when test commands are enabled (the engine's
// `enableTestCommands` option); without it the command is unknown.
import { type Document } from 'bson';
import { codeNameOf, MongoCommandError } from '../errors.js';

export interface FailCommandData {
  failCommands: string[];
  errorCode?: number;
  errorLabels?: string[];
  closeConnection?: boolean;
  blockConnection?: boolean;
  blockTimeMS?: number;
  writeConcernError?: Document;
  appName?: string;
}

/** What the fail point does to one command. */
export interface CommandFailure {
  closeConnection: boolean;
  blockTimeMS: number;
  /** An error reply in place of running the command. */
  errorReply?: Document;
  /** Run the command, then report this write concern error with it. */
  writeConcernError?: Document;
  /** Labels chosen by the fail point (else the engine's usual ones apply). */
  errorLabels?: string[];
}

interface ActiveFailPoint {
  data: FailCommandData;
  /** Matching commands still to let through before failing. */
  skip: number;
  /** Failures left; Infinity for alwaysOn. */
  remaining: number;
}

export class FailPoints {
  private failCommand?: ActiveFailPoint;

  /** The configureFailPoint command: answers as mongod does (`count` is the previous activations). */
  configure(command: Document): Document {
    if (command.configureFailPoint !== 'failCommand')
      throw new MongoCommandError('FailedToParse', `Unknown fail point: ${String(command.configureFailPoint)}`);
    const mode = command.mode as unknown;
    if (mode === 'off') {
      this.failCommand = undefined;
      return { count: 0, ok: 1 };
    }
    const data = (command.data ?? {}) as FailCommandData;
    if (!Array.isArray(data.failCommands))
      throw new MongoCommandError('BadValue', "'failCommands' must be an array of command names");
    if (mode === 'alwaysOn') this.failCommand = { data, skip: 0, remaining: Infinity };
    else if (mode && typeof mode === 'object' && 'times' in mode)
      this.failCommand = { data, skip: 0, remaining: Number((mode as Document).times) };
    else if (mode && typeof mode === 'object' && 'skip' in mode)
      this.failCommand = { data, skip: Number((mode as Document).skip), remaining: Infinity };
    else throw new MongoCommandError('BadValue', `unknown fail point mode: ${JSON.stringify(mode)}`);
    return { count: 0, ok: 1 };
  }

  /** The failure for this command from a client named `appName`, counting it as an activation. */
  failureFor(commandName: string, appName: string | undefined): CommandFailure | undefined {
    const point = this.failCommand;
    if (!point || point.remaining <= 0) return undefined;
    const { data } = point;
    if (!data.failCommands.includes(commandName)) return undefined;
    if (data.appName !== undefined && data.appName !== appName) return undefined;
    if (point.skip > 0) {
      point.skip--;
      return undefined;
    }
    point.remaining--;
    if (point.remaining <= 0) this.failCommand = undefined;
    const errorReply =
      typeof data.errorCode === 'number'
        ? {
            ok: 0,
            errmsg: "Failing command via 'failCommand' failpoint",
            code: data.errorCode,
            codeName: codeNameOf(data.errorCode),
          }
        : undefined;
    return {
      closeConnection: data.closeConnection === true,
      blockTimeMS: data.blockConnection === true ? Number(data.blockTimeMS ?? 0) : 0,
      errorReply,
      writeConcernError: data.writeConcernError,
      errorLabels: data.errorLabels,
    };
  }
}

/** Thrown to make the server drop the connection without replying (closeConnection). */
export class CloseConnection extends Error {
  constructor() {
    super('connection closed by the failCommand fail point');
  }
}
