import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { upsertAll } from "../../db/upsert.ts";
import { AREA_NAMES_SV_2014_2020, readMaakuntaBoundaries, readMunicipalities, readRegionsJson } from "./reference-data.ts";
import { areaMaakunnat, areas, maakunnat, municipalities, regionalAuthorities, regionalStructures, wellbeingCounties } from "./schema.ts";

export const STRUCTURE_2014_2020 = "esf-2014-2020-coordination-areas";
export const STRUCTURE_2026 = "esf-2026-funding-areas";

/** Loads the regional reference data into its tables. Idempotent: re-running updates in place. */
export async function seedRegions(db: Db): Promise<{ maakunnat: number; municipalities: number }> {
  const regions = readRegionsJson();
  const munis = readMunicipalities();
  const boundaries = readMaakuntaBoundaries();
  const evkByName = new Map(regions.elinvoimakeskukset_2026.map((e) => [e.name_fi, e]));

  await db.transaction(async (tx) => {
    await upsertAll(
      tx,
      maakunnat,
      regions.maakunnat.map((m) => ({
        code: m.code,
        nameFi: m.name_fi,
        nameSv: m.name_sv,
        nameEn: m.name_en,
        nuts3Code: m.nuts3_code_2026 ?? null,
        boundary: boundaries.get(m.code) ?? null,
      })),
      maakunnat.code,
    );

    const counties = new Map(munis.map((m) => [m.hyvinvointialue_code, m.hyvinvointialue_name_fi]));
    await upsertAll(
      tx,
      wellbeingCounties,
      [...counties].map(([code, nameFi]) => ({ code, nameFi })),
      wellbeingCounties.code,
    );

    await upsertAll(
      tx,
      municipalities,
      munis.map((m) => ({
        code: m.municipality_code,
        nameFi: m.name_fi,
        nameSv: m.name_sv,
        nameEn: m.name_en,
        maakuntaCode: m.maakunta_code,
        seutukuntaCode: m.seutukunta_code,
        seutukuntaNameFi: m.seutukunta_name_fi,
        wellbeingCountyCode: m.hyvinvointialue_code,
        languageStatus: m.language_status_code,
        elyCode2025: m.ely_code_2025,
        evkCode2026: m.evk_code_2026,
      })),
      municipalities.code,
    );

    const authorities = [
      ...regions.ely_centres_2010_2025.map((e) => ({
        id: `ely-${e.code}`,
        kind: "ely" as const,
        code: e.code,
        nameFi: e.name_fi,
        nameSv: e.name_sv,
        nameEn: e.name_en,
        validFrom: "2010-01-01",
        validTo: "2025-12-31",
      })),
      ...regions.elinvoimakeskukset_2026.map((e) => ({
        id: `evk-${e.code}`,
        kind: "evk" as const,
        code: e.code,
        nameFi: e.name_fi,
        nameSv: e.name_sv,
        nameEn: e.name_en,
        validFrom: "2026-01-01",
        validTo: null,
      })),
    ];
    await upsertAll(tx, regionalAuthorities, authorities, regionalAuthorities.id);

    const structures = [
      {
        id: STRUCTURE_2014_2020,
        nameFi: "Sokran koordinaatioalueet 2014–2020",
        nameSv: "Sokras koordineringsområden 2014–2020",
        nameEn: "Sokra coordination areas 2014–2020",
        validFrom: "2014-01-01",
        validTo: "2025-12-31",
      },
      {
        id: STRUCTURE_2026,
        nameFi: "ESR-rahoitusalueet 2026–",
        nameSv: "ESF-finansieringsområden 2026–",
        nameEn: "ESF funding areas from 2026",
        validFrom: "2026-01-01",
        validTo: null,
      },
    ];
    await upsertAll(tx, regionalStructures, structures, regionalStructures.id);

    const areaRows: {
      id: string;
      structureId: string;
      nameFi: string;
      nameSv: string;
      nameEn: string;
      sortOrder: number;
      maakunnat: string[];
    }[] = [
      ...regions.sokra_areas_2014_2020.map((a, i) => ({
        id: a.id,
        structureId: STRUCTURE_2014_2020,
        nameFi: a.name_fi,
        nameSv: AREA_NAMES_SV_2014_2020[a.id] ?? a.name_fi,
        nameEn: a.name_en,
        sortOrder: i,
        maakunnat: a.maakunta_codes,
      })),
      ...regions.esf_funding_areas_from_2026.map((a, i) => {
        const evk = evkByName.get(a.name_fi);
        if (!evk) throw new Error(`Funding area ${a.name_fi} is not an elinvoimakeskus in regions.json`);
        return {
          id: `funding-2026-evk-${evk.code}`,
          structureId: STRUCTURE_2026,
          nameFi: evk.name_fi,
          nameSv: evk.name_sv,
          nameEn: evk.name_en,
          sortOrder: i,
          maakunnat: a.maakunta_codes,
        };
      }),
    ];
    await upsertAll(
      tx,
      areas,
      areaRows.map(({ maakunnat: _codes, ...a }) => a),
      areas.id,
    );
    await tx.delete(areaMaakunnat).where(
      inArray(
        areaMaakunnat.areaId,
        areaRows.map((a) => a.id),
      ),
    );
    await tx.insert(areaMaakunnat).values(areaRows.flatMap((a) => a.maakunnat.map((maakuntaCode) => ({ areaId: a.id, maakuntaCode }))));
  });
  return { maakunnat: regions.maakunnat.length, municipalities: munis.length };
}
