// What partners POST to the conversion webhook, validated before anything is read or stored.
import { z } from 'zod';
import { InvalidInputError } from '@helpboard/core';
import { isCurrency } from '../money/commission-rule.js';

const conversionSchema = z
  .object({
    externalId: z.string().trim().min(1).max(200),
    clickId: z.string().trim().min(1).max(64).optional(),
    code: z.string().trim().min(1).max(32).optional(),
    /** Minor units (integer); needed by percentage campaigns. */
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    currency: z.string().refine(isCurrency, 'INVALID_CURRENCY').optional(),
    occurredAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
    /** sha256 hex of the customer's normalised e-mail: lets us catch self-referrals. */
    emailHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .refine((value) => (value.amount === undefined) === (value.currency === undefined), {
    path: ['currency'],
    message: 'AMOUNT_AND_CURRENCY_TOGETHER',
  });

const reversalSchema = z.object({
  externalId: z.string().trim().min(1).max(200),
  reason: z.string().trim().max(500).optional(),
});

export type ConversionPayload = z.infer<typeof conversionSchema>;
export type ReversalPayload = z.infer<typeof reversalSchema>;

function parse<T>(schema: z.ZodType<T>, rawBody: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new InvalidInputError([{ field: 'body', message: 'INVALID_FORMAT' }]);
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw new InvalidInputError(
    result.error.issues.map((issue) => ({
      field: issue.path.join('.') || 'body',
      message: issue.message === 'INVALID_CURRENCY' ? 'INVALID_CURRENCY' : 'INVALID_VALUE',
    })),
  );
}

export const parseConversion = (rawBody: Buffer) => parse(conversionSchema, rawBody);
export const parseReversal = (rawBody: Buffer) => parse(reversalSchema, rawBody);
