import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock.js';
import { DomainEventBus } from './events/domain-event-bus.js';
import { InMemoryRateLimitStore, RateLimitStore } from './rate-limit/rate-limit-store.js';

/** Process-wide building blocks every lib may inject: clock, domain-event bus, rate-limit counters. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        DomainEventBus,
        { provide: RateLimitStore, useClass: InMemoryRateLimitStore },
      ],
      exports: [Clock, DomainEventBus, RateLimitStore],
    };
  }
}
