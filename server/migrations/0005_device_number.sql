ALTER TABLE "devices" ADD COLUMN "number" serial NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_number" ON "devices" USING btree ("number");