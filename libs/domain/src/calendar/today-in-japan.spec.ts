import { todayInJapan } from './today-in-japan';

describe('todayInJapan', () => {
  it('is already the next day in Tokyo from 15:00 UTC', () => {
    expect(todayInJapan(new Date('2024-03-31T14:59:59.999Z'))).toBe('2024-03-31');
    expect(todayInJapan(new Date('2024-03-31T15:00:00.000Z'))).toBe('2024-04-01');
  });
});
