import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  type Actor,
  Clock,
  CurrentActor,
  isPlatformAdmin,
  Public,
  SignedIn,
  UnauthenticatedError,
} from '@helpboard/core';
import { UpdateProfileInput } from './dto/update-profile.input.js';
import { toUser } from './user.mapper.js';
import { User } from './user.model.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Query(() => User, { description: 'The signed-in user.' })
  async me(@CurrentActor() actor: Actor): Promise<User> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new UnauthenticatedError('INVALID_TOKEN');
    return toUser(user, this.clock.now());
  }

  @Public()
  @Query(() => User, { nullable: true, description: 'A user by handle (case-insensitive); null when none.' })
  async user(@Args('handle') handle: string): Promise<User | null> {
    const user = await this.users.findByHandle(handle);
    return user ? toUser(user, this.clock.now()) : null;
  }

  @SignedIn()
  @Mutation(() => User, { description: 'Change your own profile.' })
  async updateProfile(@CurrentActor() actor: Actor, @Args('input') input: UpdateProfileInput): Promise<User> {
    return toUser(await this.users.updateProfile(actor, input), this.clock.now());
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'E-mail address: visible only to the user and to platform admins.',
  })
  email(@Parent() user: User, @CurrentActor() actor: Actor | null): string | null {
    const canSee = actor !== null && (actor.userId === user.id || isPlatformAdmin(actor));
    return canSee ? (user.email ?? null) : null;
  }
}
