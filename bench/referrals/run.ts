// The two referral endpoints under load vs GET /healthz on the same process, one after the
// other with identical autocannon settings: a first click on /r/:code (a new visitor each time:
// link, campaign, board and owner checks, burst counter, own-address lookup, click insert,
// redirect) and a replayed signed conversion webhook (HMAC check, idempotent lookup). Prints
// req/s ratios to health.
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { type Actor, PlatformRole } from '@helpboard/core';
import { BoardKind, BoardService, OperatorService } from '@helpboard/boards';
import { AuthService } from '@helpboard/identity';
import { signatureHeader } from '@helpboard/referrals';
import { startBenchApp } from '../support/bench-app.js';

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '10' }, duration: { type: 'string', default: '8' } },
});
const connections = Number(values.connections);
const duration = Number(values.duration);

const started = await startBenchApp();
const { app, engine } = started;
await app.listen(0, '127.0.0.1');
const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');

const auth = app.get(AuthService);
const user = await auth.createAccount({
  email: 'admin@bench.test',
  handle: 'bench-admin',
  password: 'benchmark passphrase 2026',
  platformRole: PlatformRole.Admin,
});
const admin: Actor = {
  userId: user._id.toHexString(),
  handle: user.handle,
  platformRole: PlatformRole.Admin,
  isSuspended: false,
  sessionId: '000000000000000000000000',
};
const token = (await auth.startSession(user, { ip: '127.0.0.1' })).accessToken;
await app.get(OperatorService).createOperator({ slug: 'bench-operator', name: 'Bench Operator' });
await app.get(BoardService).createBoard(admin, {
  operatorSlug: 'bench-operator',
  slug: 'bench-board',
  title: 'Bench board',
  kind: BoardKind.REGION,
});

const graphql = async (query: string, variables: Record<string, unknown>) => {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const { createPartner } = await graphql(
  'mutation { createPartner(input: { operatorSlug: "bench-operator", name: "Bench Partner" }) { webhookSecret partner { id } } }',
  {},
);
const { createCampaign } = await graphql(
  `
    mutation ($p: ID!) {
      createCampaign(
        input: {
          partnerId: $p
          name: "Bench"
          boardSlugs: ["bench-board"]
          landingUrl: "https://partner.example/join"
          commission: { kind: FIXED, amountMinor: 100, currency: "USD" }
        }
      ) {
        id
      }
    }
  `,
  { p: createPartner.partner.id },
);
await graphql(
  'mutation ($c: [String!]) { updateBoard(slug: "bench-board", input: { settings: { referrals: { allowedCampaignIds: $c } } }) { id } }',
  { c: [createCampaign.id] },
);
await graphql('mutation ($c: ID!) { setCampaignStatus(campaignId: $c, status: ACTIVE) { id } }', {
  c: createCampaign.id,
});
const { createReferralLink } = await graphql(
  'mutation ($c: ID!) { createReferralLink(input: { campaignId: $c, boardSlug: "bench-board" }) { code } }',
  { c: createCampaign.id },
);

const partnerId = createPartner.partner.id as string;
const webhookBody = JSON.stringify({
  externalId: 'bench-1',
  code: createReferralLink.code,
  occurredAt: new Date().toISOString(),
});
const signed = () => signatureHeader(createPartner.webhookSecret, Math.floor(Date.now() / 1000), webhookBody);
await fetch(`${base}/webhooks/conversions/${partnerId}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'helpboard-signature': signed() },
  body: webhookBody,
});

let address = 0;
/** Each request from a fresh client address, so the per-address burst limit is not what is measured. */
const nextAddress = () => {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

async function measure(label: string, request: autocannon.Request, expectStatus: number): Promise<number> {
  const run = (seconds: number) =>
    autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: [request],
      expectedStatusCode: expectStatus,
    } as autocannon.Options);
  await run(2); // warm-up
  const result = await run(duration);
  const statuses = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats;
  const expected = statuses[String(expectStatus)]?.count ?? 0;
  const wrong = Object.values(statuses).reduce((n, s) => n + s.count, 0) - expected + result.errors + result.timeouts;
  process.stdout.write(
    `${label.padEnd(26)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  unexpected ${wrong}\n`,
  );
  return result.requests.average;
}

process.stdout.write(`referrals: ${connections} connections, ${duration} s each\n`);
const health = await measure('GET /healthz', { method: 'GET', path: '/healthz' }, 200);
const clicks = await measure(
  'GET /r/:code (new visitor)',
  {
    method: 'GET',
    path: `/r/${createReferralLink.code}`,
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': nextAddress() } }),
  },
  302,
);
const webhooks = await measure(
  'POST webhook (replay)',
  {
    method: 'POST',
    path: `/webhooks/conversions/${partnerId}`,
    body: webhookBody,
    setupRequest: (req) => ({
      ...req,
      headers: { ...req.headers, 'content-type': 'application/json', 'helpboard-signature': signed() },
    }),
  },
  200,
);
process.stdout.write(`ratio click / health: ${(clicks / health).toFixed(2)}\n`);
process.stdout.write(`ratio webhook replay / health: ${(webhooks / health).toFixed(2)}\n`);
// Let autocannon's last connections drain before closing the database under them.
await new Promise((resolve) => setTimeout(resolve, 500));
await app.close();
await engine.stop();
