/** What the app's producers refuse, independent of HTTP: the web layer maps each kind to a status. */
package dev.opsruns.example.domain;
