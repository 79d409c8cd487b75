// Who an import acts for. It has exactly the rights that importer has in the app
// (docs/decisions/0010-import-rights.md).
export type Importer =
  /** The command line: whoever runs it holds the database file, so it acts with full rights. */
  | { kind: "operator" }
  /** A site administrator through the web: full rights, as in the app. */
  | { kind: "site_admin"; userId: string }
  /** A project owner's administrator (web) or one of its API tokens: that project's rights. */
  | { kind: "project"; orgId: string; orgRef: string; userId: string | null };

export const OPERATOR: Importer = { kind: "operator" };

export const hasFullRights = (i: Importer) => i.kind !== "project";

export const importerUserId = (i: Importer) => (i.kind === "operator" ? null : i.userId);
