import type { PageContext } from "./context.ts";
import { Layout } from "./layout.tsx";
import { pathTo } from "./paths.ts";

export type ErrorKind = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | "csrf";

export function ErrorPage({ ctx, kind, loginNext }: { ctx: PageContext; kind: ErrorKind; loginNext?: string }) {
  const { t, locale } = ctx;
  const key = `errors.page.${kind}` as const;
  return (
    <Layout ctx={ctx} title={t(`${key}.title`)}>
      <h1>{t(`${key}.title`)}</h1>
      <p>{t(`${key}.body`)}</p>
      {kind === 401 && (
        <p>
          <a class="button" href={`${pathTo("login", locale)}${loginNext ? `?next=${encodeURIComponent(loginNext)}` : ""}`}>
            {t("layout.login")}
          </a>
        </p>
      )}
      <p>
        <a href={pathTo("home", locale)}>{t("errors.page.backHome")}</a>
      </p>
    </Layout>
  );
}
