import type { PageContext } from "../../../web/context.ts";
import { pathTo } from "../../../web/paths.ts";
import { formatPhone } from "../contact.ts";
import type { AreaContact, PersonEntry } from "../queries.ts";

/** One person's card: name (linked to their page), title, organisation, e-mail and phone. */
export function PersonCard({ ctx, person, role }: { ctx: PageContext; person: PersonEntry; role?: string }) {
  return (
    <div class="person-card">
      <p class="person-name">
        <a href={pathTo("person", ctx.locale, { id: person.id })}>{person.name}</a>
        {role && <span class="person-role"> – {role}</span>}
      </p>
      {(person.title || person.organisationName) && (
        <p class="person-title">{[person.title, person.organisationName].filter(Boolean).join(", ")}</p>
      )}
      {person.email && (
        <p>
          <span class="visually-hidden">{ctx.t("directory.fields.email")}: </span>
          <a href={`mailto:${person.email}`}>{person.email}</a>
        </p>
      )}
      {person.phone && (
        <p>
          <span class="visually-hidden">{ctx.t("directory.fields.phone")}: </span>
          <a href={`tel:${person.phone}`}>{formatPhone(person.phone)}</a>
        </p>
      )}
    </div>
  );
}

/**
 * "Your regional coordinator": the coordinators (and researchers) of the given areas, with their
 * contact details as far as the viewer may see them. Shown on the project and area pages.
 */
export function AreaContacts({
  ctx,
  contacts,
  areaNames,
  headingLevel = 2,
  linkAreas = true,
}: {
  ctx: PageContext;
  contacts: readonly AreaContact[];
  areaNames: ReadonlyMap<string, string>;
  headingLevel?: 2 | 3;
  /** Link to each area's page (not on the area page itself). */
  linkAreas?: boolean;
}) {
  const { t } = ctx;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section class="area-contacts" aria-labelledby="area-contacts-title">
      <Heading id="area-contacts-title">{t("directory.coordinators.title")}</Heading>
      {contacts.length === 0 ? (
        <p>{t("directory.coordinators.none")}</p>
      ) : (
        <ul class="person-list">
          {contacts.map((c) => (
            <li key={`${c.areaId}-${c.id}-${c.role}`}>
              <PersonCard ctx={ctx} person={c} role={`${t(`directory.areaRoles.${c.role}`)}, ${areaNames.get(c.areaId) ?? c.areaId}`} />
            </li>
          ))}
        </ul>
      )}
      {linkAreas && areaNamesLinks(ctx, areaNames)}
      <p class="hint-text">{t("directory.coordinators.hiddenNote")}</p>
    </section>
  );
}

function areaNamesLinks(ctx: PageContext, areaNames: ReadonlyMap<string, string>) {
  if (areaNames.size === 0) return null;
  return (
    <p>
      {[...areaNames].map(([id, name], i) => (
        <span key={id}>
          {i > 0 && ", "}
          <a href={pathTo("area", ctx.locale, { id })}>{ctx.t("directory.area.link", { name })}</a>
        </span>
      ))}
    </p>
  );
}
