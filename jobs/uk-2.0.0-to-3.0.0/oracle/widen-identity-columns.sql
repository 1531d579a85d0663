-- OB registrations store software statements (several KB) as service-provider properties, and API Manager keeps the
-- registration request. 4000 is Oracle's limit without extended string sizes. A column already that wide is left alone,
-- so this runs any number of times.
BEGIN
  FOR c IN (SELECT TABLE_NAME, COLUMN_NAME FROM USER_TAB_COLUMNS
            WHERE (TABLE_NAME = 'SP_METADATA' AND COLUMN_NAME = 'VALUE'
                   OR TABLE_NAME = 'AM_APPLICATION_REGISTRATION' AND COLUMN_NAME = 'INPUTS')
              AND CHAR_LENGTH < 4000) LOOP
    EXECUTE IMMEDIATE 'ALTER TABLE ' || c.TABLE_NAME || ' MODIFY ' || c.COLUMN_NAME || ' VARCHAR2(4000)';
  END LOOP;
END;
/
