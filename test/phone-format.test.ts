// Phone numbers shown for reading: the calling code split off by the ITU's length rule, checked
// against every calling code the kit knows (the table the SMS sender uses).
import { expect } from '@open-wc/testing';
import { callingCodeFor } from '../src/calling-codes.js';
import { displayAlias } from '../src/index.js';
import { formatPhone } from '../src/phone-format.js';

describe('formatPhone', () => {
  it('writes North American numbers as 202-555-0123, others in groups', () => {
    expect(formatPhone('+12025550123')).to.equal('+1 202-555-0123');
    expect(formatPhone('+442079460958')).to.equal('+44 207 946 0958');
    expect(formatPhone('+4915123456789')).to.equal('+49 151 234 56789');
    expect(formatPhone('+97226021234')).to.equal('+972 260 21234');
    expect(formatPhone('+79161234567')).to.equal('+7 916 123 4567');
  });

  it('splits off exactly the calling code, for every country the kit knows', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const codes = new Set<string>();
    for (const a of letters) for (const b of letters) {
      const code = callingCodeFor(a + b);
      if (code) codes.add(code);
    }
    expect(codes.size).to.be.greaterThan(200);
    for (const code of codes) expect(formatPhone(`+${code}55501234`), code).to.match(new RegExp(`^\\+${code} \\d`));
  });

  it('leaves what is not E.164 as it came, and the dialog shows SMS numbers formatted', () => {
    expect(formatPhone('020 7946 0958')).to.equal('020 7946 0958');
    expect(displayAlias({ id: 'p', format: 'phoneNumber', alias: '+12025550123' })).to.equal('+1 202-555-0123');
  });
});
