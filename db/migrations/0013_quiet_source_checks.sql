-- A link check that finds a healthy source healthy again, on the day it was last seen, changes
-- nothing a reader sees ("last seen on DATE" is a day): it no longer moves the content generation,
-- so a round of checks over thousands of healthy sources does not empty every process's page cache
-- once per source. Any other outcome (or a new day) still counts, since it may change the notice
-- on the source page or make a source "dead" after N failures in a row.
DROP TRIGGER IF EXISTS `source_checks_content_generation_ai`;
--> statement-breakpoint
CREATE TRIGGER `source_checks_content_generation_ai` AFTER INSERT ON `source_checks`
WHEN NOT (NEW.`outcome` = 'ok' AND EXISTS (
  SELECT 1 FROM `source_checks` p
  WHERE p.`id` = (SELECT max(q.`id`) FROM `source_checks` q WHERE q.`source_id` = NEW.`source_id` AND q.`id` < NEW.`id`)
    AND p.`outcome` = 'ok' AND substr(p.`checked_at`, 1, 10) = substr(NEW.`checked_at`, 1, 10)))
BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
