import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, Clock, CurrentActor, Public, SignedIn } from '@helpboard/core';
import { toUser } from '../user/user.mapper.js';
import { AuthPayload } from '../user/user.model.js';
import { AuthService, type IssuedSession } from './auth.service.js';
import { ChangePasswordInput, LoginInput, RegisterInput } from './dto/auth.inputs.js';
import { clientInfoOf, type CredentialsRequest, GqlLocalGuard } from './local.strategy.js';

type RequestContext = { req: Parameters<typeof clientInfoOf>[0]; credentials?: CredentialsRequest };

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, { description: 'Create an account and sign in.' })
  async register(@Args('input') input: RegisterInput, @Context() context: RequestContext): Promise<AuthPayload> {
    return this.toPayload(await this.auth.register(input, clientInfoOf(context.req)));
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
