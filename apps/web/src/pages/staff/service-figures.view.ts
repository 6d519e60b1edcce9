// The dashboard's service figures from the insights lib's day buckets: which tier resolved the
// board's needs (self-service, peers, staff), how fast questions get answered, staff KPIs kept
// apart from peers', and questions per day.
import type { InsightFiguresValue } from '@helpboard/insights';
import { html, type SafeHtml } from '../../render/html.js';
import type { WebContext } from '../../http/web-context.js';
import { type Bar, barChart, figuresTable } from './svg-chart.js';

const DAY_MS = 24 * 3_600_000;

export interface ServiceReport {
  from: Date;
  to: Date;
  totals: InsightFiguresValue;
  series: { start: Date; figures: InsightFiguresValue }[];
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Seconds as the largest two units ("2 h 5 min", "45 min", "30 s"); a dash when unmeasured. */
export function formatDuration(ctx: WebContext, seconds: number | null): string {
  if (seconds === null) return '–';
  const minutes = Math.round(seconds / 60);
  if (seconds < 60) return ctx.t('web.staff.duration.seconds', { s: Math.round(seconds) });
  if (minutes < 60) return ctx.t('web.staff.duration.minutes', { m: minutes });
  return ctx.t('web.staff.duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function serviceFigures(ctx: WebContext, report: ServiceReport, days: number): SafeHtml {
  const { t, locale } = ctx;
  const f = report.totals;
  const tiers: Bar[] = [
    { label: t('web.staff.insights.selfService'), value: f.resolvedBySelfService },
    { label: t('web.staff.insights.peers'), value: f.resolvedByPeers },
    { label: t('web.staff.insights.staff'), value: f.resolvedByStaff },
    { label: t('web.staff.insights.unresolved'), value: f.unresolved },
  ];
  const shares = [f.selfServiceShare, f.peerShare, f.staffShare, f.unresolvedShare];
  const byDay = new Map(report.series.map((row) => [row.start.getTime(), row.figures.questions]));
  const dayLabel = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const lastDay = report.to.getTime() - DAY_MS;
  const questions: Bar[] = Array.from({ length: days }, (_, i) => {
    const start = lastDay - (days - 1 - i) * DAY_MS;
    return { label: dayLabel.format(new Date(start)), value: byDay.get(start) ?? 0 };
  });
  return html`<section class="card" aria-labelledby="tiers-h"><h2 id="tiers-h">${t('web.staff.insights.tiers')}</h2>
      ${barChart({ id: 'chart-resolved', title: t('web.staff.insights.tiers'), description: t('web.staff.insights.tiersDesc'), bars: tiers, colour: '#6639ba' })}
      <table><caption class="vh">${t('web.staff.insights.tiers')}</caption>
        <thead><tr><th scope="col">${t('web.staff.insights.tier')}</th><th scope="col">${t('web.staff.insights.count')}</th><th scope="col">${t('web.staff.insights.share')}</th></tr></thead>
        <tbody>${tiers.map((bar, i) => html`<tr><th scope="row">${bar.label}</th><td>${bar.value}</td><td>${percent(shares[i])}</td></tr>`)}</tbody></table>
    </section>
    <section class="card" aria-labelledby="speed-h"><h2 id="speed-h">${t('web.staff.insights.speed')}</h2>
      <table><caption class="vh">${t('web.staff.insights.speed')}</caption><tbody>
        <tr><th scope="row">${t('web.staff.insights.firstAnswer')}</th><td>${formatDuration(ctx, f.timeToFirstAnswer.median)} · p90 ${formatDuration(ctx, f.timeToFirstAnswer.p90)}</td></tr>
        <tr><th scope="row">${t('web.staff.insights.resolution')}</th><td>${formatDuration(ctx, f.timeToResolution.median)} · p90 ${formatDuration(ctx, f.timeToResolution.p90)}</td></tr>
        <tr><th scope="row">${t('web.staff.insights.staffFirstResponse')}</th><td>${formatDuration(ctx, f.staff.firstResponse.median)}</td></tr>
        <tr><th scope="row">${t('web.staff.insights.slaBreaches')}</th><td>${f.slaBreachesExperts} / ${f.slaBreachesStaff}</td></tr>
        <tr><th scope="row">${t('web.staff.insights.cases')}</th><td>${f.casesOpened} / ${f.casesSolved}</td></tr>
      </tbody></table>
    </section>
    <section class="card" aria-labelledby="kpi-h"><h2 id="kpi-h">${t('web.staff.insights.kpis')}</h2>
      <table><caption class="vh">${t('web.staff.insights.kpis')}</caption>
        <thead><tr><th scope="col"></th><th scope="col">${t('web.staff.insights.staff')}</th><th scope="col">${t('web.staff.insights.peers')}</th></tr></thead>
        <tbody>
          <tr><th scope="row">${t('web.staff.insights.answers')}</th><td>${f.staff.answers}</td><td>${f.peers.answers}</td></tr>
          <tr><th scope="row">${t('web.staff.insights.accepted')}</th><td>${f.staff.acceptedAnswers} (${percent(f.staff.acceptedRate)})</td><td>${f.peers.acceptedAnswers} (${percent(f.peers.acceptedRate)})</td></tr>
          <tr><th scope="row">${t('web.staff.insights.official')}</th><td>${f.staff.officialAnswers}</td><td>–</td></tr>
        </tbody></table>
    </section>
    <section class="card" aria-labelledby="qday-h"><h2 id="qday-h">${t('web.staff.insights.questionsPerDay')}</h2>
      ${barChart({ id: 'chart-questions', title: t('web.staff.insights.questionsPerDay'), description: t('web.staff.insights.questionsPerDayDesc'), bars: questions })}
      ${figuresTable(t('web.staff.insights.questionsPerDay'), [t('web.staff.insights.day'), t('web.staff.insights.count')], questions, t('web.staff.insights.showTable'))}
    </section>`;
}
