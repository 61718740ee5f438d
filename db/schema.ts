import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
// Relative, so drizzle-kit (which knows no path aliases) reads the schema too.
import { API_KEY_SCOPES } from "../lib/core/api-key-scopes";
import { PROOF_REQUIREMENTS } from "../lib/core/proof-requirement";

/** Raw bytes (encrypted personal data); never text, so it is never logged as a string by accident. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * ASCII keys (base32 codes, hex hashes) compared byte by byte. Under the database's default
 * collation every comparison in their indexes goes through the C library's locale rules,
 * which makes those two indexes a third of PostgreSQL's work when a batch is registered.
 */
const asciiKey = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * For a NOT NULL column that a BEFORE INSERT trigger fills: inserts send DEFAULT (NULL) and need
 * not name it, and drizzle-kit still sees the column as NOT NULL.
 */
const filledByTrigger = () => sql`default`;

export const userRole = pgEnum("user_role", ["recipient", "courier", "admin"]);
export const parcelStatus = pgEnum("parcel_status", [
  "registered",
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "failed_attempt",
  "delivered",
  "returned",
]);
/** Proof of delivery a carrier asks for by default, or a parcel for itself. */
export const proofRequirement = pgEnum("proof_requirement", PROOF_REQUIREMENTS);

export const carriers = pgTable(
  "carriers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().unique(),
    proofDefault: proofRequirement("proof_default").notNull().default("none"),
    // Whether a courier of this carrier may take an unassigned parcel by scanning it.
    selfClaim: boolean("self_claim").notNull().default(false),
    // Days after delivery before personal data is purged; null means the server's PII_RETENTION_DAYS
    // (allowed range in lib/carrier-settings/settings.ts; the check is only the outer bound).
    retentionDays: integer("retention_days"),
    createdAt: createdAt(),
  },
  (t) => [
    check("carriers_retention_days_range", sql`${t.retentionDays} is null or ${t.retentionDays} between 1 and 3650`),
  ],
);
export type Carrier = typeof carriers.$inferSelect;
export type NewCarrier = typeof carriers.$inferInsert;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    role: userRole("role").notNull(),
    // Staff belong to exactly one carrier; recipients to none (they see every carrier's parcels).
    carrierId: uuid("carrier_id").references(() => carriers.id),
    // Staff log in by email (stored lower-cased), recipients by phone.
    email: text("email"),
    // Keyed HMAC of the normalised phone: the login and parcel-ownership key. No plaintext phone.
    phoneHash: text("phone_hash"),
    // Shown back to the user (e.g. in their session list) without decrypting anything.
    phoneMasked: text("phone_masked"),
    displayName: text("display_name"),
    passwordHash: text("password_hash").notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    // A temporary password set by an admin: the first session may only change it (migration 0008).
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_phone_hash_key").on(t.phoneHash),
    index("users_carrier_idx").on(t.carrierId),
    check(
      "users_identity_by_role",
      sql`(${t.role} = 'recipient' and ${t.phoneHash} is not null and ${t.carrierId} is null)
        or (${t.role} <> 'recipient' and ${t.email} is not null and ${t.carrierId} is not null)`,
    ),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    carrierId: uuid("carrier_id")
      .notNull()
      .references(() => carriers.id),
    name: text("name").notNull(),
    // First characters of the key, kept so an admin can tell keys apart; the key itself is only hashed.
    prefix: text("prefix").notNull(),
    // SHA-256 of the whole key: keys are long random strings, so a fast hash is enough.
    keyHash: text("key_hash").notNull(),
    // What the key may do (lib/core/api-key-scopes.ts); keys made before scopes existed may do everything.
    scopes: text("scopes")
      .array()
      .notNull()
      .default([...API_KEY_SCOPES]),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_key_hash_key").on(t.keyHash), index("api_keys_carrier_idx").on(t.carrierId)],
);
export type ApiKey = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;

/**
 * One row per registration call (a single parcel, a batch of up to 10,000, the admin form):
 * who registered which parcels, and when. A parcel's first timeline entry, `registered`,
 * is read from here and its own created_at; parcel_events holds only the changes after it.
 * One row per call rather than an event per parcel: a batch's 10,000 event rows, with their
 * three foreign-key checks each, would take about a third of PostgreSQL's time per batch.
 */
export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    carrierId: uuid("carrier_id")
      .notNull()
      .references(() => carriers.id),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id),
    userId: uuid("user_id").references(() => users.id),
    parcelCount: integer("parcel_count").notNull().default(0),
    // The CSV import that made it, if any; typed AnyPgColumn because imports is declared below.
    importId: uuid("import_id").references((): AnyPgColumn => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("registrations_carrier_created_idx").on(t.carrierId, t.createdAt),
    index("registrations_import_idx")
      .on(t.importId)
      .where(sql`${t.importId} is not null`),
  ],
);
export type Registration = typeof registrations.$inferSelect;
export type NewRegistration = typeof registrations.$inferInsert;

export const parcels = pgTable(
  "parcels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The opaque code printed in the QR; a reissue replaces it, so the old one stops resolving.
    code: asciiKey("code").notNull(),
    // Its carrier is its registration's, which references carriers. Not a foreign key, which
    // checks row by row: a trigger checks each INSERT or COPY once, for all its rows, and
    // another keeps the pair and the registration unchanged (migration 0003).
    carrierId: uuid("carrier_id").notNull(),
    status: parcelStatus("status").notNull().default("registered"),
    recipientPhoneHash: asciiKey("recipient_phone_hash").notNull(),
    // Masked forms are computed at write time so an anonymous scan never decrypts anything.
    maskedName: text("masked_name").notNull(),
    maskedPhone: text("masked_phone").notNull(),
    maskedAddress: text("masked_address").notNull(),
    maskedPostalCode: text("masked_postal_code"),
    // AES-256-GCM of the recipient's name, phone, address, detail, postal code and memo;
    // null once purged after retention.
    piiKeyId: text("pii_key_id"),
    piiCiphertext: bytea("pii_ciphertext"),
    itemName: text("item_name"),
    printItemName: boolean("print_item_name").notNull().default(false),
    reference: text("reference"),
    courierId: uuid("courier_id").references(() => users.id),
    // When the current courier was assigned, kept by a trigger on every change of courier_id
    // (migration 0010); null when the courier came with the registration (then created_at).
    courierAssignedAt: timestamp("courier_assigned_at", { withTimezone: true }),
    // No index: registrations are never deleted, so nothing looks parcels up by it in bulk,
    // and every parcel would pay for one more index entry at registration.
    registrationId: uuid("registration_id").notNull(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    // Null: the carrier's proofDefault applies.
    proofRequired: proofRequirement("proof_required"),
    // The delivery PIN, encrypted like the recipient's data (the owning recipient reads it);
    // wrong tries are counted, and five lock it.
    pinKeyId: text("pin_key_id"),
    pinCiphertext: bytea("pin_ciphertext"),
    pinFailures: integer("pin_failures").notNull().default(0),
    piiPurgedAt: timestamp("pii_purged_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("parcels_code_key").on(t.code),
    index("parcels_recipient_phone_hash_idx").on(t.recipientPhoneHash),
    // The console's keyset pages (migration 0007): newest first, ties broken by id.
    index("parcels_carrier_created_id_idx").on(t.carrierId, t.createdAt, t.id),
    index("parcels_carrier_status_created_idx").on(t.carrierId, t.status, t.createdAt, t.id),
    index("parcels_courier_created_idx")
      .on(t.courierId, t.createdAt, t.id)
      .where(sql`${t.courierId} is not null`),
    index("parcels_carrier_reference_idx")
      .on(t.carrierId, t.reference)
      .where(sql`${t.reference} is not null`),
    // Only assigned parcels: a courier's list asks for courier_id = $1, which implies not null, and
    // registration (every parcel unassigned) then writes one index entry fewer per parcel.
    index("parcels_courier_status_idx")
      .on(t.courierId, t.status)
      .where(sql`${t.courierId} is not null`),
    // The purge job scans only delivered parcels that still hold personal data.
    index("parcels_purge_idx")
      .on(t.deliveredAt)
      .where(sql`${t.piiCiphertext} is not null and ${t.deliveredAt} is not null`),
  ],
);
export type Parcel = typeof parcels.$inferSelect;
export type NewParcel = typeof parcels.$inferInsert;

/**
 * History tables (parcel_events, disclosures, idempotency_keys, reports, messages, import_chunks,
 * import_errors) are partitioned by range of their time column in PostgreSQL, which drizzle-kit
 * cannot declare: the migration partition_history converts them and lib/history-partitions keeps
 * partitions ahead and drops those past retention (docs/history-retention.md). The time column is
 * therefore part of each primary key: PostgreSQL enforces a unique index only per partition.
 */
export const parcelEvents = pgTable(
  "parcel_events",
  {
    id: bigserial("id", { mode: "number" }).notNull(),
    parcelId: uuid("parcel_id")
      .notNull()
      .references(() => parcels.id, { onDelete: "cascade" }),
    status: parcelStatus("status").notNull(),
    reason: text("reason"),
    // The courier's words when the reason is "other".
    note: text("note"),
    place: text("place"),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorApiKeyId: uuid("actor_api_key_id").references(() => apiKeys.id),
    // When the courier tapped (device time), not when an offline queue uploaded it.
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    // False when its device time was older than the parcel's latest event: in the timeline,
    // but the status did not move backwards.
    applied: boolean("applied").notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.recordedAt] }),
    index("parcel_events_parcel_idx").on(t.parcelId, t.occurredAt),
  ],
);
export type ParcelEvent = typeof parcelEvents.$inferSelect;
export type NewParcelEvent = typeof parcelEvents.$inferInsert;

/**
 * Proof-of-delivery photos, encrypted at rest with the personal-data keys (the row id's parcel as
 * associated data). Deleted by the retention purge with the rest of the personal data.
 */
export const parcelProofs = pgTable(
  "parcel_proofs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    parcelId: uuid("parcel_id")
      .notNull()
      .references(() => parcels.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    keyId: text("key_id").notNull(),
    ciphertext: bytea("ciphertext").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("parcel_proofs_parcel_idx").on(t.parcelId),
    check("parcel_proofs_kind_check", sql`${t.kind} in ('photo')`),
  ],
);
export type ParcelProof = typeof parcelProofs.$inferSelect;

/** The audit log: one row per full view by anyone but the owning recipient. */
export const disclosures = pgTable(
  "disclosures",
  {
    id: bigserial("id", { mode: "number" }).notNull(),
    parcelId: uuid("parcel_id")
      .notNull()
      .references(() => parcels.id, { onDelete: "cascade" }),
    viewerUserId: uuid("viewer_user_id").references(() => users.id),
    viewerApiKeyId: uuid("viewer_api_key_id").references(() => apiKeys.id),
    viewerRole: text("viewer_role").notNull(),
    fields: text("fields").array().notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    // Filled by the insert trigger (disclosures_seal), never by the app: the carrier, and the
    // SHA-256 of the row's own content. NULL only on rows chained before content hashes existed.
    carrierId: uuid("carrier_id")
      .notNull()
      .references(() => carriers.id)
      .$defaultFn(filledByTrigger),
    contentHash: text("content_hash").$defaultFn(filledByTrigger),
    // The row's place in its carrier's hash chain: set once, from NULL, by the sequencer
    // (lib/audit/sequencer.ts); NULL while the row awaits sequencing.
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index("disclosures_parcel_idx").on(t.parcelId, t.createdAt),
    // Not unique: a partitioned table's unique index must hold created_at, which would make it
    // unique per row anyway. One chain_seq per carrier holds because only the sequencer assigns
    // them, under the carrier's advisory lock, which the append-only trigger demands; a duplicate
    // would also break the chain that `npm run audit:verify` walks.
    index("disclosures_carrier_seq_idx").on(t.carrierId, t.chainSeq),
    // The console's log, newest first by id, whole or by courier (keyset paging).
    index("disclosures_carrier_id_idx").on(t.carrierId, t.id),
    index("disclosures_carrier_viewer_id_idx").on(t.carrierId, t.viewerUserId, t.id),
    // What the sequencer picks up: small, since rows leave it within seconds.
    index("disclosures_unsequenced_idx")
      .on(t.carrierId, t.id)
      .where(sql`${t.chainSeq} is null`),
    check(
      "disclosures_sequenced_together",
      sql`(${t.chainSeq} is null) = (${t.prevHash} is null) and (${t.chainSeq} is null) = (${t.hash} is null)`,
    ),
    check("disclosures_content_hashed", sql`${t.contentHash} is not null or ${t.chainSeq} is not null`),
  ],
);
export type Disclosure = typeof disclosures.$inferSelect;
export type NewDisclosure = typeof disclosures.$inferInsert;

/**
 * Remembered answers for requests carrying an Idempotency-Key, scoped per caller
 * (an API key or a user), so a retried request gets the first answer back.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status").notNull(),
    responseBody: jsonb("response_body").notNull(),
    createdAt: createdAt(),
  },
  // (scope, key) is unique only within a day's partition; lib/idempotency/idempotency.ts keeps it
  // unique within the replay window with an advisory lock on (scope, key) and a bounded lookup.
  (t) => [primaryKey({ columns: [t.scope, t.key, t.createdAt] })],
);
export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
export type NewIdempotencyKey = typeof idempotencyKeys.$inferInsert;

export const reportKind = ["found", "not_mine", "return"] as const;
export const reportStatus = ["new", "handled"] as const;

/**
 * A report on a parcel: a finder's "I found this parcel", or the owner's "not mine" / "return it".
 * Read by the carrier's admins; the finder's contact is encrypted and purged with the parcel's data.
 */
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").notNull().defaultRandom(),
    // What the reporter is told and quotes to the carrier: random, never sequential.
    reference: text("reference").notNull(),
    parcelId: uuid("parcel_id")
      .notNull()
      .references(() => parcels.id, { onDelete: "cascade" }),
    carrierId: uuid("carrier_id")
      .notNull()
      .references(() => carriers.id),
    kind: text("kind", { enum: reportKind }).notNull(),
    place: text("place"),
    message: text("message"),
    contactKeyId: text("contact_key_id"),
    contactCiphertext: bytea("contact_ciphertext"),
    reporterUserId: uuid("reporter_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    // The carrier's inbox (migration 0009): new until an admin marks it handled, with a note.
    status: text("status", { enum: reportStatus }).notNull().default("new"),
    note: text("note"),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    handledBy: uuid("handled_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    // Not unique (it would have to hold created_at): 50 random bits make a repeat unlikely, and
    // the inbox finds a report by its reference within its carrier.
    index("reports_reference_idx").on(t.reference),
    index("reports_carrier_created_idx").on(t.carrierId, t.createdAt),
    index("reports_parcel_idx").on(t.parcelId, t.createdAt),
    index("reports_carrier_status_created_idx").on(t.carrierId, t.status, t.createdAt, t.id),
    check("reports_kind_check", sql`${t.kind} in ('found', 'not_mine', 'return')`),
    check("reports_contact_pair", sql`(${t.contactKeyId} is null) = (${t.contactCiphertext} is null)`),
    check("reports_status_check", sql`${t.status} in ('new', 'handled')`),
  ],
);
export type Report = typeof reports.$inferSelect;

/** Messages between the assigned courier and the owning recipient; bodies encrypted, purged with the parcel's data. */
export const messages = pgTable(
  "messages",
  {
    id: bigserial("id", { mode: "number" }).notNull(),
    parcelId: uuid("parcel_id")
      .notNull()
      .references(() => parcels.id, { onDelete: "cascade" }),
    senderUserId: uuid("sender_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    senderRole: text("sender_role", { enum: ["recipient", "courier"] }).notNull(),
    bodyKeyId: text("body_key_id").notNull(),
    bodyCiphertext: bytea("body_ciphertext").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index("messages_parcel_idx").on(t.parcelId, t.id),
    check("messages_sender_role_check", sql`${t.senderRole} in ('recipient', 'courier')`),
  ],
);
export type Message = typeof messages.$inferSelect;
/**
 * How far each participant has read a thread: the newest message id they were shown. Unread is
 * what the other side wrote after it; one row per (parcel, reader), gone with the parcel's messages.
 */
export const messageReads = pgTable(
  "message_reads",
  {
    parcelId: uuid("parcel_id")
      .notNull()
      .references(() => parcels.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastReadMessageId: bigint("last_read_message_id", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.parcelId, t.userId] })],
);

/**
 * A browser's Web Push subscription (lib/notifications): where the push service takes pushes for
 * one device, and the keys that encrypt them for it. Nothing about the device itself. The session
 * it was made under lets a logout remove that device's; an account's go with the account.
 */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    sessionJti: text("session_jti").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint_key").on(t.endpoint),
    index("push_subscriptions_user_idx").on(t.userId),
  ],
);

/** A CSV import (lib/imports/): counts and state for GET /api/v1/imports/{id}. */
export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    carrierId: uuid("carrier_id")
      .notNull()
      .references(() => carriers.id),
    userId: uuid("user_id").references(() => users.id),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id),
    mode: text("mode", { enum: ["all", "valid"] }).notNull(),
    encoding: text("encoding", { enum: ["utf-8", "cp949"] }).notNull(),
    status: text("status", { enum: ["running", "done", "failed"] })
      .notNull()
      .default("running"),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    // Written in the transaction that commits the parcels: never more or less than committed.
    imported: integer("imported").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("imports_carrier_created_idx").on(t.carrierId, t.createdAt),
    check("imports_mode_check", sql`${t.mode} in ('all', 'valid')`),
    check("imports_encoding_check", sql`${t.encoding} in ('utf-8', 'cp949')`),
    check("imports_status_check", sql`${t.status} in ('running', 'done', 'failed')`),
  ],
);
export type Import = typeof imports.$inferSelect;

/** The uploaded file, encrypted (it holds personal data), kept only until its import ends. */
export const importChunks = pgTable(
  "import_chunks",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    piiKeyId: text("pii_key_id").notNull(),
    ciphertext: bytea("ciphertext").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq, t.createdAt] })],
);

export const importErrors = pgTable(
  "import_errors",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    field: text("field").notNull(),
    message: text("message").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("import_errors_import_row_idx").on(t.importId, t.row)],
);

/** Postal-code prefix → courier, per carrier (migration 0008): the longest prefix assigns a new parcel. */
export const postalRules = pgTable(
  "postal_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    carrierId: uuid("carrier_id")
      .notNull()
      .references(() => carriers.id),
    prefix: text("prefix").notNull(),
    courierId: uuid("courier_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("postal_rules_carrier_prefix_key").on(t.carrierId, t.prefix),
    check("postal_rules_prefix_digits", sql`${t.prefix} ~ '^[0-9]{1,5}$'`),
  ],
);
export type PostalRule = typeof postalRules.$inferSelect;

/**
 * The head of each carrier's audit hash chain: the last sequenced row's number and hash. Only the
 * sequencer writes it, holding the carrier's advisory lock, so a carrier's chain never forks.
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  carrierId: uuid("carrier_id")
    .primaryKey()
    .references(() => carriers.id),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

/**
 * Where each carrier's audit chain starts now that retention has dropped its oldest rows: the
 * highest sequence number retired, that row's hash (the next row's prev_hash must be it) and how
 * many rows retention has retired in all, so a verifier tells rows dropped by retention from rows
 * deleted by someone. Written in the transaction that drops the partition (lib/audit/retire.ts).
 */
export const auditChainCheckpoints = pgTable("audit_chain_checkpoints", {
  carrierId: uuid("carrier_id")
    .primaryKey()
    .references(() => carriers.id),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  retired: bigint("retired", { mode: "number" }).notNull(),
  retiredAt: timestamp("retired_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A carrier's webhook endpoint. The signing secret is needed in clear to sign each delivery, so
 * it is encrypted with the personal-data key ring (its row id as associated data), not hashed.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    carrierId: uuid("carrier_id")
      .notNull()
      .references(() => carriers.id),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    secretKeyId: text("secret_key_id").notNull(),
    secretCiphertext: bytea("secret_ciphertext").notNull(),
    createdAt: createdAt(),
    // Set after 24 hours of failures, with why (the console shows it); a new endpoint starts over.
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    // The first failure of the current run of failures; a success clears it.
    failingSince: timestamp("failing_since", { withTimezone: true }),
  },
  (t) => [index("webhook_endpoints_carrier_idx").on(t.carrierId)],
);
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "delivered", "failed"]);

/**
 * The webhook outbox: one row per endpoint and event, written in the transaction of the change it
 * tells about, so a committed change is delivered at least once whatever happens to the process.
 * The body holds no personal data (codes and statuses only).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").notNull(),
    body: jsonb("body").notNull(),
    attempts: integer("attempts").notNull().default(0),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    // A short reason (timeout, refused address, HTTP 500); never the receiver's body.
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
