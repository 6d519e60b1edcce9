// Runs passport-jwt for any GraphQL (HTTP or WebSocket) or REST call, tolerating anonymous
// callers: no token → null actor; a bad or expired token → UNAUTHENTICATED.
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { type Actor, DomainError, UnauthenticatedError } from '@helpboard/core';

interface ContextWithRequest {
  req?: { headers: Record<string, unknown> };
  connectionParams?: Record<string, unknown>;
}

/** WebSocket clients cannot set headers; they send the token in the connection_init payload. */
function tokenFromConnectionParams(params: Record<string, unknown>): string | undefined {
  const value = params.authorization ?? params.Authorization ?? params.accessToken;
  if (typeof value !== 'string') return undefined;
  return value.startsWith('Bearer ') ? value : `Bearer ${value}`;
}

@Injectable()
export class JwtAuthenticator extends AuthGuard('jwt') {
  override getRequest(context: ExecutionContext) {
    if (context.getType<string>() !== 'graphql') return context.switchToHttp().getRequest();
    const gqlContext = GqlExecutionContext.create(context).getContext<ContextWithRequest & { jwtRequest?: unknown }>();
    if (gqlContext.connectionParams !== undefined) {
      // One request-like object per operation context, so passport can set `user` on it.
      gqlContext.jwtRequest ??= { headers: { authorization: tokenFromConnectionParams(gqlContext.connectionParams) } };
      return gqlContext.jwtRequest;
    }
    return gqlContext.req;
  }

  override handleRequest<T = Actor | null>(error: unknown, actor: Actor | false, info: unknown): T {
    if (error instanceof DomainError) throw error;
    if (error) throw new UnauthenticatedError('INVALID_TOKEN');
    if (actor) return actor as T;
    // passport-jwt reports "No auth token" when none was sent: an anonymous caller, not an error.
    if (info instanceof Error && info.message === 'No auth token') return null as T;
    throw new UnauthenticatedError('INVALID_TOKEN');
  }

  /** The actor for this call, or null when no token was sent. */
  async authenticate(context: ExecutionContext): Promise<Actor | null> {
    // Most readers are anonymous: without a token there is nothing for passport to verify.
    const request = this.getRequest(context) as { headers?: Record<string, unknown> } | undefined;
    if (!request?.headers?.authorization) return null;
    await this.canActivate(context);
    return (request as { user?: Actor | null }).user ?? null;
  }
}
