// An uploaded image made safe to store and serve: the size bound, the type by its first bytes,
// then decoded and written anew by sharp (libvips). Re-encoding drops every byte a browser would
// not draw (EXIF with GPS positions, XMP, comments, anything appended to the file), turns
// phone photos upright first, and refuses files that only start like an image. Decoding is
// bounded in pixels, so a small file that unpacks into gigabytes is refused too.
import sharp from 'sharp';
import { InvalidInputError } from '@helpboard/core';
import { type AcceptedImageType, CONTENT_TYPES, sniffImageType } from './image-type.js';

export interface ImageRules {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** `square`: cropped to a square of this side (avatars); `fit`: shrunk to fit inside it, never enlarged. */
  resize: { mode: 'square' | 'fit'; side: number };
  /** Keep animation (GIF, WebP); otherwise the first frame. */
  keepsAnimation: boolean;
  /** Written in this format whatever came in, or in the format that came in. */
  outputAs?: AcceptedImageType;
  /** Decoding stops past this many pixels; default MAX_INPUT_PIXELS. */
  maxPixels?: number;
}

export interface PreparedImage {
  bytes: Buffer;
  type: AcceptedImageType;
  contentType: string;
  /** File name extension for keys (`jpg` for JPEG). */
  extension: string;
}

/** Decoding stops past this many pixels (an 8000 × 5000 photo), whatever the file's size. */
export const MAX_INPUT_PIXELS = 40_000_000;

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function refuse(field: string, message: string, params?: Record<string, string | number>): never {
  throw new InvalidInputError([{ field, message, params }]);
}

/** Checks and re-encodes an upload; refusals are InvalidInputErrors on `field` with a catalogue key. */
export async function prepareImage(upload: Buffer | null, field: string, rules: ImageRules): Promise<PreparedImage> {
  if (!upload || upload.length === 0) return refuse(field, 'FILE_MISSING');
  if (upload.length > rules.maxBytes) return refuse(field, 'FILE_TOO_LARGE', { max: megabytes(rules.maxBytes) });
  const sniffed = sniffImageType(upload);
  if (sniffed === 'other-image') return refuse(field, 'IMAGE_TYPE_NOT_ACCEPTED');
  if (sniffed === 'unknown') return refuse(field, 'FILE_NOT_AN_IMAGE');
  const type = rules.outputAs ?? sniffed;
  const animated = rules.keepsAnimation && (sniffed === 'gif' || sniffed === 'webp');
  try {
    let image = sharp(upload, { limitInputPixels: rules.maxPixels ?? MAX_INPUT_PIXELS, animated, failOn: 'error' });
    if (!animated) image = image.rotate(); // upright by the EXIF orientation, which is then dropped
    const { side, mode } = rules.resize;
    image =
      mode === 'square'
        ? image.resize(side, side, { fit: 'cover' })
        : image.resize(side, side, { fit: 'inside', withoutEnlargement: true });
    const bytes = await image.toFormat(type).toBuffer();
    return { bytes, type, contentType: CONTENT_TYPES[type], extension: type === 'jpeg' ? 'jpg' : type };
  } catch {
    // libvips' messages name its internals; the person uploading needs only to know the file is unusable.
    return refuse(field, 'FILE_NOT_AN_IMAGE');
  }
}
