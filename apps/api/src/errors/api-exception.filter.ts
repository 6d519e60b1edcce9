import { type ArgumentsHost, Catch, type ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import { GqlArgumentsHost, type GqlContextType } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { httpStatusOf, negotiateLocale } from '@helpboard/core';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { sendNotFoundPage } from '../../../web/src/http/web-exception.filter.js';
import { toApiError, toGraphQLError } from './to-api-error.js';

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<GqlContextType>() === 'graphql') {
      // GraphQL's own errors (validation, coercion) are already client-facing.
      if (exception instanceof GraphQLError) return exception;
      const context = GqlArgumentsHost.create(host).getContext<GraphQLContext>();
      const apiError = toApiError(exception, context.locale);
      if (apiError.isUnexpected)
        this.logger.error({ err: exception, requestId: context.requestId }, 'unexpected error');
      return toGraphQLError(apiError);
    }

    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    // A browser asking for a page that does not exist gets the site's 404 page, not JSON.
    if (exception instanceof NotFoundException && request.accepts(['json', 'html']) === 'html') {
      return sendNotFoundPage(request, response);
    }
    const apiError = toApiError(exception, negotiateLocale(request.headers['accept-language']));
    if (apiError.isUnexpected) this.logger.error({ err: exception, requestId: request.id }, 'unexpected error');
    if (apiError.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(apiError.retryAfterSeconds));
    response.status(httpStatusOf(apiError.code)).json({
      error: { code: apiError.code, reason: apiError.reason, message: apiError.message, fields: apiError.fields },
    });
  }
}
