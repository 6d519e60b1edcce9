import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { InvalidInputError } from '@helpboard/core';
import { type ImageRules, prepareImage } from './prepare-image.js';

const RULES: ImageRules = { maxBytes: 100_000, resize: { mode: 'fit', side: 64 }, keepsAnimation: true };

const photo = (format: 'png' | 'jpeg' | 'webp' | 'gif', width = 120, height = 80) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .toFormat(format)
    .toBuffer();

async function refusal(upload: Buffer | null, rules = RULES) {
  try {
    await prepareImage(upload, 'image', rules);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fields[0];
  }
  throw new Error('not refused');
}

describe('prepareImage', () => {
  it.each(['png', 'jpeg', 'webp', 'gif'] as const)('re-encodes a %s within the size it is given', async (format) => {
    const prepared = await prepareImage(await photo(format), 'image', RULES);
    expect(prepared.type).toBe(format);
    const meta = await sharp(prepared.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([format, 64, 43]);
  });

  it('drops EXIF (a phone photo’s GPS position) and turns the photo upright by it', async () => {
    const withExif = await sharp(await photo('jpeg', 120, 80))
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Artist: 'Jane Roe' }, IFD3: { GPSLatitude: '31/1 14/1 0/1' } })
      .jpeg()
      .toBuffer();
    expect(withExif.includes(Buffer.from('Jane Roe'))).toBe(true);
    const prepared = await prepareImage(withExif, 'image', { ...RULES, resize: { mode: 'fit', side: 1000 } });
    expect(prepared.bytes.includes(Buffer.from('Jane Roe'))).toBe(false);
    const meta = await sharp(prepared.bytes).metadata();
    expect([meta.exif, meta.width, meta.height]).toEqual([undefined, 80, 120]);
  });

  it('crops avatars to a square in the format asked for', async () => {
    const prepared = await prepareImage(await photo('png'), 'avatar', {
      ...RULES,
      resize: { mode: 'square', side: 32 },
      outputAs: 'webp',
    });
    expect(prepared.contentType).toBe('image/webp');
    const meta = await sharp(prepared.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([32, 32]);
  });

  it('refuses a missing, too large, other-typed or unreadable file with a field problem', async () => {
    expect(await refusal(null)).toEqual({ field: 'image', message: 'FILE_MISSING' });
    expect(await refusal(Buffer.alloc(100_001, 1))).toMatchObject({
      message: 'FILE_TOO_LARGE',
      params: { max: '0.1 MB' },
    });
    expect(await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toMatchObject({
      message: 'IMAGE_TYPE_NOT_ACCEPTED',
    });
    expect(await refusal(Buffer.from('%PDF-1.7 not an image'))).toMatchObject({ message: 'FILE_NOT_AN_IMAGE' });
    const truncated = (await photo('png')).subarray(0, 40);
    expect(await refusal(truncated)).toMatchObject({ message: 'FILE_NOT_AN_IMAGE' });
  });

  it('refuses a small file that would decode into too many pixels', async () => {
    // At a scale that keeps the test quick: the same file, its pixel count over the bound.
    const bomb = await sharp({ create: { width: 2_000, height: 1_000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(RULES.maxBytes);
    expect(await refusal(bomb, { ...RULES, maxPixels: 1_000_000 })).toMatchObject({ message: 'FILE_NOT_AN_IMAGE' });
  });
});
