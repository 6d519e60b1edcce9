import { describe, expect, it } from '@jest/globals';
import { sniffImageType } from './image-type.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniffImageType', () => {
  it('knows the accepted images by their first bytes', () => {
    expect(sniffImageType(bytes([0x89], 'PNG\r\n\x1a\n', 'rest'))).toBe('png');
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
    expect(sniffImageType(bytes('GIF89a', [1, 0]))).toBe('gif');
  });

  it('names other images, SVG included, apart from files that are no image', () => {
    expect(sniffImageType(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'))).toBe(
      'other-image',
    );
    expect(sniffImageType(bytes('BM', [0, 0, 0, 0]))).toBe('other-image');
    expect(sniffImageType(bytes([0, 0, 0, 0x1c], 'ftypheic'))).toBe('other-image');
    expect(sniffImageType(bytes('%PDF-1.7'))).toBe('unknown');
    expect(sniffImageType(bytes('hello.png'))).toBe('unknown');
    expect(sniffImageType(Buffer.alloc(0))).toBe('unknown');
  });
});
