// Listens to the driver's command monitoring events (the connection is opened with
// monitorCommands): counts every command against the request or job it was sent for, counts
// commands by name and outcome, and opens a client span per command under the request's span.
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Span } from '@opentelemetry/api';
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { currentRequestContext } from '@helpboard/core';
import { Metrics } from '../metrics/metrics.js';
import { endSpan, SpanKind, startChildSpan } from '../tracing/tracing.js';

/** Handshakes and heartbeats are the driver's own business, not round trips of a request. */
const IGNORED = new Set(['hello', 'ismaster', 'isMaster', 'saslStart', 'saslContinue', 'ping', 'endSessions']);

@Injectable()
export class DbCommandMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly spans = new Map<number, Span>();
  private client?: MongoClient;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly metrics: Metrics,
  ) {}

  private readonly onStarted = (event: CommandStartedEvent) => {
    if (IGNORED.has(event.commandName)) return;
    const request = currentRequestContext();
    if (request) request.dbCommands++;
    const span = startChildSpan(`mongodb.${event.commandName}`, SpanKind.CLIENT, {
      'db.system': 'mongodb',
      'db.name': event.databaseName,
      'db.operation': event.commandName,
      'db.mongodb.collection': String(event.command[event.commandName] ?? ''),
    });
    // Non-recording (no SDK registered): nothing to end later, so nothing to remember.
    if (span.isRecording()) this.spans.set(event.requestId, span);
  };

  private readonly onSucceeded = (event: CommandSucceededEvent) => {
    if (IGNORED.has(event.commandName)) return;
    this.metrics.dbCommands.inc({ command: event.commandName, outcome: 'ok' });
    this.finish(event.requestId);
  };

  private readonly onFailed = (event: CommandFailedEvent) => {
    if (IGNORED.has(event.commandName)) return;
    this.metrics.dbCommands.inc({ command: event.commandName, outcome: 'failed' });
    this.finish(event.requestId, event.failure);
  };

  private finish(requestId: number, error?: unknown): void {
    const span = this.spans.get(requestId);
    if (!span) return;
    this.spans.delete(requestId);
    endSpan(span, error);
  }

  onModuleInit(): void {
    this.client = this.connection.getClient();
    this.client.on('commandStarted', this.onStarted);
    this.client.on('commandSucceeded', this.onSucceeded);
    this.client.on('commandFailed', this.onFailed);
  }

  onModuleDestroy(): void {
    this.client?.off('commandStarted', this.onStarted);
    this.client?.off('commandSucceeded', this.onSucceeded);
    this.client?.off('commandFailed', this.onFailed);
  }
}
