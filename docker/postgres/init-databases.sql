-- Runs once, when the postgres container starts on an empty data volume: one database and one
-- user per service (database-per-service), each user owning only its own database.
CREATE USER orders PASSWORD 'orders';
CREATE DATABASE orders OWNER orders;

CREATE USER inventory PASSWORD 'inventory';
CREATE DATABASE inventory OWNER inventory;

CREATE USER payments PASSWORD 'payments';
CREATE DATABASE payments OWNER payments;

CREATE USER notifications PASSWORD 'notifications';
CREATE DATABASE notifications OWNER notifications;
