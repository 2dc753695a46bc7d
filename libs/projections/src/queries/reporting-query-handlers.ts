import { GetKpisHandler } from './get-kpis.query';
import { GetMetricsHandler } from './get-metrics.query';

/** Register these as providers (with `REPORTING_METRICS` and a TypeORM DataSource) in the api. */
export const REPORTING_QUERY_HANDLERS = [GetKpisHandler, GetMetricsHandler];
