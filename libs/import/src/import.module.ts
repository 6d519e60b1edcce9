import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { ReputationModule } from '@helpboard/reputation';
import { ThreadsModule } from '@helpboard/threads';
import { ImportRunRepository } from './checkpoint/import-run.repository.js';
import { ImportRunRecord, ImportRunSchema } from './checkpoint/import-run.schema.js';
import { StackExchangeImporter } from './stackexchange/stackexchange-importer.js';
import { UserExportService } from './export/user-export.service.js';

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    ReputationModule,
    MongooseModule.forFeature([{ name: ImportRunRecord.name, schema: ImportRunSchema }]),
  ],
  providers: [ImportRunRepository, StackExchangeImporter, UserExportService],
  exports: [StackExchangeImporter, UserExportService],
})
export class ImportModule {}
