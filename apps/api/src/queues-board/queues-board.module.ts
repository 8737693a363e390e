// Bull Board at /admin/queues: jobs of the `training` queue (waiting, active, failed, retried).
// The queue instance is the one QueueModule registers globally, so the board shares its
// connection and prefix. No auth is attached here: expose /admin only on a trusted network or
// behind the same auth as the API.
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, type BullBoardModuleOptions } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { TRAINING_QUEUE } from '@seqcast/core';

export const QUEUES_BOARD_ROUTE = '/admin/queues';

// @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1 beside the root 9.10.2, and the two
// BaseAdapter declarations differ only in a private field: identical at run time. Drop this cast
// once @bull-board/express is bumped to ^9.10.2 and dedupes.
const expressAdapter = ExpressAdapter as unknown as BullBoardModuleOptions['adapter'];

@Module({
  imports: [
    BullBoardModule.forRoot({
      route: QUEUES_BOARD_ROUTE,
      adapter: expressAdapter,
      boardOptions: { uiConfig: { boardTitle: 'seqcast queues' } },
    }),
    BullBoardModule.forFeature({ name: TRAINING_QUEUE, adapter: BullMQAdapter }),
  ],
})
export class QueuesBoardModule {}
