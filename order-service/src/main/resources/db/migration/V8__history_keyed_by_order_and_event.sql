-- A history entry is one event of one order: (order_id, event_id), unique since V3, is its key.
-- The bigserial id beside it cost a sequence call and an index entry per entry, and only broke
-- ties between entries of the same instant, which the event id breaks as well.
alter table order_history drop column id;
alter table order_history add constraint order_history_pkey primary key using index order_history_by_order;
