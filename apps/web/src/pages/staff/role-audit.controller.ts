// GET /o/<slug>/admin/audit: the operator's role audit (board roles granted, changed and revoked,
// and operator administration), filtered by board, kind of role and who made the change, a page
// at a time; POST /o/<slug>/admin/admins grants or revokes operator administration. The boards
// lib authorises both (operator and platform admins) and records each change with the change.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidInputError, SignedIn, translate } from '@helpboard/core';
import {
  BoardService,
  OperatorService,
  ROLE_AUDIT_PAGE,
  RoleAuditService,
  type RoleChangeRecord,
  RoleKind,
} from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { html, type SafeHtml } from '../../render/html.js';
import { boardPath, userPath } from '../../render/urls.js';
import { layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type Form, formatDate, runAction, text } from './staff-common.js';

const PAGE = ROLE_AUDIT_PAGE.default;
const BOARDS = 100;

@Controller('o/:slug/admin')
@UseFilters(WebExceptionFilter)
export class RoleAuditController {
  constructor(
    private readonly audit: RoleAuditService,
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
  ) {}

  @SignedIn()
  @Get('audit')
  async log(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const actor = request.actor!;
    const filter = {
      board: text(query.board).trim(),
      kind: Object.values(RoleKind).find((kind) => kind === query.kind) ?? null,
      actor: text(query.actor).trim(),
    };
    // The service authorises first: an outsider gets the forbidden page and nothing else.
    let problem: string | null = null;
    const entries = await this.audit
      .list(actor, {
        operatorSlug: slug,
        boardSlug: filter.board || null,
        kind: filter.kind,
        actorHandle: filter.actor || null,
        before: text(query.before) || null,
        first: PAGE + 1,
      })
      .catch((error: unknown) => {
        // A mistyped handle is the filter's problem, shown beside it.
        if (!(error instanceof InvalidInputError)) throw error;
        problem = error.fields[0]?.message ?? 'INVALID_VALUE';
        return [];
      });
    const rows = entries.slice(0, PAGE);
    const [ctx, operator, boards, people] = await Promise.all([
      this.contexts.create(request, response),
      this.operators.requireBySlug(slug),
      this.boards.listBoards(actor, { operatorSlug: slug, limit: BOARDS }),
      this.users.findByIds([
        ...new Set(rows.flatMap((row) => [row.userId, row.actorId].map((id) => id.toHexString()))),
      ]),
    ]);
    const { t } = ctx;
    const byId = new Map(people.map((user) => [user._id.toHexString(), user]));
    const boardsById = new Map(boards.map((board) => [board._id.toHexString(), board]));
    const person = (id: string) => {
      const user = byId.get(id);
      return user ? html`<a href="${userPath(user.handle)}">${user.displayName}</a>` : null;
    };
    const where = (row: RoleChangeRecord) => {
      const board = row.boardId ? boardsById.get(row.boardId.toHexString()) : null;
      if (!row.boardId) return t('web.staff.audit.operator');
      return board ? html`<a href="${boardPath(board.slug)}">${board.title}</a>` : null;
    };
    const selected = (is: boolean) => (is ? html` selected` : null);
    const filters = html`<form method="get" action="/o/${slug}/admin/audit" class="row">
      <div class="field"><label for="f-board">${t('web.staff.audit.board')}</label><select id="f-board" name="board">
        <option value="">${t('web.staff.audit.allBoards')}</option>${boards.map(
          (board) =>
            html`<option value="${board.slug}"${selected(board.slug === filter.board)}>${board.title}</option>`,
        )}</select></div>
      <div class="field"><label for="f-kind">${t('web.staff.audit.kind')}</label><select id="f-kind" name="kind">
        <option value="">${t('web.staff.audit.allKinds')}</option>${Object.values(RoleKind).map(
          (kind) =>
            html`<option value="${kind}"${selected(kind === filter.kind)}>${t(`web.staff.role.${kind}`)}</option>`,
        )}</select></div>
      <div class="field"><label for="f-actor">${t('web.staff.audit.actor')}</label><input id="f-actor" name="actor" value="${filter.actor}" maxlength="40"${
        problem ? html` aria-invalid="true" aria-describedby="f-actor-error"` : null
      } />${problem ? html`<p class="error" id="f-actor-error">${translate(problem, ctx.locale)}</p>` : null}</div>
      <button type="submit" class="secondary">${t('web.staff.audit.filter')}</button></form>`;
    const table = rows.length
      ? html`<table><caption class="vh">${t('web.staff.audit.title')}</caption>
          <thead><tr><th scope="col">${t('web.staff.log.when')}</th><th scope="col">${t('web.staff.audit.where')}</th><th scope="col">${t('web.staff.audit.person')}</th><th scope="col">${t('web.staff.audit.change')}</th><th scope="col">${t('web.staff.log.who')}</th></tr></thead>
          <tbody>${rows.map(
            (row) =>
              html`<tr><td>${formatDate(row.at, ctx.locale)}</td><td>${where(row)}</td><td>${person(row.userId.toHexString())}</td><td>${changeText(ctx, row)}</td><td>${person(row.actorId.toHexString())}</td></tr>`,
          )}</tbody></table>`
      : html`<p class="muted">${t('web.staff.audit.empty')}</p>`;
    const older = new URLSearchParams({
      ...filter,
      kind: filter.kind ?? '',
      before: rows.at(-1)?._id.toHexString() ?? '',
    });
    const more =
      entries.length > PAGE
        ? html`<p><a class="button secondary" rel="next" href="/o/${slug}/admin/audit?${older.toString()}">${t('web.staff.log.older')}</a></p>`
        : null;
    const title = t('web.staff.audit.title');
    const body = html`<p class="small"><a href="/o/${slug}/admin">${t('web.staff.admin.title', { operator: operator.name })}</a></p>
      <h1>${title}</h1>${filters}
      <section class="card" aria-labelledby="audit-h"><h2 id="audit-h" class="vh">${title}</h2>${table}${more}</section>`;
    sendPage(request, response, layout(ctx, { title, robots: 'noindex', body }));
  }

  @SignedIn()
  @Post('admins')
  @HttpCode(200)
  admins(@Req() request: WebRequest, @Res() response: Response, @Param('slug') slug: string, @Body() form: Form) {
    return runAction(request, response, `/o/${slug}/admin`, async () => {
      const handle = text(form.handle).trim();
      if (!handle) throw new InvalidInputError([{ field: 'handle', message: 'REQUIRED' }]);
      const isGrant = form.grant === '1';
      if (isGrant) await this.operators.addAdmin(request.actor!, slug, handle);
      else await this.operators.removeAdmin(request.actor!, slug, handle);
      return isGrant ? 'roleGranted' : 'roleRevoked';
    });
  }
}

/** "Granted: Moderator", "Revoked: Staff", or "Staff → Moderator". */
function changeText(ctx: WebContext, row: RoleChangeRecord): SafeHtml | string {
  const { t } = ctx;
  const role = (kind: RoleKind) => t(`web.staff.role.${kind}`);
  if (row.previousRole && row.role) return `${role(row.previousRole)} → ${role(row.role)}`;
  if (row.role) return t('web.staff.audit.granted', { role: role(row.role) });
  return t('web.staff.audit.revoked', { role: role(row.previousRole!) });
}
