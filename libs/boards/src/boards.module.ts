import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IdentityModule } from '@helpboard/identity';
import './boards.messages.js';
import { BoardRepository } from './board/board.repository.js';
import { BoardResolver } from './board/board.resolver.js';
import { BoardRecord, BoardSchema } from './board/board.schema.js';
import { BoardService } from './board/board.service.js';
import { MembershipRepository } from './membership/membership.repository.js';
import { MembershipResolver } from './membership/membership.resolver.js';
import { MembershipRecord, MembershipSchema } from './membership/membership.schema.js';
import { MembershipService } from './membership/membership.service.js';
import { OperatorRepository } from './operator/operator.repository.js';
import { OperatorResolver } from './operator/operator.resolver.js';
import { OperatorRecord, OperatorSchema } from './operator/operator.schema.js';
import { OperatorService } from './operator/operator.service.js';
import { OperatorSuspensionRecord, OperatorSuspensionSchema } from './operator/operator-suspension.schema.js';
import { OperatorSuspensions } from './operator/operator-suspensions.js';
import { BoardAccessService } from './permissions/board-access.service.js';
import { RoleAuditLog } from './role-audit/role-audit-log.js';
import { RoleAuditResolver } from './role-audit/role-audit.resolver.js';
import { RoleAuditService } from './role-audit/role-audit.service.js';
import { RoleChangeRecord, RoleChangeSchema } from './role-audit/role-change.schema.js';

@Module({
  imports: [
    IdentityModule,
    MongooseModule.forFeature([
      { name: OperatorRecord.name, schema: OperatorSchema },
      { name: BoardRecord.name, schema: BoardSchema },
      { name: MembershipRecord.name, schema: MembershipSchema },
      { name: OperatorSuspensionRecord.name, schema: OperatorSuspensionSchema },
      { name: RoleChangeRecord.name, schema: RoleChangeSchema },
    ]),
  ],
  providers: [
    OperatorRepository,
    BoardRepository,
    MembershipRepository,
    OperatorService,
    BoardService,
    MembershipService,
    BoardAccessService,
    OperatorSuspensions,
    RoleAuditLog,
    RoleAuditService,
    RoleAuditResolver,
    OperatorResolver,
    BoardResolver,
    MembershipResolver,
  ],
  exports: [
    OperatorService,
    BoardService,
    MembershipService,
    BoardAccessService,
    OperatorSuspensions,
    RoleAuditService,
  ],
})
export class BoardsModule {}
