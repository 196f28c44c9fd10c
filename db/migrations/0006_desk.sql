CREATE TABLE `claim_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`kind` text NOT NULL,
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
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "claim_proposals_kind_check" CHECK(kind in ('publish', 'edit', 'retract', 'unretract', 'restore')),
	CONSTRAINT "claim_proposals_status_check" CHECK(status in ('pending', 'approved', 'returned', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `claim_proposals_claim` ON `claim_proposals` (`claim_id`,`status`);--> statement-breakpoint
CREATE INDEX `claim_proposals_pending` ON `claim_proposals` (`created_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `rate_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_events_bucket_key` ON `rate_events` (`bucket`,`key`,`at`);--> statement-breakpoint
CREATE TABLE `tips` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`statement` text NOT NULL,
	`speaker` text,
	`seen_at` text,
	`email` text,
	`claim_id` integer,
	`status` text DEFAULT 'new' NOT NULL,
	`result_claim_id` integer,
	`resolution_note` text,
	`handled_by` integer,
	`handled_at` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`result_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "tips_kind_check" CHECK(kind in ('claim', 'correction')),
	CONSTRAINT "tips_status_check" CHECK(status in ('new', 'converted', 'already_checked', 'declined'))
);
--> statement-breakpoint
CREATE INDEX `tips_status` ON `tips` (`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `claims` ADD `statement_kind` text DEFAULT 'quote' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `desk_state` text DEFAULT 'in_research' NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `declined_reason` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `assignee_id` integer REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `claims` ADD `due_on` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `author_id` integer REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `claims` ADD `reviewer_id` integer REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `claims` ADD `reviewed_at` integer;--> statement-breakpoint
CREATE INDEX `claims_desk` ON `claims` (`desk_state`,`assignee_id`);--> statement-breakpoint
CREATE INDEX `claims_due` ON `claims` (`due_on`) WHERE due_on is not null;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `ordinal` integer;;--> statement-breakpoint
-- Claims already public are published on the desk; drafts are in research.
UPDATE `claims` SET `desk_state` = 'published' WHERE `status` IN ('published', 'retracted');--> statement-breakpoint
-- The verdict scale: ClaimReview ranks only what the evidence can order (false ... accurate);
-- "not yet checked" and the new "not rateable" (opinions, predictions) come after it, unranked.
UPDATE `verdicts` SET `ordinal` = 1, `rating` = 1 WHERE `id` = 'false';--> statement-breakpoint
UPDATE `verdicts` SET `ordinal` = 2, `rating` = 2 WHERE `id` = 'misleading';--> statement-breakpoint
UPDATE `verdicts` SET `ordinal` = 3, `rating` = 3 WHERE `id` = 'disputed';--> statement-breakpoint
UPDATE `verdicts` SET `ordinal` = 3, `rating` = 4 WHERE `id` = 'unproven';--> statement-breakpoint
UPDATE `verdicts` SET `ordinal` = 4, `rating` = 5 WHERE `id` = 'accurate';--> statement-breakpoint
UPDATE `verdicts` SET `ordinal` = NULL, `rating` = 6 WHERE `id` = 'unverified';--> statement-breakpoint
INSERT INTO `verdicts` (`id`, `label`, `meaning`, `rating`, `ordinal`) VALUES
  ('not-rateable', 'Not rateable', 'An opinion, a prediction or a promise: nothing the evidence could settle.', 7, NULL);
