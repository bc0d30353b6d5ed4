import type { ComponentChildren } from "preact";
import type { ZodError } from "zod";
import type { PageContext } from "./context.ts";
import type { T } from "./i18n.ts";

/** Translated error message per field name. */
export type FieldErrors = Record<string, string>;
/** What the user typed, kept when a form is shown again (never passwords). */
export type FormValues = Record<string, string>;

/**
 * Turns zod issues into translated messages, one per field (the first issue wins). Schemas use
 * i18n keys under `errors.` as messages; any other message falls back to a generic one.
 */
export function fieldErrors(error: ZodError, t: T): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    const key = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
    out[field] = t(key as "errors.invalid");
  }
  return out;
}

/** Keeps the string fields of a submitted body so that the form can be shown again. */
export function keepValues(body: unknown, omit: string[] = []): FormValues {
  if (!body || typeof body !== "object") return {};
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === "_csrf" || omit.includes(k)) continue;
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

const fieldId = (name: string) => `field-${name}`;

export function ErrorSummary({ errors, t, order }: { errors: FieldErrors; t: T; order?: string[] }) {
  const names = order ? order.filter((n) => errors[n]) : Object.keys(errors);
  for (const n of Object.keys(errors)) if (!names.includes(n)) names.push(n);
  if (names.length === 0) return null;
  return (
    // The summary only appears after the user submitted a form: moving focus to it there is what
    // GOV.UK does with a script; the autofocus attribute does it without JavaScript.
    // biome-ignore lint/a11y/noAutofocus: focus moves only in answer to the user's own submit
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus>
      <h2 id="error-summary-title">{t("form.errorSummaryTitle")}</h2>
      <ul>
        {names.map((n) => (
          <li key={n}>
            <a href={`#${fieldId(n)}`}>{errors[n]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ErrorMessage({ id, message, t }: { id: string; message: string | undefined; t: T }) {
  if (!message) return null;
  return (
    <p id={id} class="field-error">
      <span class="visually-hidden">{t("form.errorPrefix")} </span>
      {message}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(" ") : undefined;
}

/** The ids of a field's input, hint and error message (for aria-describedby). */
function fieldIds(props: { name: string; hint?: string | undefined; error?: string | undefined }) {
  const id = fieldId(props.name);
  return { id, hintId: props.hint ? `${id}-hint` : undefined, errorId: props.error ? `${id}-error` : undefined };
}

/** The frame every single-control field shares: label, hint, error message, then the control. */
function LabelledField(props: {
  ctx: PageContext;
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  hintId: string | undefined;
  errorId: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${props.error ? " field--error" : ""}`}>
      <label for={props.id} class="field-label">
        {props.label}
      </label>
      {props.hint && (
        <p id={props.hintId} class="field-hint">
          {props.hint}
        </p>
      )}
      <ErrorMessage id={props.errorId ?? ""} message={props.error} t={props.ctx.t} />
      {props.children}
    </div>
  );
}

export interface TextFieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "tel" | "url" | "number" | "date";
  /** Keyboard on phones, e.g. "numeric" for euros typed with spaces. */
  inputMode?: "numeric" | "decimal" | "email" | "tel" | "url";
  autocomplete?: string;
  value?: string;
  error?: string;
  required?: boolean;
  width?: "full" | "medium" | "short";
}

export function TextField(props: TextFieldProps) {
  const { id, hintId, errorId } = fieldIds(props);
  return (
    <LabelledField {...props} id={id} hintId={hintId} errorId={errorId}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        class={`input input--${props.width ?? "full"}`}
        value={props.type === "password" ? undefined : props.value}
        autoComplete={props.autocomplete}
        inputMode={props.inputMode}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        spellcheck={props.type === "email" || props.type === "password" ? false : undefined}
      />
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: string;
  /** Options with a group are shown under an optgroup of that name (consecutive ones together). */
  group?: string;
}

function OptionList({ options, value }: { options: Option[]; value?: string }) {
  const option = (o: Option) => (
    <option key={o.value} value={o.value} selected={o.value === value}>
      {o.label}
    </option>
  );
  const runs: { group?: string; options: Option[] }[] = [];
  for (const o of options) {
    const last = runs[runs.length - 1];
    if (last && last.group === o.group) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  return (
    <>
      {runs.map((r) =>
        r.group === undefined ? (
          r.options.map(option)
        ) : (
          <optgroup key={r.group} label={r.group}>
            {r.options.map(option)}
          </optgroup>
        ),
      )}
    </>
  );
}

export interface SelectFieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string;
  options: Option[];
  value?: string;
  error?: string;
  /** Label of an empty first option; omit to have none. */
  emptyLabel?: string;
}

export function SelectField(props: SelectFieldProps) {
  const { id, hintId, errorId } = fieldIds(props);
  return (
    <LabelledField {...props} id={id} hintId={hintId} errorId={errorId}>
      <select
        id={id}
        name={props.name}
        class="select"
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        <OptionList options={props.options} value={props.value} />
      </select>
    </LabelledField>
  );
}

export interface TextAreaFieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  rows?: number;
  lang?: string;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, hintId, errorId } = fieldIds(props);
  return (
    <LabelledField {...props} id={id} hintId={hintId} errorId={errorId}>
      <textarea
        id={id}
        name={props.name}
        class="input textarea"
        rows={props.rows ?? 5}
        lang={props.lang}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {props.value ?? ""}
      </textarea>
    </LabelledField>
  );
}

export interface CheckboxesFieldProps {
  ctx: PageContext;
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  checked: readonly string[];
  error?: string;
}

/** A group of checkboxes in a fieldset; the error summary links to the first box. */
export function CheckboxesField(props: CheckboxesFieldProps) {
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <fieldset class={`field fieldset${props.error ? " field--error" : ""}`} aria-describedby={describedBy(hintId, errorId)}>
      <legend class="field-label">{props.legend}</legend>
      {props.hint && (
        <p id={hintId} class="field-hint">
          {props.hint}
        </p>
      )}
      <ErrorMessage id={errorId ?? ""} message={props.error} t={props.ctx.t} />
      <div class="checkbox-columns">
        {props.options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
          return (
            <div key={o.value} class="checkbox">
              <input type="checkbox" id={boxId} name={props.name} value={o.value} checked={props.checked.includes(o.value)} />
              <label for={boxId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A POST form with its CSRF token. Works without JavaScript (POST → 303 redirect). */
export function PostForm({
  ctx,
  action,
  children,
  class: className,
  enctype,
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  class?: string;
  /** "multipart/form-data" for a file upload. */
  enctype?: "multipart/form-data";
}) {
  return (
    <form method="post" action={action} class={className} encType={enctype} noValidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
    </form>
  );
}

export function SubmitButton({ children }: { children: ComponentChildren }) {
  return (
    <button type="submit" class="button">
      {children}
    </button>
  );
}

/** A one-line notice after a successful action (e.g. "Invitation sent"). */
export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice" role="status">
      {children}
    </div>
  );
}
