// The view of a request that pages render from: who is reading, in which language, the CSP
// nonce and the CSRF token. For signed-in readers, their user (name and locale setting) and what
// staff tools they reach and their unread notifications (indexed lookups side by side); none for anonymous ones.
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, APP_CONFIG, type AppConfig, isPlatformAdmin, type Locale, translate } from '@helpboard/core';
import { hasVerifiedEmail, UsersService } from '@helpboard/identity';
import { NotificationService } from '@helpboard/notifications';
import { BoardRole, MembershipService, OperatorService } from '@helpboard/boards';
import { issueCsrfCookie } from './security.middleware.js';
import { NONCE_SLOT } from './send-page.js';
import type { WebRequest } from './web-request.js';

export interface Viewer {
  actor: Actor;
  handle: string;
  displayName: string;
  /** For the bell in the header: right on every page load, kept live by the script. */
  unreadNotifications: number;
  isEmailVerified: boolean;
  /** Which staff links the header shows (each page still checks the role when opened). */
  reach: StaffReach;
}

export interface StaffReach {
  /** Holds a team role on a board, administers an operator, or is a platform admin: `/me/staff`. */
  hasStaffDesk: boolean;
  /** Staff reps promote partner campaigns: `/me/referrals`. */
  isRep: boolean;
}

/** The board roles that open staff pages (experts and members have none). */
export const TEAM_ROLES = [BoardRole.STAFF, BoardRole.MODERATOR, BoardRole.OWNER];

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
    private readonly notifications: NotificationService,
    private readonly memberships: MembershipService,
    private readonly operators: OperatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Builds the context; `response` is given by pages with forms, which need the CSRF cookie set. */
  async create(request: WebRequest, response?: Response): Promise<WebContext> {
    const actor = request.actor ?? null;
    let viewer: Viewer | null = null;
    let locale = request.web.requestLocale;
    if (actor) {
      const [user, unreadNotifications, reach] = await Promise.all([
        this.users.findById(actor.userId),
        this.notifications.unreadCount(actor),
        this.reachOf(actor),
      ]);
      if (user) {
        viewer = {
          actor,
          handle: user.handle,
          displayName: user.displayName,
          unreadNotifications,
          isEmailVerified: hasVerifiedEmail(user),
          reach,
        };
        // The user's own setting wins over the browser's, unless they just picked one here.
        if (!request.web.hasLocaleCookie && user.locale) locale = user.locale;
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

  private async reachOf(actor: Actor): Promise<StaffReach> {
    const [roles, operators] = await Promise.all([
      this.memberships.teamRolesOf(actor.userId, TEAM_ROLES),
      isPlatformAdmin(actor) ? Promise.resolve([]) : this.operators.administeredBy(actor.userId),
    ]);
    return {
      hasStaffDesk: roles.size > 0 || operators.length > 0 || isPlatformAdmin(actor),
      isRep: roles.has(BoardRole.STAFF),
    };
  }
}
