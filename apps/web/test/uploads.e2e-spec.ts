// Uploads over HTTP: avatars in settings and images in posts. Refusals (too large, a type we do
// not take, not an image at all) come back next to the field in the reader's language and leave
// the old avatar in place; uploads need a session and the CSRF token; stored files come back with
// their type, cache headers and nosniff; a private board's images reach only its readers; no
// request path reaches a file outside the store.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { startTestApp, type TestApp } from '../../../tests/e2e/support/test-app.js';
import {
  createPlatformAdmin,
  registerUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../../tests/e2e/support/accounts.js';
import { createBoard, createOperator, setBoardRole } from '../../../tests/e2e/support/boards.js';
import { answer, ask } from '../../../tests/e2e/support/threads.js';
import { clientsOn, type WebClient } from './support/web-client.js';

let t: TestApp;
let admin: TestUser;
let publicSlug: string;
let privateSlug: string;
const clients = clientsOn(() => t.baseUrl, '10.7.0');
const as = (user: TestUser) => clients.as(user, STRONG_PASSWORD);

const png = (width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .png()
    .toBuffer();
const file = (bytes: Uint8Array, name = 'me.png', type = 'image/png', field = 'avatar') => ({
  field,
  name,
  type,
  bytes,
});
const avatarSrc = (body: string) => /<img class="avatar large" src="(\/files\/avatars\/[^"]+)"/.exec(body)?.[1];

beforeAll(async () => {
  t = await startTestApp();
  admin = await createPlatformAdmin(t);
  const operator = await createOperator(t, admin, [admin.handle]);
  publicSlug = (await createBoard(t, admin, operator.slug)).slug;
  privateSlug = (await createBoard(t, admin, operator.slug, { visibility: 'PRIVATE' })).slug;
});
afterAll(() => t.close());

async function settingsOf(user: TestUser): Promise<WebClient> {
  const b = await as(user);
  await b.get('/settings');
  return b;
}

describe('avatar upload in settings', () => {
  it('stores a re-encoded square picture, serves it with its type and cache headers, and shows it', async () => {
    const user = await registerUser(t);
    const b = await settingsOf(user);
    const saved = await b.upload('/settings/avatar', file(await png()));
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/settings?saved=avatar#avatar');
    const page = await b.get('/settings?saved=avatar');
    expect(page.body).toContain('Your picture is saved.');
    const src = avatarSrc(page.body)!;
    expect(src).toMatch(/^\/files\/avatars\/[0-9a-f]{24}-[0-9a-f]{16}\.webp$/);

    const served = await fetch(`${t.baseUrl}${src}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 256]);

    expect((await b.get('/')).body).toContain(`<img class="avatar small" src="${src}"`);
    expect((await clients.browser().get(`/u/${user.handle}`)).body).toContain(`<img class="avatar large" src="${src}"`);
  });

  it('refuses a file too large, of a type we do not take, or not an image, next to the field, keeping the old one', async () => {
    const user = await registerUser(t);
    const b = await settingsOf(user);
    await b.upload('/settings/avatar', file(await png()));
    const before = avatarSrc((await b.get('/settings')).body)!;

    // Announced far too large (refused unread), and just over the limit (multer stops at it).
    const tooLarge = Buffer.concat([await png(), Buffer.alloc(2 * 1024 * 1024)]);
    const justOver = Buffer.concat([await png(), Buffer.alloc(2 * 1024 * 1024 - (await png()).length + 1)]);
    const refusals: [Uint8Array, string, string, string][] = [
      [tooLarge, 'big.png', 'image/png', 'The file is too large: at most 2 MB.'],
      [justOver, 'big.png', 'image/png', 'The file is too large: at most 2 MB.'],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'x.svg',
        'image/svg+xml',
        'This kind of image is not accepted.',
      ],
      [
        Buffer.from('just some text, named like a picture'),
        'fake.png',
        'image/png',
        'This file is not an image we can read.',
      ],
      [(await png()).subarray(0, 60), 'cut.png', 'image/png', 'This file is not an image we can read.'],
    ];
    for (const [bytes, name, type, message] of refusals) {
      const refused = await b.upload('/settings/avatar', file(bytes, name, type));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatch(new RegExp(`id="f-avatar-error">${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(refused.body).toContain('aria-invalid="true"');
    }
    expect(avatarSrc((await b.get('/settings')).body)).toBe(before);
    expect((await fetch(`${t.baseUrl}${before}`)).status).toBe(200);
  });

  it('says why in Chinese to a Chinese reader', async () => {
    const user = await registerUser(t);
    const b = await settingsOf(user);
    await b.get('/lang?to=zh-CN&next=/settings');
    const refused = await b.upload('/settings/avatar', file(Buffer.from('%PDF-1.7'), 'cv.pdf', 'application/pdf'));
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('此文件不是可读取的图片。');
  });

  it('needs a session and the CSRF token (in the form’s URL or the script’s header)', async () => {
    const anonymous = clients.browser();
    await anonymous.get('/login');
    const signedOut = await anonymous.upload('/settings/avatar', file(await png()));
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toMatch(/^\/login/);

    const user = await registerUser(t);
    const b = await settingsOf(user);
    expect((await b.upload('/settings/avatar', file(await png()), { csrf: 'none' })).status).toBe(403);
    expect(avatarSrc((await b.get('/settings')).body)).toBeUndefined();
    expect((await b.upload('/settings/avatar', file(await png()), { csrf: 'header' })).status).toBe(303);
    expect(avatarSrc((await b.get('/settings')).body)).toBeDefined();
  });

  it('deletes the picture it replaces, and falls back to the initial when removed', async () => {
    const user = await registerUser(t);
    const b = await settingsOf(user);
    await b.upload('/settings/avatar', file(await png()));
    const first = avatarSrc((await b.get('/settings')).body)!;
    await b.upload('/settings/avatar', file(await png(100, 100)));
    const second = avatarSrc((await b.get('/settings')).body)!;
    expect(second).not.toBe(first);
    expect((await fetch(`${t.baseUrl}${first}`)).status).toBe(404);
    expect((await b.post('/settings/avatar/remove', {})).status).toBe(303);
    const page = await b.get('/settings');
    expect(avatarSrc(page.body)).toBeUndefined();
    expect(page.body).toMatch(/<span class="avatar large fallback h\d" aria-hidden="true">/);
    expect((await fetch(`${t.baseUrl}${second}`)).status).toBe(404);
  });
});

describe('avatar uploads in parallel', () => {
  it('of 20 at once, stores up to the hourly limit, refuses the rest, and leaves exactly one file', async () => {
    const user = await registerUser(t);
    const b = await settingsOf(user);
    const bytes = await png(64, 64);
    const results = await Promise.all(Array.from({ length: 20 }, () => b.upload('/settings/avatar', file(bytes))));
    expect(results.filter((r) => r.status === 303)).toHaveLength(10);
    const refused = results.filter((r) => r.status === 422);
    expect(refused).toHaveLength(10);
    expect(refused[0].body).toContain('You have uploaded many files in the last hour.');
    const src = avatarSrc((await b.get('/settings')).body)!;
    const userId = /avatars\/([0-9a-f]{24})-/.exec(src)![1];
    const stored = readdirSync(join(t.config.dataDir, 'files', 'avatars')).filter(
      (name) => name.startsWith(userId) && name.endsWith('.webp'),
    );
    expect(stored).toEqual([src.split('/').at(-1)]);
  });
});

describe('images in posts', () => {
  it('uploads from the composer (JSON) and shows the image in the answer to everyone on a public board', async () => {
    const [asker, helper] = await Promise.all([registerUser(t), registerUser(t)]);
    const question = await ask(t, asker, publicSlug, { title: 'Which APN settings for MMS?' });
    const b = await as(helper);
    await b.get(`/b/${publicSlug}/ask`);
    const uploaded = await b.upload(`/b/${publicSlug}/images`, file(await png(), 'apn.png', 'image/png', 'image'), {
      csrf: 'header',
      extra: { 'x-requested-with': 'fetch' },
    });
    expect(uploaded.status).toBe(200);
    const { url, markdown } = JSON.parse(uploaded.body) as { url: string; markdown: string };
    expect(url).toMatch(/^\/files\/posts\/[0-9a-f]{24}\/[0-9a-f]{24}\.png$/);
    expect(markdown).toBe(`![](${url})`);
    await answer(t, helper, question.id, `These settings work for me:\n\n${markdown}`);

    const page = await clients.browser().get(`/t/${question.id}/x`);
    const thread = page.status === 301 ? await clients.browser().get(page.location!) : page;
    expect(thread.body).toContain(`<img src="${url}" alt="" />`);
    const served = await fetch(`${t.baseUrl}${url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a private board’s images only to its readers, and keeps them images where remote ones are links', async () => {
    const [member, outsider] = await Promise.all([registerUser(t), registerUser(t)]);
    await setBoardRole(t, admin, privateSlug, member.handle, 'MEMBER');
    const b = await as(member);
    await b.get(`/b/${privateSlug}/images/new`);
    const uploaded = await b.upload(`/b/${privateSlug}/images`, file(await png(), 'a.png', 'image/png', 'image'), {
      csrf: 'header',
      extra: { 'x-requested-with': 'fetch' },
    });
    const { url, markdown } = JSON.parse(uploaded.body) as { url: string; markdown: string };
    const question = await ask(t, member, privateSlug, {
      title: 'Roaming bundle not applied',
      body: `My bill shows this: ${markdown} and ![theirs](https://tracker.example.org/p.gif)`,
    });
    const page = await b.get(`/t/${question.id}/x`);
    const thread = page.status === 301 ? await b.get(page.location!) : page;
    expect(thread.body).toContain(`<img src="${url}" alt="" />`);
    expect(thread.body).toContain(
      '<a href="https://tracker.example.org/p.gif" rel="nofollow ugc noopener" target="_blank">theirs</a>',
    );

    const own = await fetch(`${t.baseUrl}${url}`, { headers: { cookie: cookiesOf(b) } });
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-cache');
    const again = await fetch(`${t.baseUrl}${url}`, {
      headers: { cookie: cookiesOf(b), 'if-none-match': own.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${t.baseUrl}${url}`)).status).toBe(404);
    const stranger = await as(outsider);
    expect((await stranger.get(url)).status).toBe(404);
    // Nor may an outsider upload there: the board stays hidden.
    await stranger.get('/');
    const refused = await stranger.upload(
      `/b/${privateSlug}/images`,
      file(await png(), 'a.png', 'image/png', 'image'),
      {
        csrf: 'header',
        extra: { 'x-requested-with': 'fetch' },
      },
    );
    expect(refused.status).toBe(404);
  });

  it('works without the script: an upload page that gives the Markdown to paste, and refusals beside the field', async () => {
    const user = await registerUser(t);
    const b = await as(user);
    const form = await b.get(`/b/${publicSlug}/images/new`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    const done = await b.upload(`/b/${publicSlug}/images`, file(await png(), 'x.png', 'image/png', 'image'), {
      fields: { alt: 'APN screen' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatch(/value="!\[APN screen\]\(\/files\/posts\/[0-9a-f]{24}\/[0-9a-f]{24}\.png\)"/);
    const refused = await b.upload(
      `/b/${publicSlug}/images`,
      file(Buffer.from('GIF89a nonsense'), 'x.gif', 'image/gif', 'image'),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('This file is not an image we can read.');
  });
});

describe('the files route', () => {
  it('reaches nothing outside the store, however the path is spelled', async () => {
    for (const path of [
      '/files/avatars/..%2Fjwt-secret',
      '/files/avatars/..%2F..%2Fjwt-secret',
      '/files/posts/..%2F..%2F/jwt-secret',
      '/files/avatars/%2e%2e%2fjwt-secret.type',
      '/files/../jwt-secret',
      '/files/avatars/x.png.type',
    ]) {
      const response = await fetch(`${t.baseUrl}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });
});

function cookiesOf(client: WebClient): string {
  return ['hb_at', 'hb_rt'].map((name) => `${name}=${client.cookie(name) ?? ''}`).join('; ');
}
