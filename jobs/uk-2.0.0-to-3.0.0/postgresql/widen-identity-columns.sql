-- OB registrations store software statements (several KB) as service-provider properties, and API Manager keeps the
-- registration request. Setting a column to the size it already has changes nothing, so this runs any number of times.
ALTER TABLE SP_METADATA ALTER COLUMN VALUE TYPE VARCHAR(4096);
ALTER TABLE AM_APPLICATION_REGISTRATION ALTER COLUMN INPUTS TYPE VARCHAR(7500);
