import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ServiceStatus {
  OK = 'OK',
  DEGRADED = 'DEGRADED',
}
registerEnumType(ServiceStatus, { name: 'ServiceStatus', description: 'Overall state of the API.' });

export enum DependencyStatus {
  UP = 'UP',
  DOWN = 'DOWN',
}
registerEnumType(DependencyStatus, { name: 'DependencyStatus', description: 'Whether a dependency answers.' });

@ObjectType({ description: 'Whether the API and what it depends on are working.' })
export class Health {
  @Field(() => ServiceStatus, { description: '`OK` when every dependency answers, else `DEGRADED`.' })
  status!: ServiceStatus;

  @Field({ description: 'Version of the running API (package.json).' })
  version!: string;

  @Field(() => DependencyStatus, { description: 'Whether the database answered a ping.' })
  database!: DependencyStatus;

  @Field(() => DependencyStatus, {
    description: 'Whether the search backend answers (writes keep working without it).',
  })
  search!: DependencyStatus;

  @Field({ description: '`embedded` when the built-in engine is used, `mongodb` for a MongoDB server.' })
  databaseKind!: string;
}
