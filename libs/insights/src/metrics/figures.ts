// Turns summed buckets into the operator's figures: tiers' shares, response times, staff KPIs.
import { type Counts, Duration, type Histograms, Metric, quantile } from './metrics.js';

export interface DurationFigures {
  /** Seconds; null when nothing was measured. */
  median: number | null;
  p90: number | null;
  count: number;
}

export interface InsightFiguresValue {
  questions: number;
  answers: number;
  comments: number;
  deflectedAsks: number;
  shareOpens: number;
  resolvedBySelfService: number;
  resolvedByPeers: number;
  resolvedByStaff: number;
  unresolved: number;
  selfServiceShare: number;
  peerShare: number;
  staffShare: number;
  unresolvedShare: number;
  timeToFirstAnswer: DurationFigures;
  timeToResolution: DurationFigures;
  slaBreachesExperts: number;
  slaBreachesStaff: number;
  flaggedForStaff: number;
  casesOpened: number;
  casesSolved: number;
  negativePosts: number;
  urgentPosts: number;
  staff: {
    answers: number;
    officialAnswers: number;
    acceptedAnswers: number;
    acceptedRate: number;
    firstResponse: DurationFigures;
    casesSolved: number;
  };
  peers: { answers: number; acceptedAnswers: number; acceptedRate: number };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

function durations(histograms: Histograms, name: Duration): DurationFigures {
  const bins = histograms[name];
  return {
    median: quantile(bins, 0.5),
    p90: quantile(bins, 0.9),
    count: Object.values(bins ?? {}).reduce((a, b) => a + b, 0),
  };
}

export function toFigures(counts: Counts, histograms: Histograms): InsightFiguresValue {
  const n = (metric: Metric) => counts[metric] ?? 0;
  const questions = n(Metric.QUESTIONS);
  // Suggestions shown and not followed by a question: the user found an answer (deflected).
  const deflectedAsks = Math.max(0, n(Metric.SUGGESTIONS_SHOWN) - n(Metric.ASKED_AFTER_SUGGESTIONS));
  const shareOpens = n(Metric.SHARE_OPENS);
  const selfService = deflectedAsks + shareOpens;
  const peers = n(Metric.RESOLVED_BY_PEERS);
  const staff = n(Metric.RESOLVED_BY_STAFF);
  const unresolved = Math.max(0, questions - peers - staff);
  // Every need that reached the board: questions asked, and needs met without asking.
  const demand = questions + selfService;
  const staffAnswers = n(Metric.STAFF_ANSWERS);
  const peerAnswers = n(Metric.ANSWERS) - staffAnswers;
  return {
    questions,
    answers: n(Metric.ANSWERS),
    comments: n(Metric.COMMENTS),
    deflectedAsks,
    shareOpens,
    resolvedBySelfService: selfService,
    resolvedByPeers: peers,
    resolvedByStaff: staff,
    unresolved,
    selfServiceShare: ratio(selfService, demand),
    peerShare: ratio(peers, demand),
    staffShare: ratio(staff, demand),
    unresolvedShare: ratio(unresolved, demand),
    timeToFirstAnswer: durations(histograms, Duration.FIRST_ANSWER),
    timeToResolution: durations(histograms, Duration.RESOLUTION),
    slaBreachesExperts: n(Metric.SLA_BREACH_EXPERTS),
    slaBreachesStaff: n(Metric.SLA_BREACH_STAFF),
    flaggedForStaff: n(Metric.FLAGGED_FOR_STAFF),
    casesOpened: n(Metric.CASES_OPENED),
    casesSolved: n(Metric.CASES_SOLVED),
    negativePosts: n(Metric.NEGATIVE_POSTS),
    urgentPosts: n(Metric.URGENT_POSTS),
    staff: {
      answers: staffAnswers,
      officialAnswers: n(Metric.STAFF_OFFICIAL),
      acceptedAnswers: n(Metric.STAFF_ACCEPTED),
      acceptedRate: ratio(n(Metric.STAFF_ACCEPTED), staffAnswers),
      firstResponse: durations(histograms, Duration.STAFF_FIRST_RESPONSE),
      casesSolved: n(Metric.CASES_SOLVED),
    },
    peers: {
      answers: peerAnswers,
      acceptedAnswers: n(Metric.PEER_ACCEPTED),
      acceptedRate: ratio(n(Metric.PEER_ACCEPTED), peerAnswers),
    },
  };
}
