-- Reports on a parcel ("I found this parcel", "not mine", "return it") and the messages
-- between the assigned courier and the owning recipient. A finder's contact and every
-- message body are personal data: encrypted (AES-256-GCM, key id per row) and purged
-- with the parcel's own personal data.
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"parcel_id" uuid NOT NULL,
	"carrier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"place" text,
	"message" text,
	"contact_key_id" text,
	"contact_ciphertext" bytea,
	"reporter_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_kind_check" CHECK ("kind" in ('found', 'not_mine', 'return')),
	CONSTRAINT "reports_contact_pair" CHECK (("contact_key_id" is null) = ("contact_ciphertext" is null))
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parcel_id" uuid NOT NULL,
	"sender_user_id" uuid NOT NULL,
	"sender_role" text NOT NULL,
	"body_key_id" text NOT NULL,
	"body_ciphertext" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_sender_role_check" CHECK ("sender_role" in ('recipient', 'courier'))
);
--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_reference_key" ON "reports" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "reports_carrier_created_idx" ON "reports" USING btree ("carrier_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_parcel_idx" ON "reports" USING btree ("parcel_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_parcel_idx" ON "messages" USING btree ("parcel_id","id");
