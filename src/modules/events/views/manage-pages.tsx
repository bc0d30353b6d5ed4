import type { PageContext } from "../../../web/context.ts";
import {
  CheckboxesField,
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { NotSet, ScrollTable } from "../../../web/table.tsx";
import { MAX_QUESTIONS, MAX_SESSIONS, SPARE_QUESTION_ROWS } from "../inputs.ts";
import type { EventRow, QuestionRow, SessionRow } from "../queries.ts";
import type { ReachFigures } from "../reach.ts";
import { AUDIENCES, EVENT_THEMES, EVENT_TYPES } from "../rules.ts";
import { eventTitle, formatDateTime, formatNumber, formatSession, questionText } from "./format.ts";
import { type Area, FeedbackResults, type RegistrationView } from "./public-pages.tsx";

type Values = Record<string, string | string[]>;

export function EventFormPage({
  ctx,
  areas,
  eventId,
  errors = {},
  values = {},
}: {
  ctx: PageContext;
  areas: Area[];
  /** Editing this event; creating when undefined. */
  eventId?: string;
  errors?: FieldErrors;
  values?: Values;
}) {
  const { t, locale } = ctx;
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const list = (k: string) =>
    Array.isArray(values[k]) ? (values[k] as string[]) : typeof values[k] === "string" ? [values[k] as string] : [];
  const title = eventId ? t("events.form.editTitle") : t("events.form.newTitle");
  const sessionFields = Array.from({ length: MAX_SESSIONS }, (_, i) => i + 1);
  // Question rows: the filled ones, a spare one, or more when "add another question" asked for them.
  let filled = 0;
  for (let i = 1; i <= MAX_QUESTIONS; i++) if (v(`question${i}Fi`) || v(`question${i}Sv`) || v(`question${i}En`)) filled = i;
  const asked = /^\d{1,2}$/.test(v("questionRows")) ? Number(v("questionRows")) : 0;
  const questionRows = Math.min(MAX_QUESTIONS, Math.max(filled + SPARE_QUESTION_ROWS, asked, 1));
  const questionFields = Array.from({ length: questionRows }, (_, i) => i + 1);
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} />
      <p class="breadcrumb">
        <a href={pathTo("events", locale)}>{t("events.calendarTitle")}</a>
      </p>
      <h1>{title}</h1>
      <PostForm ctx={ctx} action={eventId ? pathTo("eventEdit", locale, { id: eventId }) : pathTo("eventNew", locale)}>
        <SelectField
          ctx={ctx}
          name="type"
          label={t("events.fields.type")}
          emptyLabel=""
          options={EVENT_TYPES.map((x) => ({ value: x, label: t(`events.types.${x}`) }))}
          value={v("type")}
          error={errors.type}
        />
        <TextField ctx={ctx} name="titleFi" label={t("events.form.titleFi")} value={v("titleFi")} error={errors.titleFi} />
        <TextField
          ctx={ctx}
          name="titleSv"
          label={t("events.form.titleSv")}
          hint={t("events.form.translationHint")}
          value={v("titleSv")}
          error={errors.titleSv}
        />
        <TextField
          ctx={ctx}
          name="titleEn"
          label={t("events.form.titleEn")}
          hint={t("events.form.translationHint")}
          value={v("titleEn")}
          error={errors.titleEn}
        />
        <TextAreaField
          ctx={ctx}
          name="descriptionFi"
          label={t("events.form.descriptionFi")}
          lang="fi"
          value={v("descriptionFi")}
          error={errors.descriptionFi}
        />
        <TextAreaField
          ctx={ctx}
          name="descriptionSv"
          label={t("events.form.descriptionSv")}
          lang="sv"
          value={v("descriptionSv")}
          error={errors.descriptionSv}
        />
        <TextAreaField
          ctx={ctx}
          name="descriptionEn"
          label={t("events.form.descriptionEn")}
          lang="en"
          value={v("descriptionEn")}
          error={errors.descriptionEn}
        />
        <fieldset class="fieldset">
          <legend class="field-label">{t("events.form.sessions")}</legend>
          <p class="field-hint">{t("events.form.sessionsHint")}</p>
          {sessionFields.map((i) => (
            <div class="filter-row" key={i}>
              <TextField
                ctx={ctx}
                name={`session${i}Date`}
                type="date"
                label={t("events.form.sessionDate", { n: i })}
                width="medium"
                value={v(`session${i}Date`)}
                error={errors[`session${i}Date`]}
              />
              <TextField
                ctx={ctx}
                name={`session${i}Start`}
                label={t("events.form.sessionStart", { n: i })}
                hint={t("events.form.timeHint")}
                width="short"
                value={v(`session${i}Start`)}
                error={errors[`session${i}Start`]}
              />
              <TextField
                ctx={ctx}
                name={`session${i}End`}
                label={t("events.form.sessionEnd", { n: i })}
                hint={t("events.form.timeHint")}
                width="short"
                value={v(`session${i}End`)}
                error={errors[`session${i}End`]}
              />
            </div>
          ))}
        </fieldset>
        <CheckboxesField
          ctx={ctx}
          name="themes"
          legend={t("events.fields.themes")}
          options={EVENT_THEMES.map((x) => ({ value: x, label: t(`events.themes.${x}`) }))}
          checked={list("themes")}
          error={errors.themes}
        />
        <CheckboxesField
          ctx={ctx}
          name="areaIds"
          legend={t("events.fields.area")}
          hint={t("events.form.areaHint")}
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
          checked={list("areaIds")}
          error={errors.areaIds}
        />
        <SelectField
          ctx={ctx}
          name="audience"
          label={t("events.fields.audience")}
          options={AUDIENCES.map((x) => ({ value: x, label: t(`events.audiences.${x}`) }))}
          value={v("audience") || "everyone"}
          error={errors.audience}
        />
        <TextField
          ctx={ctx}
          name="place"
          label={t("events.fields.place")}
          hint={t("events.form.placeHint")}
          value={v("place")}
          error={errors.place}
        />
        <div class="field">
          <div class="checkbox">
            <input type="checkbox" id="field-remote" name="remote" value="1" checked={v("remote") === "1"} />
            <label for="field-remote">{t("events.form.remote")}</label>
          </div>
        </div>
        <TextField
          ctx={ctx}
          name="meetingUrl"
          type="url"
          label={t("events.form.meetingUrl")}
          hint={t("events.form.meetingUrlHint")}
          value={v("meetingUrl")}
          error={errors.meetingUrl}
        />
        <TextField
          ctx={ctx}
          name="capacity"
          label={t("events.fields.capacity")}
          inputMode="numeric"
          width="short"
          value={v("capacity")}
          error={errors.capacity}
        />
        <div class="filter-row">
          <TextField
            ctx={ctx}
            name="deadlineDate"
            type="date"
            label={t("events.form.deadlineDate")}
            hint={t("events.form.deadlineHint")}
            width="medium"
            value={v("deadlineDate")}
            error={errors.deadlineDate}
          />
          <TextField
            ctx={ctx}
            name="deadlineTime"
            label={t("events.form.deadlineTime")}
            hint={t("events.form.timeHint")}
            width="short"
            value={v("deadlineTime")}
            error={errors.deadlineTime}
          />
        </div>
        <fieldset class="fieldset" id="questions">
          <legend class="field-label">{t("events.form.questions")}</legend>
          <p class="field-hint">{t("events.form.questionsHint")}</p>
          <input type="hidden" name="questionRows" value={String(questionRows)} />
          {questionFields.map((i) => (
            <fieldset class="fieldset question-row" key={i}>
              <legend class="field-label">{t("events.form.questionN", { n: i })}</legend>
              <input type="hidden" name={`question${i}Id`} value={v(`question${i}Id`)} />
              <TextField
                ctx={ctx}
                name={`question${i}Fi`}
                label={t("events.form.questionFi", { n: i })}
                value={v(`question${i}Fi`)}
                error={errors[`question${i}Fi`]}
              />
              <TextField
                ctx={ctx}
                name={`question${i}Sv`}
                label={t("events.form.questionSv", { n: i })}
                hint={t("events.form.translationHint")}
                value={v(`question${i}Sv`)}
                error={errors[`question${i}Sv`]}
              />
              <TextField
                ctx={ctx}
                name={`question${i}En`}
                label={t("events.form.questionEn", { n: i })}
                hint={t("events.form.translationHint")}
                value={v(`question${i}En`)}
                error={errors[`question${i}En`]}
              />
              <div class="filter-row">
                <TextField
                  ctx={ctx}
                  name={`question${i}Order`}
                  label={t("events.form.questionOrder", { n: i })}
                  inputMode="numeric"
                  width="short"
                  value={v(`question${i}Order`) || String(i)}
                  error={errors[`question${i}Order`]}
                />
                <div class="field">
                  <div class="checkbox">
                    <input
                      type="checkbox"
                      id={`field-question${i}Required`}
                      name={`question${i}Required`}
                      value="1"
                      checked={v(`question${i}Required`) === "1"}
                    />
                    <label for={`field-question${i}Required`}>{t("events.form.questionRequired", { n: i })}</label>
                  </div>
                </div>
              </div>
            </fieldset>
          ))}
        </fieldset>
        <ul class="inline-actions">
          <li>
            <SubmitButton>{t("events.form.save")}</SubmitButton>
          </li>
          {questionRows < MAX_QUESTIONS && (
            <li>
              <button type="submit" name="addQuestion" value="1" class="button button--secondary" formnovalidate>
                {t("events.form.addQuestion")}
              </button>
            </li>
          )}
        </ul>
      </PostForm>
    </Layout>
  );
}

export function ManagePage({
  ctx,
  event,
  sessions,
  questions,
  registrations,
  answers,
  attendance,
  feedback,
  notice,
}: {
  ctx: PageContext;
  event: EventRow;
  sessions: SessionRow[];
  questions: QuestionRow[];
  registrations: (RegistrationView & { seq: number; createdAt: Date })[];
  /** Registration id → question id → answer. */
  answers: Map<string, Map<string, string>>;
  /** "registration id:session id" of every attendance. */
  attendance: Set<string>;
  feedback: { rating: number; comment: string }[];
  notice: "saved" | "created" | "attendance" | "eventCancelled" | null;
}) {
  const { t, locale } = ctx;
  const title = eventTitle(event, locale);
  const active = registrations.filter((r) => r.status !== "cancelled");
  const confirmed = active.filter((r) => r.status === "confirmed");
  const waitlisted = active.filter((r) => r.status === "waitlisted");
  return (
    <Layout ctx={ctx} title={t("events.manage.title")}>
      {notice && <Notice>{t(`events.manage.notice.${notice}`)}</Notice>}
      <p class="breadcrumb">
        <a href={pathTo("event", locale, { id: event.id })}>{title.text}</a>
      </p>
      <h1>{t("events.manage.title")}</h1>
      <p class="lead">{title.text}</p>
      <p>{t("events.manage.counts", { confirmed: confirmed.length, capacity: event.capacity, waitlisted: waitlisted.length })}</p>
      <h2>{t(sessions.length > 1 ? "events.manage.codesTitle" : "events.manage.codeTitle")}</h2>
      <p>{t(sessions.length > 1 ? "events.manage.codesIntro" : "events.manage.codeIntro")}</p>
      <ul class="session-list">
        {sessions.map((s) => (
          <li key={s.id}>
            {sessions.length > 1 && `${t("events.manage.sessionN", { n: s.ordinal })}, `}
            {formatSession(locale, s)}: <strong class="attendance-code">{s.attendanceCode}</strong>
          </li>
        ))}
      </ul>
      {questions.length > 0 && <p class="hint-text">{t("events.manage.answersRetention")}</p>}
      <h2>{t("events.manage.participants")}</h2>
      {confirmed.length === 0 ? (
        <p>{t("events.manage.noParticipants")}</p>
      ) : (
        <PostForm ctx={ctx} action={pathTo("eventManage", locale, { id: event.id })}>
          <ScrollTable label={t("events.manage.participants")}>
            <thead>
              <tr>
                <th scope="col">{t("events.fields.name")}</th>
                {sessions.map((s) => (
                  <th scope="col" key={s.id}>
                    {sessions.length > 1 ? t("events.manage.attendedSession", { n: s.ordinal }) : t("events.manage.attended")}
                  </th>
                ))}
                <th scope="col">{t("events.fields.email")}</th>
                <th scope="col">{t("events.fields.organisation")}</th>
                <th scope="col">{t("events.fields.projectCode")}</th>
                {questions.map((q) => {
                  const text = questionText(q, locale);
                  return (
                    <th scope="col" key={q.id} lang={text.lang === locale ? undefined : text.lang}>
                      {text.text}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {confirmed.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name || <NotSet t={t} />}</th>
                  {sessions.map((s) => (
                    <td key={s.id}>
                      <input
                        type="checkbox"
                        id={`attended-${r.id}-${s.ordinal}`}
                        name="attended"
                        value={`${r.id}:${s.id}`}
                        checked={attendance.has(`${r.id}:${s.id}`)}
                        aria-label={
                          sessions.length > 1
                            ? t("events.manage.attendedSessionOf", { name: r.name || "–", n: s.ordinal })
                            : t("events.manage.attendedOf", { name: r.name || "–" })
                        }
                      />
                    </td>
                  ))}
                  <td>{r.email.startsWith("erased-") ? <NotSet t={t} /> : r.email}</td>
                  <td>{r.organisation}</td>
                  <td>{r.projectCode ?? <NotSet t={t} />}</td>
                  {questions.map((q) => (
                    <td key={q.id}>{answers.get(r.id)?.get(q.id) ?? <NotSet t={t} />}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <SubmitButton>{t("events.manage.saveAttendance")}</SubmitButton>
        </PostForm>
      )}
      <h2>{t("events.manage.waitlist")}</h2>
      {waitlisted.length === 0 ? (
        <p>{t("events.manage.noWaitlist")}</p>
      ) : (
        <ol>
          {waitlisted.map((r) => (
            <li key={r.id}>
              {r.name || "–"} ({r.organisation}), {formatDateTime(locale, r.createdAt)}
            </li>
          ))}
        </ol>
      )}
      <h2>{t("events.feedback.resultsTitle")}</h2>
      <FeedbackResults ctx={ctx} ratings={feedback.map((f) => f.rating)} comments={feedback.map((f) => f.comment).filter(Boolean)} />
      {event.status !== "cancelled" && (
        <>
          <h2>{t("events.manage.cancelTitle")}</h2>
          <PostForm ctx={ctx} action={pathTo("eventCancel", locale, { id: event.id })}>
            <p>{t("events.manage.cancelHint")}</p>
            <button type="submit" class="button button--secondary">
              {t("events.manage.cancelEvent")}
            </button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export interface ReachGroup extends ReachFigures {
  key: string;
  label: string;
}

function FiguresTable({ ctx, label, rows, firstHeader }: { ctx: PageContext; label: string; rows: ReachGroup[]; firstHeader: string }) {
  const { t, locale } = ctx;
  const cols = ["events", "registrations", "confirmed", "attended", "attendances", "noShows", "projects", "organisations"] as const;
  return (
    <ScrollTable label={label}>
      <thead>
        <tr>
          <th scope="col">{firstHeader}</th>
          {cols.map((c) => (
            <th scope="col" class="num" key={c}>
              {t(`events.reach.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {cols.map((c) => (
              <td class="num" key={c}>
                {formatNumber(locale, r[c])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function ReachPage({
  ctx,
  total,
  byType,
  byArea,
  byYear,
  byEvent,
}: {
  ctx: PageContext;
  total: ReachFigures;
  byType: ReachGroup[];
  byArea: ReachGroup[];
  byYear: ReachGroup[];
  byEvent: ReachGroup[];
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("events.reach.title")}>
      <p class="breadcrumb">
        <a href={pathTo("events", locale)}>{t("events.calendarTitle")}</a>
      </p>
      <h1>{t("events.reach.title")}</h1>
      <p class="lead">
        {t("events.reach.summary", {
          registrations: formatNumber(locale, total.registrations),
          attended: formatNumber(locale, total.attended),
          projects: formatNumber(locale, total.projects),
          organisations: formatNumber(locale, total.organisations),
        })}
      </p>
      <p class="hint-text">{t("events.reach.countingNote")}</p>
      <ul>
        {byType.map((g) => (
          <li key={g.key}>{t("events.reach.aboutPeople", { people: formatNumber(locale, g.confirmed), type: g.label })}</li>
        ))}
      </ul>
      <p>
        <a href={pathTo("eventsReachCsv", locale)}>{t("events.reach.csv")}</a> ·{" "}
        <a href={pathTo("eventsReachXlsx", locale)}>{t("events.reach.xlsx")}</a>
      </p>
      <h2>{t("events.reach.byType")}</h2>
      <FiguresTable ctx={ctx} label={t("events.reach.byType")} rows={byType} firstHeader={t("events.fields.type")} />
      <h2>{t("events.reach.byArea")}</h2>
      <FiguresTable ctx={ctx} label={t("events.reach.byArea")} rows={byArea} firstHeader={t("events.fields.area")} />
      <h2>{t("events.reach.byYear")}</h2>
      <FiguresTable ctx={ctx} label={t("events.reach.byYear")} rows={byYear} firstHeader={t("events.reach.year")} />
      <h2>{t("events.reach.byEvent")}</h2>
      <FiguresTable ctx={ctx} label={t("events.reach.byEvent")} rows={byEvent} firstHeader={t("events.reach.event")} />
    </Layout>
  );
}
