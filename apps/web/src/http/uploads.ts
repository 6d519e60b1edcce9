// Reads one uploaded file from a multipart form into memory, bounded: a body announced larger
// than the limit is refused before it is read, and multer stops reading at the limit. Every
// refusal is the same field problem the image check gives (FILE_TOO_LARGE…), so pages show it
// next to the file field. Text fields come back too (the form's other inputs).
import type { Request, Response } from 'express';
import multer from 'multer';
import { InvalidInputError } from '@helpboard/core';
import { megabytes } from '@helpboard/files';

export interface Upload {
  file: Buffer | null;
  fields: Record<string, string>;
}

/** Room for the multipart framing and a few short text fields around the file. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

export async function readUpload(
  request: Request,
  response: Response,
  field: string,
  maxBytes: number,
): Promise<Upload> {
  const tooLarge = () =>
    new InvalidInputError([{ field, message: 'FILE_TOO_LARGE', params: { max: megabytes(maxBytes) } }]);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes + FORM_OVERHEAD_BYTES) {
    response.setHeader('Connection', 'close'); // not worth reading the rest of it
    throw tooLarge();
  }
  if (!request.is('multipart/form-data')) return { file: null, fields: {} };
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 4096, parts: 10 },
  }).single(field);
  await new Promise<void>((resolve, reject) => {
    parse(request, response, (error: unknown) => {
      if (!error) return resolve();
      if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') return reject(tooLarge());
      reject(new InvalidInputError([{ field, message: 'FILE_NOT_AN_IMAGE' }]));
    });
  });
  const body = (request.body ?? {}) as Record<string, unknown>;
  const fields = Object.fromEntries(
    Object.entries(body).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])),
  );
  return { file: request.file?.buffer ?? null, fields };
}
