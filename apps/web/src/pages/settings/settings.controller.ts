// GET /settings and the POSTs of its sections (see settings.view.ts). Each POST calls one domain
// service and comes back to /settings?saved=<section>#<section>, or re-renders the page with the
// section's problems (422).
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, DomainError, InvalidInputError, SignedIn } from '@helpboard/core';
import { AccountEmailService, AuthService, AVATAR_RULES, AvatarService, UsersService } from '@helpboard/identity';
import { megabytes } from '@helpboard/files';
import { readUpload } from '../../http/uploads.js';
import { NotificationChannel, NotificationKind, PreferenceService } from '@helpboard/notifications';
import { clientOf } from '../../auth/auth.controller.js';
import { problemsByField } from '../../render/forms.js';
import { sendPage } from '../../http/send-page.js';
import { clearSessionCookies } from '../../http/session-cookies.js';
import { WebContextFactory } from '../../http/web-context.js';
import { messageOf, WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type SettingsData, type SettingsSection, settingsView } from './settings.view.js';

const text = (value: unknown, max = 1024): string => (typeof value === 'string' ? value.slice(0, max) : '');
const SECTIONS: SettingsSection[] = ['avatar', 'profile', 'email', 'notifications', 'password', 'sessions'];
/** Where a section's refusal that names no field is shown. */
const FIELD_OF_REFUSAL: Partial<Record<SettingsSection, string>> = { email: 'email', avatar: 'avatar' };
const CHANNELS = new Set<string>(Object.values(NotificationChannel));

@Controller('settings')
@UseFilters(WebExceptionFilter)
export class SettingsController {
  constructor(
    private readonly users: UsersService,
    private readonly avatars: AvatarService,
    private readonly auth: AuthService,
    private readonly accountEmail: AccountEmailService,
    private readonly preferences: PreferenceService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get()
  async page(@Req() request: WebRequest, @Res() response: Response, @Query('saved') saved?: string) {
    await this.render(request, response, { saved: SECTIONS.find((s) => s === saved) });
  }

  @SignedIn()
  @Post('profile')
  @HttpCode(200)
  async profile(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const values = {
      displayName: text(body.displayName, 200),
      bio: text(body.bio, 2000),
      region: text(body.region, 200),
    };
    const locale = body.locale === 'zh-CN' ? 'zh-CN' : 'en';
    await this.attempt(request, response, 'profile', values, () =>
      this.users.updateProfile(request.actor!, { ...values, locale }),
    );
  }

  /** Multipart (see settings.view.ts): the picture, checked and re-encoded; the old one stays on any refusal. */
  @SignedIn()
  @Post('avatar')
  @HttpCode(200)
  async avatar(@Req() request: WebRequest, @Res() response: Response) {
    await this.attempt(request, response, 'avatar', {}, async () => {
      const { file } = await readUpload(request, response, 'avatar', AVATAR_RULES.maxBytes);
      await this.avatars.setAvatar(request.actor!, file);
    });
  }

  @SignedIn()
  @Post('avatar/remove')
  async removeAvatar(@Req() request: WebRequest, @Res() response: Response) {
    await this.avatars.removeAvatar(request.actor!);
    response.redirect(303, '/settings?saved=avatar#avatar');
  }

  @SignedIn()
  @Post('email')
  @HttpCode(200)
  async email(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const values = { newEmail: text(body.newEmail, 254).trim() };
    await this.attempt(request, response, 'email', values, () =>
      this.accountEmail.requestEmailChange(request.actor!, values.newEmail, text(body.password), clientOf(request)),
    );
  }

  @SignedIn()
  @Post('notifications')
  async notifications(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    const actor: Actor = request.actor!;
    const current = new Map((await this.preferences.preferencesOf(actor.userId)).map((p) => [p.kind, p.channel]));
    for (const kind of Object.values(NotificationKind)) {
      const chosen = body[kind];
      if (typeof chosen === 'string' && CHANNELS.has(chosen) && chosen !== current.get(kind)) {
        await this.preferences.setPreference(actor.userId, kind, chosen as NotificationChannel);
      }
    }
    response.redirect(303, '/settings?saved=notifications#notifications');
  }

  @SignedIn()
  @Post('password')
  @HttpCode(200)
  async password(@Req() request: WebRequest, @Res() response: Response, @Body() body: Record<string, unknown>) {
    await this.attempt(request, response, 'password', {}, () =>
      this.auth.changePassword(request.actor!, text(body.currentPassword), text(body.newPassword), clientOf(request)),
    );
  }

  @SignedIn()
  @Post('sessions/end-others')
  async endOthers(@Req() request: WebRequest, @Res() response: Response) {
    await this.auth.endOtherSessions(request.actor!);
    response.redirect(303, '/settings?saved=sessions#sessions');
  }

  /** Runs one section's change: back to the page with its notice, or its problems next to its fields. */
  private async attempt(
    request: WebRequest,
    response: Response,
    section: SettingsSection,
    values: Record<string, string>,
    change: () => Promise<unknown>,
  ) {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'UNAUTHENTICATED') throw error;
      const ctx = await this.contexts.create(request);
      const errors =
        error instanceof InvalidInputError
          ? problemsByField(error.fields, ctx.locale)
          : { [FIELD_OF_REFUSAL[section] ?? 'currentPassword']: messageOf(error, ctx.locale) };
      return this.render(request, response, { problems: { section, errors, values } }, 422);
    }
    response.redirect(303, `/settings?saved=${section}#${section}`);
  }

  private async render(
    request: WebRequest,
    response: Response,
    state: Pick<SettingsData, 'saved' | 'problems'>,
    status = 200,
  ) {
    const actor = request.actor!;
    const [ctx, user, preferences, sessions] = await Promise.all([
      this.contexts.create(request, response),
      this.users.findById(actor.userId),
      this.preferences.preferencesOf(actor.userId),
      this.auth.sessionsOf(actor),
    ]);
    if (!user) {
      clearSessionCookies(response);
      return response.redirect(303, '/login');
    }
    const rows = sessions.map((s) => ({
      id: s._id.toHexString(),
      userAgent: s.userAgent,
      ip: s.ip,
      createdAt: s.createdAt,
      isCurrent: s.isCurrent,
    }));
    const avatarMax = megabytes(AVATAR_RULES.maxBytes);
    sendPage(request, response, settingsView(ctx, { user, preferences, sessions: rows, avatarMax, ...state }), {
      status,
    });
  }
}
