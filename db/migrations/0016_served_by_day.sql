DROP INDEX `report_served_person`;--> statement-breakpoint
CREATE INDEX `report_served_day_person` ON `report_served` (`day`,`clinic_id`,`beneficiary_id`,`type_id`,`staff_id`) WHERE n > 0;