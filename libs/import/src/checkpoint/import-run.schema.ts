// Where an import of one site into one board has got to: per phase, the last line whose batch
// committed (written in that batch's transaction, so a crash resumes exactly after it).
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export interface PhaseProgress {
  line: number;
  done: boolean;
}

@Schema({ collection: 'import_runs', versionKey: false })
export class ImportRunRecord {
  /** `se:<site>:<boardId>`. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  phases!: Record<string, PhaseProgress>;

  @Prop({ required: true })
  startedAt!: Date;

  @Prop({ type: Date, default: null })
  completedAt!: Date | null;
}

export const ImportRunSchema = SchemaFactory.createForClass(ImportRunRecord);
