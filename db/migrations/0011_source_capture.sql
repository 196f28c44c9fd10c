CREATE TABLE `capture_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`reason` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT (unixepoch()) NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "capture_jobs_reason_check" CHECK(reason in ('saved', 'manual', 'check')),
	CONSTRAINT "capture_jobs_state_check" CHECK(state in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `capture_jobs_one_open` ON `capture_jobs` (`source_id`) WHERE state in ('queued', 'running');--> statement-breakpoint
CREATE INDEX `capture_jobs_due` ON `capture_jobs` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `capture_jobs_source` ON `capture_jobs` (`source_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `quote_checks` (
	`citation_id` integer PRIMARY KEY NOT NULL,
	`capture_id` integer NOT NULL,
	`result` text NOT NULL,
	`score` real NOT NULL,
	`matched_text` text,
	`checked_at` text NOT NULL,
	FOREIGN KEY (`citation_id`) REFERENCES `citations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`capture_id`) REFERENCES `source_captures`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "quote_checks_result_check" CHECK(result in ('found', 'near', 'not_found'))
);
--> statement-breakpoint
CREATE INDEX `quote_checks_capture` ON `quote_checks` (`capture_id`);--> statement-breakpoint
CREATE TABLE `source_captures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`requested_url` text NOT NULL,
	`final_url` text,
	`http_status` integer,
	`content_type` text,
	`fetched_at` text NOT NULL,
	`sha256` text,
	`byte_length` integer,
	`warc_path` text,
	`warc_offset` integer,
	`warc_length` integer,
	`title` text,
	`text` text,
	`archive_url` text,
	`outcome` text NOT NULL,
	`error` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "source_captures_outcome_check" CHECK(outcome in ('ok', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `source_captures_source` ON `source_captures` (`source_id`,`fetched_at`);--> statement-breakpoint
CREATE TABLE `source_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`checked_at` text NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`location` text,
	`sha256` text,
	`etag` text,
	`last_modified` text,
	`error` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "source_checks_outcome_check" CHECK(outcome in ('ok', 'moved', 'gone', 'unreachable', 'changed'))
);
--> statement-breakpoint
CREATE INDEX `source_checks_source` ON `source_checks` (`source_id`,`checked_at`);--> statement-breakpoint
-- What readers see of these tables (a capture, a quote found in it, when the original was last seen)
-- moves the content generation like every other content table (0010), so no cached page outlives it.
-- The queue (capture_jobs) is editor-only and does not.
CREATE TRIGGER `source_captures_content_generation_ai` AFTER INSERT ON `source_captures` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `source_captures_content_generation_au` AFTER UPDATE ON `source_captures` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `source_captures_content_generation_ad` AFTER DELETE ON `source_captures` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `quote_checks_content_generation_ai` AFTER INSERT ON `quote_checks` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `quote_checks_content_generation_au` AFTER UPDATE ON `quote_checks` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `quote_checks_content_generation_ad` AFTER DELETE ON `quote_checks` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `source_checks_content_generation_ai` AFTER INSERT ON `source_checks` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `source_checks_content_generation_au` AFTER UPDATE ON `source_checks` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `source_checks_content_generation_ad` AFTER DELETE ON `source_checks` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
