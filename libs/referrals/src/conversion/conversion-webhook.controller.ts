// POST /webhooks/conversions/:partnerId (and …/reversals): partners report conversions, signed
// with `Helpboard-Signature`. Errors answer JSON with the usual code and reason (401 when the
// signature fails), through the API's exception filter.
import { Controller, HttpCode, Param, Post, type RawBodyRequest, Req } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidInputError, Public } from '@helpboard/core';
import { SIGNATURE_HEADER } from '../crypto/webhook-signature.js';
import { type ConversionResult, ConversionService } from './conversion.service.js';

function rawBodyOf(request: RawBodyRequest<Request>): Buffer {
  if (!request.rawBody || !request.is('application/json'))
    throw new InvalidInputError([{ field: 'body', message: 'INVALID_FORMAT' }]);
  return request.rawBody;
}

@Controller('webhooks/conversions')
export class ConversionWebhookController {
  constructor(private readonly conversions: ConversionService) {}

  @Public()
  @Post(':partnerId')
  @HttpCode(200)
  receive(@Param('partnerId') partnerId: string, @Req() request: RawBodyRequest<Request>): Promise<ConversionResult> {
    return this.conversions.receive(partnerId, rawBodyOf(request), request.get(SIGNATURE_HEADER));
  }

  @Public()
  @Post(':partnerId/reversals')
  @HttpCode(200)
  reverse(@Param('partnerId') partnerId: string, @Req() request: RawBodyRequest<Request>): Promise<ConversionResult> {
    return this.conversions.receiveReversal(partnerId, rawBodyOf(request), request.get(SIGNATURE_HEADER));
  }
}
