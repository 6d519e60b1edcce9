// Nest mounts Apollo's /graphql handler while the modules start, after every controller route of
// the site and its per-route middleware (about 450 router layers). Express tries layers in order,
// so every API request first walked past all of them: about a tenth of a trivial query's CPU time.
// No route or middleware between the global middleware and the handler answers /graphql, so the
// handler moves up to just after the global middleware; what runs for any request is unchanged.
// If a layer that applies to /graphql ever stands in between, the order is left as it is.
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

export const GRAPHQL_PATH = '/graphql';
/** A path no route serves: layers matching it apply to every request (global middleware). */
const ANY_OTHER_PATH = '/\u0000not-a-route';

interface RouterLayer {
  match(path: string): unknown;
}

/** Moves the layers mounted on `path` alone to just after the global middleware; returns how many moved. */
export function mountFirst(stack: RouterLayer[], path: string): number {
  const appliesToAll = (layer: RouterLayer) => Boolean(layer.match(ANY_OTHER_PATH));
  const own = stack.filter((layer) => Boolean(layer.match(path)) && !appliesToAll(layer));
  if (own.length === 0) return 0;
  const firstOwn = stack.indexOf(own[0]);
  const start = stack.findIndex((layer) => !appliesToAll(layer));
  const between = stack.slice(start, firstOwn);
  if (between.some((layer) => layer.match(path))) return 0;
  const rest = stack.filter((layer) => !own.includes(layer));
  stack.splice(0, stack.length, ...rest.slice(0, start), ...own, ...rest.slice(start));
  return own.length;
}

@Injectable()
export class GraphQLRouteFirst implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const stack = (this.adapterHost.httpAdapter?.getInstance() as { router?: { stack?: RouterLayer[] } } | undefined)
      ?.router?.stack;
    if (stack) mountFirst(stack, GRAPHQL_PATH);
  }
}
