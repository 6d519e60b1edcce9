import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '@helpboard/core';
import { QuestionAsked } from '@helpboard/threads';
import { DeflectionService } from './deflection.service.js';

/** A question asked after suggestions were shown was not deflected. */
@Injectable()
export class DeflectionListener implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly deflection: DeflectionService,
  ) {}

  onModuleInit(): void {
    this.bus.on(QuestionAsked, (event) =>
      this.deflection.questionAsked(event.actorId, event.boardId, event.threadId, event.occurredAt),
    );
  }
}
