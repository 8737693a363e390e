import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthReport, HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when Postgres and Redis answer; 503 naming the one that does not. */
  @Get()
  async get(): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.down.length) throw new ServiceUnavailableException(`${report.down.join(' and ')} unavailable`);
    return report;
  }
}
