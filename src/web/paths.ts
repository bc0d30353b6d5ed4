import { LOCALES, type Locale } from "./locales.ts";

/**
 * Every page of Sokra with its path in each language. Paths are translated (`/fi/kirjaudu`,
 * `/sv/logga-in`, `/en/log-in`); the language switch maps a page to its twin in another language.
 * `:name` segments are parameters.
 */
export const PAGES = {
  home: { fi: "", sv: "", en: "" },
  accessibility: {
    fi: "saavutettavuusseloste",
    sv: "tillganglighetsutlatande",
    en: "accessibility-statement",
  },
  login: { fi: "kirjaudu", sv: "logga-in", en: "log-in" },
  projects: { fi: "hankkeet", sv: "projekt", en: "projects" },
  projectsCsv: { fi: "hankkeet.csv", sv: "projekt.csv", en: "projects.csv" },
  projectsXlsx: { fi: "hankkeet.xlsx", sv: "projekt.xlsx", en: "projects.xlsx" },
  project: { fi: "hankkeet/:code", sv: "projekt/:code", en: "projects/:code" },
  projectNew: { fi: "hankkeet/uusi", sv: "projekt/nytt", en: "projects/new" },
  projectEdit: { fi: "hankkeet/:code/muokkaa", sv: "projekt/:code/redigera", en: "projects/:code/edit" },
  projectMembers: { fi: "hankkeet/:code/jasenet", sv: "projekt/:code/medlemmar", en: "projects/:code/members" },
  projectMemberRemove: {
    fi: "hankkeet/:code/jasenet/:userId/poista",
    sv: "projekt/:code/medlemmar/:userId/ta-bort",
    en: "projects/:code/members/:userId/remove",
  },
  projectSurvey: { fi: "hankkeet/:code/kysely", sv: "projekt/:code/enkat", en: "projects/:code/survey" },
  projectSurveyCards: {
    fi: "hankkeet/:code/kysely/koodit/:batchId",
    sv: "projekt/:code/enkat/koder/:batchId",
    en: "projects/:code/survey/codes/:batchId",
  },
  projectSurveyResults: { fi: "hankkeet/:code/kysely/tulokset", sv: "projekt/:code/enkat/resultat", en: "projects/:code/survey/results" },
  projectSurveyResultsCsv: {
    fi: "hankkeet/:code/kysely/tulokset.csv",
    sv: "projekt/:code/enkat/resultat.csv",
    en: "projects/:code/survey/results.csv",
  },
  projectSurveyResultsXlsx: {
    fi: "hankkeet/:code/kysely/tulokset.xlsx",
    sv: "projekt/:code/enkat/resultat.xlsx",
    en: "projects/:code/survey/results.xlsx",
  },
  projectSurveyImport: { fi: "hankkeet/:code/kysely/tuonti", sv: "projekt/:code/enkat/import", en: "projects/:code/survey/import" },
  surveyStart: { fi: "kysely", sv: "enkat", en: "survey" },
  surveyAnswer: { fi: "kysely/:code", sv: "enkat/:code", en: "survey/:code" },
  surveyAnonymous: { fi: "kysely/avoin/:token", sv: "enkat/oppen/:token", en: "survey/open/:token" },
  surveyThanks: { fi: "kysely-kiitos", sv: "enkat-tack", en: "survey-thanks" },
  surveyRollup: { fi: "kyselytulokset", sv: "enkatresultat", en: "survey-results" },
  surveyDataset: { fi: "kyselyaineisto", sv: "enkatdata", en: "survey-dataset" },
  surveyDatasetCsv: { fi: "kyselyaineisto.csv", sv: "enkatdata.csv", en: "survey-dataset.csv" },
  surveyRollupCsv: { fi: "kyselytulokset.csv", sv: "enkatresultat.csv", en: "survey-results.csv" },
  surveyRollupXlsx: { fi: "kyselytulokset.xlsx", sv: "enkatresultat.xlsx", en: "survey-results.xlsx" },
  portfolio: { fi: "hankesalkku", sv: "projektportfolj", en: "portfolio" },
  directory: { fi: "verkosto", sv: "natverk", en: "network" },
  network: { fi: "verkosto/kuva", sv: "natverk/bild", en: "network/picture" },
  networkJson: { fi: "verkosto/kuva.json", sv: "natverk/bild.json", en: "network/picture.json" },
  organisationNew: { fi: "verkosto/organisaatiot/uusi", sv: "natverk/organisationer/ny", en: "network/organisations/new" },
  organisationEdit: {
    fi: "verkosto/organisaatiot/:id/muokkaa",
    sv: "natverk/organisationer/:id/redigera",
    en: "network/organisations/:id/edit",
  },
  personNew: { fi: "verkosto/henkilot/uusi", sv: "natverk/personer/ny", en: "network/people/new" },
  personEdit: { fi: "verkosto/henkilot/:id/muokkaa", sv: "natverk/personer/:id/redigera", en: "network/people/:id/edit" },
  planning: { fi: "suunnittelijalle", sv: "for-planerare", en: "planning-a-project" },
  planningArea: { fi: "suunnittelijalle/:municipality", sv: "for-planerare/:municipality", en: "planning-a-project/:municipality" },
  organisation: { fi: "verkosto/organisaatiot/:id", sv: "natverk/organisationer/:id", en: "network/organisations/:id" },
  person: { fi: "verkosto/henkilot/:id", sv: "natverk/personer/:id", en: "network/people/:id" },
  area: { fi: "alueet/:id", sv: "omraden/:id", en: "areas/:id" },
  partners: { fi: "kumppanihaku", sv: "partnersokning", en: "partner-finder" },
  ownData: { fi: "omat-tiedot", sv: "mina-uppgifter", en: "my-data" },
  ownDataJson: { fi: "omat-tiedot.json", sv: "mina-uppgifter.json", en: "my-data.json" },
  ownDataEdit: { fi: "omat-tiedot/muokkaa", sv: "mina-uppgifter/redigera", en: "my-data/edit" },
  directoryImport: { fi: "hallinta/verkostotuonti", sv: "administration/natverksimport", en: "admin/directory-import" },
  directoryImportRun: { fi: "hallinta/verkostotuonti/:id", sv: "administration/natverksimport/:id", en: "admin/directory-import/:id" },
  ownDataErase: { fi: "omat-tiedot/poista", sv: "mina-uppgifter/radera", en: "my-data/erase" },
  ownDataErased: { fi: "omat-tiedot/poistettu", sv: "mina-uppgifter/raderade", en: "my-data/erased" },
  events: { fi: "tapahtumat", sv: "evenemang", en: "events" },
  eventsIcs: { fi: "tapahtumat.ics", sv: "evenemang.ics", en: "events.ics" },
  eventNew: { fi: "tapahtumat/uusi", sv: "evenemang/nytt", en: "events/new" },
  eventsReach: { fi: "tapahtumat/tavoittavuus", sv: "evenemang/rackvidd", en: "events/reach" },
  eventsReachCsv: { fi: "tapahtumat/tavoittavuus.csv", sv: "evenemang/rackvidd.csv", en: "events/reach.csv" },
  eventsReachXlsx: { fi: "tapahtumat/tavoittavuus.xlsx", sv: "evenemang/rackvidd.xlsx", en: "events/reach.xlsx" },
  event: { fi: "tapahtumat/:id", sv: "evenemang/:id", en: "events/:id" },
  eventIcs: { fi: "tapahtumat/:id/kalenteri.ics", sv: "evenemang/:id/kalender.ics", en: "events/:id/calendar.ics" },
  eventEdit: { fi: "tapahtumat/:id/muokkaa", sv: "evenemang/:id/redigera", en: "events/:id/edit" },
  eventManage: { fi: "tapahtumat/:id/osallistujat", sv: "evenemang/:id/deltagare", en: "events/:id/participants" },
  eventCancel: { fi: "tapahtumat/:id/peru", sv: "evenemang/:id/installa", en: "events/:id/cancel" },
  registration: { fi: "ilmoittautuminen/:token", sv: "anmalan/:token", en: "registration/:token" },
  registrationCancel: { fi: "ilmoittautuminen/:token/peru", sv: "anmalan/:token/avboka", en: "registration/:token/cancel" },
  registrationErase: { fi: "ilmoittautuminen/:token/poista", sv: "anmalan/:token/radera", en: "registration/:token/erase" },
  registrationCheckIn: { fi: "ilmoittautuminen/:token/lasnaolo", sv: "anmalan/:token/narvaro", en: "registration/:token/check-in" },
  registrationFeedback: { fi: "ilmoittautuminen/:token/palaute", sv: "anmalan/:token/respons", en: "registration/:token/feedback" },
  logout: { fi: "kirjaudu-ulos", sv: "logga-ut", en: "log-out" },
  forgotPassword: { fi: "salasana-unohtui", sv: "glomt-losenord", en: "forgot-password" },
  resetPassword: { fi: "uusi-salasana/:token", sv: "nytt-losenord/:token", en: "new-password/:token" },
  invitation: { fi: "kutsu/:token", sv: "inbjudan/:token", en: "invitation/:token" },
  account: { fi: "oma-tili", sv: "mitt-konto", en: "my-account" },
  adminUsers: { fi: "hallinta/kayttajat", sv: "administration/anvandare", en: "admin/users" },
  adminInvite: {
    fi: "hallinta/kayttajat/kutsu",
    sv: "administration/anvandare/bjud-in",
    en: "admin/users/invite",
  },
  adminUser: {
    fi: "hallinta/kayttajat/:id",
    sv: "administration/anvandare/:id",
    en: "admin/users/:id",
  },
  adminRevokeInvitation: {
    fi: "hallinta/kutsut/:id/peru",
    sv: "administration/inbjudningar/:id/aterkalla",
    en: "admin/invitations/:id/revoke",
  },
  adminProgrammes: { fi: "hallinta/ohjelmat", sv: "administration/program", en: "admin/programmes" },
  adminProgrammeNew: { fi: "hallinta/ohjelmat/uusi", sv: "administration/program/nytt", en: "admin/programmes/new" },
  adminTargetGroups: { fi: "hallinta/kohderyhmat", sv: "administration/malgrupper", en: "admin/target-groups" },
  adminSurvey: { fi: "hallinta/kysely", sv: "administration/enkat", en: "admin/survey" },
  adminOutbox: {
    fi: "hallinta/lahtevat-viestit",
    sv: "administration/utkorg",
    en: "admin/outbox",
  },
  projectImport: {
    fi: "hallinta/hanketuonti",
    sv: "administration/projektimport",
    en: "admin/project-import",
  },
  projectImportRun: {
    fi: "hallinta/hanketuonti/:id",
    sv: "administration/projektimport/:id",
    en: "admin/project-import/:id",
  },
  indicators: { fi: "indikaattorit", sv: "indikatorer", en: "indicators" },
  indicatorRankings: { fi: "indikaattorit/jarjestys", sv: "indikatorer/rangordning", en: "indicators/rankings" },
  indicatorArea: { fi: "indikaattorit/alue/:level/:code", sv: "indikatorer/omrade/:level/:code", en: "indicators/area/:level/:code" },
  indicatorYouth: { fi: "indikaattorit/nuoret", sv: "indikatorer/unga", en: "indicators/young-people" },
  indicatorTrend: { fi: "indikaattorit/mittari/:id", sv: "indikatorer/indikator/:id", en: "indicators/indicator/:id" },
  indicatorNeed: { fi: "indikaattorit/tarve-ja-hankkeet", sv: "indikatorer/behov-och-projekt", en: "indicators/need-and-projects" },
  adminIndexVersions: { fi: "hallinta/indeksiversiot", sv: "administration/indexversioner", en: "admin/index-versions" },
  adminIndexVersionCurrent: {
    fi: "hallinta/indeksiversiot/:id/kayttoon",
    sv: "administration/indexversioner/:id/aktivera",
    en: "admin/index-versions/:id/make-current",
  },
  adminIndicatorImport: { fi: "hallinta/indikaattorituonti", sv: "administration/indikatorimport", en: "admin/indicator-import" },
  adminIndicatorFetch: {
    fi: "hallinta/indikaattorituonti/sotkanet",
    sv: "administration/indikatorimport/sotkanet",
    en: "admin/indicator-import/sotkanet",
  },
  adminIndicatorImportRun: {
    fi: "hallinta/indikaattorituonti/:id",
    sv: "administration/indikatorimport/:id",
    en: "admin/indicator-import/:id",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type PageKey = keyof typeof PAGES;
export type PathParams = Record<string, string>;

/** The Fastify route pattern of a page in one language, e.g. `/fi/kutsu/:token`. */
export function routePattern(page: PageKey, locale: Locale): string {
  const slug = PAGES[page][locale];
  return slug ? `/${locale}/${slug}` : `/${locale}`;
}

/** The URL path of a page with its parameters filled in. */
export function pathTo(page: PageKey, locale: Locale, params: PathParams = {}): string {
  return routePattern(page, locale).replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for page ${page}`);
    return encodeURIComponent(value);
  });
}

/** The same page in every language (for the language switch and hreflang links). */
export function alternates(page: PageKey, params: PathParams = {}): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, pathTo(page, l, params)])) as Record<Locale, string>;
}
