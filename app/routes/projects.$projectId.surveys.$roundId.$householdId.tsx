// One household's answers in a survey round: one household per page, so an enumerator on a
// phone saves and moves on to the next.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, Field, fieldValue, FormError, SubmitButton } from "~/components/form";
import { PovertyFields } from "~/components/household-form";
import { RouteErrorBoundary } from "~/components/route-error";
import { requireProjectAccess } from "~/domain/projects/access.server";
import { answerSchema, INCOME_SOURCES } from "~/domain/surveys/surveys.schema";
import { findAnswer, findRound, projectHouseholds, saveAnswer } from "~/domain/surveys/surveys.server";
import { useT } from "~/i18n/use-t";
import { readForm } from "~/utils/csrf.server";
import { formatDate, groupDigits } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { notFound } from "~/utils/http.server";

async function load(request: Request, params: LoaderFunctionArgs["params"], write = false) {
  const scope = await requireProjectAccess(request, params.projectId, { write });
  const round = await findRound(scope.project.id, params.roundId!);
  if (!round) notFound();
  const households = await projectHouseholds(scope.project.id);
  const at = households.findIndex((h) => h.id === params.householdId);
  // Only the project's own households: another project's id is not found.
  if (at < 0) notFound();
  return { ...scope, round, households, at };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, round, households, at } = await load(request, params);
  const h = households[at];
  const answer = await findAnswer(round.id, h.id);
  const { id: _id, roundId: _r, householdId: _h, recordedById: _by, createdAt: _c, updatedAt: _u, ...values } = answer ?? ({} as Record<string, unknown>);
  // A first visit starts from what the household's record says; the enumerator corrects it.
  const start = answer
    ? values
    : {
        povertyStatus: h.povertyStatus,
        membersFemale: h.membersFemale ?? "",
        membersMale: h.membersFemale !== null ? h.members - h.membersFemale : "",
      };
  return {
    project: { id: project.id, name: project.name },
    round,
    household: { id: h.id, headName: h.headName, group: h.group.name },
    position: { n: at + 1, total: households.length },
    prevId: households[at - 1]?.id ?? null,
    nextId: households[at + 1]?.id ?? null,
    answered: !!answer,
    values: start as Record<string, unknown>,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, project, round, households, at } = await load(request, params, true);
  const form = await readForm(request);
  const parsed = parseForm(answerSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!(await saveAnswer(project.id, round.id, households[at].id, parsed.data, access.user.id))) notFound();
  const base = `/projects/${project.id}/surveys/${round.id}`;
  const next = households[at + 1];
  throw redirect(next && form.get("then") !== "stay" ? `${base}/${next.id}` : base);
}

export default function SurveyAnswer() {
  const { project, round, household, position, prevId, nextId, answered, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const v = actionData?.values ?? values;
  const errors = actionData?.errors;
  const base = `/projects/${project.id}/surveys/${round.id}`;
  // Stored amounts are shown as people type them: 5.300.000.
  const shown = (name: string) => (typeof v[name] === "number" ? groupDigits(v[name] as number) : fieldValue(v, name, ""));
  const num = (name: string, label: string) => (
    <Field label={label} name={name} inputMode="numeric" autoComplete="off" defaultValue={shown(name)} errors={errors} />
  );
  return (
    <section className="card narrow">
      <p>
        <a href={base}>
          {round.name}, {formatDate(round.heldOn)}
        </a>{" "}
        · {t("survey.position", position)}
      </p>
      <h1>{household.headName}</h1>
      <p className="muted">
        {household.group}
        {answered ? ` · ${t("survey.alreadyAnswered")}` : ""}
      </p>
      {/* Keyed by household: moving to the next one must not keep the inputs typed for this one. */}
      <AppForm noValidate key={household.id}>
        <FormError errors={errors} />
        <h2>{t("survey.incomeTitle")}</h2>
        <p className="hint">{t("survey.incomeHint")}</p>
        {INCOME_SOURCES.map((k) => (
          <div key={k}>{num(k, t(`survey.${k}`))}</div>
        ))}
        <h2>{t("survey.povertyTitle")}</h2>
        <PovertyFields values={v} errors={errors} />
        <h2>{t("survey.membersTitle")}</h2>
        <div className="row">
          {num("membersFemale", t("survey.membersFemale"))}
          {num("membersMale", t("survey.membersMale"))}
        </div>
        <div className="row">
          {num("membersUnder16", t("survey.membersUnder16"))}
          {num("members16to60", t("survey.members16to60"))}
          {num("membersOver60", t("survey.membersOver60"))}
        </div>
        <h2>{t("survey.participantsTitle")}</h2>
        <div className="row">
          {num("participantsFemale", t("survey.participantsFemale"))}
          {num("participantsMale", t("survey.participantsMale"))}
        </div>
        <SubmitButton>{nextId ? t("survey.saveNext") : t("survey.saveLast")}</SubmitButton>
      </AppForm>
      <p className="actions">
        {prevId ? <a href={`${base}/${prevId}`}>{t("survey.prev")}</a> : null}
        {nextId ? <a href={`${base}/${nextId}`}>{t("survey.next")}</a> : null}
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
