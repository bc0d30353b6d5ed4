/** An error that becomes a translated error page (or JSON for the API) with this status. */
export class HttpError extends Error {
  constructor(
    public readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 429,
    message?: string,
  ) {
    super(message ?? `HTTP ${statusCode}`);
    this.name = "HttpError";
  }
}
