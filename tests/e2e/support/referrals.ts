// Partners, campaigns, clicks and signed webhooks through the public API, as partners and
// browsers use them.
import { signatureHeader } from '@helpboard/referrals';
import type { TestApp } from './test-app.js';
import type { TestUser } from './accounts.js';

export async function createPartner(t: TestApp, by: TestUser, operatorSlug: string, name = `Partner ${Math.random()}`) {
  const response = await t.graphql(
    'mutation ($i: CreatePartnerInput!) { createPartner(input: $i) { webhookSecret partner { id name activeSecretCount } } }',
    { i: { operatorSlug, name } },
    { token: by.accessToken },
  );
  if (!response.data?.createPartner) throw new Error(`createPartner failed: ${JSON.stringify(response.errors)}`);
  const { partner, webhookSecret } = response.data.createPartner;
  return { id: partner.id as string, secret: webhookSecret as string };
}

export const CAMPAIGN_FIELDS =
  'id status landingUrl commission { kind basisPoints currency amount { amountMinor currency } }';

export function createCampaignRequest(t: TestApp, by: TestUser, input: Record<string, unknown>) {
  return t.graphql(
    `mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { ${CAMPAIGN_FIELDS} } }`,
    { i: input },
    { token: by.accessToken },
  );
}

export function setCampaignStatus(t: TestApp, by: TestUser, campaignId: string, status: string) {
  return t.graphql(
    'mutation ($c: ID!, $s: CampaignStatus!) { setCampaignStatus(campaignId: $c, status: $s) { id status } }',
    { c: campaignId, s: status },
    { token: by.accessToken },
  );
}

export async function allowCampaigns(t: TestApp, by: TestUser, boardSlug: string, campaignIds: string[]) {
  const response = await t.graphql(
    'mutation ($s: String!, $i: UpdateBoardInput!) { updateBoard(slug: $s, input: $i) { settings { referrals { allowedCampaignIds } } } }',
    { s: boardSlug, i: { settings: { referrals: { allowedCampaignIds: campaignIds } } } },
    { token: by.accessToken },
  );
  if (!response.data?.updateBoard) throw new Error(`updateBoard failed: ${JSON.stringify(response.errors)}`);
}

/** A campaign created, allowed on its boards and activated. */
export async function activeCampaign(
  t: TestApp,
  by: TestUser,
  partnerId: string,
  boardSlugs: string[],
  extra: Record<string, unknown> = {},
) {
  const response = await createCampaignRequest(t, by, {
    partnerId,
    name: 'Spring sign-up bonus',
    boardSlugs,
    landingUrl: 'https://games.example/join',
    commission: { kind: 'FIXED', amountMinor: 500, currency: 'USD' },
    ...extra,
  });
  if (!response.data?.createCampaign) throw new Error(`createCampaign failed: ${JSON.stringify(response.errors)}`);
  const campaign = response.data.createCampaign as { id: string };
  for (const slug of boardSlugs) await allowCampaigns(t, by, slug, [campaign.id]);
  const activated = await setCampaignStatus(t, by, campaign.id, 'ACTIVE');
  if (!activated.data?.setCampaignStatus) throw new Error(`activate failed: ${JSON.stringify(activated.errors)}`);
  return campaign;
}

export interface ClickResponse {
  status: number;
  location: string | null;
  clickId: string | null;
  cookie: string | null;
  body: string;
}

export async function clickLink(
  t: TestApp,
  code: string,
  client: { ip: string; cookie?: string | null; language?: string; userAgent?: string },
): Promise<ClickResponse> {
  const response = await fetch(`${t.baseUrl}/r/${code}`, {
    redirect: 'manual',
    headers: {
      'x-forwarded-for': client.ip,
      'user-agent': client.userAgent ?? 'Mozilla/5.0 (test reader)',
      ...(client.cookie ? { cookie: client.cookie } : {}),
      ...(client.language ? { 'accept-language': client.language } : {}),
    },
  });
  const location = response.headers.get('location');
  return {
    status: response.status,
    location,
    clickId: location ? new URL(location).searchParams.get('hb_click') : null,
    cookie: response.headers.get('set-cookie')?.split(';')[0] ?? null,
    body: await response.text(),
  };
}

/** POSTs a webhook signed with `secret` at the test clock's time (or `at`, in unix seconds). */
export async function sendWebhook(
  t: TestApp,
  partnerId: string,
  secret: string,
  payload: Record<string, unknown>,
  options: { at?: number; signature?: string; path?: string } = {},
) {
  const body = JSON.stringify(payload);
  const at = options.at ?? Math.floor(t.clock.now().getTime() / 1000);
  const response = await fetch(`${t.baseUrl}/webhooks/conversions/${partnerId}${options.path ?? ''}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'helpboard-signature': options.signature ?? signatureHeader(secret, at, body),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

export const COMMISSION_FIELDS = 'id status reason answerId isFrozen needsReview amount { amountMinor currency }';

export async function myCommissions(t: TestApp, user: TestUser) {
  const response = await t.graphql(
    `{ myCommissions(first: 100) { edges { node { ${COMMISSION_FIELDS} } } } }`,
    {},
    { token: user.accessToken },
  );
  if (!response.data) throw new Error(`myCommissions failed: ${JSON.stringify(response.errors)}`);
  return (response.data.myCommissions.edges as { node: Record<string, any> }[]).map((edge) => edge.node);
}

export const codeIn = (body: string) => /\/r\/([2-9a-hjkmnp-z]{10})/.exec(body)?.[1] ?? null;
