import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedPrincipal } from '@ledger/access';
import { HttpResponse } from '../../problem-details/express-shapes';
import { randomUUID } from 'node:crypto';
import { CurrentPrincipal } from '../../access/current-principal.decorator';
import { Roles } from '../../access/roles.decorator';
import { PLAN_BODIES_CACHE, PlanBodiesCache } from '../plan-bodies/plan-bodies.cache';
import { InvalidEventsRefusal } from '../recording.refusals';
import {
  ActivityToRecord,
  RecordActivities,
  RecordedActivities,
} from './record-activities.command';
import { RecordActivitiesRequest } from './record-activities.request.dto';
import { NOT_A_PLAN_BODY, activitiesFromRequest } from './record-activities.request-validation';
import { RecordActivitiesResponse } from './record-activities.response.dto';

@ApiTags('recording')
@ApiBearerAuth()
@Controller('v1/events')
export class RecordActivitiesHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PLAN_BODIES_CACHE) private readonly planBodies: PlanBodiesCache,
  ) {}

  @Post()
  @Roles('recorder')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Record a batch of 1 to 1000 activities, all or nothing',
    description:
      'An invalid event refuses the whole batch (400, naming each event, field and reason). Sending the ' +
      'same ids again records nothing and answers 200 with the original positions.',
  })
  @ApiBody({ type: RecordActivitiesRequest })
  @ApiCreatedResponse({ type: RecordActivitiesResponse, description: 'Recorded' })
  @ApiOkResponse({
    type: RecordActivitiesResponse,
    description: 'Already recorded by an earlier request',
  })
  @ApiConflictResponse({
    description: 'A domain invariant would break, or an id was used by another batch',
  })
  async record(
    @Body() body: unknown,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Headers('x-request-id') requestId: string | undefined,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<RecordActivitiesResponse> {
    const activities = await this.activitiesOf(body, principal);
    const causationId = randomUUID();
    const recorded = await this.commands.execute<RecordActivities, RecordedActivities>(
      new RecordActivities(
        activities,
        { principal: principal.principal, keyId: principal.keyId, bodyId: principal.bodyId },
        requestId?.trim() || causationId,
        causationId,
      ),
    );
    if (!recorded.written) response.status(HttpStatus.OK);
    return {
      events: recorded.events,
      lastPosition: Math.max(...recorded.events.map((event) => event.position)),
    };
  }

  /** A body the cached plan does not know may have been added since: read the plan again. */
  private async activitiesOf(
    body: unknown,
    principal: AuthenticatedPrincipal,
  ): Promise<ActivityToRecord[]> {
    try {
      return activitiesFromRequest(body, principal, this.planBodies.known());
    } catch (error) {
      const unknownBody =
        error instanceof InvalidEventsRefusal &&
        error.errors.some((e) => e.reason === NOT_A_PLAN_BODY);
      if (!unknownBody) throw error;
    }
    await this.planBodies.refresh();
    return activitiesFromRequest(body, principal, this.planBodies.known());
  }
}
