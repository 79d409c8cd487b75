// The programme bundle, exactly as shared/interchange.md fixes it ("linkage-bundle/1").
// Shapes only; cross-references and arithmetic rules are checked in validate.server.ts.
import * as z from "zod";

const ref = z.string().min(1).max(120);
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "not a YYYY-MM-DD date")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, "not a real calendar date");
const name = z.string().min(1).max(300);
const place = z.string().max(120);
const placeCode = z.string().max(10);

/**
 * Where a record is (shared/interchange.md "Places"): names as written at the time, in the
 * units of before July 2025 (with a district) or the current ones; the current official codes,
 * when present, win. An export adds the former province and commune where they differ from the
 * current ones, so a re-import lands on the same units and keeps the history.
 */
const placeFields = {
  provinceCode: placeCode.optional(),
  communeCode: placeCode.optional(),
  province: place.optional(),
  district: place.optional(),
  commune: place.optional(),
  formerProvince: place.optional(),
  formerCommune: place.optional(),
};
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

export const ORG_BUNDLE_KINDS = ["cooperative", "enterprise", "project_owner", "authority"] as const;
export const CONTRACT_BUNDLE_STATUSES = ["draft", "signed", "active", "completed", "breached", "cancelled"] as const;

export const bundleOrganisation = z.object({
  ref,
  kind: z.enum(ORG_BUNDLE_KINDS),
  name,
  ...placeFields,
  lat: lat.optional(),
  lng: lng.optional(),
});

export const bundleFarmerGroup = z.object({
  ref,
  name,
  ...placeFields,
  // An old commune split between several current ones: their codes, until a person picks one.
  // Informative: an import reads the candidates from the names again.
  communeCandidates: z.array(placeCode).max(50).optional(),
  hamlet: place.optional(),
  lat: lat.optional(),
  lng: lng.optional(),
  projectOwnerRef: ref.optional(),
});

export const bundleHousehold = z.object({
  ref,
  groupRef: ref,
  headName: name,
  headSex: z.enum(["female", "male"]),
  ethnicMinority: z.boolean(),
  ethnicity: z.string().max(60).optional(),
  povertyStatus: z.enum(["poor", "near_poor", "newly_escaped", "non_poor"]),
  members: z.number().int().min(1).max(100),
  baselineIncomeVnd: z.number().int().min(0).optional(),
});

export const bundleProduct = z.object({ ref, name, unit: z.string().max(20).optional() });

export const bundleSeason = z.object({ ref, productRef: ref, name, start: date, end: date });

export const bundleGrade = z.object({ code: z.string().min(1).max(8), label: z.string().max(120), priceVndPerKg: z.number().int().positive() });

export const bundleContract = z.object({
  ref,
  buyerRef: ref,
  groupRef: ref,
  seasonRef: ref,
  status: z.enum(CONTRACT_BUNDLE_STATUSES),
  signedOn: date.optional(),
  areaHa: z.number().min(0),
  volumeTonnes: z.number().min(0),
  paymentTermsDays: z.number().int().min(0).max(365),
  renewsRef: ref.nullable().optional(),
  grades: z.array(bundleGrade).min(1),
});

export const bundleLot = z
  .object({
    ref,
    householdRef: ref,
    grossKg: z.number().min(0, "negative weight"),
    tareKg: z.number().min(0, "negative weight"),
    grade: z.string().min(1).max(8),
    measurements: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
    supersedesRef: ref.nullable().optional(),
    disputed: z.boolean().optional(),
  })
  .refine((l) => l.tareKg <= l.grossKg, { path: ["tareKg"], message: "tare above gross" });

export const bundlePickup = z.object({
  ref,
  contractRef: ref,
  date,
  collectionPoint: z.string().max(120).optional(),
  vehicle: z.string().max(20).optional(),
  witnessRefs: z.array(ref).optional(),
  lots: z.array(bundleLot),
});

export const bundleInvoice = z.object({ ref, contractRef: ref, pickupRefs: z.array(ref).min(1), issuedOn: date });

export const bundlePayment = z.object({
  ref,
  invoiceRef: ref,
  paidOn: date,
  amountVnd: z.number().int().positive(),
  method: z.enum(["bank_transfer", "cash"]),
});

export const bundleSchema = z.object({
  format: z.literal("linkage-bundle/1"),
  organisations: z.array(bundleOrganisation).default([]),
  farmerGroups: z.array(bundleFarmerGroup).default([]),
  households: z.array(bundleHousehold).default([]),
  products: z.array(bundleProduct).default([]),
  seasons: z.array(bundleSeason).default([]),
  contracts: z.array(bundleContract).default([]),
  pickups: z.array(bundlePickup).default([]),
  invoices: z.array(bundleInvoice).default([]),
  payments: z.array(bundlePayment).default([]),
});

export type Bundle = z.output<typeof bundleSchema>;
export type BundlePlace = { [K in keyof typeof placeFields]?: string };
export type BundleProblem = { path: string; reason: string; code?: string; params?: Record<string, string | number> };
