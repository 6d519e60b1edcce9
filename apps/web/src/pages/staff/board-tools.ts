// The staff tools a person has on one board, with what waits in each: what the board page, the
// thread page and the staff desk link to. Derived from the one access decision (BoardAccessService,
// which already counts operator and platform admins in), never from the membership row alone, so
// a link is shown exactly when its page would open. Counts come from the owning services.
import { Injectable } from '@nestjs/common';
import { type Actor } from '@helpboard/core';
import { BoardAccessService, BoardAction, type BoardRecord, BoardService, OperatorService } from '@helpboard/boards';
import { FlagService, ReviewService } from '@helpboard/moderation';
import { AlertService, EscalationQueueService, EscalationTier } from '@helpboard/insights';
import { html, type SafeHtml } from '../../render/html.js';
import type { WebContext } from '../../http/web-context.js';

/** Counted up to this many; more shows as "99+". */
export const COUNT_LIMIT = 99;

export type ToolKey = 'review' | 'flags' | 'moderation' | 'insights' | 'alerts' | 'escalations' | 'operator';

export interface BoardTool {
  key: ToolKey;
  href: string;
  /** Items waiting (open review items, flagged posts, open alerts, questions escalated to staff). */
  count?: number;
}

export interface BoardPowers {
  canModerate: boolean;
  /**
   * Work the review queues and read the moderation log by role: moderators, and staff and owners,
   * whose role grants those reputation privileges (Privileges: by role on their boards).
   */
  canReview: boolean;
  canViewInsights: boolean;
  canActAsStaff: boolean;
  /** The board's operator, when the person administers it (its operator-wide insights). */
  operatorSlug: string | null;
}

@Injectable()
export class BoardTools {
  constructor(
    private readonly access: BoardAccessService,
    private readonly boards: BoardService,
    private readonly operators: OperatorService,
    private readonly review: ReviewService,
    private readonly flags: FlagService,
    private readonly alerts: AlertService,
    private readonly escalations: EscalationQueueService,
  ) {}

  async powersOn(actor: Actor | null, board: BoardRecord): Promise<BoardPowers> {
    if (!actor) {
      return { canModerate: false, canReview: false, canViewInsights: false, canActAsStaff: false, operatorSlug: null };
    }
    // Reviewing by reputation alone (500 on SE) is a privilege, not a role: no link for it here.
    const [canModerate, canEditAnyPost, canViewInsights, canActAsStaff, operator] = await Promise.all([
      this.access.can(actor, BoardAction.Moderate, board),
      this.access.can(actor, BoardAction.EditAnyPost, board),
      this.access.can(actor, BoardAction.ViewInsights, board),
      this.access.can(actor, BoardAction.ActAsStaff, board),
      this.operators.findByIds([board.operatorId]).then(([found]) => found),
    ]);
    const operatorSlug = operator && this.operators.isAdmin(actor, operator) ? operator.slug : null;
    return { canModerate, canReview: canModerate || canEditAnyPost, canViewInsights, canActAsStaff, operatorSlug };
  }

  /** The tools on the board with this address (the staff pages' own navigation). */
  async onSlug(actor: Actor | null, slug: string): Promise<BoardTool[]> {
    return this.on(actor, await this.boards.requireBoard(slug));
  }

  /** The tools, in the order the navigation shows them; none for readers without a role. */
  async on(actor: Actor | null, board: BoardRecord): Promise<BoardTool[]> {
    const powers = await this.powersOn(actor, board);
    if (!actor) return [];
    const slug = board.slug;
    const limit = COUNT_LIMIT + 1;
    const [reviewCounts, flagged, openAlerts, waiting] = await Promise.all([
      powers.canReview ? this.review.openCounts(actor, slug) : null,
      powers.canModerate ? this.flags.flaggedQueue(actor, slug, limit) : null,
      powers.canViewInsights ? this.alerts.list(actor, { boardSlug: slug }, false, limit) : null,
      powers.canActAsStaff
        ? this.escalations.queue(actor, { boardSlug: slug, tier: EscalationTier.STAFF, limit })
        : null,
    ]);
    const tools: BoardTool[] = [];
    if (reviewCounts) {
      const total = Object.values(reviewCounts).reduce((sum, n) => sum + n, 0);
      tools.push({ key: 'review', href: `/b/${slug}/review`, count: total });
    }
    if (flagged) tools.push({ key: 'flags', href: `/b/${slug}/review?kind=FLAGGED`, count: flagged.length });
    if (powers.canReview) tools.push({ key: 'moderation', href: `/b/${slug}/moderation` });
    if (openAlerts) {
      tools.push({ key: 'insights', href: `/b/${slug}/insights` });
      tools.push({ key: 'alerts', href: `/b/${slug}/alerts`, count: openAlerts.length });
    }
    if (waiting) tools.push({ key: 'escalations', href: `/b/${slug}/escalations?tier=STAFF`, count: waiting.length });
    if (powers.operatorSlug) tools.push({ key: 'operator', href: `/o/${powers.operatorSlug}/insights` });
    return tools;
  }
}

export function countText(count: number): string {
  return count > COUNT_LIMIT ? `${COUNT_LIMIT}+` : String(count);
}

/** The tools as a row of links, each with its count ("Review queue 3"); nothing without tools. */
export function toolLinks(ctx: WebContext, tools: BoardTool[], label = ctx.t('web.staff.nav')): SafeHtml | null {
  if (tools.length === 0) return null;
  return html`<nav aria-label="${label}" class="staff-tools"><ul class="pill-nav">${toolItems(ctx, tools, null)}</ul></nav>`;
}

/**
 * A staff page's own navigation: back to the board, then the tools the viewer's roles give on it
 * (the page itself checked one of them), the current one marked.
 */
export function staffNav(ctx: WebContext, boardSlug: string, tools: BoardTool[], current: ToolKey | null): SafeHtml {
  return html`<nav aria-label="${ctx.t('web.staff.nav')}" class="staff-tools"><ul class="pill-nav">
    <li><a href="/b/${boardSlug}">${ctx.t('web.staff.backToBoard')}</a></li>${toolItems(ctx, tools, current)}</ul></nav>`;
}

function toolItems(ctx: WebContext, tools: BoardTool[], current: ToolKey | null): SafeHtml[] {
  return tools.map(
    (tool) =>
      html`<li><a href="${tool.href}" data-tool="${tool.key}"${tool.key === current ? html` aria-current="page"` : null}>${ctx.t(`web.staff.tool.${tool.key}`)}${
        tool.count !== undefined
          ? html` <span class="count" aria-label="${ctx.t('web.staff.waiting', { count: countText(tool.count) })}">${countText(tool.count)}</span>`
          : null
      }</a></li>`,
  );
}
