import { Controller, Get, Query, Req, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeDto } from '@seqcast/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { ZodValidationPipe } from '../common/zod-validation.pipe';

const noQuery = new ZodValidationPipe(z.strictObject({}));

/** Who the presented key is: clients check a key with it before keeping it, and show its name. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The API key this request presented: its id, name, owner and whether it is an admin key' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        keyId: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        ownerId: { type: 'string' },
        admin: { type: 'boolean' },
      },
    },
  })
  me(@Req() req: Request, @Query(noQuery) _query: unknown): MeDto {
    // ApiKeyAuthMiddleware answers 401 before this runs; without it the route was mounted wrongly.
    if (!req.apiKey) throw new UnauthorizedException('missing API key');
    const { keyId, name, ownerId, admin } = req.apiKey;
    return { keyId, name, ownerId, admin };
  }
}
