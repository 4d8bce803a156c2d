/**
 * The opsruns reference app: a multi-tenant device-management admin back end whose two producers
 * ({@code drift.generate}, {@code backup_set.add_policies}) record their runs in the opsruns ledger.
 * {@link dev.opsruns.example.ExampleApp} is the command-line entry point;
 * {@link dev.opsruns.example.ExampleAppServer} starts the same app in-process (tests use it on a random
 * port); {@link dev.opsruns.example.AppConfig} holds the settings read from environment variables.
 */
package dev.opsruns.example;
