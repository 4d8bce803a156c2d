-- Bearer tokens are kept only as their SHA-256 (hex): a copy of the table no longer signs anyone in.
-- Tokens of an existing database keep working; they are hashed here and the clear column dropped.
ALTER TABLE users ADD COLUMN api_token_sha256 varchar(64);
UPDATE users SET api_token_sha256 = encode(sha256(convert_to(api_token, 'UTF8')), 'hex');
ALTER TABLE users DROP COLUMN api_token;
ALTER TABLE users ADD CONSTRAINT users_api_token_sha256_key UNIQUE (api_token_sha256);
