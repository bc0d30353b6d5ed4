import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/**
 * A structural check of an OpenAPI 3.1 document: the rules of the specification that a generator can
 * get wrong (required fields, parameters, responses, path templates, unique operation ids, resolvable
 * references), and every Schema Object checked against the JSON Schema 2020-12 meta-schema with Ajv.
 * Returns the problems found (empty when the document is valid).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

function pointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function allRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) allRefs(v, out);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}

export function openApiProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const ajv = newAjv();
  const checkSchema = (where: string, schema: unknown) => {
    if (!isObject(schema)) return problems.push(`${where}: schema is not an object`);
    if (!ajv.validateSchema(schema)) problems.push(`${where}: not a JSON Schema 2020-12: ${ajv.errorsText(ajv.errors)}`);
  };
  if (!isObject(doc)) return ["document is not an object"];
  if (typeof doc.openapi !== "string" || !/^3\.1\.\d+$/.test(doc.openapi))
    problems.push(`openapi must be 3.1.x, is ${String(doc.openapi)}`);
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== "string" || typeof info.version !== "string")
    problems.push("info.title and info.version are required");
  if (!isObject(doc.paths)) return [...problems, "paths must be an object"];

  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith("/")) problems.push(`${path}: a path must start with /`);
    if (!isObject(item)) {
      problems.push(`${path}: not a Path Item Object`);
      continue;
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const at = `${method.toUpperCase()} ${path}`;
      if (!isObject(op)) {
        problems.push(`${at}: not an Operation Object`);
        continue;
      }
      if (typeof op.operationId === "string") {
        if (operationIds.has(op.operationId)) problems.push(`${at}: duplicate operationId ${op.operationId}`);
        operationIds.add(op.operationId);
      }
      const params = (op.parameters ?? []) as unknown[];
      if (!Array.isArray(params)) problems.push(`${at}: parameters must be an array`);
      const seen = new Set<string>();
      for (const p of params) {
        if (!isObject(p) || typeof p.name !== "string" || !["query", "header", "path", "cookie"].includes(String(p.in))) {
          problems.push(`${at}: a parameter needs a name and in (query, header, path, cookie)`);
          continue;
        }
        const key = `${p.in}:${p.name}`;
        if (seen.has(key)) problems.push(`${at}: duplicate parameter ${key}`);
        seen.add(key);
        if (p.in === "path" && (p.required !== true || !templated.includes(p.name))) {
          problems.push(`${at}: path parameter ${p.name} must be required and in the path template`);
        }
        if ((p.schema === undefined) === (p.content === undefined))
          problems.push(`${at}: parameter ${p.name} needs exactly one of schema, content`);
        if (p.schema !== undefined) checkSchema(`${at} parameter ${p.name}`, p.schema);
      }
      for (const name of templated) {
        if (!seen.has(`path:${name}`)) problems.push(`${at}: path template {${name}} has no path parameter`);
      }
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) {
        problems.push(`${at}: responses are required`);
        continue;
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${at}: bad response key ${status}`);
        if (!isObject(response) || typeof response.description !== "string") {
          problems.push(`${at} ${status}: a response needs a description`);
          continue;
        }
        if (response.content !== undefined) {
          if (!isObject(response.content)) problems.push(`${at} ${status}: content must be an object`);
          else
            for (const [media, mediaObject] of Object.entries(response.content)) {
              if (!isObject(mediaObject) || !isObject(mediaObject.schema)) problems.push(`${at} ${status} ${media}: needs a schema`);
              else checkSchema(`${at} ${status} ${media}`, mediaObject.schema);
            }
        }
      }
    }
  }
  const components = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  for (const [name, schema] of Object.entries(components)) {
    if (!/^[a-zA-Z0-9.\-_]+$/.test(name)) problems.push(`components.schemas: bad name ${name}`);
    checkSchema(`components.schemas.${name}`, schema);
  }
  for (const ref of new Set(allRefs(doc))) {
    if (pointer(doc, ref) === undefined) problems.push(`unresolved $ref ${ref}`);
  }
  return problems;
}

/** A validator of data against a schema of the document (its `#/components/schemas/…` references resolved). */
export function schemaValidator(doc: Json, schema: unknown): ValidateFunction {
  const ajv = newAjv();
  const id = "https://sokra.invalid/openapi.json";
  // The component schemas become the $defs of one schema, and references point there.
  const rebase = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll('"#/components/schemas/', `"${id}#/$defs/`));
  const components = isObject(doc.components) ? doc.components.schemas : {};
  ajv.addSchema({ $id: id, $defs: rebase(components ?? {}) });
  return ajv.compile(rebase(schema));
}
