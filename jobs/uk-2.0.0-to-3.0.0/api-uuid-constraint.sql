-- API Manager 4.0: every API has a unique UUID. Not re-runnable on its own: the plan's guard skips it when the
-- constraint exists.
ALTER TABLE AM_API ADD CONSTRAINT API_UUID_CONSTRAINT UNIQUE (API_UUID);
