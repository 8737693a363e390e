import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { z } from 'zod';

// Any 8-4-4-4-12 hex string, as Postgres' uuid type reads it (not only RFC 9562 variants): unknown → 404, not 400.
const uuid = z.guid();

/** A path parameter that must be a UUID; the 400 names the parameter (`id must be a UUID, got "x"`). */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (uuid.safeParse(value).success) return value.toLowerCase();
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    throw new BadRequestException(`${metadata.data ?? 'parameter'} must be a UUID, got "${shown}"`);
  }
}
