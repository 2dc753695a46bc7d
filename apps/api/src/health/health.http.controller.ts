import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/roles.decorator';
import { Readiness } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(private readonly readiness: Readiness) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Ready: stores open, migrations run, plan and demo data recorded' })
  @ApiServiceUnavailableResponse({ description: 'Still starting' })
  health(): { status: 'ok' } {
    if (!this.readiness.ready) throw new ServiceUnavailableException('The service is starting.');
    return { status: 'ok' };
  }
}
