-- Who was served, per person, year and clinic, at four levels (db/schema/reports.ts): one bit per day served.
CREATE TABLE `report_reach` (
	`clinic_id` text NOT NULL,
	`type_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`year` integer NOT NULL,
	`beneficiary_id` text NOT NULL,
	`m1` integer DEFAULT 0 NOT NULL,
	`m2` integer DEFAULT 0 NOT NULL,
	`m3` integer DEFAULT 0 NOT NULL,
	`m4` integer DEFAULT 0 NOT NULL,
	`m5` integer DEFAULT 0 NOT NULL,
	`m6` integer DEFAULT 0 NOT NULL,
	`m7` integer DEFAULT 0 NOT NULL,
	`m8` integer DEFAULT 0 NOT NULL,
	`m9` integer DEFAULT 0 NOT NULL,
	`m10` integer DEFAULT 0 NOT NULL,
	`m11` integer DEFAULT 0 NOT NULL,
	`m12` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`clinic_id`, `type_id`, `staff_id`, `year`, `beneficiary_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `report_served_person` ON `report_served` (`beneficiary_id`,`day`,`clinic_id`,`type_id`,`staff_id`) WHERE n > 0;--> statement-breakpoint
-- report_served rows are never deleted (a row at zero stays): a day's bit follows its rows crossing zero.
CREATE TRIGGER report_reach_insert AFTER INSERT ON report_served
WHEN NEW.n > 0
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 1 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 2 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 3 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 4 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 5 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 6 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 7 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 8 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 9 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 10 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 11 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 12 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET
    m1 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 1 THEN (m1 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m1 ELSE m1 END,
    m2 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 2 THEN (m2 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m2 ELSE m2 END,
    m3 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 3 THEN (m3 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m3 ELSE m3 END,
    m4 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 4 THEN (m4 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m4 ELSE m4 END,
    m5 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 5 THEN (m5 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m5 ELSE m5 END,
    m6 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 6 THEN (m6 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m6 ELSE m6 END,
    m7 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 7 THEN (m7 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m7 ELSE m7 END,
    m8 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 8 THEN (m8 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m8 ELSE m8 END,
    m9 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 9 THEN (m9 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m9 ELSE m9 END,
    m10 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 10 THEN (m10 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m10 ELSE m10 END,
    m11 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 11 THEN (m11 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m11 ELSE m11 END,
    m12 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 12 THEN (m12 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m12 ELSE m12 END;
END;
--> statement-breakpoint
CREATE TRIGGER report_reach_update AFTER UPDATE OF n ON report_served
WHEN (OLD.n > 0) <> (NEW.n > 0)
BEGIN
  INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
  SELECT NEW.clinic_id, l.type_id, l.staff_id, CAST(substr(NEW.day, 1, 4) AS INTEGER), NEW.beneficiary_id,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 1 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 2 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 3 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 4 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 5 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 6 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 7 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 8 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 9 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 10 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 11 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END,
    CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 12 AND (NEW.n > 0 OR EXISTS (SELECT 1 FROM report_served r WHERE r.beneficiary_id = NEW.beneficiary_id AND r.day = NEW.day AND r.clinic_id = NEW.clinic_id AND r.n > 0 AND (l.type_id = '' OR r.type_id = l.type_id) AND (l.staff_id = '' OR r.staff_id = l.staff_id))) THEN (1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1)) ELSE 0 END
  FROM (SELECT NEW.type_id AS type_id, NEW.staff_id AS staff_id UNION ALL SELECT NEW.type_id, '' UNION ALL SELECT '', NEW.staff_id UNION ALL SELECT '', '') l
  WHERE true
  ON CONFLICT (clinic_id, type_id, staff_id, year, beneficiary_id) DO UPDATE SET
    m1 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 1 THEN (m1 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m1 ELSE m1 END,
    m2 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 2 THEN (m2 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m2 ELSE m2 END,
    m3 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 3 THEN (m3 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m3 ELSE m3 END,
    m4 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 4 THEN (m4 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m4 ELSE m4 END,
    m5 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 5 THEN (m5 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m5 ELSE m5 END,
    m6 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 6 THEN (m6 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m6 ELSE m6 END,
    m7 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 7 THEN (m7 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m7 ELSE m7 END,
    m8 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 8 THEN (m8 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m8 ELSE m8 END,
    m9 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 9 THEN (m9 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m9 ELSE m9 END,
    m10 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 10 THEN (m10 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m10 ELSE m10 END,
    m11 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 11 THEN (m11 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m11 ELSE m11 END,
    m12 = CASE WHEN CAST(substr(NEW.day, 6, 2) AS INTEGER) = 12 THEN (m12 & ~(1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1))) | excluded.m12 ELSE m12 END;
END;
--> statement-breakpoint
-- What was there before this migration.
INSERT INTO report_reach (clinic_id, type_id, staff_id, year, beneficiary_id, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
SELECT clinic_id, type_id, staff_id, year, beneficiary_id, coalesce(sum(CASE WHEN month = 1 THEN days END), 0), coalesce(sum(CASE WHEN month = 2 THEN days END), 0), coalesce(sum(CASE WHEN month = 3 THEN days END), 0), coalesce(sum(CASE WHEN month = 4 THEN days END), 0), coalesce(sum(CASE WHEN month = 5 THEN days END), 0), coalesce(sum(CASE WHEN month = 6 THEN days END), 0), coalesce(sum(CASE WHEN month = 7 THEN days END), 0), coalesce(sum(CASE WHEN month = 8 THEN days END), 0), coalesce(sum(CASE WHEN month = 9 THEN days END), 0), coalesce(sum(CASE WHEN month = 10 THEN days END), 0), coalesce(sum(CASE WHEN month = 11 THEN days END), 0), coalesce(sum(CASE WHEN month = 12 THEN days END), 0)
FROM (
  SELECT clinic_id, type_id, staff_id, CAST(substr(day, 1, 4) AS INTEGER) AS year, CAST(substr(day, 6, 2) AS INTEGER) AS month, beneficiary_id,
    sum(DISTINCT 1 << (CAST(substr(day, 9, 2) AS INTEGER) - 1)) AS days
  FROM (
    SELECT day, clinic_id, type_id, staff_id, beneficiary_id FROM report_served WHERE n > 0
    UNION ALL SELECT day, clinic_id, type_id, '', beneficiary_id FROM report_served WHERE n > 0
    UNION ALL SELECT day, clinic_id, '', staff_id, beneficiary_id FROM report_served WHERE n > 0
    UNION ALL SELECT day, clinic_id, '', '', beneficiary_id FROM report_served WHERE n > 0
  )
  GROUP BY 1, 2, 3, 4, 5, 6
)
GROUP BY 1, 2, 3, 4, 5;
