import { Args, Context, Field, InputType, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, Length } from 'class-validator';
import {
  type Actor,
  Clock,
  CurrentActor,
  type LoaderHolder,
  PlatformAdminOnly,
  Public,
  SignedIn,
} from '@helpboard/core';
import { toUser, User, UsersService } from '@helpboard/identity';
import { Operator } from '../board/board.model.js';
import { toOperator } from '../board/board.mapper.js';
import { OperatorService } from './operator.service.js';

@InputType({ description: 'A new operator.' })
export class CreateOperatorInput {
  @Field({ description: 'URL name: 3–40 of a-z, 0-9 and "-".' })
  @IsString()
  @Length(3, 40)
  slug!: string;

  @Field({ description: 'Display name, e.g. "Example Mobile".' })
  @IsString()
  @Length(2, 80)
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Handles of the first operator admins.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  adminHandles?: string[] | null;
}

@Resolver(() => Operator)
export class OperatorResolver {
  constructor(
    private readonly operators: OperatorService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @PlatformAdminOnly()
  @Mutation(() => Operator, { description: 'Open an operator (platform admins).' })
  async createOperator(@Args('input') input: CreateOperatorInput): Promise<Operator> {
    return toOperator(await this.operators.createOperator(input));
  }

  @SignedIn()
  @Mutation(() => Operator, { description: 'Make a user an admin of the operator (operator or platform admins).' })
  async addOperatorAdmin(
    @CurrentActor() actor: Actor,
    @Args('operatorSlug') operatorSlug: string,
    @Args('handle') handle: string,
  ): Promise<Operator> {
    return toOperator(await this.operators.addAdmin(actor, operatorSlug, handle));
  }

  @Public()
  @Query(() => Operator, { description: 'An operator by slug.' })
  async operator(@Args('slug') slug: string): Promise<Operator> {
    return toOperator(await this.operators.requireBySlug(slug));
  }

  @ResolveField(() => [User], { description: "The operator's admins." })
  async admins(@Parent() operator: Operator, @Context() context: LoaderHolder): Promise<User[]> {
    const users = await this.users.loader(context).loadMany(operator.adminIds);
    const now = this.clock.now();
    return users.flatMap((user) => (user && !(user instanceof Error) ? [toUser(user, now)] : []));
  }
}
