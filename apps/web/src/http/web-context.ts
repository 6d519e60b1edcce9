// The view of a request that pages render from: who is reading, in which language, the CSP
// nonce and the CSRF token. For signed-in readers, their account as read to authenticate the
// request, what staff tools they reach and their unread notifications (their ViewerState, kept
// per user while their account's version stands); none for anonymous ones.
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, APP_CONFIG, type AppConfig, isPlatformAdmin, type Locale, translate } from '@helpboard/core';
import { hasVerifiedEmail, UsersService } from '@helpboard/identity';
import { BoardRole } from '@helpboard/boards';
import { issueCsrfCookie } from './security.middleware.js';
import { NONCE_SLOT } from './send-page.js';
import { type ViewerState, ViewerStates } from './viewer-state.js';
import type { WebRequest } from './web-request.js';

export { TEAM_ROLES } from './viewer-state.js';

export interface Viewer {
  actor: Actor;
  handle: string;
  displayName: string;
  /** Shown in the header (render/avatar.ts decides whether it is one of ours). */
  avatarUrl: string | null;
  /** For the bell in the header: right on every page load, kept live by the script. */
  unreadNotifications: number;
  isEmailVerified: boolean;
  /** Which staff links the header shows (each page still checks the role when opened). */
  reach: StaffReach;
  /** Their roles, operators and follows, for pages that show them (a thread's follow button). */
  state: ViewerState;
}

export interface StaffReach {
  /** Holds a team role on a board, administers an operator, or is a platform admin: `/me/staff`. */
  hasStaffDesk: boolean;
  /** Staff reps promote partner campaigns: `/me/referrals`. */
  isRep: boolean;
}

export interface WebContext {
  locale: Locale;
  t: (key: string, params?: Record<string, string | number>) => string;
  /** The nonce stand-in (see send-page.ts): script elements carry it, sendPage fills it in. */
  nonce: string;
  csrfToken: string;
  viewer: Viewer | null;
  /** Path and query of this request, for "log in and come back" links and canonical URLs. */
  path: string;
  /** PUBLIC_URL, for absolute links (canonical, OpenGraph, sitemap). */
  baseUrl: string;
}

export function translator(locale: Locale): WebContext['t'] {
  return (key, params) => translate(key, locale, params);
}

@Injectable()
export class WebContextFactory {
  constructor(
    private readonly users: UsersService,
    private readonly states: ViewerStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Builds the context; `response` is given by pages with forms, which need the CSRF cookie set. */
  async create(request: WebRequest, response?: Response): Promise<WebContext> {
    const actor = request.actor ?? null;
    let viewer: Viewer | null = null;
    let locale = request.web.requestLocale;
    if (actor) {
      const [account, state] = await Promise.all([this.accountOf(actor), this.states.of(actor)]);
      if (account) {
        viewer = {
          actor,
          handle: actor.handle,
          displayName: account.displayName,
          avatarUrl: account.avatarUrl,
          unreadNotifications: state.unreadNotifications,
          isEmailVerified: account.isEmailVerified,
          reach: reachOf(actor, state),
          state,
        };
        // The user's own setting wins over the browser's, unless they just picked one here.
        if (!request.web.hasLocaleCookie && account.locale) locale = account.locale as Locale;
      }
    }
    if (response) issueCsrfCookie(request, response, this.config);
    return {
      locale,
      t: translator(locale),
      nonce: NONCE_SLOT,
      csrfToken: request.web.csrfToken,
      viewer,
      path: request.originalUrl,
      baseUrl: this.config.publicUrl,
    };
  }

  /** The account as the request's authentication read it (else read now). */
  private async accountOf(actor: Actor): Promise<Omit<NonNullable<Actor['account']>, 'stateVersion'> | null> {
    if (actor.account) return actor.account;
    const user = await this.users.findById(actor.userId);
    return user
      ? {
          displayName: user.displayName,
          locale: user.locale,
          isEmailVerified: hasVerifiedEmail(user),
          avatarUrl: user.avatarUrl ?? null,
        }
      : null;
  }
}

function reachOf(actor: Actor, state: ViewerState): StaffReach {
  return {
    hasStaffDesk: state.teamRoles.size > 0 || state.operatorIds.size > 0 || isPlatformAdmin(actor),
    isRep: [...state.teamRoles.values()].includes(BoardRole.STAFF),
  };
}
