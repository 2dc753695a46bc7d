import { ACTIVITY_DEFINITIONS, ACTIVITY_TYPE_NAMES } from '@ledger/domain';
import { getMetadataStorage } from 'class-validator';
import { ACTIVITY_REQUEST_DATA } from './activity-request-data';

/** The request DTOs repeat the domain's fields by hand; this keeps them from drifting apart. */
describe('activity request data', () => {
  it.each(ACTIVITY_TYPE_NAMES)(
    '%s accepts exactly the fields of the domain event but occurredOn',
    (type) => {
      const dto = ACTIVITY_REQUEST_DATA[type];
      const validated = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(dto, '', true, false)
          .map((metadata) => metadata.propertyName),
      );
      const domainFields = Object.keys(ACTIVITY_DEFINITIONS[type].fields).filter(
        (field) => field !== 'occurredOn',
      );

      expect([...validated].sort()).toEqual(domainFields.sort());
    },
  );
});
