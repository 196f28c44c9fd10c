CREATE TABLE `case_defendants` (
	`case_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	`note` text,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`case_id`, `entity_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `case_defendants_entity` ON `case_defendants` (`entity_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`description` text NOT NULL,
	`source_id` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `case_sources` (
	`case_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`case_id`, `source_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `case_sources_source` ON `case_sources` (`source_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`caption` text NOT NULL,
	`court` text NOT NULL,
	`case_number` text,
	`jurisdiction` text,
	`judge` text,
	`filed_on` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`document_url` text,
	`summary` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_slug_unique` ON `cases` (`slug`);--> statement-breakpoint
CREATE TABLE `charges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`count` text,
	`statute` text,
	`description` text NOT NULL,
	`disposition` text,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `charges_case` ON `charges` (`case_id`,`position`);--> statement-breakpoint
CREATE TABLE `citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`role` text NOT NULL,
	`quote` text,
	`locator` text,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "citations_role_check" CHECK(role in ('made_in', 'reports', 'evidence_for', 'evidence_against', 'context'))
);
--> statement-breakpoint
CREATE INDEX `citations_claim` ON `citations` (`claim_id`,`position`);--> statement-breakpoint
CREATE INDEX `citations_source` ON `citations` (`source_id`);--> statement-breakpoint
CREATE TABLE `claim_cases` (
	`claim_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`role` text NOT NULL,
	`note` text,
	PRIMARY KEY(`claim_id`, `case_id`, `role`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "claim_cases_role_check" CHECK(role in ('cites', 'basis_of', 'about'))
);
--> statement-breakpoint
CREATE INDEX `claim_cases_case` ON `claim_cases` (`case_id`);--> statement-breakpoint
CREATE TABLE `claim_relations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_claim_id` integer NOT NULL,
	`to_claim_id` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	FOREIGN KEY (`from_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "claim_relations_kind_check" CHECK(kind in ('rebuts', 'disputes', 'supports', 'responds_to', 'cites', 'supersedes')),
	CONSTRAINT "claim_relations_not_self" CHECK(from_claim_id <> to_claim_id)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_relations_unique` ON `claim_relations` (`from_claim_id`,`to_claim_id`,`kind`);--> statement-breakpoint
CREATE INDEX `claim_relations_to` ON `claim_relations` (`to_claim_id`);--> statement-breakpoint
CREATE TABLE `claim_subjects` (
	`claim_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	PRIMARY KEY(`claim_id`, `entity_id`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claim_subjects_entity` ON `claim_subjects` (`entity_id`);--> statement-breakpoint
CREATE TABLE `claim_topics` (
	`claim_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`claim_id`, `topic_id`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claim_topics_topic` ON `claim_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`statement` text NOT NULL,
	`speaker_id` integer,
	`claimed_on` text,
	`venue` text,
	`medium` text,
	`verdict_id` text,
	`verdict_explanation` text DEFAULT '' NOT NULL,
	`analysis` text DEFAULT '' NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`retracted_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`speaker_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`verdict_id`) REFERENCES `verdicts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "claims_status_check" CHECK(status in ('draft', 'published', 'retracted')),
	CONSTRAINT "claims_claimed_on_check" CHECK(claimed_on is null or claimed_on glob '[0-9][0-9][0-9][0-9]' or claimed_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]' or claimed_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_slug_unique` ON `claims` (`slug`);--> statement-breakpoint
CREATE INDEX `claims_status_date` ON `claims` (`status`,`claimed_on`);--> statement-breakpoint
CREATE INDEX `claims_speaker` ON `claims` (`speaker_id`);--> statement-breakpoint
CREATE INDEX `claims_verdict` ON `claims` (`verdict_id`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`affiliation_id` integer,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`affiliation_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "entities_kind_check" CHECK(kind in ('person', 'organisation'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entities_slug_unique` ON `entities` (`slug`);--> statement-breakpoint
CREATE INDEX `entities_kind_name` ON `entities` (`kind`,`name`);--> statement-breakpoint
CREATE TABLE `site_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`kind` text DEFAULT 'news_report' NOT NULL,
	`publisher_id` integer,
	`authors` text DEFAULT '[]' NOT NULL,
	`url` text,
	`published_on` text,
	`accessed_on` text,
	`archive_url` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`publisher_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "sources_kind_check" CHECK(kind in ('news_report', 'interview', 'official_statement', 'press_release', 'court_filing', 'government_document', 'analysis', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_slug_unique` ON `sources` (`slug`);--> statement-breakpoint
CREATE INDEX `sources_publisher` ON `sources` (`publisher_id`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_slug_unique` ON `topics` (`slug`);--> statement-breakpoint
CREATE TABLE `verdicts` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`meaning` text NOT NULL,
	`rating` integer NOT NULL
);
