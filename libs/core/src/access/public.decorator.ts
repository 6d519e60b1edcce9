import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'helpboard:isPublic';

/**
 * Marks a resolver or route as open to anonymous callers. Everything else is denied by default:
 * the global guard rejects any handler that neither is public nor declares who may call it.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
