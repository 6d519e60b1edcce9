// Which kind of file the first bytes say this is: the accepted image types, other images we
// refuse by name, or nothing known. The name a browser gave the file and its declared type are
// never trusted.

export type AcceptedImageType = 'png' | 'jpeg' | 'webp' | 'gif';

export const CONTENT_TYPES: Record<AcceptedImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

export type SniffedType = AcceptedImageType | 'other-image' | 'unknown';

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

export function sniffImageType(bytes: Buffer): SniffedType {
  if (startsWith(bytes, [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  // Images we do not take: BMP, TIFF, ICO, HEIC/AVIF (ISO boxes), SVG (it can carry scripts).
  if (
    startsWith(bytes, ascii('BM')) ||
    startsWith(bytes, ascii('II*\0')) ||
    startsWith(bytes, ascii('MM\0*')) ||
    startsWith(bytes, [0, 0, 1, 0]) ||
    startsWith(bytes, ascii('ftyp'), 4) ||
    /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(bytes.subarray(0, 512).toString('latin1'))
  )
    return 'other-image';
  return 'unknown';
}
