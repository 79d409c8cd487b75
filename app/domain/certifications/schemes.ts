// The certification schemes a group or a buyer may hold (issue 16). The codes are stored in
// Certification.scheme and PurchaseOffer.requiredScheme; the names are the catalogue's
// (`cert.scheme.<code>`). The standard is shown beside the name so a buyer can check it.
export const CERT_SCHEMES = ["vietgap", "organic", "pgs", "globalgap", "rainforest", "fairtrade", "other"] as const;
export type CertScheme = (typeof CERT_SCHEMES)[number];

/** The standard each scheme certifies against, where there is one to name. */
export const SCHEME_STANDARD: Record<CertScheme, string | null> = {
  vietgap: "TCVN 11892-1:2017",
  organic: "TCVN 11041",
  pgs: null,
  globalgap: null,
  rainforest: null,
  fairtrade: null,
  other: null,
};

export const isCertScheme = (v: unknown): v is CertScheme => typeof v === "string" && (CERT_SCHEMES as readonly string[]).includes(v);

/**
 * A scheme's name for people, from the catalogue (`cert.scheme.<code>`): the holder's own name
 * for "other", and with `standard`, the standard it certifies against ("VietGAP (TCVN 11892-1:2017)").
 */
export function schemeLabel(t: { dynamic: (key: string) => string }, scheme: string, schemeName?: string | null, opts: { standard?: boolean } = {}): string {
  if (scheme === "other" && schemeName) return schemeName;
  const name = t.dynamic(`cert.scheme.${scheme}`);
  const standard = opts.standard && isCertScheme(scheme) ? SCHEME_STANDARD[scheme] : null;
  return standard ? `${name} (${standard})` : name;
}
