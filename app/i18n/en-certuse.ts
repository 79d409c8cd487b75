// English strings of what certificates change (merged into en.ts; keys as in vi-certuse.ts).
import type { viCertuse } from "./vi-certuse";

export const enCertuse: Record<keyof typeof viCertuse, string> = {
  "certuse.requiredScheme": "Required certification",
  "certuse.requiredSchemeNone": "None",
  "certuse.requiredSchemeHint":
    "Only groups holding this certificate, valid for the offer's product on the day they take it up and on the day buying starts, can take the offer up.",
  "certuse.requires": "Requires {scheme} certification",
  "certuse.required.vietgap": "This offer requires a valid VietGAP certificate; the group has none.",
  "certuse.required.organic": "This offer requires a valid organic certificate; the group has none.",
  "certuse.required.pgs": "This offer requires a valid PGS certificate; the group has none.",
  "certuse.required.globalgap": "This offer requires a valid GlobalG.A.P. certificate; the group has none.",
  "certuse.required.rainforest": "This offer requires a valid Rainforest Alliance certificate; the group has none.",
  "certuse.required.fairtrade": "This offer requires a valid Fairtrade certificate; the group has none.",
  "certuse.required.other": "This offer requires a valid certificate; the group has none.",
  "certuse.missingFor": "{group}:",
  "certuse.missingHint":
    "The certificate must be valid for the offer's product on the day of the take-up and until buying starts ({date}), and not withdrawn. Groups record certificates on their group page.",
  "certuse.pickupCerts": "Certification",
  "certuse.pickupCert": "{scheme} no. {number} (until {date})",
  "certuse.pickupNone": "No certificate was valid on the pickup date.",
  "notify.certificate_expiring": "{scheme} certificate no. {number} of {holder} expires on {date} ({days} days left).",
  "certuse.dash.title": "Certification",
  "certuse.dash.hint":
    "Area: hectares of the certificates valid today of the groups in scope, each group counted once per scheme. Volume: net weight of this season's effective lots whose pickup recorded a certificate.",
  "certuse.dash.scheme": "Scheme",
  "certuse.dash.groups": "Groups",
  "certuse.dash.area": "Area (ha)",
  "certuse.dash.volume": "Volume (t)",
  "certuse.dash.anyScheme": "Any certificate",
  "certuse.dash.none": "No certificates in this scope yet.",
};
