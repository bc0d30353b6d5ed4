import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authorize, authorizeEvent, can, mayManageEvent } from "../../policy.ts";
import { type FieldErrors, fieldErrors, keepValues } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { type T, translator } from "../../web/i18n.ts";
import type { Locale } from "../../web/locales.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { keepFormValues } from "../projects/form.ts";
import { listCoordinationAreas, localName } from "../regions/queries.ts";
import { calendarFeed } from "./ical.ts";
import {
  answerField,
  type CalendarFilter,
  calendarQuery,
  checkInForm,
  eventForm,
  feedbackForm,
  MAX_QUESTIONS,
  MAX_SESSIONS,
  registrationForm,
} from "./inputs.ts";
import { verifyRegistrationToken } from "./links.ts";
import {
  allEvents,
  answersOf,
  answersOfRegistration,
  attendanceOf,
  attendedSessions,
  CALENDAR_PAGE_SIZE,
  countEvents,
  type EventRow,
  feedbackOf,
  findEvent,
  listEvents,
  listRegistrations,
  type QuestionRow,
  reachRegistrations,
  type SessionRow,
  sessionsOf,
  waitlistSeqs,
} from "./queries.ts";
import { NATIONAL, reach } from "./reach.ts";
import { checkInSessions, helsinkiWallClock, mayGiveFeedback, registrationClosedReason, waitlistPosition } from "./rules.ts";
import {
  cancelEvent,
  cancelRegistration,
  checkIn,
  createEvent,
  type EventDeps,
  eraseAnswers,
  eraseRegistration,
  findRegistration,
  giveFeedback,
  markAttendance,
  register,
  updateEvent,
} from "./service.ts";
import { questionText } from "./views/format.ts";
import { EventFormPage, ManagePage, type ReachGroup, ReachPage } from "./views/manage-pages.tsx";
import {
  type Area,
  CalendarPage,
  EventPage,
  type ListedEvent,
  RegistrationGonePage,
  RegistrationPage,
  type RegistrationPageNotice,
} from "./views/public-pages.tsx";

/** At most this many events in one iCalendar feed (far more than the programme holds in a year and a quarter). */
export const FEED_MAX = 5000;

const idOf = (req: FastifyRequest) => String((req.params as { id?: unknown }).id ?? "");
const tokenOf = (req: FastifyRequest) => String((req.params as { token?: unknown }).token ?? "");
const noticeOf = (req: FastifyRequest) => String(((req.query ?? {}) as Record<string, unknown>).notice ?? "");

/** Events: the public calendar and feeds, registration and the personal link, and the organisers' pages. */
export async function eventRoutes(app: FastifyInstance, { db, config, now }: { db: Db; config: Config; now?: () => Date }) {
  const deps: EventDeps = { db, secret: config.sessionSecret, baseUrl: config.baseUrl, ...(now ? { now } : {}) };
  const clock = () => now?.() ?? new Date();
  const limit = { max: config.rateLimitEvents.max, timeWindow: config.rateLimitEvents.windowSeconds * 1000 };

  const areasIn = async (locale: Locale): Promise<Area[]> =>
    (await listCoordinationAreas(db)).map((a) => ({ id: a.id, name: localName(a, locale) }));

  const loadEvent = async (req: FastifyRequest) => {
    const item = await findEvent(db, idOf(req));
    if (!item) throw new HttpError(404);
    return item;
  };

  // ---- the calendar and its feeds --------------------------------------------------------------
  registerPage(app, "events", {
    get: async (req, reply) => {
      const filter = calendarQuery.parse(req.query ?? {});
      const at = clock();
      const total = await countEvents(db, filter, at);
      const pages = Math.max(1, Math.ceil(total / CALENDAR_PAGE_SIZE));
      const page = Math.min(filter.page ?? 1, pages);
      const rows = await listEvents(db, filter, at, CALENDAR_PAGE_SIZE, (page - 1) * CALENDAR_PAGE_SIZE);
      const sessions = await sessionsOf(
        db,
        rows.map((r) => r.event.id),
      );
      const items: ListedEvent[] = rows.map((r) => ({ ...r, sessions: sessions.get(r.event.id) ?? [] }));
      const ctx = pageContext(req, reply);
      return sendPage(
        reply,
        <CalendarPage
          ctx={ctx}
          items={items}
          filter={filter}
          page={page}
          pages={pages}
          total={total}
          areas={await areasIn(req.locale)}
          canCreate={can(req.user, "events.manage")}
        />,
      );
    },
  });

  const sendFeed = (
    req: FastifyRequest,
    reply: FastifyReply,
    items: { event: EventRow; sessions: ListedEvent["sessions"] }[],
    name: string,
  ) => {
    const t = translator(req.locale);
    const body = calendarFeed(items, {
      name,
      locale: req.locale,
      eventUrl: (id) => `${config.baseUrl}${pathTo("event", req.locale, { id })}`,
      partLabel: (n, of) => t("events.partOf", { n, of }),
      remoteLabel: t("events.remote"),
    });
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'inline; filename="sokra-events.ics"')
      .header("cache-control", "public, max-age=300")
      .send(body);
  };

  registerPage(app, "eventsIcs", {
    get: async (req, reply) => {
      const filter: CalendarFilter = { ...calendarQuery.parse(req.query ?? {}), when: undefined, page: undefined };
      // The feed holds every coming event and those of the last 90 days (so a calendar keeps recent
      // ones), not paged, up to FEED_MAX events (the soonest first; docs/api.md).
      const since = new Date(clock().getTime() - 90 * 24 * 3600 * 1000);
      const rows = await listEvents(db, filter, since, FEED_MAX);
      const sessions = await sessionsOf(
        db,
        rows.map((r) => r.event.id),
      );
      const t = translator(req.locale);
      return sendFeed(
        req,
        reply,
        rows.map((r) => ({ event: r.event, sessions: sessions.get(r.event.id) ?? [] })),
        t("events.calendarTitle"),
      );
    },
  });

  registerPage(app, "eventIcs", {
    get: async (req, reply) => {
      const item = await loadEvent(req);
      return sendFeed(req, reply, [item], item.event.titleFi);
    },
  });

  // ---- the event page and registration -----------------------------------------------------
  const showEvent = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: Record<string, string>; notice?: "alreadyRegistered" } = {},
    status = 200,
  ) => {
    const item = await loadEvent(req);
    const ctx = pageContext(req, reply);
    return sendPage(
      reply,
      <EventPage
        ctx={ctx}
        item={item}
        areas={await areasIn(req.locale)}
        manage={mayManageEvent(req.user, item.event)}
        closed={registrationClosedReason(item.event, clock())}
        {...extra}
      />,
      status,
    );
  };

  registerPage(app, "event", {
    get: (req, reply) => showEvent(req, reply),
    postRateLimit: limit,
    post: async (req, reply) => {
      const item = await loadEvent(req);
      const t = pageContext(req, reply).t;
      const values = keepValues(req.body);
      const body = { ...(req.body as Record<string, unknown>), ...(req.user ? { name: req.user.name, email: req.user.email } : {}) };
      const parsed = registrationForm(item.questions).safeParse(body);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error, t);
        // A missing answer names its question (the error summary lists several).
        for (const q of item.questions) {
          if (errors[answerField(q.id)] === t("errors.eventAnswerRequired")) {
            errors[answerField(q.id)] = t("errors.eventAnswerRequiredFor", { question: questionText(q, req.locale).text });
          }
        }
        return showEvent(req, reply, { errors, values }, 400);
      }
      const result = await register(deps, item.event.id, parsed.data, { locale: req.locale, userId: req.user?.id ?? null });
      if (!result.ok) {
        if (result.reason === "notFound") throw new HttpError(404);
        if (result.reason === "alreadyRegistered") return showEvent(req, reply, { values, notice: "alreadyRegistered" }, 409);
        return showEvent(req, reply, { values }, 409);
      }
      return redirectAfterPost(reply, `${pathTo("registration", req.locale, { token: result.token })}?notice=registered`);
    },
  });

  // ---- the personal link ----------------------------------------------------------------------
  /** The registration of a personal link, or a page saying the link is invalid (tampered) or the registration erased. */
  const loadRegistration = async (req: FastifyRequest, reply: FastifyReply) => {
    const id = verifyRegistrationToken(tokenOf(req), config.sessionSecret);
    const reg = id ? await findRegistration(db, id) : undefined;
    if (!reg || reg.email.startsWith("erased-")) {
      const kind = reg ? "erased" : "invalid";
      sendPage(reply, <RegistrationGonePage ctx={pageContext(req, reply)} kind={kind} />, 404);
      return null;
    }
    const item = await findEvent(db, reg.eventId);
    if (!item) throw new HttpError(404);
    return { reg, item };
  };

  const showRegistration = async (
    req: FastifyRequest,
    reply: FastifyReply,
    notice: RegistrationPageNotice,
    extra: { errors?: FieldErrors; values?: Record<string, string> } = {},
    status = 200,
  ) => {
    const found = await loadRegistration(req, reply);
    if (!found) return reply;
    const { reg, item } = found;
    const at = clock();
    const position = reg.status === "waitlisted" ? waitlistPosition(reg.seq, await waitlistSeqs(db, reg.eventId)) : null;
    const [answers, attended] = await Promise.all([answersOfRegistration(db, reg.id), attendedSessions(db, reg.id)]);
    const open = reg.status === "confirmed" ? checkInSessions(item.sessions, item.event.status, at) : [];
    return sendPage(
      reply,
      <RegistrationPage
        ctx={pageContext(req, reply)}
        token={tokenOf(req)}
        reg={reg}
        item={item}
        answers={answers}
        attended={attended}
        position={position}
        notice={notice}
        checkInOpen={open}
        canGiveFeedback={mayGiveFeedback({ ...reg, attended: attended.size > 0 }, item.event, at)}
        upcoming={at.getTime() < item.event.startsAt.getTime()}
        {...extra}
      />,
      status,
    );
  };

  registerPage(app, "registration", {
    get: async (req, reply) => {
      const n = noticeOf(req);
      const notice = (
        ["registered", "cancelled", "checkedIn", "feedbackThanks", "already", "answersErased"].includes(n) ? n : null
      ) as RegistrationPageNotice;
      return showRegistration(req, reply, notice);
    },
  });

  registerPage(app, "registrationCancel", {
    post: async (req, reply) => {
      const found = await loadRegistration(req, reply);
      if (!found) return reply;
      const result = await cancelRegistration(deps, found.reg.id);
      return redirectAfterPost(
        reply,
        `${pathTo("registration", req.locale, { token: tokenOf(req) })}?notice=${result === "cancelled" ? "cancelled" : "already"}`,
      );
    },
  });

  registerPage(app, "registrationErase", {
    post: async (req, reply) => {
      const found = await loadRegistration(req, reply);
      if (!found) return reply;
      const link = pathTo("registration", req.locale, { token: tokenOf(req) });
      if ((req.body as Record<string, unknown> | undefined)?.what === "answers") {
        await eraseAnswers(db, found.reg.id);
        return redirectAfterPost(reply, `${link}?notice=answersErased`);
      }
      await eraseRegistration(deps, found.reg.id);
      return redirectAfterPost(reply, link);
    },
  });

  registerPage(app, "registrationCheckIn", {
    postRateLimit: limit,
    post: async (req, reply) => {
      const found = await loadRegistration(req, reply);
      if (!found) return reply;
      const t = pageContext(req, reply).t;
      const values = keepValues(req.body);
      const parsed = checkInForm.safeParse(req.body ?? {});
      if (!parsed.success) return showRegistration(req, reply, null, { errors: fieldErrors(parsed.error, t), values }, 400);
      const { result } = await checkIn(deps, found.reg.id, parsed.data.code);
      if (result !== "ok") {
        const key = result === "wrongCode" ? "errors.eventCodeWrong" : "errors.eventCheckInClosed";
        return showRegistration(req, reply, null, { errors: { code: t(key) }, values }, 400);
      }
      return redirectAfterPost(reply, `${pathTo("registration", req.locale, { token: tokenOf(req) })}?notice=checkedIn`);
    },
  });

  registerPage(app, "registrationFeedback", {
    postRateLimit: limit,
    post: async (req, reply) => {
      const found = await loadRegistration(req, reply);
      if (!found) return reply;
      const t = pageContext(req, reply).t;
      const values = keepValues(req.body);
      const parsed = feedbackForm.safeParse(req.body ?? {});
      if (!parsed.success) return showRegistration(req, reply, null, { errors: fieldErrors(parsed.error, t), values }, 400);
      const ok = await giveFeedback(deps, found.reg.id, parsed.data.rating, parsed.data.comment);
      return redirectAfterPost(
        reply,
        `${pathTo("registration", req.locale, { token: tokenOf(req) })}?notice=${ok ? "feedbackThanks" : "already"}`,
      );
    },
  });

  // ---- organisers ------------------------------------------------------------------------------
  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { eventId?: string; errors?: FieldErrors; values?: Record<string, string | string[]> },
    status = 200,
  ) => sendPage(reply, <EventFormPage ctx={pageContext(req, reply)} areas={await areasIn(req.locale)} {...extra} />, status);

  /** "Add another question" (the form without JS): the form again with one more question row, nothing saved. */
  const addQuestionRow = (req: FastifyRequest, values: Record<string, string | string[]>) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.addQuestion === undefined) return null;
    const shown = Number(typeof body.questionRows === "string" && /^\d{1,2}$/.test(body.questionRows) ? body.questionRows : 0);
    return { ...values, questionRows: String(Math.min(MAX_QUESTIONS, shown + 1)) };
  };

  /** Validates the event form; an area coordinator's event must be for their area. */
  const parseEvent = async (req: FastifyRequest, t: T) => {
    const areaIds = (await listCoordinationAreas(db)).map((a) => a.id);
    const parsed = eventForm(areaIds).safeParse(req.body ?? {});
    if (!parsed.success) return { errors: fieldErrors(parsed.error, t) } as const;
    if (!mayManageEvent(req.user, parsed.data)) return { errors: { areaIds: t("errors.outsideYourArea") } } as const;
    return { input: parsed.data } as const;
  };

  registerPage(app, "eventNew", {
    get: async (req, reply) => {
      authorize(req.user, "events.manage");
      const values: Record<string, string | string[]> =
        req.user.role === "area_coordinator" && req.user.areaId ? { areaIds: [req.user.areaId] } : {};
      return showForm(req, reply, { values });
    },
    post: async (req, reply) => {
      authorize(req.user, "events.manage");
      const t = pageContext(req, reply).t;
      const values = keepFormValues(req.body);
      const more = addQuestionRow(req, values);
      if (more) return showForm(req, reply, { values: more });
      const result = await parseEvent(req, t);
      if (!result.input) return showForm(req, reply, { errors: result.errors, values }, 400);
      const id = await createEvent(db, req.user.id, result.input);
      return redirectAfterPost(reply, `${pathTo("eventManage", req.locale, { id })}?notice=created`);
    },
  });

  registerPage(app, "eventEdit", {
    get: async (req, reply) => {
      const item = await loadEvent(req);
      authorizeEvent(req.user, item.event);
      return showForm(req, reply, { eventId: item.event.id, values: formValuesOf(item.event, item.sessions, item.questions) });
    },
    post: async (req, reply) => {
      const item = await loadEvent(req);
      authorizeEvent(req.user, item.event);
      const t = pageContext(req, reply).t;
      const values = keepFormValues(req.body);
      const more = addQuestionRow(req, values);
      if (more) return showForm(req, reply, { eventId: item.event.id, values: more });
      const result = await parseEvent(req, t);
      if (!result.input) return showForm(req, reply, { eventId: item.event.id, errors: result.errors, values }, 400);
      await updateEvent(deps, req.user.id, item.event.id, result.input);
      return redirectAfterPost(reply, `${pathTo("eventManage", req.locale, { id: item.event.id })}?notice=saved`);
    },
  });

  registerPage(app, "eventManage", {
    get: async (req, reply) => {
      const item = await loadEvent(req);
      authorizeEvent(req.user, item.event);
      const [registrations, feedback, answers, attendance] = await Promise.all([
        listRegistrations(db, item.event.id),
        feedbackOf(db, item.event.id),
        answersOf(db, item.event.id),
        attendanceOf(db, item.event.id),
      ]);
      const n = noticeOf(req);
      const notice = (["saved", "created", "attendance", "eventCancelled"].includes(n) ? n : null) as "saved" | null;
      return sendPage(
        reply,
        <ManagePage
          ctx={pageContext(req, reply)}
          event={item.event}
          sessions={item.sessions}
          questions={item.questions}
          registrations={registrations}
          answers={answers}
          attendance={attendance}
          feedback={feedback}
          notice={notice}
        />,
      );
    },
    post: async (req, reply) => {
      const item = await loadEvent(req);
      authorizeEvent(req.user, item.event);
      const raw = (req.body as Record<string, unknown> | undefined)?.attended;
      const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .filter((x): x is string => typeof x === "string" && x.length <= 80)
        .slice(0, 50000);
      await markAttendance(db, req.user.id, item.event.id, ids);
      return redirectAfterPost(reply, `${pathTo("eventManage", req.locale, { id: item.event.id })}?notice=attendance`);
    },
  });

  registerPage(app, "eventCancel", {
    post: async (req, reply) => {
      const item = await loadEvent(req);
      authorizeEvent(req.user, item.event);
      await cancelEvent(deps, req.user.id, item.event.id);
      return redirectAfterPost(reply, `${pathTo("eventManage", req.locale, { id: item.event.id })}?notice=eventCancelled`);
    },
  });

  // ---- reach figures -------------------------------------------------------------------------
  const reachData = async (locale: Locale) => {
    const [evs, regs, areas] = await Promise.all([allEvents(db), reachRegistrations(db), areasIn(locale)]);
    const t = translator(locale);
    const r = reach(evs, regs, clock());
    const areaLabel = (k: string) => (k === NATIONAL ? t("events.national") : (areas.find((a) => a.id === k)?.name ?? k));
    const byId = new Map(evs.map((e) => [e.id, e]));
    const label = (rows: { key: string }[], f: (k: string) => string) => rows.map((g) => ({ ...g, label: f(g.key) })) as ReachGroup[];
    return {
      total: r.total,
      byType: label(r.byType, (k) => t(`events.types.${k as "seminar"}`)),
      byArea: label(r.byArea, areaLabel),
      byYear: label(r.byYear, (k) => k),
      byEvent: r.byEvent.map(({ event, ...f }) => {
        const e = byId.get(event.id);
        const date = helsinkiWallClock(event.startsAt).slice(0, 10);
        return {
          ...f,
          key: event.id,
          label: `${date} ${e ? (locale === "sv" ? e.titleSv : locale === "en" ? e.titleEn : e.titleFi) : ""}`,
        };
      }) as ReachGroup[],
    };
  };

  registerPage(app, "eventsReach", {
    get: async (req, reply) => {
      authorize(req.user, "events.reach");
      const data = await reachData(req.locale);
      return sendPage(reply, <ReachPage ctx={pageContext(req, reply)} {...data} />);
    },
  });

  const exportRows = async (locale: Locale) => {
    const data = await reachData(locale);
    const t = translator(locale);
    const header = [
      t("events.reach.grouping"),
      t("events.reach.group"),
      ...(["events", "registrations", "confirmed", "attended", "attendances", "noShows", "projects", "organisations"] as const).map((c) =>
        t(`events.reach.${c}`),
      ),
    ];
    const rows: (string | number)[][] = [];
    const add = (grouping: string, groups: ReachGroup[]) => {
      for (const g of groups)
        rows.push([
          grouping,
          g.label,
          g.events,
          g.registrations,
          g.confirmed,
          g.attended,
          g.attendances,
          g.noShows,
          g.projects,
          g.organisations,
        ]);
    };
    add(t("events.reach.byType"), data.byType);
    add(t("events.reach.byArea"), data.byArea);
    add(t("events.reach.byYear"), data.byYear);
    add(t("events.reach.byEvent"), data.byEvent);
    return { header, rows };
  };

  registerPage(app, "eventsReachCsv", {
    get: async (req, reply) => {
      authorize(req.user, "events.reach");
      const { header, rows } = await exportRows(req.locale);
      const safe = (v: string | number) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
      const csv = `\ufeff${stringify([header, ...rows.map((r) => r.map(safe))], { delimiter: ";", record_delimiter: "windows" })}`;
      return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="sokra-event-reach.csv"').send(csv);
    },
  });

  registerPage(app, "eventsReachXlsx", {
    get: async (req, reply) => {
      authorize(req.user, "events.reach");
      const { header, rows } = await exportRows(req.locale);
      const workbook = new ExcelJS.Workbook();
      workbook.creator = "Sokra";
      const sheet = workbook.addWorksheet(translator(req.locale)("events.reach.title").slice(0, 31));
      sheet.columns = header.map((h) => ({ header: h, width: Math.max(12, h.length + 2) }));
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: "frozen", ySplit: 1 }];
      for (const r of rows) sheet.addRow(r);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", 'attachment; filename="sokra-event-reach.xlsx"')
        .send(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  });
}

/** The edit form's values from a saved event (times back in Helsinki wall clock). */
function formValuesOf(e: EventRow, sessions: SessionRow[], questions: QuestionRow[]): Record<string, string | string[]> {
  const v: Record<string, string | string[]> = {
    type: e.type,
    titleFi: e.titleFi,
    titleSv: e.titleSv,
    titleEn: e.titleEn,
    descriptionFi: e.descriptionFi,
    descriptionSv: e.descriptionSv,
    descriptionEn: e.descriptionEn,
    themes: e.themes,
    areaIds: e.areaIds,
    audience: e.audience,
    place: e.place,
    remote: e.remote ? "1" : "",
    meetingUrl: e.meetingUrl ?? "",
    capacity: String(e.capacity),
  };
  questions.slice(0, MAX_QUESTIONS).forEach((q, i) => {
    v[`question${i + 1}Id`] = q.id;
    v[`question${i + 1}Fi`] = q.textFi;
    v[`question${i + 1}Sv`] = q.textSv;
    v[`question${i + 1}En`] = q.textEn;
    v[`question${i + 1}Required`] = q.required ? "1" : "";
    v[`question${i + 1}Order`] = String(i + 1);
  });
  const [dDate = "", dTime = ""] = helsinkiWallClock(e.registrationDeadline).split(" ");
  v.deadlineDate = dDate;
  v.deadlineTime = dTime;
  sessions.slice(0, MAX_SESSIONS).forEach((s, i) => {
    const [day = "", start = ""] = helsinkiWallClock(s.startsAt).split(" ");
    v[`session${i + 1}Date`] = day;
    v[`session${i + 1}Start`] = start;
    v[`session${i + 1}End`] = helsinkiWallClock(s.endsAt).split(" ")[1] ?? "";
  });
  return v;
}
