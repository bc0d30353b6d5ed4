import type { ComponentChildren } from "preact";
import { can } from "../policy.ts";
import type { PageContext } from "./context.ts";
import { LOCALES, type Locale } from "./locales.ts";
import { pathTo } from "./paths.ts";

const LANGUAGE_NAMES: Record<Locale, string> = { fi: "Suomi", sv: "Svenska", en: "English" };

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Prefixes the title with "Error:" in the user's language (GOV.UK pattern). */
  hasErrors?: boolean;
  /** Island scripts of this page (static files under /assets/islands/; the CSP allows no inline script). */
  scripts?: readonly string[];
  children: ComponentChildren;
}

export function Layout({ ctx, title, hasErrors, scripts = [], children }: LayoutProps) {
  const { t, locale, user } = ctx;
  const fullTitle = `${hasErrors ? `${t("form.errorTitlePrefix")} ` : ""}${title} – Sokra`;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        {ctx.alternates && LOCALES.map((l) => <link key={l} rel="alternate" hrefLang={l} href={ctx.alternates?.[l]} />)}
        {scripts.map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href={pathTo("home", locale)}>
              <span class="brand-name">Sokra</span>
              <span class="brand-tagline">{t("layout.tagline")}</span>
            </a>
            <nav class="language-switch" aria-label={t("layout.languageNav")}>
              <ul>
                {LOCALES.map((l) => (
                  <li key={l}>
                    {l === locale ? (
                      <span aria-current="true" lang={l} class="current-language">
                        {LANGUAGE_NAMES[l]}
                      </span>
                    ) : (
                      <a href={ctx.alternates?.[l] ?? pathTo("home", l)} lang={l} hrefLang={l}>
                        {LANGUAGE_NAMES[l]}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav class="user-nav" aria-label={t("layout.mainNav")}>
            <div class="container">
              <ul>
                <li class="nav-primary">
                  <a href={pathTo("projects", locale)}>{t("layout.projects")}</a>
                </li>
                <li class="nav-primary">
                  <a href={pathTo("portfolio", locale)}>{t("portfolio.navLink")}</a>
                </li>
                <li class="nav-primary">
                  <a href={pathTo("directory", locale)}>{t("layout.directory")}</a>
                </li>
                <li class="nav-primary">
                  <a href={pathTo("indicators", locale)}>{t("indicators.navLink")}</a>
                </li>
                <li class="nav-primary">
                  <a href={pathTo("events", locale)}>{t("events.navLink")}</a>
                </li>
                {can(user, "surveys.dataset") && (
                  <li class="nav-primary">
                    <a href={pathTo("surveyDataset", locale)}>{t("survey.dataset.link")}</a>
                  </li>
                )}
                {can(user, "surveys.rollup") && (
                  <li class="nav-primary">
                    <a href={pathTo("surveyRollup", locale)}>{t("survey.rollup.link")}</a>
                  </li>
                )}
                {user ? (
                  <>
                    <li>
                      <a href={pathTo("account", locale)}>{t("layout.myAccount", { name: user.name })}</a>
                    </li>
                    {ctx.showAdmin && (
                      <li>
                        <a href={pathTo("adminUsers", locale)}>{t("layout.administration")}</a>
                      </li>
                    )}
                    <li>
                      <form method="post" action={pathTo("logout", locale)} class="inline-form">
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <button type="submit" class="link-button">
                          {t("layout.logout")}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <li>
                    <a href={pathTo("login", locale)}>{t("layout.login")}</a>
                  </li>
                )}
              </ul>
            </div>
          </nav>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <ul class="footer-links">
              <li>
                <a href={pathTo("accessibility", locale)}>{t("layout.accessibilityStatement")}</a>
              </li>
            </ul>
            <h2 class="footer-heading">{t("layout.dataSources")}</h2>
            <ul class="attributions">
              <li>{t("layout.attributionStatFi")}</li>
              <li>{t("layout.attributionNls")}</li>
            </ul>
            <p class="licence-note">{t("layout.licenceNote")}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
