import type { PageContext } from "../../../web/context.ts";
import {
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
import { ScrollTable } from "../../../web/table.tsx";
import { answerField, type CalendarFilter } from "../inputs.ts";
import type { EventRow, QuestionRow, SessionRow } from "../queries.ts";
import { EVENT_THEMES, EVENT_TYPES, FEEDBACK_MIN_ANSWERS } from "../rules.ts";
import { eventDescription, eventTitle, formatDateTime, formatNumber, formatSession, questionText } from "./format.ts";

export interface Area {
  id: string;
  name: string;
}

export interface ListedEvent {
  event: EventRow;
  confirmed: number;
  waitlisted: number;
  sessions: SessionRow[];
}

export interface EventWithQuestions extends ListedEvent {
  questions: QuestionRow[];
}

/** The filters (and page) as a query string; the first page and empty filters are left out. */
export function query(filter: CalendarFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v && !(k === "page" && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

function areaNames(e: EventRow, areas: Area[], ctx: PageContext): string {
  if (e.areaIds.length === 0) return ctx.t("events.national");
  return e.areaIds.map((id) => areas.find((a) => a.id === id)?.name ?? id).join(", ");
}

function Seats({ ctx, e, confirmed }: { ctx: PageContext; e: EventRow; confirmed: number }) {
  const { t, locale } = ctx;
  if (e.status === "cancelled") return <span class="tag">{t("events.cancelledTag")}</span>;
  const left = Math.max(0, e.capacity - confirmed);
  return <span class="tag">{left > 0 ? t("events.seatsLeft", { count: left, n: formatNumber(locale, left) }) : t("events.full")}</span>;
}

export function CalendarPage({
  ctx,
  items,
  filter,
  page,
  pages,
  total,
  areas,
  canCreate,
}: {
  ctx: PageContext;
  items: ListedEvent[];
  filter: CalendarFilter;
  page: number;
  pages: number;
  total: number;
  areas: Area[];
  canCreate: boolean;
}) {
  const { t, locale } = ctx;
  const past = filter.when === "past";
  return (
    <Layout ctx={ctx} title={t("events.calendarTitle")}>
      <h1>{t("events.calendarTitle")}</h1>
      <p>{t("events.calendarIntro")}</p>
      {canCreate && (
        <ul class="inline-actions">
          <li>
            <a class="button button--secondary" href={pathTo("eventNew", locale)}>
              {t("events.newLink")}
            </a>
          </li>
          <li>
            <a class="button button--secondary" href={pathTo("eventsReach", locale)}>
              {t("events.reach.link")}
            </a>
          </li>
        </ul>
      )}
      <form method="get" action={pathTo("events", locale)} class="search-form">
        <div class="filter-row">
          <SelectField
            ctx={ctx}
            name="type"
            label={t("events.fields.type")}
            emptyLabel={t("events.allTypes")}
            options={EVENT_TYPES.map((v) => ({ value: v, label: t(`events.types.${v}`) }))}
            value={filter.type ?? ""}
          />
          <SelectField
            ctx={ctx}
            name="area"
            label={t("events.fields.area")}
            emptyLabel={t("events.allAreas")}
            options={areas.map((a) => ({ value: a.id, label: a.name }))}
            value={filter.area ?? ""}
          />
          <SelectField
            ctx={ctx}
            name="theme"
            label={t("events.fields.theme")}
            emptyLabel={t("events.allThemes")}
            options={EVENT_THEMES.map((v) => ({ value: v, label: t(`events.themes.${v}`) }))}
            value={filter.theme ?? ""}
          />
          <SelectField
            ctx={ctx}
            name="when"
            label={t("events.fields.when")}
            options={[
              { value: "coming", label: t("events.coming") },
              { value: "past", label: t("events.past") },
            ]}
            value={filter.when ?? "coming"}
          />
        </div>
        <SubmitButton>{t("events.filter")}</SubmitButton>
      </form>
      <h2>{past ? t("events.pastTitle") : t("events.comingTitle")}</h2>
      {total > 0 && (
        <p class="result-count">
          {pages > 1
            ? t("events.pageCount", {
                page: formatNumber(locale, page),
                pages: formatNumber(locale, pages),
                count: total,
                n: formatNumber(locale, total),
              })
            : t("events.count", { count: total, n: formatNumber(locale, total) })}
        </p>
      )}
      {items.length === 0 ? (
        <p>{t("events.none")}</p>
      ) : (
        <ul class="results">
          {items.map(({ event: e, confirmed, sessions }) => {
            const title = eventTitle(e, locale);
            return (
              <li key={e.id} class="result">
                <h3 class="result-title">
                  <a href={pathTo("event", locale, { id: e.id })} lang={title.lang === locale ? undefined : title.lang}>
                    {title.text}
                  </a>
                </h3>
                <p class="result-meta">
                  {t(`events.types.${e.type as "seminar"}`)} · {areaNames(e, areas, ctx)} · {e.remote ? t("events.remote") : e.place}
                </p>
                <ul class="session-list">
                  {sessions.map((s) => (
                    <li key={s.id}>{formatSession(locale, s)}</li>
                  ))}
                </ul>
                {!past && <Seats ctx={ctx} e={e} confirmed={confirmed} />}
              </li>
            );
          })}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label={t("events.pagesLabel")}>
          <ul class="inline-actions">
            {page > 1 && (
              <li>
                <a rel="prev" href={`${pathTo("events", locale)}${query({ ...filter, page: page - 1 })}`}>
                  {t("events.previousPage")}
                </a>
              </li>
            )}
            <li aria-current="page">{t("events.pageOf", { page: formatNumber(locale, page), pages: formatNumber(locale, pages) })}</li>
            {page < pages && (
              <li>
                <a rel="next" href={`${pathTo("events", locale)}${query({ ...filter, page: page + 1 })}`}>
                  {t("events.nextPage")}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
      <h2 class="downloads-title">{t("events.feedTitle")}</h2>
      <p>
        <a href={`${pathTo("eventsIcs", locale)}${query({ ...filter, when: undefined, page: undefined })}`}>{t("events.feedLink")}</a>
      </p>
      <p class="hint-text">{t("events.feedHint")}</p>
    </Layout>
  );
}

export type RegistrationNotice = "closed.cancelled" | "closed.past" | "closed.deadlinePassed" | "alreadyRegistered" | null;

export function EventPage({
  ctx,
  item,
  areas,
  manage,
  errors = {},
  values = {},
  closed,
  notice,
}: {
  ctx: PageContext;
  item: EventWithQuestions;
  areas: Area[];
  manage: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
  closed: "cancelled" | "past" | "deadlinePassed" | null;
  notice?: RegistrationNotice;
}) {
  const { t, locale, user } = ctx;
  const e = item.event;
  const title = eventTitle(e, locale);
  const desc = eventDescription(e, locale);
  const full = item.confirmed >= e.capacity;
  return (
    <Layout ctx={ctx} title={title.text} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary
        errors={errors}
        t={t}
        order={["name", "email", "organisation", "projectCode", ...item.questions.map((q) => answerField(q.id))]}
      />
      <p class="breadcrumb">
        <a href={pathTo("events", locale)}>{t("events.calendarTitle")}</a>
      </p>
      <h1 lang={title.lang === locale ? undefined : title.lang}>{title.text}</h1>
      <p>
        <span class="tag">{t(`events.types.${e.type as "seminar"}`)}</span> <Seats ctx={ctx} e={e} confirmed={item.confirmed} />
      </p>
      {manage && (
        <ul class="inline-actions">
          <li>
            <a class="button button--secondary" href={pathTo("eventEdit", locale, { id: e.id })}>
              {t("events.editLink")}
            </a>
          </li>
          <li>
            <a class="button button--secondary" href={pathTo("eventManage", locale, { id: e.id })}>
              {t("events.manageLink")}
            </a>
          </li>
        </ul>
      )}
      {desc.text && (
        <p class="lead" lang={desc.lang === locale ? undefined : desc.lang}>
          {desc.text}
        </p>
      )}
      <dl class="summary-list">
        <div class="summary-row">
          <dt>{item.sessions.length > 1 ? t("events.sessionsSeries", { count: item.sessions.length }) : t("events.fields.time")}</dt>
          <dd>
            <ul class="session-list">
              {item.sessions.map((s) => (
                <li key={s.id}>{formatSession(locale, s)}</li>
              ))}
            </ul>
            {item.sessions.length > 1 && <p class="hint-text">{t("events.seriesNote")}</p>}
          </dd>
        </div>
        <div class="summary-row">
          <dt>{t("events.fields.place")}</dt>
          <dd>{e.remote ? t("events.remoteNote") : e.place}</dd>
        </div>
        <div class="summary-row">
          <dt>{t("events.fields.area")}</dt>
          <dd>{areaNames(e, areas, ctx)}</dd>
        </div>
        <div class="summary-row">
          <dt>{t("events.fields.audience")}</dt>
          <dd>{t(`events.audiences.${e.audience as "everyone"}`)}</dd>
        </div>
        {e.themes.length > 0 && (
          <div class="summary-row">
            <dt>{t("events.fields.themes")}</dt>
            <dd>{e.themes.map((th) => t(`events.themes.${th as "evaluation"}`)).join(", ")}</dd>
          </div>
        )}
        <div class="summary-row">
          <dt>{t("events.fields.capacity")}</dt>
          <dd>{formatNumber(locale, e.capacity)}</dd>
        </div>
        <div class="summary-row">
          <dt>{t("events.fields.deadline")}</dt>
          <dd>{formatDateTime(locale, e.registrationDeadline)}</dd>
        </div>
      </dl>
      <p>
        <a href={pathTo("eventIcs", locale, { id: e.id })}>{t("events.addToCalendar")}</a>
      </p>
      <h2 id="register">{t("events.registerTitle")}</h2>
      {notice === "alreadyRegistered" && <Notice>{t("events.alreadyRegistered")}</Notice>}
      {closed ? (
        <p class="notice">{t(`events.closed.${closed}`)}</p>
      ) : (
        <PostForm ctx={ctx} action={`${pathTo("event", locale, { id: e.id })}#register`}>
          {full && <p class="notice">{t("events.fullWaitlistNote")}</p>}
          {user ? (
            <p>{t("events.registerAs", { name: user.name, email: user.email })}</p>
          ) : (
            <>
              <TextField
                ctx={ctx}
                name="name"
                label={t("events.fields.name")}
                autocomplete="name"
                value={values.name ?? ""}
                error={errors.name}
              />
              <TextField
                ctx={ctx}
                name="email"
                type="email"
                label={t("events.fields.email")}
                autocomplete="email"
                value={values.email ?? ""}
                error={errors.email}
              />
            </>
          )}
          <TextField
            ctx={ctx}
            name="organisation"
            label={t("events.fields.organisation")}
            autocomplete="organization"
            value={values.organisation ?? ""}
            error={errors.organisation}
          />
          <TextField
            ctx={ctx}
            name="projectCode"
            label={t("events.fields.projectCode")}
            hint={t("events.fields.projectCodeHint")}
            width="short"
            value={values.projectCode ?? ""}
            error={errors.projectCode}
          />
          {item.questions.length > 0 && <p class="hint-text">{t("events.answerHint")}</p>}
          {item.questions.map((q) => {
            const text = questionText(q, locale);
            const name = answerField(q.id);
            return (
              <TextAreaField
                key={q.id}
                ctx={ctx}
                name={name}
                label={`${text.text}${q.required ? "" : ` ${t("events.optional")}`}`}
                lang={text.lang === locale ? undefined : text.lang}
                rows={2}
                value={values[name] ?? ""}
                error={errors[name]}
              />
            );
          })}
          <p class="hint-text">{t("events.privacyNote")}</p>
          <SubmitButton>{full ? t("events.joinWaitlist") : t("events.register")}</SubmitButton>
        </PostForm>
      )}
    </Layout>
  );
}

export interface RegistrationView {
  id: string;
  name: string;
  email: string;
  organisation: string;
  projectCode: string | null;
  status: string;
  feedbackGiven: boolean;
}

export type RegistrationPageNotice = "registered" | "cancelled" | "checkedIn" | "feedbackThanks" | "already" | "answersErased" | null;

export function RegistrationPage({
  ctx,
  token,
  reg,
  item,
  answers,
  attended,
  position,
  notice,
  checkInOpen,
  canGiveFeedback,
  upcoming,
  errors = {},
  values = {},
}: {
  ctx: PageContext;
  token: string;
  reg: RegistrationView;
  item: EventWithQuestions;
  /** Question id → this registrant's answer. */
  answers: Map<string, string>;
  /** Ids of the sessions this registrant attended. */
  attended: Set<string>;
  position: number | null;
  notice: RegistrationPageNotice;
  /** Sessions open for check-in now. */
  checkInOpen: SessionRow[];
  canGiveFeedback: boolean;
  upcoming: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const { t, locale } = ctx;
  const e = item.event;
  const title = eventTitle(e, locale);
  const status = reg.status === "waitlisted" ? "waitlisted" : reg.status === "confirmed" ? "confirmed" : "cancelled";
  return (
    <Layout ctx={ctx} title={t("events.registration.title")} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} t={t} order={["code", "rating", "comment"]} />
      {notice && <Notice>{t(`events.registration.notice.${notice}`)}</Notice>}
      <h1>{t("events.registration.title")}</h1>
      <p class="lead">
        <a href={pathTo("event", locale, { id: e.id })} lang={title.lang === locale ? undefined : title.lang}>
          {title.text}
        </a>
      </p>
      <ul class="session-list">
        {item.sessions.map((s) => (
          <li key={s.id}>
            {formatSession(locale, s)}
            {attended.has(s.id) && <span class="tag">{t("events.registration.attendedTag")}</span>}
          </li>
        ))}
      </ul>
      <p>
        <strong>{t(`events.registration.status.${status}`, { position: position ?? 0 })}</strong>
      </p>
      {e.status === "cancelled" && <p class="notice">{t("events.closed.cancelled")}</p>}
      {reg.status === "confirmed" && e.remote && e.meetingUrl && e.status !== "cancelled" && (
        <p>
          {t("events.registration.meetingLink")} <a href={e.meetingUrl}>{e.meetingUrl}</a>
        </p>
      )}
      <h2>{t("events.registration.yourData")}</h2>
      <dl class="summary-list">
        {[
          [t("events.fields.name"), reg.name],
          [t("events.fields.email"), reg.email.startsWith("erased-") ? "" : reg.email],
          [t("events.fields.organisation"), reg.organisation],
          [t("events.fields.projectCode"), reg.projectCode ?? ""],
          ...item.questions.map((q) => [questionText(q, locale).text, answers.get(q.id) ?? ""]),
        ]
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div class="summary-row" key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <p class="hint-text">{t("events.registration.retention")}</p>
      {checkInOpen.length > 0 && (
        <>
          <h2 id="check-in">{t("events.registration.checkInTitle")}</h2>
          {checkInOpen.every((s) => attended.has(s.id)) ? (
            <p>{t("events.registration.checkedIn")}</p>
          ) : (
            <PostForm ctx={ctx} action={pathTo("registrationCheckIn", locale, { token })}>
              <TextField
                ctx={ctx}
                name="code"
                label={t("events.registration.code")}
                hint={t("events.registration.codeHint")}
                width="short"
                value={values.code ?? ""}
                error={errors.code}
                autocomplete="off"
              />
              <SubmitButton>{t("events.registration.checkIn")}</SubmitButton>
            </PostForm>
          )}
        </>
      )}
      {canGiveFeedback && (
        <>
          <h2 id="feedback">{t("events.feedback.title")}</h2>
          <p>{t("events.feedback.intro", { min: FEEDBACK_MIN_ANSWERS })}</p>
          <PostForm ctx={ctx} action={pathTo("registrationFeedback", locale, { token })}>
            <fieldset class={`field fieldset${errors.rating ? " field--error" : ""}`}>
              <legend class="field-label">{t("events.feedback.rating")}</legend>
              {errors.rating && (
                <p id="field-rating-error" class="field-error">
                  {errors.rating}
                </p>
              )}
              <div class="radios">
                {["1", "2", "3", "4", "5"].map((r, i) => (
                  <div class="checkbox" key={r}>
                    <input
                      type="radio"
                      id={i === 0 ? "field-rating" : `field-rating-${r}`}
                      name="rating"
                      value={r}
                      checked={values.rating === r}
                    />
                    <label for={i === 0 ? "field-rating" : `field-rating-${r}`}>{t(`events.feedback.scale.${r as "1"}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <TextAreaField
              ctx={ctx}
              name="comment"
              label={t("events.feedback.comment")}
              hint={t("events.feedback.commentHint")}
              rows={4}
              value={values.comment ?? ""}
              error={errors.comment}
            />
            <SubmitButton>{t("events.feedback.send")}</SubmitButton>
          </PostForm>
        </>
      )}
      {reg.feedbackGiven && <p>{t("events.feedback.given")}</p>}
      <h2>{t("events.registration.manageTitle")}</h2>
      {upcoming && reg.status !== "cancelled" && (
        <PostForm ctx={ctx} action={pathTo("registrationCancel", locale, { token })}>
          <p>{t("events.registration.cancelHint")}</p>
          <SubmitButton>{t("events.registration.cancel")}</SubmitButton>
        </PostForm>
      )}
      {answers.size > 0 && (
        <PostForm ctx={ctx} action={pathTo("registrationErase", locale, { token })}>
          <input type="hidden" name="what" value="answers" />
          <p>{t("events.registration.eraseAnswersHint")}</p>
          <button type="submit" class="button button--secondary">
            {t("events.registration.eraseAnswers")}
          </button>
        </PostForm>
      )}
      <PostForm ctx={ctx} action={pathTo("registrationErase", locale, { token })}>
        <p>{t("events.registration.eraseHint")}</p>
        <button type="submit" class="button button--secondary">
          {t("events.registration.erase")}
        </button>
      </PostForm>
    </Layout>
  );
}

export function RegistrationGonePage({ ctx, kind }: { ctx: PageContext; kind: "invalid" | "erased" }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t(`events.registration.${kind}Title`)}>
      <h1>{t(`events.registration.${kind}Title`)}</h1>
      <p>{t(`events.registration.${kind}Body`)}</p>
      <p>
        <a href={pathTo("events", locale)}>{t("events.calendarTitle")}</a>
      </p>
    </Layout>
  );
}

export function FeedbackResults({ ctx, ratings, comments }: { ctx: PageContext; ratings: number[]; comments: string[] }) {
  const { t, locale } = ctx;
  if (ratings.length < FEEDBACK_MIN_ANSWERS)
    return <p>{t("events.feedback.tooFew", { min: FEEDBACK_MIN_ANSWERS, count: ratings.length })}</p>;
  const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
  return (
    <>
      <p>{t("events.feedback.summary", { count: ratings.length, mean: formatNumber(locale, mean, 1) })}</p>
      <ScrollTable label={t("events.feedback.distribution")}>
        <thead>
          <tr>
            <th scope="col">{t("events.feedback.rating")}</th>
            <th scope="col" class="num">
              {t("events.feedback.answers")}
            </th>
          </tr>
        </thead>
        <tbody>
          {[5, 4, 3, 2, 1].map((r) => (
            <tr key={r}>
              <th scope="row">{t(`events.feedback.scale.${String(r) as "1"}`)}</th>
              <td class="num">{formatNumber(locale, ratings.filter((x) => x === r).length)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {comments.length > 0 && (
        <>
          <h3>{t("events.feedback.comments")}</h3>
          <ul>
            {comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
