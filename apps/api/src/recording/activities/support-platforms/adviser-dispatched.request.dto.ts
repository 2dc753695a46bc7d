import { MunicipalActivityDataRequest } from '../activity-data.request.dto';

/** `data` of AdviserDispatched: a community-support adviser was dispatched to a municipality. It has only the common fields. */
export class AdviserDispatchedRequestData extends MunicipalActivityDataRequest {}
