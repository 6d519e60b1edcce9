import { Field, ObjectType } from '@nestjs/graphql';
import { NotificationChannel, NotificationKind } from '../notification/notification-kind.js';

@ObjectType({ description: 'How one kind of notification reaches you.' })
export class NotificationPreference {
  @Field(() => NotificationKind, { description: 'The kind of notification.' })
  kind!: NotificationKind;

  @Field(() => NotificationChannel, { description: 'In the app, by e-mail, in the daily digest, or not at all.' })
  channel!: NotificationChannel;

  @Field({ description: 'Whether this is the default (you have not chosen).' })
  isDefault!: boolean;
}
