import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** The dashboard (web/, built by `npm run build:web`), served from the API's own origin. */
@Module({ controllers: [WebController] })
export class WebModule {}
