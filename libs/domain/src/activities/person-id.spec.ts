import { containsContactDetails, isPersonId } from './person-id';

describe('pseudonymous person ids', () => {
  it.each(['psc-7f3a9c2e', 'wx_base1_0042', 'A1B2C3D4'])('accepts the opaque id %s', (id) => {
    expect(isPersonId(id)).toBe(true);
  });

  it.each([
    ['an e-mail address', 'taro.yamada@example.jp'],
    ['a phone number', '09012345678'],
    ['a hyphenated phone number', '088-823-9999'],
    ['a birth date', '1975-03-02'],
    ['a romanised name', 'yamadataro'],
    ['a Japanese name', '山田太郎1'],
    ['a name with a space', 'yamada taro 1'],
    ['too short an id', 'p-1'],
  ])('rejects %s', (_, id) => {
    expect(isPersonId(id)).toBe(false);
  });
});

describe('contact details in free text', () => {
  it('finds e-mail addresses and Japanese phone numbers', () => {
    expect(containsContactDetails('連絡先 info@example.jp')).toBe(true);
    expect(containsContactDetails('電話 088-823-9999 まで')).toBe(true);
    expect(containsContactDetails('+81 90 1234 5678')).toBe(true);
  });

  it('leaves dates, counts and venue names alone', () => {
    expect(containsContactDetails('令和5年6月8日 中央ブロック 第1回 (31名)')).toBe(false);
    expect(containsContactDetails('2023-06-08 高知県立ふくし交流プラザ')).toBe(false);
  });
});
