import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, Notice, PostForm, SubmitButton, TextField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { ScrollTable } from "../../../web/table.tsx";
import { formatCode } from "../codes.ts";
import type { RoundRow } from "../service.ts";

export function roundName(t: PageContext["t"], sequence: number): string {
  return sequence === 1 ? t("survey.manage.startRound") : t("survey.manage.followUpRound", { n: sequence - 1 });
}

function formatDate(ctx: PageContext, iso: string): string {
  const intl = ctx.locale === "en" ? "en-GB" : ctx.locale === "sv" ? "sv-FI" : "fi-FI";
  return new Intl.DateTimeFormat(intl, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

export interface ManagePageProps {
  ctx: PageContext;
  code: string;
  projectName: string;
  rounds: RoundRow[];
  batches: { id: string; size: number; createdOn: string }[];
  today: string;
  baseUrl: string;
  roundValues?: Record<string, string>;
  roundErrors?: FieldErrors;
  batchValues?: Record<string, string>;
  batchErrors?: FieldErrors;
  /** The round whose dates are being changed (the form is shown below the table), or null. */
  editing?: RoundRow | null;
  editValues?: Record<string, string>;
  editErrors?: FieldErrors;
  notice?: "roundOpened" | "codesIssued" | "imported" | "datesChanged" | "roundClosed" | null;
}

/** A project's survey: its rounds, opening the next round, issuing code cards, links to results and import. */
export function SurveyManagePage(props: ManagePageProps) {
  const { ctx, code, projectName, rounds } = props;
  const { t, locale } = ctx;
  const title = t("survey.manage.title", { name: projectName });
  const errors = { ...(props.editErrors ?? {}), ...(props.roundErrors ?? {}), ...(props.batchErrors ?? {}) };
  const editing = props.editing ?? null;
  const isOpen = (r: RoundRow) => r.opensOn <= props.today && r.closesOn >= props.today;
  const status = (r: RoundRow) =>
    r.opensOn > props.today ? t("survey.manage.upcoming") : r.closesOn < props.today ? t("survey.manage.closed") : t("survey.manage.open");
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} />
      {props.notice && <Notice>{t(`survey.manage.${props.notice}`)}</Notice>}
      <p class="breadcrumb">
        <a href={pathTo("project", locale, { code })}>{projectName}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("survey.manage.intro")}</p>
      <ul class="link-list">
        <li>
          <a href={pathTo("projectSurveyResults", locale, { code })}>{t("survey.manage.resultsLink")}</a>
        </li>
        <li>
          <a href={pathTo("projectSurveyImport", locale, { code })}>{t("survey.manage.importLink")}</a>
        </li>
      </ul>

      <h2>{t("survey.manage.roundsHeading")}</h2>
      {rounds.length === 0 ? (
        <p>{t("survey.manage.noRounds")}</p>
      ) : (
        <ScrollTable label={t("survey.manage.roundsHeading")}>
          <thead>
            <tr>
              <th scope="col">{t("survey.manage.round")}</th>
              <th scope="col">{t("survey.manage.opensOn")}</th>
              <th scope="col">{t("survey.manage.closesOn")}</th>
              <th scope="col">{t("survey.manage.status")}</th>
              <th scope="col" class="numeric">
                {t("survey.manage.answers")}
              </th>
              <th scope="col">{t("survey.manage.anonymousLink")}</th>
              <th scope="col">{t("survey.manage.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id}>
                <th scope="row">{roundName(t, r.sequence)}</th>
                <td>{formatDate(ctx, r.opensOn)}</td>
                <td>{formatDate(ctx, r.closesOn)}</td>
                <td>{status(r)}</td>
                <td class="numeric">{new Intl.NumberFormat(locale).format(r.responses)}</td>
                <td>
                  {r.anonymousToken ? (
                    <code class="survey-link">{`${props.baseUrl}${pathTo("surveyAnonymous", locale, { token: r.anonymousToken })}`}</code>
                  ) : (
                    t("survey.manage.noAnonymousLink")
                  )}
                </td>
                <td>
                  <a href={`${pathTo("projectSurvey", locale, { code })}?round=${r.id}#edit-round`}>
                    {t("survey.manage.changeDates")}
                    <span class="visually-hidden"> ({roundName(t, r.sequence)})</span>
                  </a>
                  {isOpen(r) && (
                    <PostForm ctx={ctx} action={pathTo("projectSurvey", locale, { code })} class="inline-form">
                      <input type="hidden" name="action" value="closeRound" />
                      <input type="hidden" name="roundId" value={r.id} />
                      <button
                        type="submit"
                        class="button button--secondary"
                        id={r.id === rounds.find(isOpen)?.id ? "field-closeRound" : undefined}
                      >
                        {t("survey.manage.closeNowOf", { round: roundName(t, r.sequence) })}
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}

      {rounds.some(isOpen) && <p class="hint">{t("survey.manage.closeHint")}</p>}

      {editing && (
        <section id="edit-round" aria-labelledby="edit-round-heading">
          <h3 id="edit-round-heading">{t("survey.manage.changeDatesOf", { round: roundName(t, editing.sequence) })}</h3>
          <PostForm ctx={ctx} action={pathTo("projectSurvey", locale, { code })}>
            <input type="hidden" name="action" value="changeRoundDates" />
            <input type="hidden" name="roundId" value={editing.id} />
            <TextField
              ctx={ctx}
              name="editOpensOn"
              type="date"
              width="medium"
              label={t("survey.manage.opensOn")}
              hint={t("survey.manage.dateHint")}
              value={props.editValues?.editOpensOn ?? editing.opensOn}
              {...(props.editErrors?.editOpensOn ? { error: props.editErrors.editOpensOn } : {})}
            />
            <TextField
              ctx={ctx}
              name="editClosesOn"
              type="date"
              width="medium"
              label={t("survey.manage.closesOn")}
              hint={t("survey.manage.dateHint")}
              value={props.editValues?.editClosesOn ?? editing.closesOn}
              {...(props.editErrors?.editClosesOn ? { error: props.editErrors.editClosesOn } : {})}
            />
            <SubmitButton>{t("survey.manage.saveDates")}</SubmitButton>{" "}
            <a href={pathTo("projectSurvey", locale, { code })}>{t("survey.manage.cancel")}</a>
          </PostForm>
        </section>
      )}

      <h3>{rounds.length === 0 ? t("survey.manage.openStart") : t("survey.manage.openFollowUp")}</h3>
      <PostForm ctx={ctx} action={pathTo("projectSurvey", locale, { code })}>
        <input type="hidden" name="action" value="openRound" />
        <TextField
          ctx={ctx}
          name="opensOn"
          type="date"
          width="medium"
          label={t("survey.manage.opensOn")}
          hint={t("survey.manage.dateHint")}
          value={props.roundValues?.opensOn ?? props.today}
          {...(props.roundErrors?.opensOn ? { error: props.roundErrors.opensOn } : {})}
        />
        <TextField
          ctx={ctx}
          name="closesOn"
          type="date"
          width="medium"
          label={t("survey.manage.closesOn")}
          hint={t("survey.manage.dateHint")}
          value={props.roundValues?.closesOn ?? ""}
          {...(props.roundErrors?.closesOn ? { error: props.roundErrors.closesOn } : {})}
        />
        <div class="field checkbox">
          <input
            type="checkbox"
            id="field-anonymousLink"
            name="anonymousLink"
            value="yes"
            checked={props.roundValues?.anonymousLink === "yes"}
          />
          <label for="field-anonymousLink">{t("survey.manage.anonymousLinkOption")}</label>
        </div>
        <SubmitButton>{rounds.length === 0 ? t("survey.manage.openStart") : t("survey.manage.openFollowUp")}</SubmitButton>
      </PostForm>

      <h2>{t("survey.manage.codesHeading")}</h2>
      <p>{t("survey.manage.codesIntro")}</p>
      <PostForm ctx={ctx} action={pathTo("projectSurvey", locale, { code })}>
        <input type="hidden" name="action" value="issueCodes" />
        <TextField
          ctx={ctx}
          name="size"
          inputMode="numeric"
          width="short"
          label={t("survey.manage.batchSize")}
          hint={t("survey.manage.batchSizeHint")}
          value={props.batchValues?.size ?? "20"}
          {...(props.batchErrors?.size ? { error: props.batchErrors.size } : {})}
        />
        <SubmitButton>{t("survey.manage.issueCodes")}</SubmitButton>
      </PostForm>
      {props.batches.length > 0 && (
        <ul class="link-list">
          {props.batches.map((b) => (
            <li key={b.id}>
              <a href={pathTo("projectSurveyCards", locale, { code, batchId: b.id })}>
                {t("survey.manage.batchLink", { count: b.size, date: formatDate(ctx, b.createdOn) })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Printable cards, one per code, each with the QR code that opens the form with the code filled in. */
export function CardsPage({
  ctx,
  code,
  projectName,
  cards,
  startUrl,
}: {
  ctx: PageContext;
  code: string;
  projectName: string;
  cards: { code: string; url: string; svg: string }[];
  startUrl: string;
}) {
  const { t, locale } = ctx;
  const title = t("survey.cards.title", { name: projectName });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="breadcrumb no-print">
        <a href={pathTo("projectSurvey", locale, { code })}>{t("survey.cards.back")}</a>
      </p>
      <h1>{title}</h1>
      <p class="no-print">{t("survey.cards.intro")}</p>
      <ul class="survey-cards">
        {cards.map((c) => (
          <li key={c.code} class="survey-card">
            {/* The SVG is generated on the server by the qrcode library from our own URL: no user input. */}
            <div class="survey-qr" role="img" aria-label={t("survey.cards.qrLabel")} dangerouslySetInnerHTML={{ __html: c.svg }} />
            <div>
              <p class="survey-card-title">{t("survey.cards.cardTitle")}</p>
              <p>{t("survey.cards.cardText", { url: startUrl })}</p>
              <p class="survey-code">{formatCode(c.code)}</p>
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
