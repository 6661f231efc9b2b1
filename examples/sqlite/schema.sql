-- A complete two-factor login schema for SQLite, built on the totp loadable extension: the
-- same tables and behaviour as examples/postgresql/schema.sql. SQLite has no stored
-- functions, so each flow is one file here, its statements to run from your application
-- with named parameters (examples/README.md):
--
--   enrol_begin.sql          :user_id                   -> uri, qr_svg (only while 2FA is off)
--   enrol_confirm.sql        :user_id, :code, :now      -> confirmed (no row: refused)
--   login.sql                :user_id, :code, :now      -> accepted 1 or 0 (no row: 2FA off)
--   login_backup_code.sql    :user_id, :code, :now      -> accepted, codes_left
--   issue_backup_codes.sql   :user_id, :count           -> the codes to show once
--   rebind_begin.sql         :user_id                   -> uri, qr_svg (only while 2FA is on)
--   disable.sql              :user_id, :code, :now      -> disabled 1 or 0
--   second_factor_required.sql :user_id                -> 'verify', 'enrol' or 'none'
--
-- :now is the current Unix time in seconds: bind it from your clock (or write unixepoch()
-- in its place). Pass it rather than leaving the time out: the functions' clock-reading
-- forms read the clock at each call, and two calls a step boundary apart could disagree.
--
-- Every connection loads the extension and a keyring, as secrets are stored sealed:
--   sqlite3 app.db -cmd '.load ./sqlite/totp' -cmd '.timeout 5000'   with TOTP_KEYRING set,
--   or SELECT totp_keyring('/path/to/keyring'); on the connection.
--
--   sqlite3 app.db -cmd '.load ./sqlite/totp' < examples/sqlite/schema.sql

-- Your users. The columns below `email` are what 2FA needs; add them to your own table.
CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  email                TEXT NOT NULL UNIQUE,  -- the account name shown in the authenticator
  totp_secret          TEXT,     -- sealed secret; NULL while 2FA is off
  totp_pending_secret  TEXT,     -- sealed secret waiting for its first code
  totp_last_step       INTEGER,  -- replay guard: last accepted time step
  backup_codes         TEXT,     -- hashed backup codes; NULL until issued
  totp_failed_attempts INTEGER NOT NULL DEFAULT 0,  -- failed second-factor attempts in a row
  totp_locked_until    INTEGER   -- Unix time; no second factor is accepted before it
);

-- One row of settings. Turn 2FA on for everyone with
--   UPDATE second_factor_settings SET required_for_all = 1;
CREATE TABLE second_factor_settings (
  singleton           INTEGER PRIMARY KEY CHECK (singleton = 1) DEFAULT 1,
  issuer              TEXT NOT NULL DEFAULT 'ACME' CHECK (instr(issuer, ':') = 0),  -- shown in the app
  required_for_all    INTEGER NOT NULL DEFAULT 0 CHECK (required_for_all IN (0, 1)),  -- rollout switch
  max_failed_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_failed_attempts > 0),
  lockout_seconds     INTEGER NOT NULL DEFAULT 900 CHECK (lockout_seconds > 0)
);
INSERT INTO second_factor_settings DEFAULT VALUES;

-- Accounts that need no second factor even when required_for_all is on (service accounts,
-- users you have not reached yet). An exempt user who enrols anyway must still pass it.
CREATE TABLE second_factor_exempt (
  user_id  INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  reason   TEXT NOT NULL,
  added_at INTEGER NOT NULL DEFAULT (unixepoch())
);
