// Operator administration (operator admins): GET /o/<slug>/admin lists the operator's boards (with
// archived ones) and creates boards; GET /o/<slug>/admin/b/<board> edits a board's settings
// (privilege thresholds, the flag weight that hides a post, SLA tiers, first-post review and the
// other moderation limits), grants and revokes roles, archives it, and links its moderation log.
// The boards lib authorises and validates every change; an invalid setting comes back beside its
// field on the re-rendered form (nothing is saved).
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { type FieldProblem, InvalidInputError, SignedIn, translate } from '@helpboard/core';
import {
  BOARD_LANGUAGES,
  BoardKind,
  boardLanguages,
  type BoardRecord,
  BoardRole,
  BoardService,
  type BoardSettingsOverrides,
  type BoardSettingsValues,
  DEFAULT_BOARD_SETTINGS,
  MembershipService,
  type OperatorRecord,
  OperatorService,
  resolveBoardSettings,
} from '@helpboard/boards';
import { UsersService } from '@helpboard/identity';
import { html, type SafeHtml } from '../../render/html.js';
import { field } from '../../render/forms.js';
import { boardPath, userPath } from '../../render/urls.js';
import { languageNames } from '../../render/language-names.js';
import { csrfField, layout } from '../../layout/layout.js';
import { sendPage } from '../../http/send-page.js';
import { type WebContext, WebContextFactory } from '../../http/web-context.js';
import { WebExceptionFilter } from '../../http/web-exception.filter.js';
import type { WebRequest } from '../../http/web-request.js';
import { type Form, outcomeNotice, runAction, text } from './staff-common.js';

/** The settings an operator edits here, by group (the campaign allow-list is edited with campaigns). */
const EDITABLE = {
  privileges: Object.keys(DEFAULT_BOARD_SETTINGS.privileges),
  moderation: Object.keys(DEFAULT_BOARD_SETTINGS.moderation),
  escalation: Object.keys(DEFAULT_BOARD_SETTINGS.escalation),
  reputation: Object.keys(DEFAULT_BOARD_SETTINGS.reputation),
} as const;
type Group = keyof typeof EDITABLE;
/** Yes/no settings, as checkboxes: what accounts with an unverified address may do. */
const UNVERIFIED_KEYS = Object.keys(
  DEFAULT_BOARD_SETTINGS.unverifiedAccounts,
) as (keyof BoardSettingsValues['unverifiedAccounts'])[];
const LANGUAGES_FIELD = 'content.languages';
const GRANTABLE = [BoardRole.MODERATOR, BoardRole.STAFF, BoardRole.EXPERT, BoardRole.OWNER];
const BOARDS = 100;

@Controller('o/:slug/admin')
@UseFilters(WebExceptionFilter)
export class OperatorAdminController {
  constructor(
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly memberships: MembershipService,
    private readonly users: UsersService,
    private readonly contexts: WebContextFactory,
  ) {}

  private async operatorFor(request: WebRequest, slug: string) {
    const operator = await this.operators.requireBySlug(slug);
    await this.operators.assertAdmin(request.actor!, operator);
    return operator;
  }

  @SignedIn()
  @Get()
  async home(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
  ) {
    const operator = await this.operatorFor(request, slug);
    const [ctx, boards] = await Promise.all([
      this.contexts.create(request, response),
      this.boards.listBoards(request.actor!, { operatorSlug: slug, limit: BOARDS }),
    ]);
    await this.renderHome(request, response, ctx, operator, boards, query, {}, {});
  }

  private async renderHome(
    request: WebRequest,
    response: Response,
    ctx: WebContext,
    operator: OperatorRecord,
    boards: BoardRecord[],
    query: Record<string, unknown>,
    values: Form,
    problems: Record<string, string>,
    status = 200,
  ) {
    const { t } = ctx;
    const { slug, name } = operator;
    const admins = await this.users.findByIds(operator.adminIds.map((id) => id.toHexString()));
    const adminForm = (handle: string | null) =>
      html`<form method="post" action="/o/${slug}/admin/admins" class="${handle ? 'inline' : 'stack'}">${csrfField(ctx)}${
        handle
          ? html`<input type="hidden" name="handle" value="${handle}" /><button type="submit" class="secondary">${t('web.staff.admin.revoke')}</button>`
          : html`<input type="hidden" name="grant" value="1" />${field({ name: 'handle', id: 'f-admin', label: t('web.field.handle'), isRequired: true, maxLength: 40 })}<button type="submit">${t('web.staff.admin.addAdmin')}</button>`
      }</form>`;
    const adminList = html`<ul class="plain">${admins.map(
      (user) => html`<li><a href="${userPath(user.handle)}">${user.displayName}</a> ${adminForm(user.handle)}</li>`,
    )}</ul>${adminForm(null)}`;
    const list = html`<ul class="plain">${boards.map(
      (board) =>
        html`<li><a href="/o/${slug}/admin/b/${board.slug}">${board.title}</a> <span class="muted small">${board.slug}</span>${
          board.archivedAt ? html` <span class="label closed">${t('web.staff.archived')}</span>` : null
        }</li>`,
    )}</ul>`;
    const kinds = Object.values(BoardKind);
    const create = html`<form method="post" action="/o/${slug}/admin/boards" class="stack" novalidate>${csrfField(ctx)}
      ${field({ name: 'slug', label: t('web.staff.admin.slug'), hint: t('web.staff.admin.slugHint'), value: text(values.slug), error: problems.slug, isRequired: true, maxLength: 60 })}
      ${field({ name: 'title', label: t('web.field.title'), value: text(values.title), error: problems.title, isRequired: true, maxLength: 120 })}
      <div class="field"><label for="f-kind">${t('web.staff.admin.kind')}</label><select id="f-kind" name="kind">${kinds.map(
        (kind) =>
          html`<option value="${kind}"${text(values.kind) === kind ? html` selected` : null}>${t(`web.boardKind.${kind}`)}</option>`,
      )}</select></div>
      ${field({ name: 'region', label: t('web.staff.admin.region'), hint: t('web.staff.admin.regionHint'), value: text(values.region), error: problems.region, maxLength: 10 })}
      <button type="submit">${t('web.staff.admin.create')}</button></form>`;
    const title = t('web.staff.admin.title', { operator: name });
    const body = html`<p class="small"><a href="/o/${slug}">${name}</a> · <a href="/o/${slug}/insights">${t('web.staff.tool.operator')}</a> · <a href="/o/${slug}/admin/audit">${t('web.staff.audit.title')}</a></p>
      <h1>${title}</h1>${outcomeNotice(ctx, query)}
      <section class="card" aria-labelledby="boards-h"><h2 id="boards-h">${t('web.staff.admin.boards')}</h2>${list}</section>
      <section class="card" aria-labelledby="create-h"><h2 id="create-h">${t('web.staff.admin.create')}</h2>${create}</section>
      <section class="card" aria-labelledby="admins-h"><h2 id="admins-h">${t('web.staff.admin.admins')}</h2>${adminList}</section>`;
    sendPage(request, response, layout(ctx, { title, robots: 'noindex', body }), { status });
  }

  @SignedIn()
  @Post('boards')
  @HttpCode(200)
  async createBoard(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Body() form: Form,
  ) {
    const operator = await this.operatorFor(request, slug);
    const kind = Object.values(BoardKind).find((k) => k === form.kind) ?? BoardKind.PRODUCT;
    try {
      const problems: FieldProblem[] = [];
      if (!text(form.title).trim()) problems.push({ field: 'title', message: 'REQUIRED' });
      if (problems.length) throw new InvalidInputError(problems);
      const board = await this.boards.createBoard(request.actor!, {
        operatorSlug: slug,
        slug: text(form.slug),
        title: text(form.title),
        kind,
        region: text(form.region) || null,
      });
      response.redirect(303, `/o/${slug}/admin/b/${board.slug}?done=boardCreated`);
    } catch (error) {
      const problems = problemsOf(error, 'slug');
      if (!problems) throw error;
      const [ctx, boards] = await Promise.all([
        this.contexts.create(request, response),
        this.boards.listBoards(request.actor!, { operatorSlug: slug, limit: BOARDS }),
      ]);
      await this.renderHome(request, response, ctx, operator, boards, {}, form, translated(problems, ctx), 400);
    }
  }

  @SignedIn()
  @Get('b/:board')
  async board(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Param('board') boardSlug: string,
    @Query() query: Record<string, unknown>,
  ) {
    await this.boardPage(request, response, slug, boardSlug, query, null, {});
  }

  private async boardPage(
    request: WebRequest,
    response: Response,
    slug: string,
    boardSlug: string,
    query: Record<string, unknown>,
    values: Form | null,
    problems: Record<string, string>,
    status = 200,
  ) {
    const operator = await this.operatorFor(request, slug);
    const board = await this.boards.requireBoard(boardSlug);
    if (!board.operatorId.equals(operator._id))
      throw new InvalidInputError([{ field: 'board', message: 'INVALID_VALUE' }]);
    const [ctx, team] = await Promise.all([
      this.contexts.create(request, response),
      this.memberships.usersWithRoles(board._id, GRANTABLE),
    ]);
    const people = new Map(
      (await this.users.findByIds(team.map((m) => m.userId.toHexString()))).map((u) => [u._id.toHexString(), u]),
    );
    const { t } = ctx;
    const current = resolveBoardSettings(board.settingsOverrides);
    const back = `/o/${slug}/admin/b/${boardSlug}`;
    const groups = (Object.keys(EDITABLE) as Group[]).map(
      (group) =>
        html`<fieldset><legend>${t(`web.staff.settings.${group}`)}</legend>${EDITABLE[group].map((key) => {
          const name = `${group}.${key}`;
          const stored = (current[group] as Record<string, number>)[key];
          return field({
            name,
            id: `s-${group}-${key}`,
            type: 'number',
            label: settingLabel(ctx, group, key),
            value: values ? text(values[name]) : String(stored),
            error: problems[name],
          });
        })}</fieldset>`,
    );
    const supported = languageNames(ctx.locale, BOARD_LANGUAGES).map((name, i) => `${BOARD_LANGUAGES[i]} (${name})`);
    const languages = html`<fieldset><legend>${t('web.staff.settings.content')}</legend>${field({
      name: LANGUAGES_FIELD,
      id: 's-content-languages',
      label: t('web.staff.setting.content.languages'),
      hint: t('web.staff.setting.content.languagesHint', { supported: supported.join(', ') }),
      value: values ? text(values[LANGUAGES_FIELD]) : boardLanguages(board).join(', '),
      error: problems[LANGUAGES_FIELD],
      maxLength: 200,
    })}</fieldset>`;
    const teamList = team.length
      ? html`<ul class="plain">${team.map((m) => {
          const user = people.get(m.userId.toHexString());
          if (!user) return null;
          return html`<li><a href="${userPath(user.handle)}">${user.displayName}</a> <span class="badge staff">${t(`web.staff.role.${m.role}`)}</span>
            <form method="post" action="${back}/roles" class="inline">${csrfField(ctx)}<input type="hidden" name="handle" value="${user.handle}" /><input type="hidden" name="role" value="" />
            <button type="submit" class="secondary">${t('web.staff.admin.revoke')}</button></form></li>`;
        })}</ul>`
      : html`<p class="muted">${t('web.staff.admin.noTeam')}</p>`;
    const grant = html`<form method="post" action="${back}/roles" class="stack">${csrfField(ctx)}
      ${field({ name: 'handle', label: t('web.field.handle'), isRequired: true, maxLength: 40 })}
      <div class="field"><label for="f-role">${t('web.staff.admin.role')}</label><select id="f-role" name="role">${GRANTABLE.map(
        (role) => html`<option value="${role}">${t(`web.staff.role.${role}`)}</option>`,
      )}</select></div><button type="submit">${t('web.staff.admin.grant')}</button></form>`;
    const archive = board.archivedAt
      ? html`<p><span class="label closed">${t('web.staff.archived')}</span></p>`
      : html`<form method="post" action="${back}/archive">${csrfField(ctx)}<p class="small muted">${t('web.staff.admin.archiveHint')}</p><button type="submit" class="secondary">${t('web.staff.admin.archive')}</button></form>`;
    const title = t('web.staff.admin.boardTitle', { board: board.title });
    const body = html`<p class="small"><a href="/o/${slug}/admin">${t('web.staff.admin.title', { operator: operator.name })}</a> · <a href="${boardPath(board.slug)}">${board.title}</a> · <a href="/b/${board.slug}/moderation">${t('web.staff.tool.moderation')}</a></p>
      <h1>${title}</h1>${outcomeNotice(ctx, query)}
      ${Object.keys(problems).length ? html`<div class="notice error" role="alert">${t('web.staff.admin.fix')}</div>` : null}
      <section class="card" aria-labelledby="settings-h"><h2 id="settings-h">${t('web.staff.admin.settings')}</h2>
        <form method="post" action="${back}/settings" class="stack" novalidate>${csrfField(ctx)}${groups}${languages}${unverifiedFieldset(ctx, current, values)}<button type="submit">${t('web.staff.admin.save')}</button></form></section>
      <section class="card" aria-labelledby="team-h"><h2 id="team-h">${t('web.staff.admin.team')}</h2>${teamList}${grant}</section>
      <section class="card" aria-labelledby="archive-h"><h2 id="archive-h">${t('web.staff.admin.archive')}</h2>${archive}</section>`;
    sendPage(request, response, layout(ctx, { title, robots: 'noindex', body }), { status });
  }

  /** Only the fields that differ from the board's current values are sent (overrides stay minimal). */
  @SignedIn()
  @Post('b/:board/settings')
  @HttpCode(200)
  async saveSettings(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Param('board') boardSlug: string,
    @Body() form: Form,
  ) {
    await this.operatorFor(request, slug);
    const board = await this.boards.requireBoard(boardSlug);
    const current = resolveBoardSettings(board.settingsOverrides);
    const changes: Record<string, Record<string, unknown>> = {};
    const problems: FieldProblem[] = [];
    for (const group of Object.keys(EDITABLE) as Group[]) {
      for (const key of EDITABLE[group]) {
        const raw = text(form[`${group}.${key}`]).trim();
        const value = Number(raw);
        if (raw === '' || !Number.isFinite(value)) {
          problems.push({ field: `settings.${group}.${key}`, message: raw === '' ? 'REQUIRED' : 'INVALID_VALUE' });
        } else if (value !== (current[group] as Record<string, number>)[key]) {
          (changes[group] ??= {})[key] = value;
        }
      }
    }
    // An unticked checkbox sends nothing: the marker says the form had the boxes at all.
    if (form['unverifiedAccounts.shown'] === '1') {
      for (const key of UNVERIFIED_KEYS) {
        const value = form[`unverifiedAccounts.${key}`] === 'on';
        if (value !== current.unverifiedAccounts[key]) (changes.unverifiedAccounts ??= {})[key] = value;
      }
    }
    if (form[LANGUAGES_FIELD] !== undefined) {
      const languages = languageTags(text(form[LANGUAGES_FIELD]));
      if (!languages.length) problems.push({ field: `settings.${LANGUAGES_FIELD}`, message: 'REQUIRED' });
      else if (languages.join() !== current.content.languages.join()) changes.content = { languages };
    }
    try {
      if (problems.length) throw new InvalidInputError(problems);
      await this.boards.updateBoard(request.actor!, boardSlug, { settings: changes as BoardSettingsOverrides });
      response.redirect(303, `/o/${slug}/admin/b/${boardSlug}?done=settingsSaved`);
    } catch (error) {
      const found = problemsOf(error, 'settings');
      if (!found) throw error;
      const locale = (await this.contexts.create(request)).locale;
      const byField = Object.fromEntries(
        found.map((p) => [p.field.replace(/^settings\./, ''), translate(p.message, locale, p.params)]),
      );
      await this.boardPage(request, response, slug, boardSlug, {}, form, byField, 400);
    }
  }

  @SignedIn()
  @Post('b/:board/roles')
  @HttpCode(200)
  roles(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Param('board') boardSlug: string,
    @Body() form: Form,
  ) {
    return runAction(request, response, `/o/${slug}/admin/b/${boardSlug}`, async () => {
      await this.operatorFor(request, slug);
      const role = GRANTABLE.find((r) => r === form.role) ?? null;
      if (!text(form.handle).trim()) throw new InvalidInputError([{ field: 'handle', message: 'REQUIRED' }]);
      await this.memberships.setRole(request.actor!, boardSlug, text(form.handle).trim(), role);
      return role ? 'roleGranted' : 'roleRevoked';
    });
  }

  @SignedIn()
  @Post('b/:board/archive')
  @HttpCode(200)
  archive(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Param('slug') slug: string,
    @Param('board') boardSlug: string,
    @Body() _form: Form,
  ) {
    return runAction(request, response, `/o/${slug}/admin/b/${boardSlug}`, async () => {
      await this.operatorFor(request, slug);
      await this.boards.archiveBoard(request.actor!, boardSlug);
      return 'archived';
    });
  }
}

/**
 * "zh-cn, EN" → ["zh-CN", "en"]: supported tags in their canonical case; anything else as typed,
 * for the boards lib to refuse beside the field.
 */
function languageTags(typed: string): string[] {
  return typed
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((tag) => BOARD_LANGUAGES.find((known) => known.toLowerCase() === tag.toLowerCase()) ?? tag);
}

/** An invalid-input error's field problems (a slug taken is the slug's problem), else null. */
function problemsOf(error: unknown, conflictField: string): FieldProblem[] | null {
  if (error instanceof InvalidInputError) return [...error.fields];
  const reason = (error as { messageKey?: string }).messageKey;
  if (reason === 'BOARD_SLUG_TAKEN') return [{ field: conflictField, message: reason }];
  return null;
}

function translated(problems: FieldProblem[], ctx: WebContext): Record<string, string> {
  return Object.fromEntries(
    problems.map((p) => [p.field.split('.').at(-1)!, translate(p.message, ctx.locale, p.params)]),
  );
}

/** "Flag" under privileges reads "Reputation needed to flag"; unknown keys fall back to the key. */
function unverifiedFieldset(ctx: WebContext, current: BoardSettingsValues, values: Form | null): SafeHtml {
  const isOn = (key: (typeof UNVERIFIED_KEYS)[number]) =>
    values ? values[`unverifiedAccounts.${key}`] === 'on' : current.unverifiedAccounts[key];
  return html`<fieldset><legend>${ctx.t('web.staff.settings.unverifiedAccounts')}</legend>
    <p class="hint">${ctx.t('web.staff.settings.unverifiedAccounts.hint')}</p><input type="hidden" name="unverifiedAccounts.shown" value="1" />
    ${UNVERIFIED_KEYS.map(
      (key) =>
        html`<div class="check"><input type="checkbox" id="s-unverified-${key}" name="unverifiedAccounts.${key}"${isOn(key) ? html` checked` : null} /><label for="s-unverified-${key}">${ctx.t(`web.staff.settings.unverifiedAccounts.${key}`)}</label></div>`,
    )}</fieldset>`;
}

function settingLabel(ctx: WebContext, group: Group, key: string): string {
  const labelKey = `web.staff.setting.${group}.${key}`;
  const label = ctx.t(labelKey);
  return label === labelKey ? `${ctx.t(`web.staff.settings.${group}`)}: ${key}` : label;
}
