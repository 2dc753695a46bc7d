import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpRequest, HttpResponse, NextFunction } from './express-shapes';
import { ProblemDetailsExceptionFilter } from './problem-details.exception-filter';
import { refuseInvalidUtf8, refuseNulInUrl } from './request-encoding';

/** A batch of 1000 events fits easily; anything larger is refused before it is parsed. */
export const BODY_LIMIT = '4mb';

/**
 * HTTP concerns shared by `main.ts` and the end-to-end tests, so the tests run the very
 * configuration the service does: body limit, Problem Details for every error, OpenAPI.
 */
export function configureHttp(app: NestExpressApplication): void {
  const filter = new ProblemDetailsExceptionFilter();
  app.useBodyParser('json', { limit: BODY_LIMIT, verify: refuseInvalidUtf8 });
  app.use(refuseNulInUrl((error, request, response) => filter.reply(error, request, response)));
  // The body parser runs before Nest routes the request, so Nest's filters never see its
  // errors (too large, malformed JSON); this handler gives them the same Problem Details.
  app.use((error: unknown, request: HttpRequest, response: HttpResponse, next: NextFunction) => {
    if (response.headersSent) return next(error);
    filter.reply(error, request, response);
  });
  app.useGlobalFilters(filter);
  app.enableShutdownHooks();
  setUpOpenApi(app);
}

function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Kochi KPI ledger')
    .setDescription(
      "Records the activities of Kochi Prefecture's support measures toward social participation as " +
        'immutable events. Every request needs an API key (`Authorization: Bearer kl_…`); create one with ' +
        '`npm run cli -- keys create --role <role>`. Errors are Problem Details (RFC 9457) whose `type` is ' +
        '`/problems/<code>`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key kl_<id>_<secret>' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
}
