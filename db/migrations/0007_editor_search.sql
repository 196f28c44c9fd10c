ALTER TABLE `cases` ADD `docket_url` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `url_key` text;--> statement-breakpoint
CREATE INDEX `sources_url_key` ON `sources` (`url_key`);
--> statement-breakpoint
-- Editor search (ADR 0007): one FTS5 index per kind over the editor's own tables, drafts included,
-- kept in step by triggers so every writer (editor, import, merge) updates it in the same transaction.
CREATE VIRTUAL TABLE `claims_fts` USING fts5(statement, venue, medium, verdict_explanation, content='claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `claims_fts_insert` AFTER INSERT ON `claims` BEGIN
  INSERT INTO claims_fts(rowid, statement, venue, medium, verdict_explanation) VALUES (new.id, new.statement, new.venue, new.medium, new.verdict_explanation);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_delete` AFTER DELETE ON `claims` BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, statement, venue, medium, verdict_explanation) VALUES ('delete', old.id, old.statement, old.venue, old.medium, old.verdict_explanation);
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_update` AFTER UPDATE OF statement, venue, medium, verdict_explanation ON `claims` BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, statement, venue, medium, verdict_explanation) VALUES ('delete', old.id, old.statement, old.venue, old.medium, old.verdict_explanation);
  INSERT INTO claims_fts(rowid, statement, venue, medium, verdict_explanation) VALUES (new.id, new.statement, new.venue, new.medium, new.verdict_explanation);
END;
--> statement-breakpoint
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `sources_fts` USING fts5(title, authors, url, content='sources', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `sources_fts_insert` AFTER INSERT ON `sources` BEGIN
  INSERT INTO sources_fts(rowid, title, authors, url) VALUES (new.id, new.title, new.authors, new.url);
END;
--> statement-breakpoint
CREATE TRIGGER `sources_fts_delete` AFTER DELETE ON `sources` BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, authors, url) VALUES ('delete', old.id, old.title, old.authors, old.url);
END;
--> statement-breakpoint
CREATE TRIGGER `sources_fts_update` AFTER UPDATE OF title, authors, url ON `sources` BEGIN
  INSERT INTO sources_fts(sources_fts, rowid, title, authors, url) VALUES ('delete', old.id, old.title, old.authors, old.url);
  INSERT INTO sources_fts(rowid, title, authors, url) VALUES (new.id, new.title, new.authors, new.url);
END;
--> statement-breakpoint
INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `entities_fts` USING fts5(name, role, content='entities', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `entities_fts_insert` AFTER INSERT ON `entities` BEGIN
  INSERT INTO entities_fts(rowid, name, role) VALUES (new.id, new.name, new.role);
END;
--> statement-breakpoint
CREATE TRIGGER `entities_fts_delete` AFTER DELETE ON `entities` BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, name, role) VALUES ('delete', old.id, old.name, old.role);
END;
--> statement-breakpoint
CREATE TRIGGER `entities_fts_update` AFTER UPDATE OF name, role ON `entities` BEGIN
  INSERT INTO entities_fts(entities_fts, rowid, name, role) VALUES ('delete', old.id, old.name, old.role);
  INSERT INTO entities_fts(rowid, name, role) VALUES (new.id, new.name, new.role);
END;
--> statement-breakpoint
INSERT INTO entities_fts(entities_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `cases_fts` USING fts5(caption, court, case_number, judge, content='cases', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `cases_fts_insert` AFTER INSERT ON `cases` BEGIN
  INSERT INTO cases_fts(rowid, caption, court, case_number, judge) VALUES (new.id, new.caption, new.court, new.case_number, new.judge);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_delete` AFTER DELETE ON `cases` BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, caption, court, case_number, judge) VALUES ('delete', old.id, old.caption, old.court, old.case_number, old.judge);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_update` AFTER UPDATE OF caption, court, case_number, judge ON `cases` BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, caption, court, case_number, judge) VALUES ('delete', old.id, old.caption, old.court, old.case_number, old.judge);
  INSERT INTO cases_fts(rowid, caption, court, case_number, judge) VALUES (new.id, new.caption, new.court, new.case_number, new.judge);
END;
--> statement-breakpoint
INSERT INTO cases_fts(cases_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `topics_fts` USING fts5(name, description, content='topics', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER `topics_fts_insert` AFTER INSERT ON `topics` BEGIN
  INSERT INTO topics_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
--> statement-breakpoint
CREATE TRIGGER `topics_fts_delete` AFTER DELETE ON `topics` BEGIN
  INSERT INTO topics_fts(topics_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
END;
--> statement-breakpoint
CREATE TRIGGER `topics_fts_update` AFTER UPDATE OF name, description ON `topics` BEGIN
  INSERT INTO topics_fts(topics_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
  INSERT INTO topics_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
--> statement-breakpoint
INSERT INTO topics_fts(topics_fts) VALUES ('rebuild');
