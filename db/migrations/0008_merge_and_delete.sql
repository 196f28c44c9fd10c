CREATE TABLE `removed_entries` (
	`entry_kind` text NOT NULL,
	`entity_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`reason` text NOT NULL,
	`merged_into_id` integer,
	`was_public` integer NOT NULL,
	`removed_by` integer,
	`removed_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`entry_kind`, `entity_id`),
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "removed_entries_reason_check" CHECK(reason in ('merged', 'deleted'))
);
--> statement-breakpoint
CREATE INDEX `removed_entries_slug` ON `removed_entries` (`entry_kind`,`slug`);--> statement-breakpoint
-- claim_proposals is rebuilt (SQLite cannot change a CHECK or drop a foreign key in place): the
-- kind 'merge' is allowed, merged_claim_id added, and claim_id loses its cascading foreign key so
-- that the review history outlives a claim merged away or deleted, as revisions do (ADR 0008).
-- The migrator runs inside a transaction, where PRAGMA foreign_keys cannot change; nothing
-- references claim_proposals, so dropping and renaming it is safe with foreign keys on.
CREATE TABLE `__new_claim_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`kind` text NOT NULL,
	`merged_claim_id` integer,
	`base_version` integer NOT NULL,
	`document` text,
	`public_note_kind` text,
	`public_note` text,
	`summary` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`proposed_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`review_note` text,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "claim_proposals_kind_check" CHECK(kind in ('publish', 'edit', 'retract', 'unretract', 'restore', 'merge')),
	CONSTRAINT "claim_proposals_status_check" CHECK(status in ('pending', 'approved', 'returned', 'withdrawn'))
);
--> statement-breakpoint
INSERT INTO `__new_claim_proposals`("id", "claim_id", "kind", "merged_claim_id", "base_version", "document", "public_note_kind", "public_note", "summary", "status", "proposed_by", "created_at", "reviewed_by", "reviewed_at", "review_note") SELECT "id", "claim_id", "kind", NULL, "base_version", "document", "public_note_kind", "public_note", "summary", "status", "proposed_by", "created_at", "reviewed_by", "reviewed_at", "review_note" FROM `claim_proposals`;--> statement-breakpoint
DROP TABLE `claim_proposals`;--> statement-breakpoint
ALTER TABLE `__new_claim_proposals` RENAME TO `claim_proposals`;--> statement-breakpoint
CREATE INDEX `claim_proposals_claim` ON `claim_proposals` (`claim_id`,`status`);--> statement-breakpoint
CREATE INDEX `claim_proposals_pending` ON `claim_proposals` (`created_at`) WHERE status = 'pending';