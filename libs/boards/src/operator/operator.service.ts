import { Injectable } from '@nestjs/common';
import {
  type Actor,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  isPlatformAdmin,
  NotFoundError,
  PreconditionFailedError,
} from '@helpboard/core';
import { UnitOfWork } from '@helpboard/database';
import { UsersService } from '@helpboard/identity';
import { Types } from 'mongoose';
import { SLUG_PATTERN } from '../boards.messages.js';
import { isDuplicateKeyError } from '../duplicate-key.js';
import { OperatorRepository } from './operator.repository.js';
import { OperatorRecord } from './operator.schema.js';
import { RoleAuditLog } from '../role-audit/role-audit-log.js';
import { RoleKind } from '../role-audit/role-change.schema.js';

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
    private readonly roleAudit: RoleAuditLog,
    private readonly unitOfWork: UnitOfWork,
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

  addAdmin(actor: Actor, operatorSlug: string, handle: string): Promise<OperatorRecord> {
    return this.setAdmin(actor, operatorSlug, handle, true);
  }

  /** An operator keeps at least one admin of its own (platform admins are not counted). */
  removeAdmin(actor: Actor, operatorSlug: string, handle: string): Promise<OperatorRecord> {
    return this.setAdmin(actor, operatorSlug, handle, false);
  }

  /** Grants or revokes administration, with its role audit entry in the same transaction. */
  private async setAdmin(actor: Actor, operatorSlug: string, handle: string, isAdmin: boolean) {
    const operator = await this.requireBySlug(operatorSlug);
    await this.assertAdmin(actor, operator);
    const [userId] = await this.resolveHandles([handle], 'handle');
    return this.unitOfWork.run(async (tx) => {
      const before = (await this.operators.findById(operator._id, tx.session))!;
      const wasAdmin = before.adminIds.some((id) => id.equals(userId));
      if (wasAdmin === isAdmin) return before;
      if (!isAdmin && before.adminIds.length === 1) throw new PreconditionFailedError('LAST_OPERATOR_ADMIN');
      const after = (await this.operators.setAdmin(operator._id, userId, isAdmin, tx.session))!;
      await this.users.touchViewerState([userId], tx.session); // their staff links
      await this.roleAudit.record(tx, {
        operatorId: operator._id,
        boardId: null,
        userId,
        actorId: actor.userId,
        previousRole: wasAdmin ? RoleKind.OPERATOR_ADMIN : null,
        role: isAdmin ? RoleKind.OPERATOR_ADMIN : null,
        at: this.clock.now(),
      });
      return after;
    });
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
