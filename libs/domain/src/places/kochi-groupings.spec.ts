import { membersContaining, municipalityCodesOfMember } from './grouping';
import { SUPPORT_CENTER_BLOCKS, WELFARE_OFFICE_AREAS } from './kochi-groupings';
import { MUNICIPALITIES, municipalityCodeOf } from './municipality';

describe.each([WELFARE_OFFICE_AREAS, SUPPORT_CENTER_BLOCKS])('grouping $groupingId', (grouping) => {
  it('puts every municipality in exactly one member', () => {
    for (const { code } of MUNICIPALITIES) {
      expect(membersContaining(grouping, code)).toHaveLength(1);
    }
  });
});

describe('Kochi groupings', () => {
  it('sizes the welfare-office areas as the prefecture draws them', () => {
    expect(WELFARE_OFFICE_AREAS.members.map((m) => [m.name, m.municipalityCodes.length])).toEqual([
      ['安芸', 9],
      ['中央東', 7],
      ['高知市', 1],
      ['中央西', 6],
      ['須崎', 5],
      ['幡多', 6],
    ]);
  });

  it('lets one municipality sit in a member of each grouping', () => {
    const sakawa = municipalityCodeOf('佐川町');
    expect(membersContaining(WELFARE_OFFICE_AREAS, sakawa).map((m) => m.memberId)).toEqual([
      'chuo-nishi',
    ]);
    expect(membersContaining(SUPPORT_CENTER_BLOCKS, sakawa).map((m) => m.memberId)).toEqual([
      'central',
    ]);
  });

  it('builds the blocks from the areas: east = 安芸, west = 須崎 + 幡多', () => {
    expect(municipalityCodesOfMember(SUPPORT_CENTER_BLOCKS, 'east')).toEqual(
      municipalityCodesOfMember(WELFARE_OFFICE_AREAS, 'aki'),
    );
    expect(municipalityCodesOfMember(SUPPORT_CENTER_BLOCKS, 'central')).toHaveLength(14);
    expect(municipalityCodesOfMember(SUPPORT_CENTER_BLOCKS, 'west')).toHaveLength(11);
  });
});
