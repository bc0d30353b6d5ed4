import type { PageContext } from "../../../web/context.ts";
import { ErrorSummary, type FieldErrors, PostForm, TextField } from "../../../web/form.tsx";
import { Layout } from "../../../web/layout.tsx";
import { pathTo } from "../../../web/paths.ts";
import { formatCode } from "../codes.ts";
import type { AnswerLanguage } from "../inputs.ts";
import type { Instrument, SurveyLanguage } from "../instrument.ts";

/** Where a participant types the code from their card (a GET form: nothing is stored). */
export function SurveyStartPage({ ctx, code = "", error }: { ctx: PageContext; code?: string; error?: string }) {
  const { t, locale } = ctx;
  const errors: FieldErrors = error ? { code: error } : {};
  return (
    <Layout ctx={ctx} title={t("survey.start.title")} hasErrors={Boolean(error)}>
      <ErrorSummary errors={errors} t={t} />
      <h1>{t("survey.start.title")}</h1>
      <p>{t("survey.start.intro")}</p>
      <form method="get" action={pathTo("surveyStart", locale)} noValidate>
        <TextField
          ctx={ctx}
          name="code"
          label={t("survey.start.codeLabel")}
          hint={t("survey.start.codeHint")}
          value={code}
          autocomplete="off"
          width="medium"
          {...(error ? { error } : {})}
        />
        <button type="submit" class="button">
          {t("survey.start.continue")}
        </button>
      </form>
    </Layout>
  );
}

/** A kind message instead of the form: closed round, code already used, unknown code. */
export function SurveyMessagePage({
  ctx,
  reason,
}: {
  ctx: PageContext;
  reason: "unknownCode" | "noOpenRound" | "closed" | "notYetOpen" | "alreadyAnswered" | "thanks";
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t(`survey.message.${reason}.title`)}>
      <h1>{t(`survey.message.${reason}.title`)}</h1>
      <p>{t(`survey.message.${reason}.body`)}</p>
      {reason === "unknownCode" && (
        <p>
          <a href={pathTo("surveyStart", locale)}>{t("survey.message.tryAgain")}</a>
        </p>
      )}
    </Layout>
  );
}

const LANGUAGE_CHOICES: { language: AnswerLanguage; label: string; lang: string }[] = [
  { language: "fi", label: "Suomeksi", lang: "fi" },
  { language: "fi-plain", label: "Selkosuomeksi", lang: "fi" },
  { language: "sv", label: "På svenska", lang: "sv" },
  { language: "en", label: "In English", lang: "en" },
];

export interface AnswerFormProps {
  ctx: PageContext;
  instrument: Instrument;
  language: AnswerLanguage;
  /** Where the form posts and where the language links point (without the query). */
  action: string;
  /** The same form in each language, for the language choice. */
  languageLinks: Record<AnswerLanguage, string>;
  code: string | null;
  closesOn: string;
  values?: Record<string, string>;
  error?: string;
}

/**
 * The answering form: one fieldset per statement with the statement as its legend and large radio
 * buttons, then the background questions, then "filled in together with a worker". No JavaScript.
 */
export function AnswerFormPage(props: AnswerFormProps) {
  const { ctx, instrument, language } = props;
  const { t } = ctx;
  const wording: SurveyLanguage = language === "fi-plain" ? "fi" : language;
  const values = props.values ?? {};
  const labels = instrument.scale.labels[wording];
  const working = instrument.languages[wording].status === "working";
  const closes = new Intl.DateTimeFormat(ctx.locale === "en" ? "en-GB" : ctx.locale === "sv" ? "sv-FI" : "fi-FI", {
    dateStyle: "long",
  }).format(new Date(`${props.closesOn}T12:00:00Z`));
  const errors: FieldErrors = props.error ? { item1: props.error } : {};
  return (
    <Layout ctx={ctx} title={t("survey.answer.title")} hasErrors={Boolean(props.error)}>
      <ErrorSummary errors={errors} t={t} />
      <nav class="survey-languages" aria-label={t("survey.answer.languageNav")}>
        <ul>
          {LANGUAGE_CHOICES.map((c) => (
            <li key={c.language}>
              {c.language === language ? (
                <span lang={c.lang} aria-current="page">
                  {c.label}
                </span>
              ) : (
                <a href={props.languageLinks[c.language]} lang={c.lang} hrefLang={c.lang}>
                  {c.label}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <h1>{t("survey.answer.title")}</h1>
      {language === "fi-plain" ? (
        <div class="survey-intro">
          <p>{t("survey.answer.plainIntro1")}</p>
          <p>{t("survey.answer.plainIntro2")}</p>
          <p>{t("survey.answer.plainIntro3")}</p>
        </div>
      ) : (
        <div class="survey-intro">
          <p>{t("survey.answer.intro")}</p>
          <p>{t("survey.answer.privacy")}</p>
        </div>
      )}
      <p class="field-hint">
        {props.code ? t("survey.answer.codeIs", { code: formatCode(props.code) }) : t("survey.answer.anonymous")}{" "}
        {t("survey.answer.closesOn", { date: closes })}
      </p>
      {working && <p class="field-hint">{t("survey.answer.workingTranslation")}</p>}
      <PostForm ctx={ctx} action={props.action} class="survey-form">
        <h2>{t("survey.answer.statementsHeading")}</h2>
        <p>{t("survey.answer.statementsHint")}</p>
        {instrument.items.map((item, i) => (
          <fieldset
            key={item.id}
            class={`field fieldset survey-item${props.error && i === 0 ? " field--error" : ""}`}
            id={i === 0 ? "field-item1" : undefined}
          >
            <legend class="field-label">
              {i + 1}. {item.text[wording]}
            </legend>
            <div class="survey-scale">
              {labels.map((label, step) => {
                const value = String(instrument.scale.min + step);
                const id = `${item.id}-${value}`;
                return (
                  <div key={value} class="survey-radio">
                    <input type="radio" id={id} name={item.id} value={value} checked={values[item.id] === value} />
                    <label for={id}>{label}</label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        <h2>{t("survey.answer.backgroundHeading")}</h2>
        <p>{t("survey.answer.backgroundHint")}</p>
        {instrument.background.map((q) => (
          <fieldset key={q.id} class="field fieldset survey-item">
            <legend class="field-label">{q.question[wording]}</legend>
            <div class="survey-scale">
              {q.options.map((o) => {
                const id = `${q.id}-${o.value}`;
                return (
                  <div key={o.value} class="survey-radio">
                    <input type="radio" id={id} name={q.id} value={o.value} checked={values[q.id] === o.value} />
                    <label for={id}>{o.label[wording]}</label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        <div class="field checkbox survey-radio">
          <input type="checkbox" id="field-withWorker" name="withWorker" value="yes" checked={values.withWorker === "yes"} />
          <label for="field-withWorker">{t("survey.answer.withWorker")}</label>
        </div>
        <button type="submit" class="button">
          {t("survey.answer.send")}
        </button>
      </PostForm>
    </Layout>
  );
}
