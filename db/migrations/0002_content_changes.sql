CREATE TABLE `content_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`data_version` integer NOT NULL,
	`ref` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `content_changes_version` ON `content_changes` (`data_version`);