/**
 * ICCIDs (ITU-T E.118): the number printed on a SIM and reported by an
 * eSIM provider. It starts with "89" (telecom), has 19 or 20 digits, and its
 * last digit is a Luhn check digit over the others.
 */

/**
 * The Luhn check digit to append to `digits` (a non-empty string of 0–9).
 * Throws a RangeError for anything else, since a wrong digit would make a
 * number that looks valid and is not.
 */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError("luhnCheckDigit expects a non-empty string of digits");
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled first.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for 19–20 digits starting with "89" whose last digit is the Luhn check digit of the rest. */
export function isValidIccid(iccid: string): boolean {
  if (!/^89\d{17,18}$/.test(iccid)) return false;
  return luhnCheckDigit(iccid.slice(0, -1)) === Number(iccid.slice(-1));
}
