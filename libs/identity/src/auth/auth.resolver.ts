import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, Clock, CurrentActor, Public, SignedIn } from '@helpboard/core';
import { toUser } from '../user/user.mapper.js';
import { AuthPayload } from '../user/user.model.js';
import { AuthService, type IssuedSession } from './auth.service.js';
import { ChangePasswordInput, LoginInput, RegisterInput } from './dto/auth.inputs.js';
import { TokenArgs } from '../account/dto/token.args.js';
import { clientInfoOf, type CredentialsRequest, GqlLocalGuard } from './local.strategy.js';

type RequestContext = { req: Parameters<typeof clientInfoOf>[0]; credentials?: CredentialsRequest };

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Start creating an account: a link that creates it and signs in is e-mailed to the address ' +
      '(see completeRegistration). Answers true whether or not the address has an account; its owner is told by e-mail instead. ' +
      'Input problems are BAD_USER_INPUT; a taken handle is CONFLICT (HANDLE_TAKEN).',
  })
  async register(@Args('input') input: RegisterInput, @Context() context: RequestContext): Promise<boolean> {
    await this.auth.register(input, clientInfoOf(context.req));
    return true;
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Create the account a sign-up link stands for and sign in; the address counts as verified. ' +
      'ACCOUNT_LINK_INVALID when the link is expired or used; CONFLICT (HANDLE_TAKEN, EMAIL_TAKEN) when someone took the handle or the address since.',
  })
  async completeRegistration(@Args() args: TokenArgs, @Context() context: RequestContext): Promise<AuthPayload> {
    return this.toPayload(await this.auth.completeRegistration(args.token, clientInfoOf(context.req)));
  }

  @Public()
  @UseGuards(GqlLocalGuard)
  @Mutation(() => AuthPayload, {
    description: 'Sign in with e-mail or handle and password. Repeated failures are throttled (RATE_LIMITED).',
  })
  async login(@Args('input') _input: LoginInput, @Context() context: RequestContext): Promise<AuthPayload> {
    const credentials = context.credentials!;
    return this.toPayload(await this.auth.startSession(credentials.user!, credentials.client));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Exchange a refresh token for new tokens. Each refresh token works once; reusing one ends the session.',
  })
  async refreshSession(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.toPayload(await this.auth.refresh(refreshToken));
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'End the current session; its tokens stop working at once.' })
  async logout(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.auth.logout(actor);
    return true;
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      'Change the password; every other session is signed out. Wrong current passwords are throttled (RATE_LIMITED).',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChangePasswordInput,
    @Context() context: RequestContext,
  ): Promise<boolean> {
    await this.auth.changePassword(actor, input.currentPassword, input.newPassword, clientInfoOf(context.req));
    return true;
  }

  private toPayload(session: IssuedSession): AuthPayload {
    return {
      accessToken: session.accessToken,
      accessTokenExpiresAt: session.accessTokenExpiresAt,
      refreshToken: session.refreshToken,
      user: toUser(session.user, this.clock.now()),
    };
  }
}
