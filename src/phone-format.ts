// E.164 numbers made readable ('+12025550123' → '+1 202-555-0123') without the calling-code
// table, which would double the dialog's first load: the ITU's numbering says how long a
// calling code is — one digit for 1 and 7, two for the codes below, three for every other.
const TWO_DIGIT_CODES = '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98';

/** Digits in groups of three, the last group of up to five ('2079460958' → '207 946 0958'). */
function group(national: string): string {
  const groups: string[] = [];
  let rest = national;
  while (rest.length > 5) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  return [...groups, rest].join(' ');
}

/** A phone number in E.164 for reading; anything else as it came. */
export function formatPhone(e164: string): string {
  const digits = /^\+(\d{4,15})$/.exec(e164)?.[1];
  if (!digits) return e164;
  const length = '17'.includes(digits[0]!) ? 1 : TWO_DIGIT_CODES.includes(digits.slice(0, 2)) ? 2 : 3;
  const code = digits.slice(0, length);
  const national = digits.slice(length);
  // North America writes 202-555-0123.
  if (code === '1' && national.length === 10) return `+1 ${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
  return `+${code} ${group(national)}`;
}
