import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock.js';
import { DomainEventBus } from './events/domain-event-bus.js';

/** Process-wide building blocks every lib may inject: the clock and the domain-event bus. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: Clock, useValue: options.clock ?? new SystemClock() }, DomainEventBus],
      exports: [Clock, DomainEventBus],
    };
  }
}
