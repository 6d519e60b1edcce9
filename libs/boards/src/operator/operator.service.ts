import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  isPlatformAdmin,
  NotFoundError,
} from '@helpboard/core';
import { UsersService } from '@helpboard/identity';
import { Types } from 'mongoose';
import { SLUG_PATTERN } from '../boards.messages.js';
import { isDuplicateKeyError } from '../duplicate-key.js';
import { OperatorRepository } from './operator.repository.js';
import { OperatorRecord } from './operator.schema.js';

export interface NewOperator {
  slug: string;
  name: string;
  adminHandles?: string[] | null;
}

@Injectable()
export class OperatorService {
  constructor(
    private readonly operators: OperatorRepository,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** Platform admins open an operator and name its first admins. */
  async createOperator(input: NewOperator): Promise<OperatorRecord> {
    const slug = input.slug.trim();
    if (!SLUG_PATTERN.test(slug)) throw new InvalidInputError([{ field: 'slug', message: 'SLUG_INVALID' }]);
    const adminIds = await this.resolveHandles(input.adminHandles ?? [], 'adminHandles');
    let created: OperatorRecord;
    try {
      created = await this.operators.insert({ slug, name: input.name.trim(), adminIds, createdAt: this.clock.now() });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError('OPERATOR_SLUG_TAKEN');
      throw error;
    }
    await this.users.touchViewerState(adminIds); // their staff links
    return created;
  }

  async requireBySlug(slug: string): Promise<OperatorRecord> {
    const operator = await this.operators.findBySlug(slug);
    if (!operator) throw new NotFoundError('Operator', 'OPERATOR_NOT_FOUND');
    return operator;
  }

  /** Operators in slug order (the site's home page lists them). */
  list(limit: number): Promise<OperatorRecord[]> {
    return this.operators.list(limit);
  }

  findByIds(ids: readonly Types.ObjectId[]): Promise<OperatorRecord[]> {
    return this.operators.findByIds(ids);
  }

  /** The operators a user administers, by slug (the site's staff desk and navigation). */
  administeredBy(userId: string): Promise<OperatorRecord[]> {
    return this.operators.findAdministeredBy(new Types.ObjectId(userId));
  }

  isAdmin(actor: Actor | null, operator: OperatorRecord): boolean {
    return (
      isPlatformAdmin(actor) || (actor !== null && operator.adminIds.some((id) => id.toHexString() === actor.userId))
    );
  }

  async assertAdmin(actor: Actor, operator: OperatorRecord): Promise<void> {
    if (!this.isAdmin(actor, operator)) throw new ForbiddenError('OPERATOR_ADMIN_REQUIRED');
  }

  async addAdmin(actor: Actor, operatorSlug: string, handle: string): Promise<OperatorRecord> {
    const operator = await this.requireBySlug(operatorSlug);
    await this.assertAdmin(actor, operator);
    const [userId] = await this.resolveHandles([handle], 'handle');
    const updated = (await this.operators.addAdmin(operator._id, userId))!;
    await this.users.touchViewerState([userId]); // their staff links
    return updated;
  }

  private async resolveHandles(handles: string[], field: string): Promise<Types.ObjectId[]> {
    const users = await this.users.findByHandles(handles);
    const found = new Set(users.map((u) => u.handle.toLowerCase()));
    const missing = handles.filter((h) => !found.has(h.trim().toLowerCase()));
    if (missing.length > 0) {
      throw new InvalidInputError(missing.map(() => ({ field, message: 'UNKNOWN_HANDLE' })));
    }
    return users.map((u) => u._id);
  }
}
