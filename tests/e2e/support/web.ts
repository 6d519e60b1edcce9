// The site as a signed-in browser sees it: pages fetched with the access token in its cookie, and
// what their header shows.
import { expect } from '@jest/globals';
import type { TestUser } from './accounts.js';

/** A page of the site as a signed-in browser sees it (the access token in its cookie). */
export async function webPage(baseUrl: string, path: string, reader: TestUser): Promise<{ url: string; html: string }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: `hb_at=${reader.accessToken}` } });
  expect(response.status).toBe(200);
  return { url: new URL(response.url).pathname, html: await response.text() };
}

/** The unread count in the header's bell (0 when hidden). */
export const unreadIn = (html: string) =>
  Number(/<span class="count" data-unread( hidden)?>(\d+)<\/span>/.exec(html)![2]);
export const hasStaffDesk = (html: string) => html.includes('href="/me/staff"');
