/**
 * Tenants, users and their memberships (a role per tenant): where the app's principals come from.
 * Authorization decisions themselves are the library's access policy's.
 */
package dev.opsruns.example.tenancy;
