// Opts the `thread` query into the public query cache: anonymous readers of a thread share one
// response until the thread changes. Views are still counted for every reader.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus, PublicQueryCache } from '@helpboard/core';
import { CommentAdded } from '../events/thread-events.js';
import { ViewCounter, viewerKey } from '../views/view-counter.js';
import { ThreadChanged } from './thread-changed.js';
import { threadTag } from './thread-snapshot.js';

@Injectable()
export class ThreadPageCache implements OnModuleInit {
  constructor(
    private readonly cache: PublicQueryCache,
    private readonly bus: DomainEventBus,
    private readonly views: ViewCounter,
  ) {}

  onModuleInit(): void {
    this.cache.register('thread', {
      tags: (args) => [threadTag(String(args.id))],
      onHit: (args, context) =>
        this.views.record(String(args.id), viewerKey(null, (context as { req: Parameters<typeof viewerKey>[1] }).req)),
    });
    // Comments change the page but not the search document, so they publish no ThreadChanged.
    const invalidate = (event: { threadId: string }) => this.cache.invalidate(threadTag(event.threadId));
    this.bus.on(ThreadChanged, invalidate);
    this.bus.on(CommentAdded, invalidate);
  }
}
