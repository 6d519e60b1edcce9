// passport-local for the `login` mutation: the GqlLocalGuard presents the mutation's input as
// the request body, and this strategy checks the credentials (throttled).
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { DomainError, UnauthenticatedError } from '@helpboard/core';
import { UserRecord } from '../user/user.schema.js';
import { AuthService, type ClientInfo } from './auth.service.js';

export interface CredentialsRequest {
  body: { emailOrHandle?: string; password?: string };
  client: ClientInfo;
  user?: UserRecord;
}

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'emailOrHandle', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: CredentialsRequest, emailOrHandle: string, password: string): Promise<UserRecord> {
    return this.auth.verifyCredentials(emailOrHandle, password, request.client);
  }
}

@Injectable()
export class GqlLocalGuard extends AuthGuard('local') {
  override getRequest(context: ExecutionContext): CredentialsRequest {
    const gql = GqlExecutionContext.create(context);
    const { input } = gql.getArgs<{ input: { emailOrHandle: string; password: string } }>();
    const holder = gql.getContext<{
      credentials?: CredentialsRequest;
      req: { ip?: string; headers: Record<string, unknown> };
    }>();
    holder.credentials ??= { body: { ...input }, client: clientInfoOf(holder.req) };
    return holder.credentials;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error instanceof DomainError) throw error;
    if (error) throw error;
    // passport-local fails without calling us when a credential is missing.
    if (!user) throw new UnauthenticatedError('INVALID_CREDENTIALS');
    return user;
  }
}

export function clientInfoOf(req: {
  ip?: string;
  socket?: { remoteAddress?: string };
  headers: Record<string, unknown>;
}): ClientInfo {
  const userAgent = req.headers['user-agent'];
  return {
    ip: req.ip ?? req.socket?.remoteAddress ?? 'unknown',
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
}
