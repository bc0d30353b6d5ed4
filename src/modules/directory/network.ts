/** Pure: the projects of an area or theme and their organisations → a graph and its list form. */

export interface NetworkProject {
  code: string;
  name: string;
  organisations: { id: string; name: string; role: "lead" | "co_implementer" | "partner" }[];
}

export interface NetworkGraph {
  nodes: { id: string; kind: "project" | "organisation"; label: string; degree: number }[];
  links: { source: string; target: string; role: "lead" | "co_implementer" | "partner" }[];
}

/** Nodes are projects ("p:" + code) and organisations ("o:" + id); a link joins an organisation to each project it works in. */
export function buildGraph(projects: readonly NetworkProject[]): NetworkGraph {
  const nodes = new Map<string, NetworkGraph["nodes"][number]>();
  const links: NetworkGraph["links"] = [];
  const seen = new Set<string>();
  for (const p of projects) {
    const pid = `p:${p.code}`;
    if (!nodes.has(pid)) nodes.set(pid, { id: pid, kind: "project", label: p.name, degree: 0 });
    for (const o of p.organisations) {
      const oid = `o:${o.id}`;
      if (!nodes.has(oid)) nodes.set(oid, { id: oid, kind: "organisation", label: o.name, degree: 0 });
      const key = `${oid}|${pid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push({ source: oid, target: pid, role: o.role });
      const on = nodes.get(oid);
      const pn = nodes.get(pid);
      if (on) on.degree++;
      if (pn) pn.degree++;
    }
  }
  return { nodes: [...nodes.values()], links };
}

/** The list form: each organisation with the projects it works in, those in several projects first. */
export function organisationsWithProjects(projects: readonly NetworkProject[]) {
  const byOrg = new Map<
    string,
    { id: string; name: string; projects: { code: string; name: string; role: "lead" | "co_implementer" | "partner" }[] }
  >();
  for (const p of projects) {
    for (const o of p.organisations) {
      const entry = byOrg.get(o.id) ?? { id: o.id, name: o.name, projects: [] };
      if (!entry.projects.some((x) => x.code === p.code && x.role === o.role))
        entry.projects.push({ code: p.code, name: p.name, role: o.role });
      byOrg.set(o.id, entry);
    }
  }
  return [...byOrg.values()].sort((a, b) => b.projects.length - a.projects.length || a.name.localeCompare(b.name, "fi"));
}
