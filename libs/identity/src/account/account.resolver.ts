// The e-mailed account links over GraphQL, for apps that handle them themselves.
import { ArgsType, Context, Field, Mutation, Resolver, Args } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { type Actor, CurrentActor, Public, SignedIn } from '@helpboard/core';
import { AccountEmailService } from './account-email.service.js';
import { TokenArgs } from './dto/token.args.js';
import { clientInfoOf } from '../auth/local.strategy.js';

@ArgsType()
class ResetPasswordArgs extends TokenArgs {
  @Field({ description: 'The new password: at least 10 characters, not a common password.' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;
}

@ArgsType()
class EmailChangeArgs {
  @Field({ description: 'The new address; a confirmation link goes there.' })
  @IsString()
  @MaxLength(254)
  newEmail!: string;

  @Field({ description: 'Your current password.' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

@Resolver()
export class AccountResolver {
  constructor(private readonly accountEmail: AccountEmailService) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'E-mail a password reset link (single use, valid one hour) if the address has an account. Answers true either way.',
  })
  async requestPasswordReset(@Args('email', { type: () => String }) email: string): Promise<boolean> {
    await this.accountEmail.requestPasswordReset(email.slice(0, 254));
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Set a new password from a reset link; every session of the account ends. ACCOUNT_LINK_INVALID when expired or used.',
  })
  async resetPassword(@Args() args: ResetPasswordArgs): Promise<boolean> {
    await this.accountEmail.resetPassword(args.token, args.newPassword);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Verify your e-mail address with the link sent after sign-up.' })
  async verifyEmail(@Args() args: TokenArgs): Promise<boolean> {
    await this.accountEmail.verifyEmail(args.token);
    return true;
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Send the verification link again (nothing if already verified).' })
  async resendVerificationEmail(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.accountEmail.sendVerification(actor.userId);
    return true;
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      'Ask to change your e-mail address: it changes when the link sent to the new address is opened. Wrong passwords are throttled (RATE_LIMITED).',
  })
  async requestEmailChange(
    @CurrentActor() actor: Actor,
    @Args() args: EmailChangeArgs,
    @Context() context: { req: Parameters<typeof clientInfoOf>[0] },
  ): Promise<boolean> {
    await this.accountEmail.requestEmailChange(actor, args.newEmail, args.password, clientInfoOf(context.req));
    return true;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Confirm a new e-mail address with the link sent to it.' })
  async confirmEmailChange(@Args() args: TokenArgs): Promise<boolean> {
    await this.accountEmail.confirmEmailChange(args.token);
    return true;
  }
}
