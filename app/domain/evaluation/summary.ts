// The shapes of the evaluation figures (issue 14) that the programme report, the project's pages
// and the CSV/XLSX read. Each is computed by its own module in this folder:
// outcomes.server.ts (survey rounds), productivity.server.ts, participation.server.ts, resources.server.ts.

/** What one computation covers: a project's groups, a date range, and the period's seasons (one product or all). */
export type EvaluationScope = {
  projectOwnerId: string;
  from: string;
  to: string;
  seasonIds: string[];
  /** Only these of the project's groups (a report read by an authority covers its area's groups); absent: all of them. */
  groupIds?: string[];
};

/** Mean income of one set of households, at the first and the last round compared. */
export type IncomeRow = {
  key: string;
  households: number;
  firstMeanVnd: number | null;
  lastMeanVnd: number | null;
  /** Relative change of the mean income, last against first (0.25 = +25 %); null when the first mean is 0 or there are no households. */
  change: number | null;
  /** The same change in đồng (last mean − first mean). Optional: added by outcomes.server.ts. */
  changeVnd?: number | null;
};

export type OutcomeSummary = {
  rounds: { id: string; name: string; kind: string; heldOn: string; households: number }[];
  /** The rounds compared: the baseline (else the earliest) and the latest other round; null when fewer than two. */
  compared: { first: { id: string; name: string; heldOn: string }; last: { id: string; name: string; heldOn: string } } | null;
  /** Households answered in both compared rounds (a household missing from one is left out and counted here). */
  households: { both: number; onlyFirst: number; onlyLast: number };
  /** Total income; rows by sex of head ("headSex:female"), ethnicity ("ethnicMinority:true") and status at the first round ("poverty:poor"). */
  income: { all: IncomeRow; by: IncomeRow[] };
  /** Poor or near-poor at the first round, and of those how many were out of poverty at the last (status valid on the round's date). */
  poverty: { inPovertyAtFirst: number; exited: number; exitRate: number | null; fellIn: number };
  /** Money paid to the project's households through contracts between the compared rounds (from the ledger). */
  linkageIncome: { households: number; paidVnd: number; meanPerHouseholdVnd: number | null };
};

export type ProductivityRow = {
  groupId: string;
  householdId?: string;
  name: string;
  contractedAreaHa: number;
  deliveredKg: number;
  deliveredKgPerHa: number | null;
  /** From diaries, where households keep them. */
  harvestKg: number | null;
  harvestKgPerHa: number | null;
};
export type ProductivitySummary = { groups: ProductivityRow[]; total: ProductivityRow };

export type ParticipationSummary = {
  members: { female: number; male: number; womenShare: number | null; householdsCounted: number };
  paid: { totalVnd: number; toFemaleHeadedVnd: number; femaleHeadedShare: number | null };
  /** Non-poor ("pioneer") households per group; over the programme's 30 % rule is flagged. */
  groups: { groupId: string; name: string; households: number; nonPoor: number; nonPoorShare: number | null; overLimit: boolean }[];
};

export type ResourcesSummary = {
  projectSupportVnd: number;
  /** Households', the commune's and others' contributions, and counterpart money paid into group funds. */
  counterpartVnd: number;
  byParty: Record<string, number>;
  byKind: Record<string, number>;
  /** counterpart / (project support + counterpart); the programme's rule is 15–20 %. */
  counterpartShare: number | null;
  withinRule: boolean | null;
};

export type EvaluationSummaries = {
  outcomes: OutcomeSummary;
  productivity: ProductivitySummary;
  participation: ParticipationSummary;
  resources: ResourcesSummary;
};

export const NON_POOR_LIMIT = 0.3;
export const COUNTERPART_RULE = { min: 0.15, max: 0.2 } as const;

/** The scope's groups as a filter on FarmerGroup: the project's, narrowed to `groupIds` when given (an authority's area). */
export function scopeGroupsWhere(scope: Pick<EvaluationScope, "projectOwnerId" | "groupIds">) {
  return { projectOwnerId: scope.projectOwnerId, ...(scope.groupIds ? { id: { in: scope.groupIds } } : {}) };
}
