import {
  MUNICIPALITIES,
  isMunicipalityCode,
  municipalityByCode,
  municipalityCodeOf,
} from './municipality';

describe('municipalities', () => {
  it('lists the 34 municipalities: 11 cities, 17 towns, 6 villages', () => {
    const count = (kind: string) => MUNICIPALITIES.filter((m) => m.kind === kind).length;
    expect(MUNICIPALITIES).toHaveLength(34);
    expect([count('city'), count('town'), count('village')]).toEqual([11, 17, 6]);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(34);
  });

  it('knows codes as DOMAIN.md lists them', () => {
    expect(municipalityByCode('39201')).toEqual({ code: '39201', name: '高知市', kind: 'city' });
    expect(municipalityByCode('39403')).toEqual({ code: '39403', name: '越知町', kind: 'town' });
    expect(municipalityByCode('39427')).toEqual({ code: '39427', name: '三原村', kind: 'village' });
    expect(municipalityCodeOf('檮原町')).toBe('39405');
  });

  it('recognises only Kochi codes', () => {
    expect(isMunicipalityCode('39412')).toBe(true);
    expect(isMunicipalityCode('39207')).toBe(false);
    expect(isMunicipalityCode('392014')).toBe(false);
    expect(isMunicipalityCode(39201)).toBe(false);
  });
});
