import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from './actor.js';

/** The per-request object where the access guard puts the actor: GraphQL context or HTTP request. */
export function actorHolder(context: ExecutionContext): { actor?: Actor | null } {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext();
  return context.switchToHttp().getRequest();
}

/** Injects the calling Actor, or null for anonymous callers of public operations. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | null => actorHolder(context).actor ?? null,
);
