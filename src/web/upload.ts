import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";

/**
 * Upload forms (the project, directory, survey answer and indicator imports). Multipart parsing is
 * registered only inside the scope an import opens with `uploadScope`, with tight limits, so that no
 * other route reads a multipart body.
 */

/** A file as the handler receives it: the browser's file name, its bytes, and whether it was cut at the size limit. */
export const uploadedFile = z.object({
  // Only the name without any folder, and without control or format characters.
  fileName: z.string().transform((name) =>
    (name.split(/[\\/]/).pop() ?? "")
      .replace(/[\p{Cc}\p{Cf}]/gu, "")
      .trim()
      .slice(0, 200),
  ),
  data: z.instanceof(Uint8Array),
  truncated: z.boolean(),
});
export type UploadedFile = z.infer<typeof uploadedFile>;

/** The file of a one-file form field, or undefined when the body has none (or something else). */
export const optionalUploadedFile = uploadedFile.optional().catch(undefined);

/** What a file field held: nothing chosen, a file cut at the limit, or the file. */
export function checkUpload(file: UploadedFile | undefined): { problem: "noFile" | "tooLarge" } | { file: UploadedFile } {
  if (!file || (file.fileName === "" && file.data.length === 0)) return { problem: "noFile" };
  if (file.truncated) return { problem: "tooLarge" };
  return { file };
}

export interface UploadScopeOptions {
  /** Runs before a POST body is read: throw (e.g. `authorize`) to refuse the upload unread. */
  guard: (req: FastifyRequest) => unknown;
  /** The largest file; a larger one is cut and marked `truncated`, so the form can say so (not a bare 413). */
  maxFileBytes: number;
  /** How many files and plain fields the form may send. */
  files: number;
  fields: number;
}

/**
 * Opens an encapsulated scope that parses multipart bodies and lets `routes` register the upload
 * pages in it. A body the parser cannot read (cut short, no boundary) fails before any handler with
 * an error that has no status: it is the client's bad request (400), not a server error. Errors that
 * already have a status, and anything after the body was read, go to the app's handler as they are.
 */
export async function uploadScope(
  app: FastifyInstance,
  options: UploadScopeOptions,
  routes: (scope: FastifyInstance) => void | Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook("preValidation", async (req) => {
      if (req.method === "POST") await options.guard(req);
    });
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: "keyValues",
      throwFileSizeLimit: false,
      limits: {
        fileSize: options.maxFileBytes,
        files: options.files,
        fields: options.fields,
        parts: options.files + options.fields,
        fieldSize: 1000,
        headerPairs: 50,
      },
      async onFile(part) {
        const data = await part.toBuffer();
        const file = { fileName: part.filename ?? "", data, truncated: part.file.truncated };
        (part as unknown as { value: unknown }).value = file;
      },
    });
    const bodyRead = new WeakSet<FastifyRequest>();
    scope.addHook("preHandler", async (req) => {
      bodyRead.add(req);
    });
    scope.setErrorHandler(async (error: Error & { statusCode?: number }, req) => {
      if (!error.statusCode && req.method === "POST" && !bodyRead.has(req)) error.statusCode = 400;
      throw error;
    });
    await routes(scope);
  });
}
