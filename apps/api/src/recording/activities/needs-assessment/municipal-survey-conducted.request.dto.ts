import { MunicipalActivityDataRequest } from '../activity-data.request.dto';

/** `data` of MunicipalSurveyConducted: a municipality ran its own fact-finding survey. It has only the common fields. */
export class MunicipalSurveyConductedRequestData extends MunicipalActivityDataRequest {}
