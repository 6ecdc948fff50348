/**
 * Global Privacy Control (https://w3c.github.io/gpc/): the visitor's browser asks that their data
 * not be sold or shared. We read it as a refusal of `marketing` and never as consent to anything.
 */
export const GPC_CATEGORY = 'marketing';

export const gpcOn = (): boolean =>
  (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
