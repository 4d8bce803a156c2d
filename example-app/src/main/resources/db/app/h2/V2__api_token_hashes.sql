-- The same as ../postgresql/V2 with H2's functions: bearer tokens are kept only as their SHA-256 (hex).
ALTER TABLE users ADD COLUMN api_token_sha256 varchar(64);
UPDATE users SET api_token_sha256 = LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(api_token))));
ALTER TABLE users DROP COLUMN api_token;
ALTER TABLE users ADD CONSTRAINT users_api_token_sha256_key UNIQUE (api_token_sha256);
