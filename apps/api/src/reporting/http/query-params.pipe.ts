import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { InvalidReportingQueryRefusal, QueryParameterError } from '../reporting.refusals';

/**
 * Turns the query string into its class-validator DTO (the parameter's declared type), or
 * refuses with a 400 naming every bad parameter; unknown parameters are refused too, so a
 * misspelt `fiscalyear` is not silently ignored.
 */
@Injectable()
export class QueryParamsPipe implements PipeTransform<unknown, object> {
  transform(value: unknown, metadata: ArgumentMetadata): object {
    const type = metadata.metatype;
    if (!type)
      throw new Error('QueryParamsPipe needs the parameter to be typed with its DTO class');
    const params = plainToInstance(type, value ?? {}) as object;
    const errors = validateSync(params, {
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
    });
    if (errors.length > 0) throw new InvalidReportingQueryRefusal(errors.flatMap(describe));
    return params;
  }
}

function describe(error: ValidationError): QueryParameterError[] {
  return Object.values(error.constraints ?? {}).map((reason) => ({
    parameter: error.property,
    reason,
  }));
}
