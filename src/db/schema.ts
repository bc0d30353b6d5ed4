// Every table of Sokra, gathered for drizzle. Each module owns the tables in its own schema.ts.
export * from "../modules/accounts/schema.ts";
export * from "../modules/audit/schema.ts";
export * from "../modules/directory/schema.ts";
export * from "../modules/events/schema.ts";
export * from "../modules/indicators/schema.ts";
export * from "../modules/jobs/schema.ts";
export * from "../modules/mail/schema.ts";
export * from "../modules/organisations/schema.ts";
export * from "../modules/programmes/schema.ts";
export * from "../modules/projects/schema.ts";
export * from "../modules/regions/schema.ts";
export * from "../modules/surveys/schema.ts";
