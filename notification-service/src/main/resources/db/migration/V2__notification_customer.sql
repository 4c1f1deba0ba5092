-- Whose order a notification is about, so that a customer reads only their own. Rows recorded
-- before this column stay null: only staff and clients acting for customers see them.
alter table notification add column customer_id varchar(64);
