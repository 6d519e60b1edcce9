// The global guard: deny by default. A handler runs only if it declares its access level; the
// caller is authenticated once per request and checked against that level. Suspended users may
// still run queries but no mutations.
import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import {
  ACCESS_LEVEL,
  AccessLevel,
  actorHolder,
  ForbiddenError,
  isPlatformAdmin,
  UnauthenticatedError,
} from '@helpboard/core';
import { JwtAuthenticator } from './jwt-authenticator.js';

function isWrite(context: ExecutionContext): boolean {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getInfo().parentType.name === 'Mutation';
  }
  return context.switchToHttp().getRequest<{ method: string }>().method !== 'GET';
}

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: JwtAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_LEVEL, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (level === undefined) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access level: denied`);
      throw new ForbiddenError('ACCESS_NOT_DECLARED');
    }

    const holder = actorHolder(context);
    if (holder.actor === undefined) holder.actor = await this.authenticator.authenticate(context);
    const actor = holder.actor;

    if (level === AccessLevel.Public) return true;
    if (!actor) throw new UnauthenticatedError();
    if (actor.isSuspended && isWrite(context)) throw new ForbiddenError('USER_SUSPENDED');
    if (level === AccessLevel.PlatformAdmin && !isPlatformAdmin(actor)) throw new ForbiddenError('ADMIN_REQUIRED');
    return true;
  }
}
