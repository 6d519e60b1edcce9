// What the operator's numbers are made of: counters and duration histograms kept per time bucket.
// Counts of resolutions and response times go to the bucket of the question's *asking*, so "of the
// questions asked in March, how many did peers solve, how fast" reads from March's buckets alone.

export enum Metric {
  QUESTIONS = 'questions',
  ANSWERS = 'answers',
  STAFF_ANSWERS = 'staffAnswers',
  COMMENTS = 'comments',
  /** Questions (by asking time) that got a first answer / whose first answer came from staff. */
  FIRST_ANSWERED = 'firstAnswered',
  RESOLVED_BY_PEERS = 'resolvedByPeers',
  RESOLVED_BY_STAFF = 'resolvedByStaff',
  /** Answers accepted by their asker, by whether their author is staff (event time). */
  PEER_ACCEPTED = 'peerAccepted',
  STAFF_ACCEPTED = 'staffAccepted',
  STAFF_OFFICIAL = 'staffOfficial',
  /** The ask flow showed suggestions / the user asked anyway (by showing time). */
  SUGGESTIONS_SHOWN = 'suggestionsShown',
  ASKED_AFTER_SUGGESTIONS = 'askedAfterSuggestions',
  SHARE_OPENS = 'shareOpens',
  /** Escalation steps taken because the board's SLA ran out, and by NEEDS_STAFF flags. */
  SLA_BREACH_EXPERTS = 'slaBreachExperts',
  SLA_BREACH_STAFF = 'slaBreachStaff',
  FLAGGED_FOR_STAFF = 'flaggedForStaff',
  CASES_OPENED = 'casesOpened',
  CASES_SOLVED = 'casesSolved',
  POSTS_SCORED = 'postsScored',
  NEGATIVE_POSTS = 'negativePosts',
  URGENT_POSTS = 'urgentPosts',
}

export enum Duration {
  FIRST_ANSWER = 'firstAnswer',
  RESOLUTION = 'resolution',
  STAFF_FIRST_RESPONSE = 'staffFirstResponse',
}

/** Upper edges of the histogram bins, in minutes; the last bin is open. */
export const BIN_EDGES_MINUTES = [
  1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10_080, 20_160, 43_200,
];

export function binOf(durationMs: number): number {
  const minutes = durationMs / 60_000;
  const index = BIN_EDGES_MINUTES.findIndex((edge) => minutes <= edge);
  return index === -1 ? BIN_EDGES_MINUTES.length : index;
}

export type Counts = Partial<Record<Metric, number>>;
/** Per duration, count per bin index. */
export type Histograms = Partial<Record<Duration, Record<string, number>>>;

/**
 * The `q`-quantile (0 < q < 1) of a histogram, in seconds, interpolated linearly inside its bin
 * (so it is exact to the bin's width); null when empty.
 */
export function quantile(bins: Record<string, number> | undefined, q: number): number | null {
  const counts = Array.from({ length: BIN_EDGES_MINUTES.length + 1 }, (_, i) => bins?.[String(i)] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0 || seen + counts[i] < rank) {
      seen += counts[i];
      continue;
    }
    const low = i === 0 ? 0 : BIN_EDGES_MINUTES[i - 1];
    if (i === BIN_EDGES_MINUTES.length) return low * 60;
    const high = BIN_EDGES_MINUTES[i];
    return Math.round((low + ((rank - seen) / counts[i]) * (high - low)) * 60);
  }
  return BIN_EDGES_MINUTES.at(-1)! * 60;
}

export function addCounts(into: Counts, from: Counts | undefined): Counts {
  for (const [key, value] of Object.entries(from ?? {})) {
    into[key as Metric] = (into[key as Metric] ?? 0) + (value ?? 0);
  }
  return into;
}

export function addHistograms(into: Histograms, from: Histograms | undefined): Histograms {
  for (const [name, bins] of Object.entries(from ?? {})) {
    const target = (into[name as Duration] ??= {});
    for (const [bin, count] of Object.entries(bins ?? {})) target[bin] = (target[bin] ?? 0) + count;
  }
  return into;
}
