/** Thread factories shared by the services' pools. */
package io.lega.platform.threads;
