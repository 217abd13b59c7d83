/**
 * The LPA activation string (GSMA SGP.22): `LPA:1$<SM-DP+ address>$<matching id>`.
 * It is what the QR code encodes and what a phone needs for manual entry.
 */

export interface ActivationDetails {
  smdpAddress: string;
  matchingId: string;
}

/** Builds the LPA string a QR code encodes. */
export function lpaString({ smdpAddress, matchingId }: ActivationDetails): string {
  return `LPA:1$${smdpAddress}$${matchingId}`;
}

/** Parses "LPA:1$host$id" or the bare "1$host$id" form some providers send; null if it is neither. */
export function parseLpa(value: string): ActivationDetails | null {
  const match = /^(?:LPA:)?1\$([^$\s]+)\$([^$\s]+)(?:\$.*)?$/.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  return { smdpAddress: match[1], matchingId: match[2] };
}

/** Apple's one-tap install link (iOS 17.4+). */
export function appleInstallUrl(details: ActivationDetails): string {
  return `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${encodeURIComponent(lpaString(details))}`;
}
