import { MunicipalityCode } from './municipality';

/**
 * A named way of grouping municipalities (welfare-office areas, the support center's
 * blocks, …). Groupings overlap and change with the plan, so they are data, recorded in the
 * plan as events, rather than a fixed tree: a municipality belongs to one member of each
 * grouping it appears in, and to as many groupings as the plan defines.
 */
export interface GroupingMember {
  /** kebab-case, unique within the grouping, e.g. `chuo-higashi`. */
  readonly memberId: string;
  readonly name: string;
  readonly municipalityCodes: readonly MunicipalityCode[];
}

export interface Grouping {
  /** kebab-case, e.g. `welfare-office-areas`. */
  readonly groupingId: string;
  readonly name: string;
  readonly members: readonly GroupingMember[];
}

/** Members of `grouping` that contain `code` (one for a partition, several if members overlap). */
export function membersContaining(grouping: Grouping, code: MunicipalityCode): GroupingMember[] {
  return grouping.members.filter((member) => member.municipalityCodes.includes(code));
}

export function municipalityCodesOfMember(
  grouping: Grouping,
  memberId: string,
): readonly MunicipalityCode[] {
  const member = grouping.members.find((candidate) => candidate.memberId === memberId);
  if (!member) throw new RangeError(`grouping ${grouping.groupingId} has no member ${memberId}`);
  return member.municipalityCodes;
}
