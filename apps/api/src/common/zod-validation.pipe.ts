import { BadRequestException, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Validates a body/query with a strict zod schema; the 400 message names every bad field. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    throw new BadRequestException(formatZodIssues(parsed.error.issues));
  }
}

export function formatZodIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const where = i.path.length ? i.path.join('.') : 'body';
      if (i.code === 'unrecognized_keys') {
        // Nested objects name the whole path (backtest.x), top-level fields stay bare.
        const keys = i.keys.map((k) => [...i.path, k].join('.'));
        return `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`;
      }
      return `${where}: ${i.message}`;
    })
    .join('; ');
}
