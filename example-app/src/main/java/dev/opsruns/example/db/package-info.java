/** The app's database plumbing: the connection pool and the app's own migrations. */
package dev.opsruns.example.db;
