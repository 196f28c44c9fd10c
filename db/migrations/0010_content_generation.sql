-- The content generation: a counter every change to what readers can see moves, whoever makes it
-- (a request in any server process, a merge, an import, a script, a hand-typed UPDATE). The
-- rendered-page cache keys on it (app/http/page-cache.server.ts), so no code path can forget to
-- invalidate: the database itself says when a cached page may be out of date. FOR EACH ROW is
-- all SQLite offers; one small UPDATE per written row is cheap inside the writer's transaction.
-- Editors' names appear in bylines, so renaming one counts too (nothing else about accounts does);
-- so do review decisions, which say on the page whether a claim was independently reviewed.
INSERT OR IGNORE INTO `site_meta` (`key`, `value`) VALUES ('content_generation', '0');
--> statement-breakpoint
CREATE TRIGGER `verdicts_content_generation_ai` AFTER INSERT ON `verdicts` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `verdicts_content_generation_au` AFTER UPDATE ON `verdicts` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `verdicts_content_generation_ad` AFTER DELETE ON `verdicts` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `entities_content_generation_ai` AFTER INSERT ON `entities` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `entities_content_generation_au` AFTER UPDATE ON `entities` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `entities_content_generation_ad` AFTER DELETE ON `entities` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `topics_content_generation_ai` AFTER INSERT ON `topics` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `topics_content_generation_au` AFTER UPDATE ON `topics` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `topics_content_generation_ad` AFTER DELETE ON `topics` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claims_content_generation_ai` AFTER INSERT ON `claims` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claims_content_generation_au` AFTER UPDATE ON `claims` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claims_content_generation_ad` AFTER DELETE ON `claims` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_topics_content_generation_ai` AFTER INSERT ON `claim_topics` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_topics_content_generation_au` AFTER UPDATE ON `claim_topics` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_topics_content_generation_ad` AFTER DELETE ON `claim_topics` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_subjects_content_generation_ai` AFTER INSERT ON `claim_subjects` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_subjects_content_generation_au` AFTER UPDATE ON `claim_subjects` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_subjects_content_generation_ad` AFTER DELETE ON `claim_subjects` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_relations_content_generation_ai` AFTER INSERT ON `claim_relations` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_relations_content_generation_au` AFTER UPDATE ON `claim_relations` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_relations_content_generation_ad` AFTER DELETE ON `claim_relations` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `sources_content_generation_ai` AFTER INSERT ON `sources` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `sources_content_generation_au` AFTER UPDATE ON `sources` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `sources_content_generation_ad` AFTER DELETE ON `sources` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `citations_content_generation_ai` AFTER INSERT ON `citations` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `citations_content_generation_au` AFTER UPDATE ON `citations` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `citations_content_generation_ad` AFTER DELETE ON `citations` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `cases_content_generation_ai` AFTER INSERT ON `cases` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `cases_content_generation_au` AFTER UPDATE ON `cases` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `cases_content_generation_ad` AFTER DELETE ON `cases` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `charges_content_generation_ai` AFTER INSERT ON `charges` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `charges_content_generation_au` AFTER UPDATE ON `charges` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `charges_content_generation_ad` AFTER DELETE ON `charges` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_defendants_content_generation_ai` AFTER INSERT ON `case_defendants` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_defendants_content_generation_au` AFTER UPDATE ON `case_defendants` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_defendants_content_generation_ad` AFTER DELETE ON `case_defendants` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_events_content_generation_ai` AFTER INSERT ON `case_events` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_events_content_generation_au` AFTER UPDATE ON `case_events` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_events_content_generation_ad` AFTER DELETE ON `case_events` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_sources_content_generation_ai` AFTER INSERT ON `case_sources` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_sources_content_generation_au` AFTER UPDATE ON `case_sources` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `case_sources_content_generation_ad` AFTER DELETE ON `case_sources` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_cases_content_generation_ai` AFTER INSERT ON `claim_cases` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_cases_content_generation_au` AFTER UPDATE ON `claim_cases` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_cases_content_generation_ad` AFTER DELETE ON `claim_cases` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `slug_redirects_content_generation_ai` AFTER INSERT ON `slug_redirects` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `slug_redirects_content_generation_au` AFTER UPDATE ON `slug_redirects` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `slug_redirects_content_generation_ad` AFTER DELETE ON `slug_redirects` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `removed_entries_content_generation_ai` AFTER INSERT ON `removed_entries` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `removed_entries_content_generation_au` AFTER UPDATE ON `removed_entries` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `removed_entries_content_generation_ad` AFTER DELETE ON `removed_entries` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_corrections_content_generation_ai` AFTER INSERT ON `claim_corrections` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_corrections_content_generation_au` AFTER UPDATE ON `claim_corrections` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_corrections_content_generation_ad` AFTER DELETE ON `claim_corrections` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `revisions_content_generation_ai` AFTER INSERT ON `revisions` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `revisions_content_generation_au` AFTER UPDATE ON `revisions` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `revisions_content_generation_ad` AFTER DELETE ON `revisions` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `users_content_generation_au` AFTER UPDATE OF `name` ON `users` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_proposals_content_generation_ai` AFTER INSERT ON `claim_proposals` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_proposals_content_generation_au` AFTER UPDATE ON `claim_proposals` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
--> statement-breakpoint
CREATE TRIGGER `claim_proposals_content_generation_ad` AFTER DELETE ON `claim_proposals` BEGIN UPDATE `site_meta` SET `value` = CAST(`value` AS INTEGER) + 1 WHERE `key` = 'content_generation'; END;
