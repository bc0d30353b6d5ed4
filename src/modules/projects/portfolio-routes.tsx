import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.ts";
import { fieldErrors, keepValues } from "../../web/form.tsx";
import { pageContext, registerPage } from "../../web/pages.ts";
import { sendPage } from "../../web/render.ts";
import { portfolioQuery } from "./portfolio-inputs.ts";
import { portfolioOptions, portfolioStatistics } from "./portfolio-queries.ts";
import { PortfolioPage } from "./views/portfolio-page.tsx";

/** The public portfolio statistics page: a plain GET form, so every view of it is a shareable URL. No login needed. */
export async function portfolioRoutes(app: FastifyInstance, { db }: { db: Db }) {
  registerPage(app, "portfolio", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const today = new Date().toISOString().slice(0, 10);
      const options = await portfolioOptions(db, req.locale);
      const known = { programmes: new Set(options.programmes.map((p) => p.id)), areas: new Set(options.areas.map((a) => a.id)) };
      const values = keepValues(req.query);
      const parsed = portfolioQuery(known, today).safeParse(req.query ?? {});
      if (!parsed.success) {
        const page = <PortfolioPage ctx={ctx} options={options} values={values} errors={fieldErrors(parsed.error, ctx.t)} result={null} />;
        return sendPage(reply, page, 400);
      }
      const { date: day, programme, area } = parsed.data;
      const filters = { programme, area };
      const { counts, trend, hasDemo } = await portfolioStatistics(db, day, filters, Number(today.slice(0, 4)));
      return sendPage(
        reply,
        <PortfolioPage ctx={ctx} options={options} values={values} errors={{}} result={{ day, filters, counts, trend, hasDemo }} />,
      );
    },
  });
}
