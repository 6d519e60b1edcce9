// `import stackexchange`: reads a dump folder table by table, in batches, each batch one
// transaction together with the checkpoint that says it is done. Re-running an unfinished import
// resumes after the last committed batch; re-running a finished one reads everything again and,
// since every write inserts only what is missing, changes nothing.
import { basename, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Clock } from '@helpboard/core';
import { PLATFORM_ACTOR } from '../platform-actor.js';
import { BoardKind, BoardService, OperatorService, type BoardRecord } from '@helpboard/boards';
import { UnitOfWork } from '@helpboard/database';
import { ImportedAccountsService } from '@helpboard/identity';
import { BadgeService, ImportedBadgesService, ImportedReputationService } from '@helpboard/reputation';
import { ImportedContentService, ImportedVotesService } from '@helpboard/threads';
import { ImportRunRepository } from '../checkpoint/import-run.repository.js';
import { answersPhase, commentsPhase, linksPhase, questionsPhase, usersPhase } from './content-phases.js';
import { type DumpFile, type DumpRow, locateTable, readRows, type RowProblem } from './dump-file.js';
import { SourceIds } from './dump-values.js';
import type { BatchContext, Phase } from './phase.js';
import { votesPhase } from './votes-phase.js';
import { badgesPhase } from './badges-phase.js';

export interface ImportOptions {
  dir: string;
  operatorSlug: string;
  boardSlug: string;
  /** Names the source in every record's origin; defaults to the folder's name. */
  site?: string;
  /** Rows per transaction for every table; by default each table's own (see Phase.batchSize). */
  batchSize?: number;
  onProgress?: (progress: PhaseProgressReport) => void;
  onProblem?: (problem: RowProblem) => void;
  /** Tests: stop (as a crash would) once this many batches have committed. */
  stopAfterBatches?: number;
}

export interface PhaseProgressReport {
  phase: string;
  file: string;
  bytesRead: number;
  bytes: number;
  rows: number;
  done: boolean;
}

export interface PhaseSummary {
  phase: string;
  file: string | null;
  rows: number;
  added: number;
  ignored: number;
  reputationEntries: number;
  problems: number;
  seconds: number;
}

export interface ImportSummary {
  site: string;
  boardSlug: string;
  resumed: boolean;
  phases: PhaseSummary[];
  problems: number;
}

/** The last step, after every table: Helpboard's badge rules over what was imported. */
const HELPBOARD_BADGES = 'helpboard-badges';

/** Thrown by `stopAfterBatches`: what an interrupted import looks like to the caller. */
export class ImportInterrupted extends Error {}

@Injectable()
export class StackExchangeImporter {
  constructor(
    private readonly operators: OperatorService,
    private readonly boards: BoardService,
    private readonly accounts: ImportedAccountsService,
    private readonly content: ImportedContentService,
    private readonly votes: ImportedVotesService,
    private readonly reputation: ImportedReputationService,
    private readonly badges: ImportedBadgesService,
    private readonly helpboardBadges: BadgeService,
    private readonly runs: ImportRunRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async import(options: ImportOptions): Promise<ImportSummary> {
    const site = options.site ?? basename(resolve(options.dir));
    const board = await this.boardFor(options.operatorSlug, options.boardSlug, site);
    const ids = new SourceIds(site, board._id);
    const ghostId = ids.user('deleted');
    await this.unitOfWork.run((tx) =>
      this.accounts.addMissing(
        [{ id: ghostId, displayName: 'Deleted user', bio: '', createdAt: new Date(0), origin: { site, id: 0 } }],
        tx.session,
      ),
    );
    const key = `se:${site}:${board._id.toHexString()}`;
    const run = await this.runs.begin(key, this.clock.now());
    const summary: ImportSummary = {
      site,
      boardSlug: board.slug,
      resumed: Object.keys(run.phases).length > 0,
      phases: [],
      problems: 0,
    };
    const budget = { batches: options.stopAfterBatches ?? Infinity };
    for (const phase of this.phases()) {
      const progress = run.phases[phase.name];
      if (progress?.done) continue;
      const file = locateTable(options.dir, phase.table);
      const result = await this.runPhase(phase, file, {
        ...options,
        key,
        budget,
        fromLine: progress?.line ?? 0,
        ids,
        ghostId,
      });
      summary.phases.push(result);
      summary.problems += result.problems;
    }
    if (!run.phases[HELPBOARD_BADGES]?.done) summary.phases.push(await this.awardHelpboardBadges(key, board, ghostId));
    await this.runs.complete(key, this.clock.now());
    return summary;
  }

  /**
   * Helpboard's own badge rules over the imported history, once every table is in: they
   * otherwise run only on live events. Idempotent, so an interrupted run evaluates them again.
   */
  private async awardHelpboardBadges(
    key: string,
    board: BoardRecord,
    ghostId: BatchContext['ghostId'],
  ): Promise<PhaseSummary> {
    const started = performance.now();
    const added = await this.helpboardBadges.awardFromHistory(board._id, [ghostId]);
    await this.runs.saveLine(key, HELPBOARD_BADGES, 0, true);
    return {
      phase: HELPBOARD_BADGES,
      file: null,
      rows: 0,
      added,
      ignored: 0,
      reputationEntries: 0,
      problems: 0,
      seconds: (performance.now() - started) / 1000,
    };
  }

  private phases(): Phase[] {
    const starterExists = (userIds: Parameters<ImportedAccountsService['existingIds']>[0], context: BatchContext) =>
      this.accounts.existingIds(userIds, context.tx.session);
    return [
      usersPhase(this.accounts),
      questionsPhase(this.accounts, this.content),
      answersPhase(this.accounts, this.content),
      commentsPhase(this.accounts, this.content),
      linksPhase(this.content),
      votesPhase(this.votes, this.reputation, starterExists),
      badgesPhase(this.accounts, this.badges),
    ];
  }

  private async runPhase(
    phase: Phase,
    file: DumpFile | null,
    run: ImportOptions & {
      key: string;
      budget: { batches: number };
      fromLine: number;
      ids: SourceIds;
      ghostId: BatchContext['ghostId'];
    },
  ): Promise<PhaseSummary> {
    const started = performance.now();
    const summary: PhaseSummary = {
      phase: phase.name,
      file: file?.path ?? null,
      rows: 0,
      added: 0,
      ignored: 0,
      reputationEntries: 0,
      problems: 0,
      seconds: 0,
    };
    const report = (problem: RowProblem) => {
      summary.problems += 1;
      run.onProblem?.(problem);
    };
    if (!file) {
      const name = `${phase.table}.xml`;
      report({
        file: resolve(run.dir, name),
        line: 0,
        message: phase.required ? 'missing (required)' : 'missing, skipped',
      });
    } else {
      const batchSize = run.batchSize ?? phase.batchSize;
      let bytesRead = 0;
      const progress = (done: boolean) =>
        run.onProgress?.({
          phase: phase.name,
          file: file.path,
          bytesRead,
          bytes: file.bytes,
          rows: summary.rows,
          done,
        });
      let batch: DumpRow[] = [];
      let lastLine = run.fromLine;
      const flush = async () => {
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        const problems: RowProblem[] = [];
        const result = await this.unitOfWork.run(async (tx) => {
          problems.length = 0;
          const context: BatchContext = {
            tx,
            ids: run.ids,
            boardId: run.ids.boardId,
            ghostId: run.ghostId,
            problem: (line, message) => problems.push({ file: file.path, line, message }),
          };
          const applied = await phase.apply(rows, context);
          await this.runs.saveLine(run.key, phase.name, lastLine, false, tx.session);
          return applied;
        });
        problems.forEach(report);
        summary.added += result.added;
        summary.ignored += result.ignored;
        summary.reputationEntries += result.reputationEntries ?? 0;
        progress(false);
        if (--run.budget.batches <= 0) throw new ImportInterrupted(`stopped after a batch of ${phase.name}`);
      };
      for await (const row of readRows(file, {
        fromLine: run.fromLine,
        onProblem: report,
        onBytes: (n) => (bytesRead = n),
      })) {
        batch.push(row);
        summary.rows += 1;
        lastLine = row.line;
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      progress(true);
    }
    await this.runs.saveLine(run.key, phase.name, 0, true);
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  private async boardFor(operatorSlug: string, boardSlug: string, site: string): Promise<BoardRecord> {
    const operator = await this.operators
      .requireBySlug(operatorSlug)
      .catch(() => this.operators.createOperator({ slug: operatorSlug, name: operatorSlug }));
    const board = await this.boards.requireBoard(boardSlug).catch(() =>
      this.boards.createBoard(PLATFORM_ACTOR, {
        operatorSlug: operator.slug,
        slug: boardSlug,
        title: site,
        description: `Imported from ${site}`,
        kind: BoardKind.INTEREST,
      }),
    );
    if (!board.operatorId.equals(operator._id)) throw new Error(`board ${boardSlug} belongs to another operator`);
    return board;
  }
}
