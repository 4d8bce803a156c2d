/** A host application's use of opsruns. */
package org.example.host;
