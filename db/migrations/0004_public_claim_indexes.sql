DROP INDEX `claims_status_date`;--> statement-breakpoint
DROP INDEX `claims_speaker`;--> statement-breakpoint
DROP INDEX `claims_verdict`;--> statement-breakpoint
CREATE INDEX `claims_speaker_date` ON `claims` (`speaker_id`,`claimed_on`);--> statement-breakpoint
CREATE INDEX `claims_verdict_date` ON `claims` (`verdict_id`,`claimed_on`);--> statement-breakpoint
CREATE INDEX `claims_drafts` ON `claims` (`updated_at`) WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX `claims_public_claimed_on` ON `claims` (`claimed_on`) WHERE status in ('published', 'retracted');--> statement-breakpoint
CREATE INDEX `claims_public_published` ON `claims` (`published_at`,`claimed_on`) WHERE status in ('published', 'retracted');--> statement-breakpoint
CREATE INDEX `claims_public_updated` ON `claims` (`updated_at`) WHERE status in ('published', 'retracted');